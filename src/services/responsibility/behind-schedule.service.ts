import { OrganizationEntity, OrgStatus, type AssessmentPeriodEntity } from "../../entities";
import { RequirementUnit, type ResponsibilityEntity } from "../../entities/responsibility.entities";
import { decodeCursor, encodeCursor, pageSize, toPage, type Page, type PageRequest } from "../pagination";
import type { RequestContext } from "../request-context";
import { addDays, requireDate, today } from "./dates";
import { readableScope, requireNamedOrganization } from "./access";
import { responsibilityLoaders } from "./loaders";
import { requiredSoFar } from "./requirement";
import { subtreeRange } from "../organization-path";

export interface BehindScheduleEntry {
  responsibility: ResponsibilityEntity;
  /** Records that should exist by `asOf` (units of the requirement elapsed × N). */
  requiredSoFar: number;
  recordCount: number;
  shortfall: number;
  asOf: string;
  /** The organisation's path: the page's ordering key. */
  path: string;
}

const UNITS = Object.values(RequirementUnit);

/**
 * Duties falling behind (进度滞后): quantitative responsibilities of a subtree whose records
 * up to `asOf` are fewer than the units elapsed by then require (requirement.ts,
 * requiredSoFar). `asOf` is the last complete day: yesterday by default, or the period's
 * end if that is earlier; a unit whose last day is `asOf` counts as elapsed.
 *
 * Left out: responsibilities with sub-items (scored through them), those marked not
 * applicable for the period, dissolved organisations, and post duties of appointments not
 * current on `asOf` (a holder appointed mid-period is held to the whole period's units:
 * no pro-rata).
 *
 * Scope (access.ts): `under` must be visible to the caller (its scope, or an ancestor of it
 * by name); rows and the count are limited to the intersection of `under`'s subtree with
 * the caller's scope, in SQL, as the organisation listings are.
 *
 * Cost: one statement per page scanning the subtree's quantitative responsibilities in path
 * order with an index probe each for the count; totalCount scans them all.
 */
export class BehindScheduleService {
  resolveAsOf(period: AssessmentPeriodEntity, asOf?: string | null): string {
    const day = asOf == null ? addDays(today(), -1) : requireDate(asOf, "asOf");
    return day < period.endDate ? day : period.endDate;
  }

  async page(ctx: RequestContext, under: OrganizationEntity, period: AssessmentPeriodEntity, asOf: string, request: PageRequest): Promise<Page<BehindScheduleEntry>> {
    const size = pageSize(request.first);
    const cursorKind = `behind:${under.id}:${period.id}:${asOf}`;
    const after = decodeCursor(cursorKind, request.after);
    const { sql, params } = await this.query(ctx, under, period, asOf);
    const [afterPath, afterId] = after === null ? [null, null] : [after.slice(0, after.lastIndexOf("|")), Number(after.slice(after.lastIndexOf("|") + 1))];
    const rows: { id: number | string; path: string; required_so_far: number | string; done: number | string }[] = await ctx.em.query(
      `SELECT * FROM (${sql}) behind WHERE done < required_so_far${after === null ? "" : " AND (path > ? OR (path = ? AND id > ?))"} ORDER BY path, id LIMIT ?`,
      [...params, ...(after === null ? [] : [afterPath, afterPath, afterId]), size + 1],
    );
    const found = await responsibilityLoaders(ctx).responsibilityById.loadMany(rows.map((row) => Number(row.id)));
    const entries = rows.map((row, i) => {
      const required = Number(row.required_so_far);
      const done = Number(row.done);
      return { responsibility: found[i] as ResponsibilityEntity, requiredSoFar: required, recordCount: done, shortfall: required - done, asOf, path: row.path };
    });
    return toPage(entries, size, after, (entry) => encodeCursor(cursorKind, `${entry.path}|${entry.responsibility.id}`));
  }

  async count(ctx: RequestContext, under: OrganizationEntity, period: AssessmentPeriodEntity, asOf: string): Promise<number> {
    const { sql, params } = await this.query(ctx, under, period, asOf);
    const [{ n }] = await ctx.em.query(`SELECT COUNT(*) AS n FROM (${sql}) behind WHERE done < required_so_far`, params);
    return Number(n);
  }

  /** Per unit, the elapsed units and the window start are computed here and passed as CASE parameters. */
  private async query(ctx: RequestContext, under: OrganizationEntity, period: AssessmentPeriodEntity, asOf: string) {
    await requireNamedOrganization(ctx, under);
    const scope = await readableScope(ctx);
    const perUnit = UNITS.map((unit) => ({ unit, ...requiredSoFar({ count: 1, unit }, period, asOf) }));
    const date = ctx.dataSource.driver.escape("date");
    const unitCase = (values: unknown[]) => ({ sql: `CASE ci.required_unit ${UNITS.map(() => "WHEN ? THEN ?").join(" ")} END`, params: UNITS.flatMap((unit, i) => [unit, values[i]]) });
    const units = unitCase(perUnit.map((u) => u.required));
    const starts = unitCase(perUnit.map((u) => u.windowStart));
    const { lower, upper } = subtreeRange(under.path);
    const sql = `
      SELECT r.id, o.path, ci.required_count * (${units.sql}) AS required_so_far,
        (SELECT COUNT(*) FROM fulfillment_record f
          WHERE f.responsibility_id = r.id AND f.${date} >= (${starts.sql}) AND f.${date} <= ?
            AND (ci.required_evidence_kind IS NULL OR f.evidence_kind = ci.required_evidence_kind)) AS done
      FROM responsibility r
      JOIN organization o ON o.id = r.organization_id
      JOIN catalog_item ci ON ci.id = r.catalog_item_id
      LEFT JOIN appointment a ON a.id = r.appointment_id
      WHERE o.path >= ? AND o.path < ? AND o.status = ? AND ci.required_count IS NOT NULL
        AND (r.appointment_id IS NULL OR (a.start_date <= ? AND (a.end_date IS NULL OR a.end_date >= ?)))
        AND NOT EXISTS (SELECT 1 FROM responsibility c WHERE c.parent_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM completion_mark m WHERE m.responsibility_id = r.id AND m.period_id = ? AND m.not_applicable = 1)${
          scope === null ? "" : `
        AND o.path >= ? AND o.path < ?`
        }`;
    return {
      sql,
      params: [...units.params, ...starts.params, asOf, lower, upper, OrgStatus.ACTIVE, asOf, asOf, period.id, ...(scope === null ? [] : [scope.lower, scope.upper])],
    };
  }
}
