import { Role } from "../../entities/user.entity";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { isInSubtree, subtreeRange } from "../organization-path";
import type { Actor } from "./actor";

/** Everything a service may ask permission for. "read" covers every query of the scope. */
export type Action = "read" | "organization.write" | "assessment.write" | "inspection.write" | "user.admin" | "audit.read";

/**
 * The one table of who may do what (DOMAIN.md §5). The scope is checked separately: a role
 * grants an action only inside the actor's subtree.
 */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  [Role.ADMIN]: ["read", "organization.write", "assessment.write", "inspection.write", "user.admin", "audit.read"],
  /** Structure, posts, responsibilities. */
  [Role.ORG_ADMIN]: ["read", "organization.write"],
  /** Fulfilment records, evaluations, scores. */
  [Role.ASSESSOR]: ["read", "assessment.write"],
  /** 纪委: inspections, problems, accountability, negative list. */
  [Role.INSPECTOR]: ["read", "inspection.write"],
  [Role.VIEWER]: ["read"],
};

export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role]?.includes(action) ?? false;
}

/**
 * Whether the actor's scope contains the organisation at `orgPath`. A null `orgPath` stands
 * for something outside every subtree (a new root, an unscoped user): only an unscoped actor
 * covers it. An unscoped actor that is not an administrator covers nothing: a missing scope
 * must never widen access, so a bad row fails closed.
 */
export function scopeCovers(actor: Actor, orgPath: string | null): boolean {
  if (actor.scopePath === null) return actor.role === Role.ADMIN;
  return orgPath !== null && isInSubtree(orgPath, actor.scopePath);
}

export function canRead(actor: Actor, orgPath: string): boolean {
  return roleAllows(actor.role, "read") && scopeCovers(actor, orgPath);
}

/** How much of an organisation the actor sees: the scope's ancestors by name only, for breadcrumbs. */
export type ReadAccess = "FULL" | "NAME_ONLY" | "NONE";

export function readAccess(actor: Actor, orgPath: string): ReadAccess {
  if (canRead(actor, orgPath)) return "FULL";
  if (actor.scopePath !== null && isInSubtree(actor.scopePath, orgPath)) return "NAME_ONLY";
  return "NONE";
}

export function canWrite(actor: Actor, action: Action, orgPath: string | null): boolean {
  return roleAllows(actor.role, action) && scopeCovers(actor, orgPath);
}

export function assertCanRead(actor: Actor | null, orgPath: string): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!canRead(actor, orgPath)) throw new ForbiddenError("This organisation is outside your scope.");
}

export function assertCanWrite(actor: Actor | null, action: Action, orgPath: string | null): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!roleAllows(actor.role, action)) throw new ForbiddenError(`Your role ${actor.role} may not do ${action}.`);
  if (!scopeCovers(actor, orgPath)) throw new ForbiddenError("This is outside your scope.");
}

/** A role check alone, for the first line of a service method before anything is loaded. */
export function assertRoleAllows(actor: Actor | null, action: Action): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!roleAllows(actor.role, action)) throw new ForbiddenError(`Your role ${actor.role} may not do ${action}.`);
}

/** No path p satisfies "" <= p < "": the range of an actor that may read nothing. */
const NOTHING = Object.freeze({ lower: "", upper: "" });

/**
 * Path bounds for SQL (`path >= lower AND path < upper`) limiting a read to the actor's
 * subtree; null when nothing needs limiting (an unscoped administrator).
 */
export function scopeRange(actor: Actor): { lower: string; upper: string } | null {
  if (actor.scopePath === null) return actor.role === Role.ADMIN ? null : NOTHING;
  return subtreeRange(actor.scopePath);
}
