import { Field, ObjectType, registerEnumType } from "type-graphql";
import { StructureRule } from "../services/structure-findings.service";
import { Organization } from "./organization.type";

registerEnumType(StructureRule, {
  name: "StructureRule",
  description: "组织设置规则 A structure rule of the 机关基层组织工作条例 / 支部工作条例",
  valuesConfig: {
    BRANCH_TOO_SMALL: { description: "党支部正式党员不足3人 A branch with fewer than 3 members" },
    BRANCH_TOO_LARGE: { description: "党支部党员超过50人 A branch with more than 50 members" },
    GENERAL_BRANCH_SIZE: { description: "党总支不在50至99人 A general branch outside 50–99 members" },
    ORGAN_COMMITTEE_TOO_SMALL: { description: "机关党委不足100人 An organ committee with fewer than 100 members" },
    ORGAN_COMMITTEE_WITHOUT_DISCIPLINE_COMMITTEE: { description: "机关党委未设机关纪委 An organ committee with no discipline committee beside it" },
  },
});

@ObjectType("StructureFinding", { description: "组织设置问题 A structure rule an organisation breaks" })
export class StructureFinding {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => StructureRule)
  rule: StructureRule;

  @Field({ description: "说明 What is wrong, in Chinese and English" })
  message: string;
}
