import { OrganizationEntity, PeriodStatus, type AssessmentPeriodEntity } from "../../entities";
import { scoringLoaders } from "../../loaders/scoring-loaders";
import { NotFoundError, PeriodClosedError } from "../errors";
import { subtreeRange } from "../organization-path";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { lockPeriod, rollupService, type RollupService } from "./rollup.service";
import { scoreWriter } from "./scoring-actor";

export interface RecomputeResult {
  period: AssessmentPeriodEntity;
  under: OrganizationEntity | null;
  rowCount: number;
}

/**
 * recomputeRollups(period, under): rebuilds the stored roll-ups of a subtree (or a whole
 * period) from the tree and the assessments, for repair. The result must equal what
 * incremental maintenance left (the property test checks exactly that). A write like any
 * other: a CLOSED period refuses it (its figures are frozen).
 */
export class RollupRepairService {
  constructor(
    private readonly periods = new PeriodService(),
    private readonly rollups: RollupService = rollupService,
  ) {}

  async recompute(ctx: RequestContext, periodCode: string, underId: number | null): Promise<RecomputeResult> {
    const period = await this.periods.requireOpen(ctx, periodCode);
    const under = underId === null ? null : await ctx.em.findOneBy(OrganizationEntity, { id: underId });
    if (underId !== null && !under) throw new NotFoundError(`under: organisation ${underId} does not exist`);
    const writer = await scoreWriter(ctx);
    writer.assertMayWrite(under?.path ?? "");
    await this.rollups.ensureBuilt(ctx, period);
    const rowCount = await inTransaction(ctx, async (tx) => {
      const current = await lockPeriod(tx, period.id, "exclusive");
      if (current.status === PeriodStatus.CLOSED) throw new PeriodClosedError(current.code);
      await this.rollups.rebuild(tx, period.id, under);
      const range = under ? subtreeRange(under.path) : null;
      const [{ n }] = await tx.em.query(
        `SELECT COUNT(*) AS n FROM score_rollup WHERE period_id = ?${range ? " AND path >= ? AND path < ?" : ""}`,
        [period.id, ...(range ? [range.lower, range.upper] : [])],
      );
      return Number(n);
    });
    scoringLoaders(ctx).clearAll();
    return { period, under, rowCount };
  }
}
