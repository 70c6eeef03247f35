import { DomainError } from "../services/errors";

/**
 * Telling "the database is not there" apart from every other failure, so that an outage
 * answers with one clear, retryable message instead of a generic internal error, and the
 * log and metrics name it.
 *
 * The contract has no code of its own for this (DOMAIN.md §6 lists seven), so the error
 * goes out as INTERNAL_SERVER_ERROR with `extensions.reason: "DATABASE_UNAVAILABLE"`.
 */
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
export const DATABASE_UNAVAILABLE_MESSAGE = "the database is unavailable; try again shortly";

export class DatabaseUnavailableError extends DomainError {
  readonly code = "INTERNAL_SERVER_ERROR" as const;
  constructor() {
    super(DATABASE_UNAVAILABLE_MESSAGE, "INTERNAL_SERVER_ERROR", { reason: DATABASE_UNAVAILABLE });
  }
}

/**
 * Codes of a connection that could not be opened or was lost: Node's socket errors,
 * mysql2's protocol and pool-cluster errors, and the server's own "going away" errors.
 * Anything else (a constraint, a deadlock, a syntax error, a wrong password) is a
 * different problem and must not be reported as "try again shortly".
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  // mysql2 PoolCluster (replication): every node of the pattern is offline or was removed.
  "POOL_NONEONLINE",
  "POOL_NOEXIST",
  "ER_CON_COUNT_ERROR", // 1040 too many connections
  "ER_SERVER_SHUTDOWN", // 1053
  "ER_CONNECTION_KILLED", // 1927 (MariaDB, sent to clients when the server shuts down)
  "CR_CONN_HOST_ERROR", // 2003
  "CR_SERVER_GONE_ERROR", // 2006
  "CR_SERVER_LOST", // 2013
]);
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1927, 2003, 2006, 2013]);
/** mysql2 raises these without a code. */
const UNAVAILABLE_MESSAGES = [/^Can't add new command when connection is in closed state/, /^Can't write in closed state/, /^Pool is closed\./];

/** True when `error` (or the driver error or cause it wraps) means the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const candidate = current as {
      code?: unknown;
      errno?: unknown;
      message?: unknown;
      errors?: unknown;
      driverError?: unknown;
      cause?: unknown;
      originalError?: unknown;
      thrownValue?: unknown;
    };
    if (candidate instanceof DatabaseUnavailableError) return true;
    if (typeof candidate.code === "string" && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.errno === "number" && UNAVAILABLE_ERRNOS.has(candidate.errno)) return true;
    if (typeof candidate.message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
    // A connect() that fails several ways at once (IPv4 and IPv6) is an AggregateError.
    if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    // graphql-js wraps a thrown value that is not `instanceof Error` (one from another realm,
    // as under jest) in NonErrorThrown, keeping it as `thrownValue`.
    current = candidate.driverError ?? candidate.originalError ?? candidate.thrownValue ?? candidate.cause;
  }
  return false;
}

/** The short, safe name of the cause, for logs and the readiness answer (never the SQL). */
export function unavailabilityCause(error: unknown): string {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown }; thrownValue?: { code?: unknown }; message?: unknown } | undefined;
  const code = candidate?.driverError?.code ?? candidate?.thrownValue?.code ?? candidate?.code;
  if (typeof code === "string") return code;
  return typeof candidate?.message === "string" ? candidate.message.slice(0, 120) : "unknown";
}
