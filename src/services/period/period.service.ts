import { AssessmentPeriodEntity, PeriodStatus } from "../../entities";
import { BadUserInputError, ConflictError, NotFoundError, PeriodClosedError } from "../errors";
import { assertCanWrite } from "../auth/authorization";
import { requireActor } from "../auth/request-auth";
import type { RequestContext } from "../request-context";
import { rollupService } from "../scoring/rollup.service";
import { inTransaction } from "../transaction";
import { parsePeriodCode } from "./period-code";
import { DEFAULT_SCORING_RULES, type ScoringRules } from "./scoring-rules";

export interface EnsuredPeriod {
  period: AssessmentPeriodEntity;
  created: boolean;
}

/** 考核周期: codes, creation with their rules, closing, and the guard every write passes. */
export class PeriodService {
  byCode(ctx: RequestContext, code: string): Promise<AssessmentPeriodEntity | null> {
    return ctx.em.findOneBy(AssessmentPeriodEntity, { code });
  }

  /** A score field given an unknown period answers NOT_FOUND (DOMAIN.md §6). */
  async requireByCode(ctx: RequestContext, code: string): Promise<AssessmentPeriodEntity> {
    const period = await this.byCode(ctx, code);
    if (period) return period;
    if (!parsePeriodCode(code)) throw malformed(code);
    throw new NotFoundError(`assessment period ${code} does not exist`);
  }

  /** An open period to write into: unknown → NOT_FOUND, closed → PERIOD_CLOSED. */
  async requireOpen(ctx: RequestContext, code: string): Promise<AssessmentPeriodEntity> {
    const period = await this.requireByCode(ctx, code);
    if (period.status === PeriodStatus.CLOSED) throw new PeriodClosedError(code);
    return period;
  }

  async list(ctx: RequestContext): Promise<AssessmentPeriodEntity[]> {
    return ctx.em.find(AssessmentPeriodEntity, { order: { startDate: "ASC", endDate: "DESC" } });
  }

  /** Periods are forest-wide: only an unscoped administrator opens or closes one. */
  async create(ctx: RequestContext, code: string, rules: Partial<ScoringRules> = {}): Promise<AssessmentPeriodEntity> {
    assertCanWrite(await requireActor(ctx), "assessment.write", null);
    const span = parsePeriodCode(code);
    if (!span) throw malformed(code);
    return inTransaction(ctx, async (tx) => {
      if (await this.byCode(tx, code)) throw new ConflictError(`assessment period ${code} already exists`);
      const period = tx.em.create(AssessmentPeriodEntity, {
        ...span,
        status: PeriodStatus.OPEN,
        rules: { ...DEFAULT_SCORING_RULES, ...rules },
        closedAt: null,
      });
      return tx.em.save(period);
    });
  }

  /** An import of scores creates a missing period (OPEN, default rules) and says so. */
  async ensure(ctx: RequestContext, code: string): Promise<EnsuredPeriod> {
    const existing = await this.byCode(ctx, code);
    if (existing) return { period: existing, created: false };
    return { period: await this.create(ctx, code), created: true };
  }

  async close(ctx: RequestContext, code: string): Promise<AssessmentPeriodEntity> {
    assertCanWrite(await requireActor(ctx), "assessment.write", null);
    return inTransaction(ctx, async (tx) => {
      const period = await this.requireOpen(tx, code);
      // A period closed before its first score still freezes the tree as it stands now.
      await rollupService.ensureBuilt(tx, period);
      await tx.em.update(AssessmentPeriodEntity, { id: period.id }, { status: PeriodStatus.CLOSED, closedAt: new Date() });
      return tx.em.findOneByOrFail(AssessmentPeriodEntity, { id: period.id });
    });
  }

  /** The periods whose span contains `date` (YYYY-MM-DD): a year, a half and a quarter at most. */
  containing(ctx: RequestContext, date: string): Promise<AssessmentPeriodEntity[]> {
    return ctx.em
      .createQueryBuilder(AssessmentPeriodEntity, "p")
      .where("p.start_date <= :date AND p.end_date >= :date", { date })
      .orderBy("p.start_date", "ASC")
      .getMany();
  }
}

function malformed(code: string): BadUserInputError {
  return new BadUserInputError(`"${code}" is not a period code: use YYYY, YYYY-H1, YYYY-H2 or YYYY-Q1 … YYYY-Q4`, [
    { column: "period", reason: "malformed period code" },
  ]);
}
