import { registerEnumType } from "type-graphql";
import {
  CatalogStatus,
  DutyCategory,
  DutyType,
  EvidenceKind,
  PostKind,
  RequirementUnit,
} from "../entities/responsibility-enums";
import { CompletionSource } from "../services/scoring/item-completion";

/**
 * GraphQL registrations of the responsibility feature's enums (each registered once, here;
 * CompletionSource too, although the scoring feature owns its definition).
 */
registerEnumType(PostKind, {
  name: "PostKind",
  description: "岗位 A post in an organisation (which kinds of organisation may hold it: post-kind-rules.ts)",
  valuesConfig: {
    LOCAL_SECRETARY: { description: "地方党委书记 Secretary of a local party committee" },
    WORKING_COMMITTEE_SECRETARY: { description: "机关工委书记 Secretary of an organs' working committee" },
    PARTY_GROUP_SECRETARY: { description: "党组（党委）书记 Secretary of a department's party group" },
    PARTY_GROUP_MEMBER: { description: "党组其他成员 Other member of a party group (一岗双责)" },
    ORGAN_COMMITTEE_SECRETARY: { description: "机关党委书记 Secretary of an organ party committee" },
    DISCIPLINE_SECRETARY: { description: "机关纪委书记 Secretary of an organ discipline committee" },
    BRANCH_SECRETARY: { description: "党支部（总支）书记 Secretary of a branch or general branch" },
  },
});

registerEnumType(DutyType, {
  name: "DutyType",
  description: "责任类型（四责协同） Type of duty: the four coordinated responsibilities",
  valuesConfig: {
    PRIMARY: { description: "主体责任 Primary responsibility of a party organisation" },
    FIRST_PERSON: { description: "第一责任人责任 First-person responsibility of a secretary" },
    SUPERVISORY: { description: "监督责任 Supervisory responsibility of a discipline committee" },
    DUAL_DUTY: { description: "一岗双责 Dual duty of the other leadership members" },
  },
});

registerEnumType(DutyCategory, {
  name: "DutyCategory",
  description: "责任类别 What a duty is about (the aspects of party building)",
  valuesConfig: {
    POLITICAL: { description: "政治建设 Political building" },
    IDEOLOGICAL: { description: "思想建设 Ideological building" },
    ORGANIZATIONAL: { description: "组织建设 Organisational building" },
    CONDUCT: { description: "作风建设 Conduct (work style)" },
    DISCIPLINE: { description: "纪律建设 Discipline" },
    INSTITUTIONAL: { description: "制度建设 Rules and institutions" },
    ANTI_CORRUPTION: { description: "党风廉政建设和反腐败 Integrity and anti-corruption" },
    LEADERSHIP: { description: "统筹领导 Leadership: planning, reporting, assessing party building" },
  },
});

registerEnumType(EvidenceKind, {
  name: "EvidenceKind",
  description: "纪实类型 Kind of evidence a fulfilment record is",
  valuesConfig: {
    MEETING: { description: "会议 A meeting held (党员大会, 支委会, 党组会 …)" },
    LECTURE: { description: "党课 A party lecture given" },
    STUDY: { description: "学习 A study session (理论学习中心组, 集中学习)" },
    ACTIVITY: { description: "活动 An activity (主题党日, 志愿服务)" },
    TALK: { description: "谈心谈话 A talk (谈心谈话, 廉政谈话, 约谈)" },
    INSPECTION: { description: "督查检查 An inspection or supervision visit" },
    REPORT: { description: "报告述职 A report or a duty report (述职)" },
    DOCUMENT: { description: "制度文件 A document issued (制度, 方案, 通知)" },
    OTHER: { description: "其他 Any other evidence" },
  },
});

registerEnumType(RequirementUnit, {
  name: "RequirementUnit",
  description: "频次单位 The calendar unit of a quantitative requirement: at least N records per unit",
  valuesConfig: {
    MONTH: { description: "每月 Per calendar month" },
    QUARTER: { description: "每季度 Per calendar quarter" },
    HALF_YEAR: { description: "每半年 Per half year (Jan–Jun, Jul–Dec)" },
    YEAR: { description: "每年 Per calendar year" },
  },
});

registerEnumType(CatalogStatus, {
  name: "CatalogStatus",
  description: "清单状态 Status of a catalog version",
  valuesConfig: {
    DRAFT: { description: "草稿 Draft: items may still change" },
    PUBLISHED: { description: "已发布 Published: immutable; may be assigned" },
  },
});

registerEnumType(CompletionSource, {
  name: "CompletionSource",
  description: "完成度来源 Where a completion figure came from",
  valuesConfig: {
    AUTOMATIC: { description: "自动计算 Computed from fulfilment records against the requirement" },
    ENTERED: { description: "评定录入 Entered by an assessor (item without a quantitative requirement)" },
    OVERRIDDEN: { description: "人工调整 An assessor replaced the computed figure" },
    IMPORTED: { description: "导入 Imported" },
  },
});


export { CatalogStatus, CompletionSource, DutyCategory, DutyType, EvidenceKind, PostKind, RequirementUnit };
