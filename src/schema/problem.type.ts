import { Field, Int, ObjectType } from "type-graphql";
import { Node } from "./node.interface";
import { ProblemAction, ProblemSeverity, ProblemSource, ProblemState, RectificationMode } from "./oversight-enums";
import { PageInfo } from "./page-info.type";
import { DateScalar } from "./scalars";

@ObjectType("ProblemCategory", { implements: Node, description: "问题类别 A category of the configurable list problems are filed under" })
export class ProblemCategory extends Node {
  @Field({ description: "编码 Stable code, e.g. RESPONSIBILITY" })
  code: string;

  @Field({ description: "名称 Name" })
  name: string;

  @Field(() => Int, { description: "排序 Display order, ascending" })
  position: number;

  @Field({ description: "启用 False once retired: kept on its problems, not offered for new ones" })
  active: boolean;
}

@ObjectType("Problem", {
  implements: Node,
  description: "问题清单 A problem found at an organisation, the responsibility it breaches, and its rectification",
})
export class Problem extends Node {
  @Field({ description: "标题 Short title" })
  title: string;

  @Field({ description: "问题描述 What was found" })
  description: string;

  @Field(() => ProblemSource, { description: "来源 Where it was found" })
  source: ProblemSource;

  @Field(() => ProblemSeverity, { description: "严重程度 Severity" })
  severity: ProblemSeverity;

  @Field(() => ProblemState, { description: "状态 Current state" })
  state: ProblemState;

  @Field(() => RectificationMode, { nullable: true, description: "整改方式 限期 or 持续; null before rectification starts" })
  rectificationMode: RectificationMode | null;

  @Field(() => DateScalar, { description: "发现日期 The day it was found" })
  foundOn: string;

  @Field(() => DateScalar, { nullable: true, description: "整改时限 Last day of rectification: overdue from the next day while not CLOSED; null while none is set" })
  deadline: string | null;

  @Field(() => DateScalar, { nullable: true, description: "销号日期 Day of the last 销号; null while not CLOSED" })
  closedOn: string | null;

  @Field(() => Int, { description: "重开次数 How often 回头看 reopened it" })
  reopenCount: number;

  @Field({ description: "登记人 Who recorded it" })
  recordedBy: string;

  @Field(() => Date, { description: "登记时间 When it was recorded" })
  createdAt: Date;
}

@ObjectType("ProblemEvent", {
  implements: Node,
  description: "问题履历 One step of a problem's history: who, when, from which state to which, the deadline before and after, and why",
})
export class ProblemEvent extends Node {
  @Field(() => Int, { description: "序号 1 for the recording, then one per step" })
  seq: number;

  @Field(() => ProblemAction, { description: "操作 What was done" })
  action: ProblemAction;

  @Field(() => ProblemState, { nullable: true, description: "原状态 State before; null for the recording" })
  fromState: ProblemState | null;

  @Field(() => ProblemState, { description: "新状态 State after" })
  toState: ProblemState;

  @Field(() => DateScalar, { nullable: true, description: "原时限 Deadline before" })
  deadlineBefore: string | null;

  @Field(() => DateScalar, { nullable: true, description: "新时限 Deadline after" })
  deadlineAfter: string | null;

  @Field(() => DateScalar, { description: "日期 The day it happened (for the recording: the day the problem was found)" })
  occurredOn: string;

  @Field(() => String, { nullable: true, description: "理由 Why, or what was done (延期、不予销号、回头看、申请销号)" })
  reason: string | null;

  @Field({ description: "操作人 Who did it (username)" })
  actorName: string;

  @Field(() => Date, { description: "记录时间 When it was recorded" })
  recordedAt: Date;
}

@ObjectType("RectificationProject", { implements: Node, description: "项目清单 How a problem is fixed: goal, measures, owner, start and due date" })
export class RectificationProject extends Node {
  @Field({ description: "整改目标 Goal" })
  goal: string;

  @Field({ description: "整改措施 Measures" })
  measures: string;

  @Field(() => RectificationMode, { description: "整改方式 限期 or 持续" })
  mode: RectificationMode;

  @Field(() => DateScalar, { description: "开始日期 Start" })
  startDate: string;

  @Field(() => DateScalar, { description: "完成时限 Planned completion" })
  dueDate: string;

  @Field({ description: "制定人 Who set it" })
  createdBy: string;

  @Field(() => Date, { description: "制定时间 When it was set" })
  createdAt: Date;
}

@ObjectType("ProblemTraceLink", {
  description: "责任追溯 One link of the trace up from a problem: the breached duty, then each upper duty it derives from, with who holds it",
})
export class ProblemTraceLink {
  @Field(() => Int, { description: "层级 0 for the breached responsibility, 1 for the duty it derives from, …" })
  step: number;
}

@ObjectType("ProblemEdge", { description: "问题分页项 A problem with its cursor" })
export class ProblemEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => Problem, { description: "问题 The problem" })
  node: Problem;
}

@ObjectType("ProblemConnection", { description: "问题分页列表 A page of problems" })
export class ProblemConnection {
  @Field(() => [ProblemEdge], { description: "分页项 Edges" })
  edges: ProblemEdge[];

  @Field(() => [Problem], { description: "问题 Problems of the page" })
  nodes: Problem[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole connection" })
  totalCount: number;
}
