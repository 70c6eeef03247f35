import type { AssessmentPeriodEntity } from "../../entities";
import { AdjustmentEntity, EvaluationEntity, ScoreSubject, type AdjustmentType } from "../../entities/assessment.entities";
import type { RequestContext } from "../request-context";
import type { ItemCompletion } from "./item-completion";
import type { AdjustmentInput, EvaluationInput, ItemInput, ScoreInputs } from "./score-formula";
import { NO_FACTS, type SubjectFacts } from "./scoring-inputs";

/**
 * Reads the stored inputs of one subject's score (evaluations, adjustments) and turns the
 * other features' figures into the formula's plain, JSON-safe input shape.
 */
export async function storedInputs(
  ctx: RequestContext,
  period: AssessmentPeriodEntity,
  subjectType: ScoreSubject,
  subjectId: number,
): Promise<{ evaluations: EvaluationInput[]; adjustments: AdjustmentInput[] }> {
  // Locking reads: the latest inputs, whatever snapshot the transaction holds (rollup.service.ts, lockOrganizationRow).
  const read = <T extends EvaluationEntity | AdjustmentEntity>(entity: new () => T) => {
    const query = ctx.em
      .createQueryBuilder(entity, "x")
      .where("x.period_id = :periodId AND x.subject_type = :subjectType AND x.subject_id = :subjectId", { periodId: period.id, subjectType, subjectId })
      .orderBy("x.id", "ASC");
    if (ctx.dialect === "mysql") query.setLock("pessimistic_read");
    return query.getMany();
  };
  const evaluations = await read(EvaluationEntity);
  const adjustments = await read(AdjustmentEntity);
  return { evaluations: evaluations.map(toEvaluationInput), adjustments: adjustments.map(toAdjustmentInput) };
}

export function toEvaluationInput(row: EvaluationEntity): EvaluationInput {
  const hasBallots = row.ballotsExcellent !== null;
  return {
    kind: row.kind,
    scoreHundredths: hasBallots ? null : row.scoreHundredths,
    ballots: hasBallots
      ? { EXCELLENT: row.ballotsExcellent!, GOOD: row.ballotsGood ?? 0, FAIR: row.ballotsFair ?? 0, POOR: row.ballotsPoor ?? 0 }
      : null,
    enteredBy: row.enteredBy,
    enteredAt: isoTime(row.enteredAt),
  };
}

export function toAdjustmentInput(row: AdjustmentEntity): AdjustmentInput {
  return {
    id: row.id,
    type: row.type as AdjustmentType,
    pointsHundredths: row.pointsHundredths,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: isoTime(row.createdAt),
  };
}

export function toItemInput(item: ItemCompletion): ItemInput {
  return {
    responsibilityId: item.responsibilityId,
    weight: item.weight,
    completion: item.completion,
    notApplicable: item.notApplicable,
    source: item.source,
    setBy: item.setBy,
    setAt: item.setAt ? isoTime(item.setAt) : null,
  };
}

export function formulaInputs(
  period: AssessmentPeriodEntity,
  items: ItemCompletion[],
  stored: { evaluations: EvaluationInput[]; adjustments: AdjustmentInput[] },
  facts: SubjectFacts | undefined,
): ScoreInputs {
  const known = facts ?? NO_FACTS;
  return {
    rules: period.rules,
    items: items.map(toItemInput),
    evaluations: stored.evaluations,
    adjustments: stored.adjustments,
    automatic: { overdueProblems: known.overdueProblems, accountabilityCases: known.accountabilityCases },
    negativeListed: known.negativeListed,
  };
}

/** Both dialects hand back Date objects for entity columns; a raw SQLite value may be a "YYYY-MM-DD HH:MM:SS" UTC string. */
export function isoTime(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(value.includes("T") ? value : value.replace(" ", "T") + "Z").toISOString();
}
