import type { UserEntity } from "../../entities";

/** What the audit log keeps of a user: never the password hash. */
export function userSnapshot(user: UserEntity) {
  return {
    username: user.username,
    role: user.role,
    scopeOrganizationId: user.scopeOrganizationId,
    active: user.active,
  };
}
