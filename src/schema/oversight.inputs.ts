import { Field, ID, InputType, Int } from "type-graphql";
import {
  AccountabilityCaseKind,
  AccountabilityForm,
  AccountabilityStatus,
  AccountabilitySubject,
  InspectionMethod,
  ProblemSeverity,
  ProblemSource,
  ProblemState,
  RectificationMode,
} from "./oversight-enums";
import { DateScalar } from "./scalars";

@InputType("RecordInspectionInput", { description: "登记督查 A new inspection" })
export class RecordInspectionInput {
  @Field(() => ID, { description: "督查单位 The inspecting organisation: a superior of the inspected one, or a discipline committee over it" })
  inspectingOrganizationId: string;

  @Field(() => ID, { description: "被督查单位 The inspected organisation" })
  inspectedOrganizationId: string;

  @Field(() => DateScalar, { description: "督查日期 Day of the inspection, not in the future" })
  date: Date;

  @Field(() => InspectionMethod, { description: "督查方式 Announced or unannounced (四不两直)" })
  method: InspectionMethod;

  @Field({ description: "督查发现 What it found, at most 5000 characters" })
  findings: string;
}

@InputType("RecordProblemInput", { description: "登记问题 A problem found" })
export class RecordProblemInput {
  @Field(() => ID, { description: "违反的责任 The responsibility it breaches; the problem belongs to its organisation and its holder owns it" })
  responsibilityId: string;

  @Field(() => ID, { nullable: true, description: "督查 The inspection that found it (its subtree must hold the organisation)" })
  inspectionId?: string | null;

  @Field({ description: "问题类别 Code of an active problem category (see problemCategories)" })
  category: string;

  @Field(() => ProblemSource, { nullable: true, description: "来源 Required unless an inspection is named (then INSPECTION)" })
  source?: ProblemSource | null;

  @Field(() => ProblemSeverity, { description: "严重程度 Severity" })
  severity: ProblemSeverity;

  @Field({ description: "标题 Short title, at most 200 characters" })
  title: string;

  @Field({ description: "问题描述 What was found, at most 5000 characters" })
  description: string;

  @Field(() => DateScalar, { nullable: true, description: "发现日期 Day found, not in the future; default: the inspection's date, or today" })
  foundOn?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "整改时限 Deadline, if already set; otherwise the project's due date becomes it" })
  deadline?: Date | null;
}

@InputType("StartRectificationInput", { description: "启动整改 A rectification project (项目清单) for an OPEN or REOPENED problem" })
export class StartRectificationInput {
  @Field(() => ID, { description: "问题 The problem" })
  problemId: string;

  @Field(() => RectificationMode, { description: "整改方式 限期 or 持续" })
  mode: RectificationMode;

  @Field({ description: "整改目标 Goal" })
  goal: string;

  @Field({ description: "整改措施 Measures" })
  measures: string;

  @Field(() => ID, { nullable: true, description: "整改负责人 A post holder of the organisation or of a superior; default: the problem's owner" })
  ownerId?: string | null;

  @Field(() => DateScalar, { description: "开始日期 Start, not before the problem was found" })
  startDate: Date;

  @Field(() => DateScalar, { description: "完成时限 Due date, not past; within the problem's deadline when one is set, else it becomes the deadline" })
  dueDate: Date;
}

@InputType("OpenAccountabilityCaseInput", {
  description: "问责 A decided case against an organisation or a post holder; against a post holder it also opens the 一案双查 leadership reviews",
})
export class OpenAccountabilityCaseInput {
  @Field(() => ID, { nullable: true, description: "问责组织 The organisation held to account (give this or appointmentId)" })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: "问责人员 The post holder held to account, the wrongdoer (give this or organizationId)" })
  appointmentId?: string | null;

  @Field(() => AccountabilityForm, { description: "问责方式 A form of the subject's scale" })
  form: AccountabilityForm;

  @Field(() => ID, { description: "决定机关 Who decided: a superior, or a discipline committee over the organisation" })
  decidingOrganizationId: string;

  @Field(() => DateScalar, { description: "决定日期 Day of the decision, not in the future; the case counts in the periods containing it" })
  decidedOn: Date;

  @Field(() => DateScalar, { nullable: true, description: "问题发生日期 Day of the wrongdoing: the leaders in post that day are reviewed (default decidedOn)" })
  incidentOn?: Date | null;

  @Field({ description: "事实与依据 Facts and grounds" })
  description: string;

  @Field(() => [ID], { nullable: true, description: "依据问题 Problems the case rests on, found in the organisation's subtree" })
  problemIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "分管领导 The leadership member in charge, to be reviewed with the secretary (一案双查)" })
  leaderInChargeId?: string | null;
}

@InputType("DecideLeadershipReviewInput", { description: "领导责任认定 A leadership review decided with a form" })
export class DecideLeadershipReviewInput {
  @Field(() => ID, { description: "案件 The leadership review (UNDER_REVIEW)" })
  caseId: string;

  @Field(() => AccountabilityForm, { description: "问责方式 A form for a post holder" })
  form: AccountabilityForm;

  @Field(() => ID, { description: "决定机关 Who decided" })
  decidingOrganizationId: string;

  @Field(() => DateScalar, { description: "决定日期 Day of the decision, not in the future" })
  decidedOn: Date;

  @Field({ description: "处理结果 The finding" })
  resolution: string;
}

@InputType("ProblemFilter", { description: "问题筛选 Which problems to list; omitted fields do not filter" })
export class ProblemFilterInput {
  @Field(() => ID, { nullable: true, description: "范围 Problems of this organisation's subtree (itself included), within your scope" })
  under?: string | null;

  @Field(() => [ProblemState], { nullable: true, description: "状态 Any of these states" })
  states?: ProblemState[] | null;

  @Field(() => ProblemSource, { nullable: true, description: "来源 Source" })
  source?: ProblemSource | null;

  @Field(() => ProblemSeverity, { nullable: true, description: "严重程度 Severity" })
  severity?: ProblemSeverity | null;

  @Field(() => String, { nullable: true, description: "类别 Category code" })
  category?: string | null;

  @Field(() => ID, { nullable: true, description: "督查 Found by this inspection" })
  inspectionId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "发现起 Found on or after" })
  foundFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "发现止 Found on or before" })
  foundTo?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "逾期 Only problems overdue today (true) or not overdue (false)" })
  overdue?: boolean | null;
}

@InputType("AccountabilityCaseFilter", { description: "问责筛选 Which cases to list; omitted fields do not filter" })
export class AccountabilityCaseFilterInput {
  @Field(() => ID, { nullable: true, description: "范围 Cases concerning this organisation's subtree, within your scope" })
  under?: string | null;

  @Field(() => AccountabilityCaseKind, { nullable: true, description: "案件类型 Kind" })
  kind?: AccountabilityCaseKind | null;

  @Field(() => AccountabilityStatus, { nullable: true, description: "状态 Status" })
  status?: AccountabilityStatus | null;

  @Field(() => AccountabilitySubject, { nullable: true, description: "问责对象 Subject" })
  subjectType?: AccountabilitySubject | null;

  @Field(() => String, { nullable: true, description: "周期 Decided within this period (code)" })
  period?: string | null;
}

@InputType("InspectionFilter", { description: "督查筛选 Which inspections to list" })
export class InspectionFilterInput {
  @Field(() => ID, { nullable: true, description: "范围 Inspections of organisations in this subtree, within your scope" })
  under?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "起 On or after" })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "止 On or before" })
  to?: Date | null;
}

@InputType("CreateProblemCategoryInput", { description: "新增问题类别 A new problem category" })
export class CreateProblemCategoryInput {
  @Field({ description: "编码 Upper-case letters, digits and _, starting with a letter" })
  code: string;

  @Field({ description: "名称 Name" })
  name: string;

  @Field(() => Int, { nullable: true, description: "排序 Display order; default: after the last" })
  position?: number | null;
}

@InputType("UpdateProblemCategoryInput", { description: "修改问题类别 Changes to a category; omitted fields stay" })
export class UpdateProblemCategoryInput {
  @Field(() => String, { nullable: true, description: "名称 Name" })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: "启用 False retires it" })
  active?: boolean | null;

  @Field(() => Int, { nullable: true, description: "排序 Display order" })
  position?: number | null;
}
