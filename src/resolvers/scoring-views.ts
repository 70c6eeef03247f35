import type { AssessmentPeriodEntity } from "../entities";
import type { AdjustmentEntity, AdjustmentType, EvaluationEntity, EvaluationKind } from "../entities/assessment.entities";
import { evaluationScore } from "../services/scoring/score-formula";
import { toEvaluationInput } from "../services/scoring/stored-inputs";

/** Recorded inputs as the schema shows them (points and scores in points, not hundredths). */
export interface EvaluationView {
  kind: EvaluationKind;
  score: number | null;
  ballots: { excellent: number; good: number; fair: number; poor: number } | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface AdjustmentView {
  id: number;
  type: AdjustmentType;
  points: number;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

export function toEvaluationView(row: EvaluationEntity, period: AssessmentPeriodEntity): EvaluationView {
  const input = toEvaluationInput(row);
  return {
    kind: row.kind,
    score: evaluationScore(input, period.rules).toNumber(),
    ballots: input.ballots && { excellent: input.ballots.EXCELLENT, good: input.ballots.GOOD, fair: input.ballots.FAIR, poor: input.ballots.POOR },
    enteredBy: row.enteredBy,
    enteredAt: row.enteredAt,
  };
}

export function toAdjustmentView(row: AdjustmentEntity): AdjustmentView {
  return {
    id: row.id,
    type: row.type,
    points: row.pointsHundredths / 100,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
