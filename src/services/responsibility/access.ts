import { OrganizationEntity } from "../../entities";
import type { Actor } from "../auth/actor";
import { assertCanWrite, assertRoleAllows, canRead, readAccess, scopeRange, type Action } from "../auth/authorization";
import { requireActor } from "../auth/request-auth";
import { ForbiddenError, NotFoundError } from "../errors";
import type { RequestContext } from "../request-context";

/**
 * Who may see and change what in the responsibility feature (DOMAIN.md §5), applied by
 * every service of src/services/responsibility, so no resolver (nor node(id), nor another
 * feature calling these services) can reach around it. The role table is authorization.ts's
 * ROLE_ACTIONS; the scope is the actor's subtree.
 *
 * Reads
 * - Everything attached to an organisation (its leadership and appointments, its
 *   responsibilities with their status, records and marks, breakdowns, behind-schedule
 *   rows, its local list) is visible only where the organisation is FULL-readable: inside
 *   the scope. The scope's ancestors are readable by name only, so their duties, posts and
 *   records are not: a single object there is NOT_FOUND (null for lookups and node(id)),
 *   exactly like an unknown id; an organisation field above the scope (leadership,
 *   responsibilities) is FORBIDDEN, as Organization.children is (organization-access.ts).
 * - Lists and their totalCounts are filtered by the scope's path range in SQL, or built only
 *   from a root that is inside the scope (a subtree of a scope member lies in the scope), so
 *   nothing outside is listed or counted.
 * - Derivation chains (Responsibility.derivationChain, and oversight's traceUp, which reads
 *   the same chain) are cut at the scope: they end with the last link the caller fully
 *   reads. A duty above the scope is an ancestor's duty, and an ancestor shows its name only;
 *   derivedFrom of a duty whose source lies above the scope is null. What a duty breaks down
 *   in general stays visible through the catalog (CatalogItem.derivesFrom), which is
 *   reference data.
 * - People: a person is visible while they hold or held a post in the scope (any
 *   appointment, past or present, in a FULL-readable organisation); Person.appointments
 *   lists only those posts. A person with no post yet is visible to no scoped user (only to
 *   an unscoped administrator), but any organization.write actor may appoint them inside
 *   their scope (so createPerson + appoint works); a person holding posts only elsewhere is
 *   NOT_FOUND to them (a transfer between branches is made by someone whose scope covers
 *   both).
 * - Shared catalogs (and their items) are forest-wide reference data: readable by every
 *   logged-in user. An organisation's local list (自定责任) is that organisation's: visible
 *   like its responsibilities.
 *
 * Writes (role first, FORBIDDEN; then the target: out of sight NOT_FOUND, visible but outside
 * the scope, i.e. an ancestor by name, FORBIDDEN)
 * - "organization.write" in the scope of the organisation concerned: createPerson (no
 *   organisation: the role alone), appoint / endAppointment, assignCatalog (scope of
 *   `under`), addLocalResponsibility, deriveResponsibility (target in the scope; the source
 *   must be fully readable too).
 * - Catalog authoring (create, new version, items, publish, install a built-in list):
 *   catalogs are forest-wide, so "organization.write" with an unscoped actor, i.e.
 *   assertCanWrite(actor, "organization.write", null): only an unscoped ADMIN passes.
 * - "assessment.write" in the scope of the responsibility's organisation: recordFulfillment,
 *   markCompletion, clearCompletionMark.
 */

/** An unscoped administrator: reads need no limiting (scopeRange says so), checks are skipped. */
function unlimited(actor: Actor): boolean {
  return scopeRange(actor) === null;
}

async function organization(ctx: RequestContext, id: number): Promise<OrganizationEntity | null> {
  return ctx.loaders.organizationById.load(id);
}

/** Whether the caller fully reads the organisation with this id (its scope holds it). */
export async function fullyReads(ctx: RequestContext, organizationId: number): Promise<boolean> {
  const actor = await requireActor(ctx);
  if (unlimited(actor)) return true;
  const found = await organization(ctx, organizationId);
  return found !== null && canRead(actor, found.path);
}

/** The row when the organisation it belongs to is fully readable, else null (as if unknown). */
export async function readableOrNull<T>(ctx: RequestContext, row: T | null, organizationIdOf: (row: T) => number): Promise<T | null> {
  if (row === null) return null;
  return (await fullyReads(ctx, organizationIdOf(row))) ? row : null;
}

/** The rows whose organisation is fully readable, in their order (one batched organisation load). */
export async function readableOnly<T>(ctx: RequestContext, rows: T[], organizationIdOf: (row: T) => number): Promise<T[]> {
  const actor = await requireActor(ctx);
  if (unlimited(actor) || rows.length === 0) return rows;
  const orgs = await ctx.loaders.organizationById.loadMany(rows.map(organizationIdOf));
  return rows.filter((_, i) => {
    const org = orgs[i];
    return org instanceof OrganizationEntity && canRead(actor, org.path);
  });
}

/**
 * For what is shown of an organisation only to its scope (leadership, responsibilities):
 * unknown or invisible is NOT_FOUND, an ancestor of the scope (name only) is FORBIDDEN.
 */
export async function requireOrganizationRead(ctx: RequestContext, organizationId: number): Promise<void> {
  const actor = await requireActor(ctx);
  if (unlimited(actor)) return;
  const found = await organization(ctx, organizationId);
  const access = found === null ? "NONE" : readAccess(actor, found.path);
  if (access === "NONE") throw new NotFoundError(`organisation ${organizationId} does not exist`);
  if (access !== "FULL") throw new ForbiddenError(`${found!.name} is above your scope: only its name is visible to you.`);
}

/** For a list rooted at an organisation: the root must be visible at least by name (NOT_FOUND otherwise); the list is then limited to the scope. */
export async function requireNamedOrganization(ctx: RequestContext, found: OrganizationEntity): Promise<void> {
  const actor = await requireActor(ctx);
  if (!unlimited(actor) && readAccess(actor, found.path) === "NONE") throw new NotFoundError(`organisation ${found.id} does not exist`);
}

/** Path bounds limiting a list to the caller's subtree; null when nothing needs limiting. */
export async function readableScope(ctx: RequestContext): Promise<{ lower: string; upper: string } | null> {
  return scopeRange(await requireActor(ctx));
}

/** The caller, when its role allows `action` at all (FORBIDDEN otherwise): the first line of every write. */
export async function writer(ctx: RequestContext, action: Action): Promise<Actor> {
  const actor = await requireActor(ctx);
  assertRoleAllows(actor, action);
  return actor;
}

/** Catalog authoring: catalogs are forest-wide, so only an actor whose scope is the whole forest (an unscoped ADMIN). */
export async function catalogAuthor(ctx: RequestContext): Promise<Actor> {
  const actor = await writer(ctx, "organization.write");
  if (actor.scopePath !== null) throw new ForbiddenError("Catalogs are shared by the whole forest: only an administrator without a scope may change them.");
  assertCanWrite(actor, "organization.write", null);
  return actor;
}

/**
 * An organisation the actor may write to: unknown or out of sight is NOT_FOUND (`message`),
 * visible but outside the scope (an ancestor, by name) FORBIDDEN.
 */
export function requireWritableOrganization(actor: Actor, found: OrganizationEntity | null, action: Action, message: string): OrganizationEntity {
  if (found === null || readAccess(actor, found.path) === "NONE") throw new NotFoundError(message);
  assertCanWrite(actor, action, found.path);
  return found;
}

/**
 * Something attached to an organisation (an appointment, a responsibility) the actor writes:
 * not fully readable is NOT_FOUND (`message`, as for an unknown id), then the scope check.
 */
export async function requireWritableIn(ctx: RequestContext, actor: Actor, organizationId: number, action: Action, message: string): Promise<OrganizationEntity> {
  const found = await organization(ctx, organizationId);
  if (found === null || !canRead(actor, found.path)) throw new NotFoundError(message);
  assertCanWrite(actor, action, found.path);
  return found;
}
