import { Field, ID, Int, ObjectType } from "type-graphql";
import { AdminLevel, OrgKind, OrgStatus } from "./enums";
import { Node } from "./node.interface";
import { PageInfo } from "./page-info.type";

@ObjectType("Organization", {
  implements: Node,
  description: "党组织 A party organisation in the tree (省/市/县; 工委 → 党组 → 机关党委 → 支部)",
})
export class Organization extends Node {
  @Field({ description: "外部编码 Stable external code: unique, case-sensitive, opaque" })
  code: string;

  @Field({ description: "名称 Name" })
  name: string;

  @Field(() => OrgKind, { description: "类型 Kind" })
  kind: OrgKind;

  @Field(() => AdminLevel, { description: "层级 Administrative level" })
  level: AdminLevel;

  @Field({ description: "行政区划代码 GB/T 2260 region code, six digits" })
  regionCode: string;

  @Field(() => Int, { description: "层深 Depth in the tree; a root is 0" })
  depth: number;

  @Field(() => Int, { description: "党员人数 Number of members" })
  memberCount: number;

  @Field(() => OrgStatus, { description: "状态 Status" })
  status: OrgStatus;

  @Field(() => Date, { nullable: true, description: "撤销时间 When it was dissolved" })
  dissolvedAt: Date | null;
}

@ObjectType("OrganizationEdge", { description: "分页条目 One organisation of a page, with its cursor" })
export class OrganizationEdge {
  @Field({ description: "游标 Opaque cursor: pass it as `after` to continue after this item" })
  cursor: string;

  @Field(() => Organization, { description: "党组织 The organisation" })
  node: Organization;
}

@ObjectType("OrganizationConnection", { description: "党组织分页列表 A page of organisations" })
export class OrganizationConnection {
  @Field(() => [OrganizationEdge])
  edges: OrganizationEdge[];

  @Field(() => [Organization])
  nodes: Organization[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole connection, not of the page" })
  totalCount: number;
}
