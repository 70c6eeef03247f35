import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.interface";
import { AccountabilityCaseKind, AccountabilityForm, AccountabilityStatus, AccountabilitySubject, LeadershipRole } from "./oversight-enums";
import { PageInfo } from "./page-info.type";
import { DateScalar } from "./scalars";

@ObjectType("AccountabilityCase", {
  implements: Node,
  description: "问责 An accountability case against an organisation or a post holder; 一案双查 links the direct case with its leadership reviews",
})
export class AccountabilityCase extends Node {
  @Field(() => AccountabilityCaseKind, { description: "案件类型 Direct case, or linked leadership review" })
  kind: AccountabilityCaseKind;

  @Field(() => LeadershipRole, { nullable: true, description: "被查领导 For a leadership review: which leader; null for a direct case" })
  reviewRole: LeadershipRole | null;

  @Field(() => AccountabilitySubject, { description: "问责对象 Organisation or post holder" })
  subjectType: AccountabilitySubject;

  @Field(() => AccountabilityStatus, { description: "状态 Status" })
  status: AccountabilityStatus;

  @Field(() => AccountabilityForm, { nullable: true, description: "问责方式 Form; null until decided" })
  form: AccountabilityForm | null;

  @Field(() => DateScalar, { nullable: true, description: "决定日期 Day of the decision; null until decided" })
  decidedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: "问题发生日期 Day of the wrongdoing, when known" })
  incidentOn: string | null;

  @Field({ description: "事实与依据 Facts and grounds" })
  description: string;

  @Field(() => String, { nullable: true, description: "处理结果 How a review ended" })
  resolution: string | null;

  @Field({ description: "登记人 Who recorded it" })
  recordedBy: string;

  @Field(() => Date, { description: "登记时间 When it was recorded" })
  createdAt: Date;
}

@ObjectType("AccountabilityCaseEdge", { description: "问责分页项 A case with its cursor" })
export class AccountabilityCaseEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => AccountabilityCase, { description: "案件 The case" })
  node: AccountabilityCase;
}

@ObjectType("AccountabilityCaseConnection", { description: "问责分页列表 A page of cases, in the order recorded" })
export class AccountabilityCaseConnection {
  @Field(() => [AccountabilityCaseEdge], { description: "分页项 Edges" })
  edges: AccountabilityCaseEdge[];

  @Field(() => [AccountabilityCase], { description: "案件 Cases of the page" })
  nodes: AccountabilityCase[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole connection" })
  totalCount: number;
}

@ObjectType("NegativeListEntry", { implements: Node, description: "负面清单 An organisation listed for a period: its grade there may not be EXCELLENT" })
export class NegativeListEntry extends Node {
  @Field({ description: "列入理由 Reason" })
  reason: string;

  @Field({ description: "列入人 Who listed it" })
  listedBy: string;

  @Field(() => Date, { description: "列入时间 When" })
  createdAt: Date;
}

@ObjectType("NegativeListEntryEdge", { description: "负面清单分页项 An entry with its cursor" })
export class NegativeListEntryEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => NegativeListEntry, { description: "条目 The entry" })
  node: NegativeListEntry;
}

@ObjectType("NegativeListEntryConnection", { description: "负面清单分页列表 A page of a period's negative list, in the order listed" })
export class NegativeListEntryConnection {
  @Field(() => [NegativeListEntryEdge], { description: "分页项 Edges" })
  edges: NegativeListEntryEdge[];

  @Field(() => [NegativeListEntry], { description: "条目 Entries of the page" })
  nodes: NegativeListEntry[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole connection" })
  totalCount: number;
}
