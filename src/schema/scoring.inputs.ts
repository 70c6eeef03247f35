import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { Adjustment, Assessment, PostAssessment } from "./assessment.type";
import { AssessmentPeriod } from "./assessment-period.type";
import { Organization } from "./organization.type";
import { Appointment } from "./person.type";
import { AdjustmentType, EvaluationKind } from "./scoring-enums";

@InputType("BallotsInput", { description: "测评票数 Ballot counts of 好/较好/一般/差" })
export class BallotsInput {
  @Field(() => Int)
  excellent: number;

  @Field(() => Int)
  good: number;

  @Field(() => Int)
  fair: number;

  @Field(() => Int)
  poor: number;
}

@InputType("RecordEvaluationInput", { description: "录入评价 One evaluation of an organisation; recording a kind again replaces it" })
export class RecordEvaluationInput {
  @Field(() => ID)
  organizationId: string;

  @Field({ description: "考核周期 Period code" })
  period: string;

  @Field(() => EvaluationKind)
  kind: EvaluationKind;

  @Field(() => Float, { nullable: true, description: "分数 0–100, at most two decimals (or ballots)" })
  score?: number | null;

  @Field(() => BallotsInput, { nullable: true, description: "票数 CADRE only, instead of a score" })
  ballots?: BallotsInput | null;
}

@InputType("RecordPostEvaluationInput", { description: "录入述职评议评价 One evaluation of a post holder" })
export class RecordPostEvaluationInput {
  @Field(() => ID)
  appointmentId: string;

  @Field()
  period: string;

  @Field(() => EvaluationKind)
  kind: EvaluationKind;

  @Field(() => Float, { nullable: true })
  score?: number | null;

  @Field(() => BallotsInput, { nullable: true })
  ballots?: BallotsInput | null;
}

@InputType("AddAdjustmentInput", { description: "加减分 A bonus, deduction or veto of an organisation" })
export class AddAdjustmentInput {
  @Field(() => ID)
  organizationId: string;

  @Field()
  period: string;

  @Field(() => AdjustmentType)
  type: AdjustmentType;

  @Field(() => Float, { nullable: true, description: "分值 More than 0, at most two decimals; omitted for VETO" })
  points?: number | null;

  @Field({ description: "理由 Reason (required, at most 500 characters)" })
  reason: string;
}

@InputType("AddPostAdjustmentInput", { description: "加减分 A bonus, deduction or veto of a post holder" })
export class AddPostAdjustmentInput {
  @Field(() => ID)
  appointmentId: string;

  @Field()
  period: string;

  @Field(() => AdjustmentType)
  type: AdjustmentType;

  @Field(() => Float, { nullable: true })
  points?: number | null;

  @Field()
  reason: string;
}

@ObjectType("ScoreChange", { description: "评分变更 An organisation's own score after a write" })
export class ScoreChange {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => AssessmentPeriod)
  period: AssessmentPeriod;

  @Field(() => Assessment, { nullable: true, description: "Null when there is nothing to score yet" })
  assessment: Assessment | null;
}

@ObjectType("AdjustmentChange", { description: "加减分结果 The recorded adjustment and the own score after it" })
export class AdjustmentChange extends ScoreChange {
  @Field(() => Adjustment)
  adjustment: Adjustment;
}

@ObjectType("PostScoreChange", { description: "述职评议评分变更 A post holder's score after a write" })
export class PostScoreChange {
  @Field(() => Appointment)
  appointment: Appointment;

  @Field(() => AssessmentPeriod)
  period: AssessmentPeriod;

  @Field(() => PostAssessment, { nullable: true })
  assessment: PostAssessment | null;
}

@ObjectType("ScoreImportResult", { description: "导入结果 What a score import wrote" })
export class ScoreImportResult {
  @Field(() => Int, { description: "写入 Rows written (new and replaced)" })
  imported: number;

  @Field(() => Int, { description: "替换 Of those, replacing a stored score" })
  replaced: number;

  @Field(() => [String], { description: "周期 Periods of the file" })
  periods: string[];

  @Field(() => [String], { description: "新建周期 Periods the import created (OPEN, default rules)" })
  createdPeriods: string[];
}

@ObjectType("RecomputeRollupsResult", { description: "重算结果 A rebuilt subtree (or period) of roll-ups" })
export class RecomputeRollupsResult {
  @Field(() => AssessmentPeriod)
  period: AssessmentPeriod;

  @Field(() => Organization, { nullable: true })
  under: Organization | null;

  @Field(() => Int, { description: "行数 Roll-up rows of the subtree after the rebuild" })
  rowCount: number;
}
