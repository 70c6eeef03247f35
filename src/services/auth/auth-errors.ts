import { DomainError } from "../errors";

/** Too many failed logins: UNAUTHENTICATED, with the seconds to wait so a client can say so. */
export class LoginThrottledError extends DomainError {
  readonly code = "UNAUTHENTICATED" as const;

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed logins; try again in ${retryAfterSeconds} s.`, "UNAUTHENTICATED", { retryAfterSeconds });
  }
}
