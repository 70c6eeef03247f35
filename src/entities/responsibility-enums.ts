/**
 * Stored values of the responsibility feature (责任清单, 岗位, 履责纪实). GraphQL
 * descriptions live in src/schema/responsibility-enums.ts.
 */

/** 岗位: a post. Which organisation kinds each post may be held in: services/responsibility/post-kind-rules.ts. */
export enum PostKind {
  LOCAL_SECRETARY = "LOCAL_SECRETARY",
  WORKING_COMMITTEE_SECRETARY = "WORKING_COMMITTEE_SECRETARY",
  PARTY_GROUP_SECRETARY = "PARTY_GROUP_SECRETARY",
  PARTY_GROUP_MEMBER = "PARTY_GROUP_MEMBER",
  ORGAN_COMMITTEE_SECRETARY = "ORGAN_COMMITTEE_SECRETARY",
  DISCIPLINE_SECRETARY = "DISCIPLINE_SECRETARY",
  BRANCH_SECRETARY = "BRANCH_SECRETARY",
}

/** 四责协同. */
export enum DutyType {
  PRIMARY = "PRIMARY",
  FIRST_PERSON = "FIRST_PERSON",
  SUPERVISORY = "SUPERVISORY",
  DUAL_DUTY = "DUAL_DUTY",
}

/** 党的建设的方面: what a duty is about. */
export enum DutyCategory {
  POLITICAL = "POLITICAL",
  IDEOLOGICAL = "IDEOLOGICAL",
  ORGANIZATIONAL = "ORGANIZATIONAL",
  CONDUCT = "CONDUCT",
  DISCIPLINE = "DISCIPLINE",
  INSTITUTIONAL = "INSTITUTIONAL",
  ANTI_CORRUPTION = "ANTI_CORRUPTION",
  LEADERSHIP = "LEADERSHIP",
}

/** 纪实类型: what kind of evidence a fulfilment record is. */
export enum EvidenceKind {
  MEETING = "MEETING",
  LECTURE = "LECTURE",
  STUDY = "STUDY",
  ACTIVITY = "ACTIVITY",
  TALK = "TALK",
  INSPECTION = "INSPECTION",
  REPORT = "REPORT",
  DOCUMENT = "DOCUMENT",
  OTHER = "OTHER",
}

/** The calendar unit of a quantitative requirement: at least N records per unit. */
export enum RequirementUnit {
  MONTH = "MONTH",
  QUARTER = "QUARTER",
  HALF_YEAR = "HALF_YEAR",
  YEAR = "YEAR",
}

export enum CatalogStatus {
  /** Items may be added, changed and removed. */
  DRAFT = "DRAFT",
  /** Immutable; only a published catalog can be assigned. */
  PUBLISHED = "PUBLISHED",
}

/** Where an assessor's mark came from; the automatic figure has no mark. */
export enum MarkSource {
  ENTERED = "ENTERED",
  OVERRIDDEN = "OVERRIDDEN",
  IMPORTED = "IMPORTED",
}
