import { Field, Float, Int, ObjectType } from "type-graphql";
import { Grade, RollupMethod } from "./scoring-enums";

@ObjectType("GradeCount", { description: "等次分布 How many organisations of a subtree have a grade" })
export class GradeCount {
  @Field(() => Grade)
  grade: Grade;

  @Field(() => Int)
  count: number;
}

/** Returned as a ScoreRollupView (services/scoring/rollup-view.ts): every field is plain. */
@ObjectType("ScoreRollup", { description: "汇总 Figures of an organisation's subtree (itself and all its descendants) in one period" })
export class ScoreRollup {
  @Field(() => RollupMethod, { description: "方法 The method averageScore was formed with" })
  method: RollupMethod;

  @Field(() => Int, { description: "组织数 Active organisations of the subtree" })
  organizationCount: number;

  @Field(() => Int, { description: "受评数 Of those, assessed" })
  assessedCount: number;

  @Field(() => Float, { description: "覆盖率 assessedCount / organizationCount, 0–1" })
  coverage: number;

  @Field(() => Float, { nullable: true, description: "平均分 Mean own score by the method; null when none is assessed" })
  averageScore: number | null;

  @Field(() => Float, { nullable: true, description: "最低分" })
  minScore: number | null;

  @Field(() => Float, { nullable: true, description: "最高分" })
  maxScore: number | null;

  @Field(() => Float, { nullable: true, description: "下级平均 Mean own score of the assessed direct children" })
  childrenAverage: number | null;

  @Field(() => Int, { description: "受评下级数 Assessed direct children (the count behind childrenAverage)" })
  childrenAssessedCount: number;

  @Field(() => Float, { nullable: true, description: "衰减 ownScore − childrenAverage (positive: pressure weakens below)" })
  attenuation: number | null;

  @Field(() => [GradeCount], { description: "等次分布 All four grades, zeros included, best first" })
  gradeDistribution: GradeCount[];
}
