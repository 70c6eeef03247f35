import { Field, Float, Int, ObjectType } from "type-graphql";
import { AdjustmentType, EvaluationKind, Grade, ScoreSource } from "./scoring-enums";

/**
 * 考核 An own score. Entities are returned as they are (AssessmentEntity, PostAssessmentEntity);
 * the score (stored in hundredths), the period and the provenance are field resolvers.
 */
@ObjectType("Assessment", { description: "考核结果 An organisation's own score in one period" })
export class Assessment {
  @Field(() => Float, { description: "得分 Own score, 0–100, two decimals (rounded half up from the exact formula result)" })
  score: number;

  @Field(() => Grade, { description: "等次 Grade" })
  grade: Grade;

  @Field(() => ScoreSource, { description: "来源 COMPUTED or IMPORTED" })
  source: ScoreSource;

  @Field({ description: "最后修改人 Who last set the score" })
  updatedBy: string;

  @Field(() => Date, { description: "最后修改时间 When the score was last set" })
  updatedAt: Date;
}

@ObjectType("PostAssessment", { description: "述职评议 A post holder's score in one period" })
export class PostAssessment {
  @Field(() => Float, { description: "得分 Score, 0–100, two decimals" })
  score: number;

  @Field(() => Grade)
  grade: Grade;

  @Field(() => ScoreSource)
  source: ScoreSource;

  @Field({ description: "最后修改人 Who last set the score" })
  updatedBy: string;

  @Field(() => Date)
  updatedAt: Date;
}

@ObjectType("Ballots", { description: "测评票数 Ballot counts of a cadres' evaluation" })
export class Ballots {
  @Field(() => Int, { description: "好" })
  excellent: number;

  @Field(() => Int, { description: "较好" })
  good: number;

  @Field(() => Int, { description: "一般" })
  fair: number;

  @Field(() => Int, { description: "差" })
  poor: number;
}

@ObjectType("Evaluation", { description: "评价 One of the three evaluations (三评) as recorded" })
export class Evaluation {
  @Field(() => EvaluationKind)
  kind: EvaluationKind;

  @Field(() => Float, { nullable: true, description: "分数 The score as entered, or the one the ballots give" })
  score: number | null;

  @Field(() => Ballots, { nullable: true, description: "票数 Ballots, when entered as ballots" })
  ballots: Ballots | null;

  @Field()
  enteredBy: string;

  @Field(() => Date)
  enteredAt: Date;
}

@ObjectType("Adjustment", { description: "加减分 A bonus, deduction or veto as recorded" })
export class Adjustment {
  @Field(() => Int, { description: "编号 Id (to withdraw it)" })
  id: number;

  @Field(() => AdjustmentType)
  type: AdjustmentType;

  @Field(() => Float, { description: "分值 Points (0 for a veto)" })
  points: number;

  @Field()
  reason: string;

  @Field()
  createdBy: string;

  @Field(() => Date)
  createdAt: Date;
}
