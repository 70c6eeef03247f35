import type { AssessmentPeriodEntity, OrganizationEntity } from "../../entities";
import type { Actor } from "../../services/auth/actor";
import { scopeRange } from "../../services/auth/authorization";
import { subtreeRange } from "../../services/organization-path";
import type { RequestContext } from "../../services/request-context";

/**
 * The organisations an export covers, as SQL path bounds (`lower <= path < upper`):
 * everything (an unscoped administrator without `under`), one subtree, or nothing.
 */
export type ExportScope = { kind: "all" } | { kind: "range"; lower: string; upper: string } | { kind: "none" };

const ALL: ExportScope = { kind: "all" };
const NONE: ExportScope = { kind: "none" };

/**
 * `under`'s subtree in the period's tree (the paths stored on score_rollup, which a closed
 * period keeps frozen), as the roll-up, hot-spot and ranking queries read it
 * (PressureQueryService.scope): an organisation without a row in the period has nothing.
 */
export async function periodTreeScope(ctx: RequestContext, actor: Actor, period: AssessmentPeriodEntity, under: OrganizationEntity | null): Promise<ExportScope> {
  if (!under) return withinActorScope(ALL, actor);
  const rows: { path: string }[] = await ctx.em.query("SELECT path FROM score_rollup WHERE period_id = ? AND organization_id = ?", [period.id, under.id]);
  return withinActorScope(rows.length > 0 ? { kind: "range", ...subtreeRange(rows[0].path) } : NONE, actor);
}

/** `under`'s subtree in the live tree, for records that belong to an organisation (problems). */
export function liveTreeScope(actor: Actor, under: OrganizationEntity | null): ExportScope {
  return withinActorScope(under ? { kind: "range", ...subtreeRange(under.path) } : ALL, actor);
}

/**
 * Cuts a scope to the actor's subtree (DOMAIN.md §5), as PressureQueryService.readableScope
 * and oversight-range.ts do: subtrees nest or are disjoint, so the intersection is one of
 * the two ranges or nothing. `under` is an ancestor of the actor's scope → the actor's scope.
 */
export function withinActorScope(scope: ExportScope, actor: Actor): ExportScope {
  const allowed = scopeRange(actor);
  if (allowed === null || scope.kind === "none") return scope;
  if (allowed.lower === allowed.upper) return NONE;
  if (scope.kind === "all") return { kind: "range", ...allowed };
  if (scope.lower >= allowed.lower && scope.lower < allowed.upper) return scope;
  if (allowed.lower >= scope.lower && allowed.lower < scope.upper) return { kind: "range", ...allowed };
  return NONE;
}

/** SQL for `scope` on a path column, with its parameters; `after` is the key of the previous chunk's last row (exclusive). */
export function pathCondition(column: string, scope: ExportScope, after: string | null): { sql: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  if (after !== null) {
    conditions.push(`${column} > ?`);
    params.push(after);
  } else if (scope.kind === "range") {
    conditions.push(`${column} >= ?`);
    params.push(scope.lower);
  }
  if (scope.kind === "range") {
    conditions.push(`${column} < ?`);
    params.push(scope.upper);
  }
  return { sql: conditions.length > 0 ? ` AND ${conditions.join(" AND ")}` : "", params };
}
