import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { AdminLevel, OrgKind } from "./enums";
import { Organization } from "./organization.type";

@InputType("CreateOrganizationInput", { description: "新建党组织 A new organisation" })
export class CreateOrganizationInput {
  @Field({ description: "外部编码 Unique code, 1–64 characters, no control characters" })
  code: string;

  @Field({ description: "名称 Name" })
  name: string;

  @Field(() => OrgKind)
  kind: OrgKind;

  @Field(() => AdminLevel, { nullable: true, description: "层级 Derived from the parent when omitted; required for a root" })
  level?: AdminLevel | null;

  @Field({ description: "行政区划代码 Six digits" })
  regionCode: string;

  @Field(() => Int, { nullable: true, description: "党员人数 Members, default 0" })
  memberCount?: number | null;

  @Field(() => ID, { nullable: true, description: "上级 Parent organisation; omitted for a root" })
  parentId?: string | null;
}

@InputType("UpdateOrganizationInput", { description: "修改党组织 Changes to an organisation; omitted fields stay" })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  regionCode?: string | null;

  @Field(() => Int, { nullable: true })
  memberCount?: number | null;
}

@ObjectType("ImportOrganizationsResult", { description: "导入结果 What an import created" })
export class ImportOrganizationsResult {
  @Field(() => Int, { description: "新建数 Organisations created" })
  created: number;

  @Field(() => [Organization], { description: "新建的根 Roots of the imported trees (first 100)" })
  roots: Organization[];
}
