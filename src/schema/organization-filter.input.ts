import { Field, ID, InputType } from "type-graphql";
import { AdminLevel, OrgKind, OrgStatus } from "./enums";

@InputType("OrganizationFilter", { description: "党组织筛选 Filter of organisations; all given conditions apply" })
export class OrganizationFilterInput {
  @Field(() => OrgKind, { nullable: true })
  kind?: OrgKind | null;

  @Field(() => AdminLevel, { nullable: true })
  level?: AdminLevel | null;

  @Field(() => String, { nullable: true, description: "行政区划代码 Region code, exact" })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: "名称包含 Part of the name" })
  nameContains?: string | null;

  @Field(() => ID, { nullable: true, description: "范围 Only this organisation's subtree, itself included" })
  under?: string | null;

  @Field(() => OrgStatus, { nullable: true, description: "状态 ACTIVE when omitted; DISSOLVED lists dissolved ones" })
  status?: OrgStatus | null;
}
