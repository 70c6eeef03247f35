import { BadUserInputError } from "../services/errors";

/**
 * Relay global ids: base64url("Type:localId"). Opaque to clients, resolvable by node(id).
 */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Za-z]+):([1-9]\d{0,9})$/.exec(decoded);
  if (!match || Buffer.from(decoded, "utf8").toString("base64url") !== globalId) return null;
  return { type: match[1], id: Number(match[2]) };
}

/** The local id of a global id of `type`; a malformed or foreign id is bad input. */
export function requireLocalId(globalId: string, type: string, argument: string): number {
  const parsed = fromGlobalId(globalId);
  if (!parsed || parsed.type !== type) {
    throw new BadUserInputError(`${argument} is not the id of a ${type}: "${globalId}"`, [
      { column: argument, reason: `not a ${type} id` },
    ]);
  }
  return parsed.id;
}
