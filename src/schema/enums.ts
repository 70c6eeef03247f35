import { registerEnumType } from "type-graphql";
import { AdminLevel, OrgKind, OrgStatus } from "../entities/enums";

registerEnumType(AdminLevel, {
  name: "AdminLevel",
  description: "行政层级 Administrative level of the region an organisation sits in",
  valuesConfig: {
    NATIONAL: { description: "中央 National (only in a national deployment)" },
    PROVINCE: { description: "省 Province" },
    CITY: { description: "市 City" },
    COUNTY: { description: "县 County" },
  },
});

registerEnumType(OrgKind, {
  name: "OrgKind",
  description: "党组织类型 Kind of party organisation",
  valuesConfig: {
    LOCAL_COMMITTEE: { description: "地方党委（省委/市委/县委） Local party committee: root of a region's sub-tree" },
    WORKING_COMMITTEE: { description: "机关工委 Organs' working committee" },
    PARTY_GROUP: { description: "部门党组（党委） A department's leading party group" },
    ORGAN_COMMITTEE: { description: "机关党委 A department's organ party committee" },
    DISCIPLINE_COMMITTEE: { description: "机关纪委 Organ discipline inspection committee (a leaf)" },
    GENERAL_BRANCH: { description: "党总支 General branch" },
    BRANCH: { description: "党支部 Branch (a leaf)" },
  },
});

registerEnumType(OrgStatus, {
  name: "OrgStatus",
  description: "状态 Status of an organisation; dissolution keeps its history",
  valuesConfig: {
    ACTIVE: { description: "存续 Active" },
    DISSOLVED: { description: "已撤销 Dissolved" },
  },
});

export { AdminLevel, OrgKind, OrgStatus };
