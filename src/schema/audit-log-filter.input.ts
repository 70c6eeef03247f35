import { Field, InputType } from "type-graphql";

@InputType("AuditLogFilter", { description: "审计日志筛选 Filter of the audit log; all given conditions apply" })
export class AuditLogFilterInput {
  @Field(() => String, { nullable: true, description: "操作 Exact action, e.g. user.disable" })
  action?: string | null;

  @Field(() => String, { nullable: true, description: "操作人 Username of the actor" })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: "对象类型 Type of the changed object, e.g. User" })
  targetType?: string | null;

  @Field(() => Date, { nullable: true, description: "起 From this time, inclusive" })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: "止 Up to this time, exclusive" })
  until?: Date | null;
}
