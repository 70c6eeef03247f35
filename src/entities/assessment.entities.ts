import { AdjustmentEntity } from "./adjustment.entity";
import { AssessmentEntity } from "./assessment.entity";
import { EvaluationEntity } from "./evaluation.entity";
import { PostAssessmentEntity } from "./post-assessment.entity";
import { ScoreRollupStateEntity } from "./score-rollup-state.entity";
import { ScoreRollupEntity } from "./score-rollup.entity";

/** The entities of this feature; index.ts adds them to the DataSource. */
export const assessmentEntities: Function[] = [
  AssessmentEntity,
  EvaluationEntity,
  AdjustmentEntity,
  PostAssessmentEntity,
  ScoreRollupEntity,
  ScoreRollupStateEntity,
];

export { AdjustmentEntity, AssessmentEntity, EvaluationEntity, PostAssessmentEntity, ScoreRollupEntity, ScoreRollupStateEntity };
export * from "./scoring-enums";
