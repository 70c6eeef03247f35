import { Role } from "../../entities/user.entity";

/**
 * Who is acting, as the services see it: resolved once per request from the token (or fixed
 * for start-up and command-line work) and read by authorization.ts.
 */
export interface Actor {
  /** Null only for the system itself. */
  userId: number | null;
  username: string;
  role: Role;
  /** Root of the subtree the actor works in; null = the whole forest (administrators only). */
  scopeOrganizationId: number | null;
  /** Materialized path of that root (organization-path.ts), loaded with the actor so checks need no query. */
  scopePath: string | null;
}

/** Start-up, migrations and command-line tools act as an unscoped administrator named "system". */
export const SYSTEM_ACTOR: Readonly<Actor> = Object.freeze({
  userId: null,
  username: "system",
  role: Role.ADMIN,
  scopeOrganizationId: null,
  scopePath: null,
});
