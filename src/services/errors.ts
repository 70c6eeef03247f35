import { GraphQLError } from "graphql";

/**
 * The codes a client can rely on (DOMAIN.md §6). Every domain error carries one
 * literal code; format-error.ts turns anything else into INTERNAL_SERVER_ERROR.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "PERIOD_CLOSED"
  | "INTERNAL_SERVER_ERROR";

export abstract class DomainError extends GraphQLError {
  abstract readonly code: ErrorCode;

  constructor(message: string, code: ErrorCode, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
  }
}

/** One problem with one field of the input, as an import or a form reports it. */
export interface FieldProblem {
  /** Line of the file (header = 1), when the input came from a file. */
  line?: number;
  column?: string;
  reason: string;
}

export class BadUserInputError extends DomainError {
  readonly code = "BAD_USER_INPUT" as const;
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message, "BAD_USER_INPUT", problems.length > 0 ? { problems } : undefined);
  }
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND" as const;
  constructor(message: string) {
    super(message, "NOT_FOUND");
  }
}

export class ConflictError extends DomainError {
  readonly code = "CONFLICT" as const;
  constructor(message: string) {
    super(message, "CONFLICT");
  }
}

export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN" as const;
  constructor(message = "You may not do this here.") {
    super(message, "FORBIDDEN");
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED" as const;
  constructor(message = "Log in first: send Authorization: Bearer <token>.") {
    super(message, "UNAUTHENTICATED");
  }
}

export class PeriodClosedError extends DomainError {
  readonly code = "PERIOD_CLOSED" as const;
  constructor(periodCode: string) {
    super(`Assessment period ${periodCode} is closed; its figures can no longer change.`, "PERIOD_CLOSED");
  }
}
