import { BadUserInputError } from "./errors";

/** Page sizes of the contract (DOMAIN.md §6): 1–100, default 20. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf: (item: T) => string;
}

export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadUserInputError(`first must be between 1 and ${max}, not ${first}`, [
      { column: "first", reason: `must be between 1 and ${max}` },
    ]);
  }
  return first;
}

/**
 * Cursors are opaque to clients: base64url of the ordering key and what it orders, so
 * a cursor of one connection is refused by another instead of paging wrongly.
 */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(JSON.stringify([kind, key]), "utf8").toString("base64url");
}

export function decodeCursor(kind: string, cursor: string | null | undefined): string | null {
  if (cursor === undefined || cursor === null) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded[0] === kind && typeof decoded[1] === "string") {
      return decoded[1];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError(`after is not a cursor of this list: "${cursor}"`, [
    { column: "after", reason: "not a cursor returned by this connection" },
  ]);
}

/** Turns the `limit + 1` rows of a keyset query into a page. */
export function toPage<T>(rows: T[], size: number, after: string | null, cursorOf: (item: T) => string): Page<T> {
  return {
    items: rows.slice(0, size),
    hasNextPage: rows.length > size,
    hasPreviousPage: after !== null,
    cursorOf,
  };
}
