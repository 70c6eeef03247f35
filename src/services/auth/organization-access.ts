import type { OrganizationEntity } from "../../entities";
import { ForbiddenError } from "../errors";
import type { RequestContext } from "../request-context";
import type { Actor } from "./actor";
import { readAccess, scopeRange, type ReadAccess } from "./authorization";
import { requireActor } from "./request-auth";

/**
 * Read checks on organisations, shared by every service that hands organisations out.
 * Inside the scope everything is visible; the scope's ancestors are visible for
 * breadcrumbs (identity fields only); anything else does not exist for the caller.
 */
export async function accessTo(ctx: RequestContext, organization: OrganizationEntity): Promise<ReadAccess> {
  return readAccess(await requireActor(ctx), organization.path);
}

/** The organisation when the caller may see it at all, otherwise null (as if unknown). */
export async function visibleOrNull(ctx: RequestContext, organization: OrganizationEntity | null): Promise<OrganizationEntity | null> {
  if (organization === null) return null;
  return (await accessTo(ctx, organization)) === "NONE" ? null : organization;
}

/**
 * For what only the scope may see: members, children, descendants, scores. Synchronous once
 * the caller is known (no promise for each of the hundreds of nodes of a browse); callers
 * await it either way.
 */
export function requireFullRead(ctx: RequestContext, organization: OrganizationEntity): Promise<void> | void {
  const actor = ctx.auth.settledActor?.();
  if (actor) return checkFullRead(actor, organization);
  return requireActor(ctx).then((known) => checkFullRead(known, organization));
}

function checkFullRead(actor: Actor, organization: OrganizationEntity): void {
  if (readAccess(actor, organization.path) !== "FULL") {
    throw new ForbiddenError(`${organization.name} is above your scope: only its name is visible to you.`);
  }
}

/** Path bounds limiting a whole-forest read to the caller's subtree; null for an unscoped administrator. */
export async function readableRange(ctx: RequestContext): Promise<{ lower: string; upper: string } | null> {
  return scopeRange(await requireActor(ctx));
}
