import type { Actor } from "../auth/actor";
import { readAccess, scopeRange } from "../auth/authorization";
import { NotFoundError } from "../errors";
import { subtreeRange } from "../organization-path";
import type { RequestContext } from "../request-context";

export type PathRange = { lower: string; upper: string };

/** No path p satisfies "" <= p < "". */
const NOTHING: PathRange = Object.freeze({ lower: "", upper: "" });

/**
 * The path range a list or report covers: the subtree of `underId` (when given) within the
 * actor's scope, or the scope itself; null for an unscoped administrator without `under`.
 * Subtrees nest or are disjoint, so the intersection of two is one of them or nothing.
 * `under` must be visible to the actor (its scope or an ancestor of it), else NOT_FOUND.
 */
export async function listRange(ctx: RequestContext, actor: Actor, underId: number | null | undefined): Promise<PathRange | null> {
  const scope = scopeRange(actor);
  if (underId == null) return scope;
  const under = await ctx.loaders.organizationById.load(underId);
  if (!under || readAccess(actor, under.path) === "NONE") throw new NotFoundError(`under: organisation ${underId} does not exist`);
  const range = subtreeRange(under.path);
  if (scope === null) return range;
  if (range.lower >= scope.lower && range.lower < scope.upper) return range;
  if (scope.lower >= range.lower && scope.lower < range.upper) return scope;
  return NOTHING;
}
