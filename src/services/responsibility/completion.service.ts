import DataLoader from "dataloader";
import { In } from "typeorm";
import type { AssessmentPeriodEntity } from "../../entities";
import {
  CatalogItemEntity,
  CompletionMarkEntity,
  MarkSource,
  type ResponsibilityEntity,
} from "../../entities/responsibility.entities";
import { BadUserInputError } from "../errors";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { CompletionSource } from "../scoring/item-completion";
import { inTransaction } from "../transaction";
import { requireOrganizationRead, requireWritableIn, writer } from "./access";
import { actorName } from "./actor";
import { firstDayOfMonthIndex, monthIndex } from "./dates";
import { clearResponsibilityLoaders, requestLoader, responsibilityLoaders } from "./loaders";
import { completionOf, requirementInPeriod } from "./requirement";
import { holderCacheKey, holderLoader, ResponsibilityQueryService, type HolderKey } from "./responsibility-query.service";
import { toHundredths } from "./weights";

/** One responsibility's standing in one period. */
export interface ResponsibilityStatus {
  responsibility: ResponsibilityEntity;
  item: CatalogItemEntity;
  period: AssessmentPeriodEntity;
  /** A leaf: it counts in the score. A responsibility with sub-items is scored through them. */
  scored: boolean;
  /** c ∈ [0, 1]; null while unknown (not yet marked, or not applicable). */
  completion: number | null;
  /** The figure computed from records (quantitative leaves), kept even when an assessor overrides it. */
  automaticCompletion: number | null;
  notApplicable: boolean;
  source: CompletionSource;
  /** Records counted: in the requirement's window for a quantitative item, in the period otherwise. */
  recordCount: number;
  /** Records needed for full completion; null without a quantitative requirement. */
  required: number | null;
  /** False for a quantitative item whose unit ends after the period (requirement.ts, rule 2). */
  due: boolean;
  windowStart: string;
  windowEnd: string;
  mark: CompletionMarkEntity | null;
}

export interface MarkInput {
  responsibilityId: number;
  periodCode: string;
  /** 0 … 1, at most four decimals; required unless notApplicable. */
  completion?: number | null;
  notApplicable?: boolean | null;
  note?: string | null;
}

const ID_CHUNK = 900;
const MARK_SOURCE: Record<MarkSource, CompletionSource> = {
  [MarkSource.ENTERED]: CompletionSource.ENTERED,
  [MarkSource.OVERRIDDEN]: CompletionSource.OVERRIDDEN,
  [MarkSource.IMPORTED]: CompletionSource.IMPORTED,
};

/**
 * Completion per period (DOMAIN.md §3): computed for quantitative items
 * (min(1, count / required), requirement.ts), marked by an assessor otherwise; an
 * assessor may override a computed figure or mark an item not applicable. Statuses are
 * computed per holder (an organisation's own duties, or one post holder's) and batched:
 * a listing of many holders costs a few statements per period, not per responsibility.
 */
export class CompletionService {
  constructor(
    private readonly periods = new PeriodService(),
    private readonly responsibilities = new ResponsibilityQueryService(),
  ) {}

  /**
   * Every responsibility of the holder with its status, in tree order. Only for an
   * organisation inside the caller's scope: above it (name only) FORBIDDEN, elsewhere
   * NOT_FOUND (access.ts).
   */
  async forHolder(ctx: RequestContext, organizationId: number, holderKey: number, period: AssessmentPeriodEntity): Promise<ResponsibilityStatus[]> {
    await requireOrganizationRead(ctx, organizationId);
    return statusLoader(ctx, period).load({ organizationId, holderKey });
  }

  /** One responsibility's status; NOT_FOUND outside the caller's scope. */
  async forResponsibility(ctx: RequestContext, responsibility: ResponsibilityEntity, period: AssessmentPeriodEntity): Promise<ResponsibilityStatus> {
    await this.responsibilities.requireVisible(ctx, responsibility);
    const all = await statusLoader(ctx, period).load({ organizationId: responsibility.organizationId, holderKey: responsibility.holderKey });
    return all.find((status) => status.responsibility.id === responsibility.id)!;
  }

  /** Sets (or replaces) an assessor's mark; an automatic figure becomes OVERRIDDEN. "assessment.write" in the responsibility's scope. */
  async mark(ctx: RequestContext, input: MarkInput): Promise<ResponsibilityStatus> {
    const actor = await writer(ctx, "assessment.write");
    const notApplicable = input.notApplicable ?? false;
    const completion = input.completion ?? null;
    if (!notApplicable) {
      if (completion === null) throw new BadUserInputError("give a completion from 0 to 1, or notApplicable: true", [{ column: "completion", reason: "missing" }]);
      if (!Number.isFinite(completion) || completion < 0 || completion > 1) {
        throw new BadUserInputError(`completion must be from 0 to 1, not ${completion}`, [{ column: "completion", reason: "from 0 to 1" }]);
      }
      if (Math.abs(Math.round(completion * 10000) - completion * 10000) > 1e-6) {
        throw new BadUserInputError(`completion may have at most four decimals, not ${completion}`, [{ column: "completion", reason: "at most four decimals" }]);
      }
    } else if (completion !== null) {
      throw new BadUserInputError("an item marked not applicable has no completion", [{ column: "completion", reason: "give either completion or notApplicable" }]);
    }
    const note = input.note?.trim() || null;
    if (note !== null && note.length > 500) throw new BadUserInputError("note may have at most 500 characters", [{ column: "note", reason: "at most 500 characters" }]);

    const { responsibility, period } = await inTransaction(ctx, async (tx) => {
      const responsibility = await this.responsibilities.requireById(tx, input.responsibilityId);
      await requireWritableIn(tx, actor, responsibility.organizationId, "assessment.write", `responsibility ${responsibility.id} does not exist`);
      const period = await this.periods.requireOpen(tx, input.periodCode);
      const item = await this.responsibilities.item(tx, responsibility);
      if ((await this.responsibilities.children(tx, responsibility)).length > 0) {
        throw new BadUserInputError(`${item.code} has sub-items and is scored through them: mark the sub-items`, [{ column: "responsibilityId", reason: "not a leaf" }]);
      }
      const source = item.requiredCount !== null ? MarkSource.OVERRIDDEN : MarkSource.ENTERED;
      const values = { completionE4: notApplicable ? null : Math.round(completion! * 10000), notApplicable, source, note, setBy: await actorName(tx) };
      const existing = await tx.em.findOneBy(CompletionMarkEntity, { responsibilityId: responsibility.id, periodId: period.id });
      if (existing) await tx.em.update(CompletionMarkEntity, { id: existing.id }, values);
      else await tx.em.insert(CompletionMarkEntity, { ...values, responsibilityId: responsibility.id, periodId: period.id });
      return { responsibility, period };
    });
    clearResponsibilityLoaders(ctx);
    return this.forResponsibility(ctx, responsibility, period);
  }

  /** Removes an assessor's mark: the item is back to computed (or unmarked). */
  async clearMark(ctx: RequestContext, responsibilityId: number, periodCode: string): Promise<ResponsibilityStatus> {
    const actor = await writer(ctx, "assessment.write");
    const { responsibility, period } = await inTransaction(ctx, async (tx) => {
      const responsibility = await this.responsibilities.requireById(tx, responsibilityId);
      await requireWritableIn(tx, actor, responsibility.organizationId, "assessment.write", `responsibility ${responsibility.id} does not exist`);
      const period = await this.periods.requireOpen(tx, periodCode);
      await tx.em.delete(CompletionMarkEntity, { responsibilityId, periodId: period.id });
      return { responsibility, period };
    });
    clearResponsibilityLoaders(ctx);
    return this.forResponsibility(ctx, responsibility, period);
  }
}

function statusLoader(ctx: RequestContext, period: AssessmentPeriodEntity): DataLoader<HolderKey, ResponsibilityStatus[], string> {
  return requestLoader(ctx, `status:${period.id}`, (em) =>
    new DataLoader<HolderKey, ResponsibilityStatus[], string>(
      async (keys) => {
        const byHolder = await holderLoader(ctx).loadMany([...keys]);
        const rows = byHolder.flatMap((found) => (Array.isArray(found) ? found : []));
        const itemRows = await responsibilityLoaders(ctx).catalogItemById.loadMany([...new Set(rows.map((row) => row.catalogItemId))]);
        const items = new Map(itemRows.filter((i): i is CatalogItemEntity => i instanceof CatalogItemEntity).map((i) => [i.id, i]));
        const ids = rows.map((row) => row.id);
        const marks = new Map<number, CompletionMarkEntity>();
        const counts = new MonthlyCounts();
        // Rule 2 windows start at most a year before the period's end.
        const from = firstDayOfMonthIndex(monthIndex(period.endDate) - (monthIndex(period.endDate) % 12));
        const earliest = from < period.startDate ? from : period.startDate;
        const date = em.connection.driver.escape("date");
        for (let start = 0; start < ids.length; start += ID_CHUNK) {
          const chunk = ids.slice(start, start + ID_CHUNK);
          for (const mark of await em.find(CompletionMarkEntity, { where: { responsibilityId: In(chunk), periodId: period.id } })) marks.set(mark.responsibilityId, mark);
          const grouped: { responsibility_id: number | string; evidence_kind: string; ym: string; n: number | string }[] = await em.query(
            `SELECT responsibility_id, evidence_kind, SUBSTR(${date}, 1, 7) AS ym, COUNT(*) AS n FROM fulfillment_record
             WHERE responsibility_id IN (${chunk.map(() => "?").join(", ")}) AND ${date} >= ? AND ${date} <= ?
             GROUP BY responsibility_id, evidence_kind, SUBSTR(${date}, 1, 7)`,
            [...chunk, earliest, period.endDate],
          );
          for (const row of grouped) counts.add(Number(row.responsibility_id), row.evidence_kind, String(row.ym), Number(row.n));
        }
        return keys.map((_key, i) => {
          const holderRows = Array.isArray(byHolder[i]) ? (byHolder[i] as ResponsibilityEntity[]) : [];
          return computeStatuses(holderRows, items, marks, counts, period);
        });
      },
      { cacheKeyFn: holderCacheKey },
    ),
  );
}

/** Record counts per responsibility, evidence kind and month ("YYYY-MM"). */
class MonthlyCounts {
  private readonly counts = new Map<number, { kind: string; ym: string; n: number }[]>();

  add(responsibilityId: number, kind: string, ym: string, n: number): void {
    this.counts.set(responsibilityId, [...(this.counts.get(responsibilityId) ?? []), { kind, ym, n }]);
  }

  /** Records of `kind` (any kind when null) dated in the whole months from `start` to `end`. */
  count(responsibilityId: number, kind: string | null, start: string, end: string): number {
    const from = start.slice(0, 7);
    const to = end.slice(0, 7);
    let total = 0;
    for (const entry of this.counts.get(responsibilityId) ?? []) {
      if (entry.ym >= from && entry.ym <= to && (kind === null || entry.kind === kind)) total += entry.n;
    }
    return total;
  }
}

/**
 * Leaves first (computed or marked), then parents bottom-up: a parent's completion is the
 * weighted mean of its scored children's known completions (for display; the score uses
 * the leaves), not applicable when every child is.
 */
function computeStatuses(
  rows: ResponsibilityEntity[],
  items: Map<number, CatalogItemEntity>,
  marks: Map<number, CompletionMarkEntity>,
  counts: MonthlyCounts,
  period: AssessmentPeriodEntity,
): ResponsibilityStatus[] {
  const childrenOf = new Map<number, ResponsibilityEntity[]>();
  for (const row of rows) if (row.parentId !== null) childrenOf.set(row.parentId, [...(childrenOf.get(row.parentId) ?? []), row]);
  const statuses = new Map<number, ResponsibilityStatus>();

  const leaf = (row: ResponsibilityEntity, item: CatalogItemEntity): ResponsibilityStatus => {
    const mark = marks.get(row.id) ?? null;
    let automatic: number | null = null;
    let required: number | null = null;
    let due = true;
    let windowStart = period.startDate;
    let windowEnd = period.endDate;
    let recordCount: number;
    if (item.requiredCount !== null && item.requiredUnit !== null) {
      const need = requirementInPeriod({ count: item.requiredCount, unit: item.requiredUnit }, period);
      ({ windowStart, windowEnd, due } = need);
      recordCount = counts.count(row.id, item.requiredEvidenceKind, windowStart, windowEnd);
      required = need.required;
      automatic = due ? completionOf(recordCount, need.required) : null;
    } else {
      recordCount = counts.count(row.id, null, windowStart, windowEnd);
    }
    const base = { responsibility: row, item, period, scored: true, automaticCompletion: automatic, recordCount, required, due, windowStart, windowEnd, mark };
    if (mark) {
      return { ...base, completion: mark.notApplicable ? null : mark.completionE4! / 10000, notApplicable: mark.notApplicable, source: MARK_SOURCE[mark.source] };
    }
    if (item.requiredCount !== null) return { ...base, completion: automatic, notApplicable: !due, source: CompletionSource.AUTOMATIC };
    return { ...base, completion: null, notApplicable: false, source: CompletionSource.ENTERED };
  };

  const visit = (row: ResponsibilityEntity): ResponsibilityStatus => {
    const item = items.get(row.catalogItemId)!;
    const children = childrenOf.get(row.id) ?? [];
    if (children.length === 0) {
      const status = leaf(row, item);
      statuses.set(row.id, status);
      return status;
    }
    const childStatuses = children.map(visit);
    let weighted = 0;
    let weights = 0;
    for (const child of childStatuses) {
      if (child.notApplicable || child.completion === null) continue;
      weighted += toHundredths(child.item.weight) * child.completion;
      weights += toHundredths(child.item.weight);
    }
    const status: ResponsibilityStatus = {
      responsibility: row,
      item,
      period,
      scored: false,
      completion: weights > 0 ? weighted / weights : null,
      automaticCompletion: null,
      notApplicable: childStatuses.every((child) => child.notApplicable),
      source: CompletionSource.AUTOMATIC,
      recordCount: childStatuses.reduce((sum, child) => sum + child.recordCount, 0),
      required: null,
      due: true,
      windowStart: period.startDate,
      windowEnd: period.endDate,
      mark: null,
    };
    statuses.set(row.id, status);
    return status;
  };
  for (const row of rows) if (!statuses.has(row.id) && (row.parentId === null || !rows.some((r) => r.id === row.parentId))) visit(row);
  return rows.map((row) => statuses.get(row.id)!);
}
