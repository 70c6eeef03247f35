import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DatabaseUnavailableError, isDatabaseUnavailable, unavailabilityCause } from "../db/database-errors";
import { log } from "../logger";
import { DomainError, type ErrorCode } from "../services/errors";

/** Codes graphql-js and Apollo produce themselves for a malformed request; they are safe to show. */
const REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * The one place errors become responses. Domain errors keep their code and message;
 * anything unexpected is logged with the request id and reaches the client as
 * INTERNAL_SERVER_ERROR with neither SQL nor stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // A lost or refused database connection: one clear, retryable message (reason DATABASE_UNAVAILABLE).
  if (isDatabaseUnavailable(original)) {
    if (!(original instanceof DatabaseUnavailableError)) log("error", "database unavailable", { cause: unavailabilityCause(original), path: formatted.path });
    const unavailable = new DatabaseUnavailableError();
    return { message: unavailable.message, locations: formatted.locations, path: formatted.path, extensions: { ...unavailable.extensions, code: publicCode(unavailable.code) } };
  }
  if (original instanceof DomainError) {
    return { ...formatted, extensions: { ...original.extensions, code: publicCode(original.code) } };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  const failure = original instanceof Error ? original : new Error(String(original));
  log("error", "unexpected error", { error: failure.message, stack: failure.stack, path: formatted.path });
  return {
    message: "Internal server error; the request id in the logs tells what happened.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: publicCode("INTERNAL_SERVER_ERROR") },
  };
}

/** Exhaustive on purpose: a new ErrorCode must be decided on here before it compiles. */
function publicCode(code: ErrorCode): ErrorCode {
  switch (code) {
    case "BAD_USER_INPUT":
    case "NOT_FOUND":
    case "CONFLICT":
    case "FORBIDDEN":
    case "UNAUTHENTICATED":
    case "PERIOD_CLOSED":
    case "INTERNAL_SERVER_ERROR":
      return code;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unhandled error code ${String(value)}`);
}
