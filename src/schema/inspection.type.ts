import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.interface";
import { InspectionMethod } from "./oversight-enums";
import { PageInfo } from "./page-info.type";
import { DateScalar } from "./scalars";

@ObjectType("Inspection", { implements: Node, description: "督查 An inspection of an organisation by a superior or a discipline committee" })
export class Inspection extends Node {
  @Field(() => DateScalar, { description: "督查日期 Day of the inspection" })
  date: string;

  @Field(() => InspectionMethod, { description: "督查方式 Announced, or unannounced (四不两直)" })
  method: InspectionMethod;

  @Field({ description: "督查发现 What it found, in words (the problems are recorded separately)" })
  findings: string;

  @Field({ description: "登记人 Who recorded it" })
  recordedBy: string;

  @Field(() => Date, { description: "登记时间 When it was recorded" })
  createdAt: Date;
}

@ObjectType("InspectionEdge", { description: "督查分页项 An inspection with its cursor" })
export class InspectionEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => Inspection, { description: "督查 The inspection" })
  node: Inspection;
}

@ObjectType("InspectionConnection", { description: "督查分页列表 A page of inspections, in the order recorded" })
export class InspectionConnection {
  @Field(() => [InspectionEdge], { description: "分页项 Edges" })
  edges: InspectionEdge[];

  @Field(() => [Inspection], { description: "督查 Inspections of the page" })
  nodes: Inspection[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole connection" })
  totalCount: number;
}
