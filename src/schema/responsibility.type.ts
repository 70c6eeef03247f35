import { DateScalar } from "./scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { OrgKind } from "./enums";
import { Node } from "./node.interface";
import { Organization } from "./organization.type";
import { PageInfo } from "./page-info.type";
import { CompletionSource, EvidenceKind } from "./responsibility-enums";
import { AssessmentPeriod } from "./assessment-period.type";

@ObjectType("Responsibility", {
  implements: Node,
  description: "定责 A catalog item applied to an organisation, held by the organisation itself or by one post holder",
})
export class Responsibility extends Node {}

@ObjectType("Attachment", { description: "附件链接 Where a file of evidence is kept, and its SHA-256 (the service stores no files)" })
export class Attachment {
  @Field({ description: "地址 URL of the file" })
  url: string;

  @Field({ description: "摘要 Lower-case hex SHA-256 of the file's bytes" })
  sha256: string;
}

@ObjectType("FulfillmentRecord", { implements: Node, description: "履责纪实 Dated evidence that a responsibility was carried out" })
export class FulfillmentRecord extends Node {
  @Field(() => DateScalar, { description: "日期 The day it was done" })
  date: string;

  @Field(() => EvidenceKind, { description: "纪实类型 Kind of evidence" })
  evidenceKind: EvidenceKind;

  @Field({ description: "摘要 What was done" })
  summary: string;

  @Field(() => [Attachment], { description: "附件 Links to files of evidence" })
  attachments: Attachment[];

  @Field({ description: "记录人 Who recorded it" })
  recordedBy: string;

  @Field(() => Date, { description: "记录时间 When it was recorded" })
  recordedAt: Date;
}

@ObjectType("FulfillmentRecordEdge", { description: "纪实分页项 A record with its cursor" })
export class FulfillmentRecordEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => FulfillmentRecord, { description: "纪实 The record" })
  node: FulfillmentRecord;
}

@ObjectType("FulfillmentRecordConnection", { description: "纪实分页列表 A page of records, by date then id" })
export class FulfillmentRecordConnection {
  @Field(() => [FulfillmentRecordEdge], { description: "分页项 Edges" })
  edges: FulfillmentRecordEdge[];

  @Field(() => [FulfillmentRecord], { description: "纪实 Records of the page" })
  nodes: FulfillmentRecord[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole connection" })
  totalCount: number;
}

@ObjectType("ResponsibilityStatus", { description: "履责情况 A responsibility's completion in one period, with its records" })
export class ResponsibilityStatus {
  @Field(() => Responsibility, { description: "责任 The responsibility" })
  responsibility: Responsibility;

  @Field(() => AssessmentPeriod, { description: "周期 The period" })
  period: AssessmentPeriod;

  @Field({ description: "计分 A leaf: counts in the score (a 大项 with 小项 is scored through them)" })
  scored: boolean;

  @Field(() => Float, {
    nullable: true,
    description: "完成度 c ∈ [0,1]; for a 大项 the weighted mean of its 小项; null while unmarked or not applicable",
  })
  completion: number | null;

  @Field(() => Float, { nullable: true, description: "自动完成度 The figure computed from records, kept even when overridden" })
  automaticCompletion: number | null;

  @Field({ description: "不适用 Not applicable in this period: leaves both sums of the score" })
  notApplicable: boolean;

  @Field(() => CompletionSource, { description: "来源 Where the completion came from" })
  source: CompletionSource;

  @Field(() => Int, { description: "纪实数 Records counted (in the requirement's window, or in the period)" })
  recordCount: number;

  @Field(() => Int, { nullable: true, description: "应完成数 Records needed for full completion; null without a quantitative requirement" })
  required: number | null;

  @Field({ description: "本期到期 False when a requirement's unit ends after this period (judged in a later period)" })
  due: boolean;

  @Field(() => DateScalar, { description: "计数起 First day whose records count" })
  windowStart: string;

  @Field(() => DateScalar, { description: "计数止 Last day whose records count" })
  windowEnd: string;

  @Field(() => String, { nullable: true, description: "评定人 Who set the mark; null for a computed figure" })
  setBy: string | null;

  @Field(() => Date, { nullable: true, description: "评定时间 When the mark was set" })
  setAt: Date | null;

  @Field(() => String, { nullable: true, description: "评定说明 The assessor's note" })
  note: string | null;
}

@ObjectType("DerivationLevel", { description: "分解层级 How far a duty reached at one depth and kind of organisation" })
export class DerivationLevel {
  @Field(() => Int, { description: "层深 Absolute depth in the tree" })
  depth: number;

  @Field(() => OrgKind, { description: "组织类型 Kind of organisation" })
  kind: OrgKind;

  @Field({ description: "应承接 Whether this kind is meant to hold a derived duty" })
  expected: boolean;

  @Field(() => Int, { description: "组织数 Active organisations at this level" })
  organizationCount: number;

  @Field(() => Int, { description: "已承接 Organisations holding the duty or one derived from it" })
  reachedCount: number;

  @Field(() => Int, { description: "末端缺口 Expected but not reached: where the chain stops" })
  gapCount: number;
}

@ObjectType("DerivationGap", { description: "分解缺口 An organisation the duty should reach but does not" })
export class DerivationGap {
  @Field(() => Organization, { description: "组织 The organisation without a derived duty" })
  organization: Organization;

  @Field(() => Organization, { nullable: true, description: "断点 The nearest ancestor holding the chain: it stops below it" })
  lastReached: Organization | null;
}

@ObjectType("DerivationGapEdge", { description: "缺口分页项 A gap with its cursor" })
export class DerivationGapEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => DerivationGap, { description: "缺口 The gap" })
  node: DerivationGap;
}

@ObjectType("DerivationGapConnection", { description: "缺口分页列表 A page of gaps in tree pre-order" })
export class DerivationGapConnection {
  @Field(() => [DerivationGapEdge], { description: "分页项 Edges" })
  edges: DerivationGapEdge[];

  @Field(() => [DerivationGap], { description: "缺口 Gaps of the page" })
  nodes: DerivationGap[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Number of gaps" })
  totalCount: number;
}

@ObjectType("DerivationBreakdown", { description: "分解情况 How far a top duty has been broken down in its organisation's subtree" })
export class DerivationBreakdown {
  @Field(() => [OrgKind], { description: "应承接类型 Kinds meant to hold a derived duty (from the catalog, or as given)" })
  expectedKinds: OrgKind[];
}

@ObjectType("BehindScheduleEntry", { description: "进度滞后 A quantitative duty with fewer records than the elapsed units require" })
export class BehindScheduleEntry {
  @Field(() => Responsibility, { description: "责任 The responsibility" })
  responsibility: Responsibility;

  @Field(() => Int, { description: "应有纪实 Records required by asOf" })
  requiredSoFar: number;

  @Field(() => Int, { description: "已有纪实 Records dated up to asOf" })
  recordCount: number;

  @Field(() => Int, { description: "差额 requiredSoFar − recordCount" })
  shortfall: number;

  @Field(() => DateScalar, { description: "截至 The last day counted" })
  asOf: string;
}

@ObjectType("BehindScheduleEdge", { description: "滞后分页项 An entry with its cursor" })
export class BehindScheduleEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => BehindScheduleEntry, { description: "滞后项 The entry" })
  node: BehindScheduleEntry;
}

@ObjectType("BehindScheduleConnection", { description: "滞后分页列表 Duties falling behind, by organisation path" })
export class BehindScheduleConnection {
  @Field(() => [BehindScheduleEdge], { description: "分页项 Edges" })
  edges: BehindScheduleEdge[];

  @Field(() => [BehindScheduleEntry], { description: "滞后项 Entries of the page" })
  nodes: BehindScheduleEntry[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Number of duties behind (scans the subtree)" })
  totalCount: number;
}
