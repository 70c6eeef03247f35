import type { EntityTarget, ObjectLiteral } from "typeorm";
import { OrganizationEntity, OrgStatus, PeriodStatus, type AssessmentPeriodEntity } from "../../entities";
import {
  AdjustmentEntity,
  AdjustmentType,
  AssessmentEntity,
  EvaluationEntity,
  EvaluationKind,
  ScoreSource,
  ScoreSubject,
} from "../../entities/assessment.entities";
import { BadUserInputError, ConflictError, NotFoundError, PeriodClosedError } from "../errors";
import { PeriodService } from "../period/period.service";
import type { RequestContext } from "../request-context";
import { inTransaction } from "../transaction";
import { lockOrganizationRow, lockPeriod, rollupService, type RollupService } from "./rollup.service";
import { computeOwnScore, decideGrade, numberToHundredths, type BallotCounts } from "./score-formula";
import { formulaInputs, storedInputs } from "./stored-inputs";
import { scoringInputs } from "./scoring-inputs";
import { scoreWriter, type ScoreWriter } from "./scoring-actor";
import { scoringLoaders } from "../../loaders/scoring-loaders";

export interface ScoreChange {
  organization: OrganizationEntity;
  period: AssessmentPeriodEntity;
  /** The own score after the change; null when there is nothing to score yet. */
  assessment: AssessmentEntity | null;
}

export interface RecordEvaluationInput {
  organizationId: number;
  period: string;
  kind: EvaluationKind;
  /** 0–100, at most two decimals; or ballots (CADRE only). */
  score?: number | null;
  ballots?: BallotCounts | null;
}

export interface AddAdjustmentInput {
  organizationId: number;
  period: string;
  type: AdjustmentType;
  /** > 0 with at most two decimals for BONUS and DEDUCTION; omitted (or 0) for VETO. */
  points?: number | null;
  reason: string;
}

const MAX_REASON_LENGTH = 500;

/**
 * Writes of an organisation's own score and its inputs (三评, 加分/扣分/一票否决). Every write
 * is one transaction: the input, the recomputed own score (formula of score-formula.ts,
 * from all stored inputs), and the roll-up rows of the organisation and its ancestors.
 *
 * An IMPORTED score stands until `compute` is asked for: recording an input next to it
 * keeps the input (and the provenance of the next computation) but leaves the imported
 * figure, which a unit submitted whole, alone.
 */
export class AssessmentService {
  constructor(
    private readonly periods = new PeriodService(),
    private readonly rollups: RollupService = rollupService,
  ) {}

  async recordEvaluation(ctx: RequestContext, input: RecordEvaluationInput): Promise<ScoreChange> {
    const values = evaluationValues(input);
    return this.write(ctx, input.organizationId, input.period, false, async (tx, organization, period, writer) => {
      const existing = await lockedOne(tx, EvaluationEntity, {
        periodId: period.id,
        subjectType: ScoreSubject.ORGANIZATION,
        subjectId: organization.id,
        kind: input.kind,
      });
      const row = { ...values, enteredBy: writer.name };
      if (existing) await tx.em.update(EvaluationEntity, { id: existing.id }, row);
      else {
        await tx.em.insert(EvaluationEntity, {
          periodId: period.id,
          subjectType: ScoreSubject.ORGANIZATION,
          subjectId: organization.id,
          kind: input.kind,
          ...row,
        });
      }
    });
  }

  async addAdjustment(ctx: RequestContext, input: AddAdjustmentInput): Promise<ScoreChange & { adjustment: AdjustmentEntity }> {
    const values = adjustmentValues(input);
    let adjustment: AdjustmentEntity | undefined;
    const change = await this.write(ctx, input.organizationId, input.period, false, async (tx, organization, period, writer) => {
      const created = tx.em.create(AdjustmentEntity, {
        periodId: period.id,
        subjectType: ScoreSubject.ORGANIZATION,
        subjectId: organization.id,
        ...values,
        createdBy: writer.name,
      });
      adjustment = await tx.em.save(created);
    });
    return { ...change, adjustment: adjustment! };
  }

  /** Withdraws a mistaken adjustment (the only way one leaves: adjustments are never edited). */
  async withdrawAdjustment(ctx: RequestContext, adjustmentId: number): Promise<ScoreChange> {
    const adjustment = await ctx.em.findOneBy(AdjustmentEntity, { id: adjustmentId });
    if (!adjustment || adjustment.subjectType !== ScoreSubject.ORGANIZATION) throw new NotFoundError(`adjustment ${adjustmentId} does not exist`);
    const period = await this.periods.requireByCode(ctx, await this.periodCode(ctx, adjustment.periodId));
    return this.write(ctx, adjustment.subjectId, period.code, false, async (tx) => {
      const deleted = await tx.em.delete(AdjustmentEntity, { id: adjustmentId });
      if (!deleted.affected) throw new NotFoundError(`adjustment ${adjustmentId} does not exist`);
    });
  }

  /** Recomputes the own score from the stored inputs; replaces an IMPORTED score. */
  async compute(ctx: RequestContext, organizationId: number, periodCode: string): Promise<ScoreChange> {
    return this.write(ctx, organizationId, periodCode, true, async () => undefined);
  }

  /**
   * The skeleton of every write: the period must be OPEN (else PERIOD_CLOSED), the
   * organisation ACTIVE; the period's roll-up rows exist before the transaction starts.
   */
  private async write(
    ctx: RequestContext,
    organizationId: number,
    periodCode: string,
    force: boolean,
    work: (tx: RequestContext, organization: OrganizationEntity, period: AssessmentPeriodEntity, writer: ScoreWriter) => Promise<void>,
  ): Promise<ScoreChange> {
    const period = await this.periods.requireOpen(ctx, periodCode);
    const organization = await ctx.em.findOneBy(OrganizationEntity, { id: organizationId });
    if (!organization) throw new NotFoundError(`organisation ${organizationId} does not exist`);
    if (organization.status !== OrgStatus.ACTIVE) {
      throw new ConflictError(`${organization.code} is dissolved: its scores are kept as history and can no longer change`);
    }
    const writer = await scoreWriter(ctx);
    writer.assertMayWrite(organization.path);
    await this.rollups.ensureBuilt(ctx, period);

    const assessment = await inTransaction(ctx, async (tx) => {
      // Lock order: organisation → period → roll-up chain → score rows (rollup.service.ts).
      const path = await lockOrganizationRow(tx, organization.id);
      const current = await lockPeriod(tx, period.id, "shared");
      if (current.status === PeriodStatus.CLOSED) throw new PeriodClosedError(current.code);
      // The chain before any input or score row: the locking reads of rows that do not exist
      // yet take InnoDB gap locks, and two writers inserting into one gap would deadlock;
      // holding the root first, writers of one tree reach those rows one at a time.
      await this.rollups.lockChain(tx, current.id, path);
      await work(tx, organization, current, writer);
      return this.recomputeOwn(tx, { ...organization, path }, current, writer.name, force);
    });
    scoringLoaders(ctx).clearAll();
    return { organization, period, assessment };
  }

  /**
   * The formula over every stored input; writes the row and the chain of roll-ups when the
   * score changed. Also for other features whose writes change a score's inputs (oversight:
   * problems, accountability, the negative list), inside their transaction: the caller holds
   * the organisation row (lockOrganizationRow) and an OPEN, built period; the chain's
   * roll-up rows are locked here, root first, before the score row.
   */
  async recomputeOwn(
    tx: RequestContext,
    organization: Pick<OrganizationEntity, "id" | "code" | "path">,
    period: AssessmentPeriodEntity,
    by: string,
    force: boolean,
  ): Promise<AssessmentEntity | null> {
    await this.rollups.lockChain(tx, period.id, organization.path);
    const key = { periodId: period.id, organizationId: organization.id };
    const existing = await lockedOne(tx, AssessmentEntity, key);
    const livePaths = new Map([[organization.id, organization.path]]);
    if (existing?.source === ScoreSource.IMPORTED && !force) return this.regradeImported(tx, organization, period, existing, by, livePaths);

    const items = await scoringInputs.items().completions(tx, organization.id, period);
    const stored = await storedInputs(tx, period, ScoreSubject.ORGANIZATION, organization.id);
    const facts = (await scoringInputs.facts().organizationFacts(tx, [organization.id], period)).get(organization.id);
    const outcome = computeOwnScore(formulaInputs(period, items, stored, facts));

    if (!outcome.assessed) {
      if (force) throw new BadUserInputError(`nothing to compute ${organization.code}'s score from: ${outcome.reason}`);
      if (!existing) return null;
      await tx.em.delete(AssessmentEntity, key);
      await this.rollups.afterScoresChanged(tx, period.id, [organization.id], { livePaths });
      return null;
    }

    const provenance = { ...outcome.provenance, period: period.code, computedBy: by, computedAt: new Date().toISOString() };
    const row = { scoreHundredths: outcome.scoreHundredths, grade: outcome.grade, source: ScoreSource.COMPUTED, provenance, updatedBy: by };
    if (existing) await tx.em.update(AssessmentEntity, key, row);
    else await tx.em.insert(AssessmentEntity, { ...key, ...row });
    const changed = !existing || existing.scoreHundredths !== row.scoreHundredths || existing.grade !== row.grade;
    if (changed) await this.rollups.afterScoresChanged(tx, period.id, [organization.id], { livePaths });
    return tx.em.findOneByOrFail(AssessmentEntity, key);
  }

  /**
   * An imported score keeps its figure, but its grade follows the same rules as at import
   * (decideGrade): a VETO or a negative-list entry recorded or withdrawn later re-grades it,
   * so the order of import and listing does not change the outcome.
   */
  private async regradeImported(
    tx: RequestContext,
    organization: Pick<OrganizationEntity, "id">,
    period: AssessmentPeriodEntity,
    existing: AssessmentEntity,
    by: string,
    livePaths: Map<number, string>,
  ): Promise<AssessmentEntity> {
    const stored = await storedInputs(tx, period, ScoreSubject.ORGANIZATION, organization.id);
    const facts = (await scoringInputs.facts().organizationFacts(tx, [organization.id], period)).get(organization.id);
    const vetoed = stored.adjustments.some((adjustment) => adjustment.type === AdjustmentType.VETO);
    const grade = decideGrade(existing.scoreHundredths, period.rules, vetoed, facts?.negativeListed ?? false);
    if (grade.grade === existing.grade) return existing;
    const key = { periodId: period.id, organizationId: organization.id };
    const provenance = { ...(existing.provenance as object), grade, regradedBy: by, regradedAt: new Date().toISOString() };
    await tx.em.update(AssessmentEntity, key, { grade: grade.grade, provenance, updatedBy: by });
    await this.rollups.afterScoresChanged(tx, period.id, [organization.id], { livePaths });
    return tx.em.findOneByOrFail(AssessmentEntity, key);
  }

  private async periodCode(ctx: RequestContext, periodId: number): Promise<string> {
    const rows: { code: string }[] = await ctx.em.query("SELECT code FROM assessment_period WHERE id = ?", [periodId]);
    return rows[0].code;
  }
}

/** A score (0–100, two decimals) or CADRE ballots, checked at the edge of the service. */
export function evaluationValues(input: { kind: EvaluationKind; score?: number | null; ballots?: BallotCounts | null }) {
  const hasScore = input.score !== null && input.score !== undefined;
  const hasBallots = input.ballots !== null && input.ballots !== undefined;
  if (hasScore === hasBallots) throw invalid("score", "give exactly one of score and ballots");
  if (hasBallots) {
    if (input.kind !== EvaluationKind.CADRE) throw invalid("ballots", "only a CADRE evaluation may be given as ballots");
    const b = input.ballots!;
    for (const [name, count] of Object.entries(b)) {
      if (!Number.isSafeInteger(count) || count < 0) throw invalid("ballots", `${name} must be a whole number ≥ 0, not ${count}`);
    }
    if (b.EXCELLENT + b.GOOD + b.FAIR + b.POOR === 0) throw invalid("ballots", "at least one ballot is needed");
    return { scoreHundredths: null, ballotsExcellent: b.EXCELLENT, ballotsGood: b.GOOD, ballotsFair: b.FAIR, ballotsPoor: b.POOR };
  }
  const hundredths = numberToHundredths(input.score!);
  if (hundredths === null || hundredths > 10000) throw invalid("score", `must be 0–100 with at most two decimals, not ${input.score}`);
  return { scoreHundredths: hundredths, ballotsExcellent: null, ballotsGood: null, ballotsFair: null, ballotsPoor: null };
}

export function adjustmentValues(input: { type: AdjustmentType; points?: number | null; reason: string }) {
  const reason = input.reason.trim();
  if (reason.length === 0) throw invalid("reason", "a reason is required");
  if (reason.length > MAX_REASON_LENGTH) throw invalid("reason", `at most ${MAX_REASON_LENGTH} characters`);
  if (input.type === AdjustmentType.VETO) {
    if (input.points) throw invalid("points", "a VETO has no points: it forces the grade POOR");
    return { type: input.type, pointsHundredths: 0, reason };
  }
  const hundredths = input.points === null || input.points === undefined ? null : numberToHundredths(input.points);
  if (hundredths === null || hundredths <= 0 || hundredths > 10000) {
    throw invalid("points", `must be more than 0 and at most 100, with at most two decimals, not ${input.points}`);
  }
  return { type: input.type, pointsHundredths: hundredths, reason };
}

/** One row by key with a locking read on MySQL (the latest commit, locked until this transaction ends). */
export async function lockedOne<T extends ObjectLiteral>(tx: RequestContext, entity: EntityTarget<T>, where: Record<string, unknown>): Promise<T | null> {
  const query = tx.em.createQueryBuilder(entity, "x");
  Object.entries(where).forEach(([key, value], index) => query.andWhere(`x.${key} = :v${index}`, { [`v${index}`]: value }));
  if (tx.dialect === "mysql") query.setLock("pessimistic_write");
  return query.getOne();
}

function invalid(column: string, reason: string): BadUserInputError {
  return new BadUserInputError(`${column}: ${reason}`, [{ column, reason }]);
}
