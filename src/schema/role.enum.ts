import { registerEnumType } from "type-graphql";
import { Role } from "../entities/user.entity";

registerEnumType(Role, {
  name: "Role",
  description: "角色 What a user may do; every role acts only inside its scope's subtree",
  valuesConfig: {
    ADMIN: { description: "系统管理员 Administrator: everything, including users and the audit log" },
    ORG_ADMIN: { description: "组织管理员 Organisation administrator: structure, posts, responsibilities" },
    ASSESSOR: { description: "考核员 Assessor: fulfilment records, evaluations, scores" },
    INSPECTOR: { description: "纪检监督员 Inspector (纪委): inspections, problems, accountability, negative list" },
    VIEWER: { description: "查看者 Viewer: read only" },
  },
});

export { Role };
