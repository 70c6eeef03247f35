import { DateScalar } from "./scalars";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { OrgKind } from "./enums";
import { DutyCategory, DutyType, EvidenceKind, PostKind, RequirementUnit } from "./responsibility-enums";

@InputType("AppointInput", { description: "任职 A new appointment" })
export class AppointInput {
  @Field(() => ID, { description: "人员 The person" })
  personId: string;

  @Field(() => ID, { description: "组织 The organisation" })
  organizationId: string;

  @Field(() => PostKind, { description: "岗位 The post; it must exist in the organisation's kind" })
  postKind: PostKind;

  @Field(() => DateScalar, { description: "开始 First day" })
  startDate: Date;

  @Field(() => DateScalar, { nullable: true, description: "结束 Last day; omitted while the post is held" })
  endDate?: Date | null;
}

@InputType("CreateCatalogInput", { description: "新建清单 A new catalog (version 1, a draft)" })
export class CreateCatalogInput {
  @Field({ description: "编码 Code: 1–64 letters, digits, '.', '_' or '-'" })
  code: string;

  @Field({ description: "名称 Title" })
  title: string;

  @Field(() => String, { nullable: true, description: "说明 Description" })
  description?: string | null;
}

@InputType("RequirementInput", { description: "量化要求 At least minCount records per unit" })
export class RequirementInput {
  @Field(() => Int, { description: "最少次数 Minimum count per unit, 1–1000" })
  minCount: number;

  @Field(() => RequirementUnit, { description: "频次单位 Per month, quarter, half year or year" })
  per: RequirementUnit;

  @Field(() => EvidenceKind, { nullable: true, description: "计入类型 Only records of this kind count; omitted: any kind" })
  evidenceKind?: EvidenceKind | null;
}

@InputType("CatalogItemInput", { description: "清单条目 A new item of a draft catalog" })
export class CatalogItemInput {
  @Field({ description: "编码 Code, unique in the catalog" })
  code: string;

  @Field({ description: "标题 Title" })
  title: string;

  @Field(() => String, { nullable: true, description: "内容 Description" })
  description?: string | null;

  @Field(() => OrgKind, { nullable: true, description: "责任主体（组织） Give this or subjectPostKind" })
  subjectOrgKind?: OrgKind | null;

  @Field(() => PostKind, { nullable: true, description: "责任主体（岗位） Give this or subjectOrgKind" })
  subjectPostKind?: PostKind | null;

  @Field(() => DutyType, { description: "责任类型 Duty type" })
  dutyType: DutyType;

  @Field(() => DutyCategory, { description: "类别 Category" })
  category: DutyCategory;

  @Field(() => Float, { description: "权重 Weight > 0, at most two decimals" })
  weight: number;

  @Field(() => [EvidenceKind], { nullable: true, description: "纪实类型 Kinds of evidence" })
  evidenceKinds?: EvidenceKind[] | null;

  @Field(() => RequirementInput, { nullable: true, description: "量化要求 Quantitative requirement" })
  requirement?: RequirementInput | null;

  @Field(() => ID, { nullable: true, description: "上级条目 The 大项 of this 小项 (same catalog)" })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: "分解自 The organisation item (same catalog) this one breaks down" })
  derivesFromId?: string | null;
}

@InputType("UpdateCatalogItemInput", { description: "修改条目 Changes to a draft item; omitted fields stay" })
export class UpdateCatalogItemInput {
  @Field(() => String, { nullable: true, description: "编码 Code" })
  code?: string | null;

  @Field(() => String, { nullable: true, description: "标题 Title" })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "内容 Description" })
  description?: string | null;

  @Field(() => DutyType, { nullable: true, description: "责任类型 Duty type" })
  dutyType?: DutyType | null;

  @Field(() => DutyCategory, { nullable: true, description: "类别 Category" })
  category?: DutyCategory | null;

  @Field(() => Float, { nullable: true, description: "权重 Weight > 0" })
  weight?: number | null;

  @Field(() => [EvidenceKind], { nullable: true, description: "纪实类型 Kinds of evidence" })
  evidenceKinds?: EvidenceKind[] | null;

  @Field(() => RequirementInput, { nullable: true, description: "量化要求 New requirement (see removeRequirement)" })
  requirement?: RequirementInput | null;

  @Field(() => Boolean, { nullable: true, description: "取消量化要求 Remove the quantitative requirement" })
  removeRequirement?: boolean | null;
}

@InputType("LocalResponsibilityInput", { description: "自定责任 An organisation's own item, or a sub-item breaking an assigned one down" })
export class LocalResponsibilityInput {
  @Field(() => ID, { description: "组织 The organisation" })
  organizationId: string;

  @Field(() => ID, { nullable: true, description: "岗位 A post holder of the organisation; omitted: the organisation's own duty" })
  appointmentId?: string | null;

  @Field(() => ID, { nullable: true, description: "上级责任 The responsibility (same holder) this is a sub-item of" })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: "分解自 A responsibility held above that this one breaks down" })
  derivedFromId?: string | null;

  @Field({ description: "编码 Code, unique in the organisation's local list" })
  code: string;

  @Field({ description: "标题 Title" })
  title: string;

  @Field(() => String, { nullable: true, description: "内容 Description" })
  description?: string | null;

  @Field(() => DutyType, { description: "责任类型 Duty type" })
  dutyType: DutyType;

  @Field(() => DutyCategory, { description: "类别 Category" })
  category: DutyCategory;

  @Field(() => Float, { description: "权重 Weight > 0, at most two decimals" })
  weight: number;

  @Field(() => [EvidenceKind], { nullable: true, description: "纪实类型 Kinds of evidence" })
  evidenceKinds?: EvidenceKind[] | null;

  @Field(() => RequirementInput, { nullable: true, description: "量化要求 Quantitative requirement" })
  requirement?: RequirementInput | null;
}

@InputType("AttachmentInput", { description: "附件链接 A link to a file of evidence" })
export class AttachmentInput {
  @Field({ description: "地址 http(s) URL" })
  url: string;

  @Field({ description: "摘要 SHA-256 of the file, 64 hex digits" })
  sha256: string;
}

@InputType("RecordFulfillmentInput", { description: "履责纪实 A record of a duty carried out" })
export class RecordFulfillmentInput {
  @Field(() => ID, { description: "责任 The responsibility" })
  responsibilityId: string;

  @Field(() => DateScalar, { description: "日期 The day it was done: in an open period, not in the future" })
  date: Date;

  @Field(() => EvidenceKind, { description: "纪实类型 Kind of evidence" })
  evidenceKind: EvidenceKind;

  @Field({ description: "摘要 What was done" })
  summary: string;

  @Field(() => [AttachmentInput], { nullable: true, description: "附件 Links to files (at most 20)" })
  attachments?: AttachmentInput[] | null;
}

@InputType("MarkCompletionInput", { description: "评定完成度 An assessor's mark for one responsibility in one period" })
export class MarkCompletionInput {
  @Field(() => ID, { description: "责任 The responsibility (a leaf)" })
  responsibilityId: string;

  @Field({ description: "周期 Period code, e.g. 2026-Q3; it must be open" })
  period: string;

  @Field(() => Float, { nullable: true, description: "完成度 0–1, at most four decimals; omitted when not applicable" })
  completion?: number | null;

  @Field(() => Boolean, { nullable: true, description: "不适用 Not applicable in this period" })
  notApplicable?: boolean | null;

  @Field(() => String, { nullable: true, description: "说明 Note, at most 500 characters" })
  note?: string | null;
}
