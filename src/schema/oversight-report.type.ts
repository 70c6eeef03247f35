import { Field, Float, Int, ObjectType } from "type-graphql";
import { AssessmentPeriod } from "./assessment-period.type";
import { Organization } from "./organization.type";
import { AccountabilityForm, AccountabilitySubject } from "./oversight-enums";
import { DateScalar } from "./scalars";

@ObjectType("AccountabilityFormCount", { description: "问责方式统计 Decided cases of one form in the period" })
export class AccountabilityFormCount {
  @Field(() => AccountabilitySubject, { description: "问责对象 Organisation or post holder" })
  subjectType: AccountabilitySubject;

  @Field(() => AccountabilityForm, { description: "问责方式 Form" })
  form: AccountabilityForm;

  @Field(() => Int, { description: "轻重序 1 for the mildest form of the subject's scale" })
  severityRank: number;

  @Field(() => Int, { description: "件数 Cases" })
  count: number;
}

@ObjectType("OversightReport", {
  description: "督责考责统计 Problems, rectification and accountability of a subtree in a period (the organisation and all its descendants)",
})
export class OversightReport {
  @Field(() => Organization, { description: "组织 Root of the subtree" })
  organization: Organization;

  @Field(() => AssessmentPeriod, { description: "周期 The period" })
  period: AssessmentPeriod;

  @Field(() => DateScalar, { description: "统计日 Day the state figures are taken on: the period's end, or today while it runs" })
  asOf: string;

  @Field(() => Int, { description: "发现问题 Problems found in the period" })
  problemsFound: number;

  @Field(() => Int, { description: "销号问题 Problems closed (销号) in the period, each once" })
  problemsClosed: number;

  @Field(() => Int, { description: "逾期问题 Problems overdue on asOf (at period end: those the score deducts for)" })
  problemsOverdue: number;

  @Field(() => Int, { description: "回头看重开 Problems reopened in the period, each once" })
  problemsReopened: number;

  @Field(() => Float, { nullable: true, description: "整改率 Of the problems found in the period, the share CLOSED on asOf (0–1); null when none was found" })
  rectificationRate: number | null;

  @Field(() => [AccountabilityFormCount], { description: "问责分类 Decided cases by subject and form, mildest first, zeros included" })
  casesByForm: AccountabilityFormCount[];

  @Field(() => Int, { description: "问责总数 Decided cases in the period" })
  casesTotal: number;
}
