import { Field, Float, Int, ObjectType } from "type-graphql";
import { OrgKind } from "./enums";
import { Node } from "./node.interface";
import { CatalogStatus, DutyCategory, DutyType, EvidenceKind, PostKind, RequirementUnit } from "./responsibility-enums";

@ObjectType("Catalog", { implements: Node, description: "责任清单 One version of a responsibility catalog, or an organisation's local list" })
export class Catalog extends Node {
  @Field({ description: "清单编码 Code, shared by all versions" })
  code: string;

  @Field(() => Int, { description: "版本 Version: 1, 2, 3 …" })
  version: number;

  @Field({ description: "名称 Title" })
  title: string;

  @Field(() => String, { nullable: true, description: "说明 Description" })
  description: string | null;

  @Field(() => CatalogStatus, { description: "状态 DRAFT (editable) or PUBLISHED (immutable)" })
  status: CatalogStatus;

  @Field(() => Date, { nullable: true, description: "发布时间 When it was published" })
  publishedAt: Date | null;
}

@ObjectType("QuantitativeRequirement", { description: "量化要求 At least minCount records (of evidenceKind, or of any kind) per unit" })
export class QuantitativeRequirement {
  @Field(() => Int, { description: "最少次数 Records needed per unit" })
  minCount: number;

  @Field(() => RequirementUnit, { description: "频次单位 The calendar unit" })
  per: RequirementUnit;

  @Field(() => EvidenceKind, { nullable: true, description: "计入的纪实类型 Which records count; null: any kind" })
  evidenceKind: EvidenceKind | null;
}

@ObjectType("CatalogItem", { implements: Node, description: "清单条目 An item of a catalog (大项, or a 小项 under one)" })
export class CatalogItem extends Node {
  @Field({ description: "条目编码 Code, unique in the catalog and kept across versions" })
  code: string;

  @Field({ description: "标题 Title" })
  title: string;

  @Field({ description: "内容 What the duty asks" })
  description: string;

  @Field(() => OrgKind, { nullable: true, description: "责任主体（组织） Subject when it is an organisation kind" })
  subjectOrgKind: OrgKind | null;

  @Field(() => PostKind, { nullable: true, description: "责任主体（岗位） Subject when it is a post" })
  subjectPostKind: PostKind | null;

  @Field(() => DutyType, { description: "责任类型 Which of the four coordinated responsibilities" })
  dutyType: DutyType;

  @Field(() => DutyCategory, { description: "类别 What the duty is about" })
  category: DutyCategory;

  @Field(() => Float, { description: "权重 Weight (> 0, two decimals); a 大项 is scored through its 小项" })
  weight: number;

  @Field(() => [EvidenceKind], { description: "纪实类型 The kinds of evidence that show it done" })
  evidenceKinds: EvidenceKind[];

  @Field(() => Int, { description: "排序 Position among its siblings" })
  position: number;
}

@ObjectType("AssignCatalogResult", { description: "定责结果 What assignCatalog did" })
export class AssignCatalogResult {
  @Field(() => Int, { description: "组织数 Active organisations of the subtree visited" })
  organizations: number;

  @Field(() => Int, { description: "在任人数 Current post holders visited" })
  appointments: number;

  @Field(() => Int, { description: "新建 Responsibilities created" })
  created: number;

  @Field(() => Int, { description: "已有 Responsibilities that existed already (left unchanged)" })
  existing: number;

  @Field(() => Int, { description: "补链 Existing responsibilities linked to a source assigned later" })
  linked: number;
}
