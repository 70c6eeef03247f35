import { JsonScalar } from "./scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfo } from "./page-info.type";

@ObjectType("AuditEntry", { description: "审计记录 One successful change: who, what, to what, before and after" })
export class AuditEntry {
  @Field(() => ID, { description: "全局ID Global, opaque id" })
  id: string;

  @Field({ description: "操作 What was done, e.g. user.create, organization.move" })
  action: string;

  @Field({ description: "操作人 Username of the actor when it acted; 'system' for start-up and tools" })
  actor: string;

  @Field({ description: "对象类型 Type of the changed object, e.g. User, Organization" })
  targetType: string;

  @Field(() => ID, { nullable: true, description: "对象ID Global id of the changed object" })
  targetId: string | null;

  @Field(() => JsonScalar, { nullable: true, description: "变更前 The object before the change; null for a creation" })
  before: unknown;

  @Field(() => JsonScalar, { nullable: true, description: "变更后 The object after the change" })
  after: unknown;

  @Field(() => Date, { description: "时间 When it happened (whole seconds on SQLite)" })
  occurredAt: Date;

  @Field({ description: "请求ID The request's id, as in the logs and the x-request-id header" })
  requestId: string;
}

@ObjectType("AuditEntryEdge", { description: "审计分页条目 An audit entry and its cursor" })
export class AuditEntryEdge {
  @Field({ description: "游标 Cursor" })
  cursor: string;

  @Field(() => AuditEntry, { description: "审计记录 The entry" })
  node: AuditEntry;
}

@ObjectType("AuditEntryConnection", { description: "审计日志分页 A page of the audit log, newest first" })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: "条目 Edges" })
  edges: AuditEntryEdge[];

  @Field(() => [AuditEntry], { description: "记录 The entries of the page" })
  nodes: AuditEntry[];

  @Field(() => PageInfo, { description: "分页信息 Page information" })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "总数 Size of the whole filtered log, not of the page" })
  totalCount: number;
}
