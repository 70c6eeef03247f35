import type { OrganizationEntity } from "../../entities";
import type { Actor } from "../auth/actor";
import { assertCanWrite, assertRoleAllows, canRead, readAccess } from "../auth/authorization";
import { requireActor } from "../auth/request-auth";
import { NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";

/**
 * Access to oversight records (DOMAIN.md §5). A problem, inspection, case or negative-list
 * entry belongs to its organisation: it is visible to actors who fully read that
 * organisation (their scope holds it) and to no one else, not even for breadcrumbs: an
 * organisation above one's scope shows its name, never its problems. Writes need the
 * "inspection.write" action (INSPECTOR, ADMIN) inside the scope.
 */
export async function oversightWriter(ctx: RequestContext): Promise<Actor> {
  const actor = await requireActor(ctx);
  assertRoleAllows(actor, "inspection.write");
  return actor;
}

export function mayReadRecordsOf(actor: Actor, organization: OrganizationEntity): boolean {
  return canRead(actor, organization.path);
}

/** The organisation when the actor may read it fully, else NOT_FOUND (unknown and out of scope are not told apart). */
export function requireReadable(actor: Actor, organization: OrganizationEntity | null, what: string): OrganizationEntity {
  if (!organization || !canRead(actor, organization.path)) throw new NotFoundError(`${what} does not exist`);
  return organization;
}

/** The organisation when the actor sees at least its name (its scope or an ancestor of it), else NOT_FOUND. */
export function requireNamed(actor: Actor, organization: OrganizationEntity | null, what: string): OrganizationEntity {
  if (!organization || readAccess(actor, organization.path) === "NONE") throw new NotFoundError(`${what} does not exist`);
  return organization;
}

export function assertMayWrite(actor: Actor, organization: OrganizationEntity): void {
  assertCanWrite(actor, "inspection.write", organization.path);
}
