/**
 * Stored values of the oversight feature (督查, 三张清单, 问责, 负面清单). GraphQL
 * descriptions live in src/schema/oversight-enums.ts.
 */

/** 督查方式. */
export enum InspectionMethod {
  /** 常规督查: announced beforehand. */
  ANNOUNCED = "ANNOUNCED",
  /** 四不两直: unannounced, straight to the grass roots. */
  UNANNOUNCED = "UNANNOUNCED",
}

/** 问题来源. */
export enum ProblemSource {
  INSPECTION = "INSPECTION",
  PATROL = "PATROL",
  AUDIT = "AUDIT",
  SELF_CHECK = "SELF_CHECK",
  COMPLAINT = "COMPLAINT",
  ASSESSMENT = "ASSESSMENT",
}

/** 问题严重程度, mildest first. */
export enum ProblemSeverity {
  MINOR = "MINOR",
  SERIOUS = "SERIOUS",
  GRAVE = "GRAVE",
}

/** The states of DOMAIN.md §4; the transitions are in services/oversight/problem-states.ts. */
export enum ProblemState {
  OPEN = "OPEN",
  RECTIFYING = "RECTIFYING",
  PENDING_VERIFICATION = "PENDING_VERIFICATION",
  CLOSED = "CLOSED",
  REOPENED = "REOPENED",
}

/** 整改方式. */
export enum RectificationMode {
  /** 限期整改. */
  BY_DEADLINE = "BY_DEADLINE",
  /** 持续整改: a long-term project; its stage still has a due date that the deadline follows. */
  ONGOING = "ONGOING",
}

/** What a problem event did (one row of the history per action). */
export enum ProblemAction {
  RECORD = "RECORD",
  START_RECTIFICATION = "START_RECTIFICATION",
  SUBMIT_FOR_VERIFICATION = "SUBMIT_FOR_VERIFICATION",
  VERIFY = "VERIFY",
  REJECT_VERIFICATION = "REJECT_VERIFICATION",
  REOPEN = "REOPEN",
  EXTEND_DEADLINE = "EXTEND_DEADLINE",
}

/** Who an accountability case is against. */
export enum AccountabilitySubject {
  ORGANIZATION = "ORGANIZATION",
  POST_HOLDER = "POST_HOLDER",
}

/**
 * 问责方式. Each subject has its own scale, mildest first (ACCOUNTABILITY_FORMS in
 * services/oversight/oversight-rules.ts); CIRCULATION (通报) is on both.
 */
export enum AccountabilityForm {
  INSPECTION_ORDER = "INSPECTION_ORDER",
  CIRCULATION = "CIRCULATION",
  REORGANIZATION = "REORGANIZATION",
  ADMONITION = "ADMONITION",
  ORGANIZATIONAL_ADJUSTMENT = "ORGANIZATIONAL_ADJUSTMENT",
  DISCIPLINARY = "DISCIPLINARY",
}

/** 一案双查: the case against the wrongdoer, or a linked review of the leaders responsible. */
export enum AccountabilityCaseKind {
  DIRECT = "DIRECT",
  LEADERSHIP_REVIEW = "LEADERSHIP_REVIEW",
}

/** Which leader a linked review concerns. */
export enum LeadershipRole {
  SECRETARY = "SECRETARY",
  LEADER_IN_CHARGE = "LEADER_IN_CHARGE",
}

export enum AccountabilityStatus {
  /** A linked review not yet decided: no form, no effect on scores. */
  UNDER_REVIEW = "UNDER_REVIEW",
  /** Decided with a form on a date: counts in the period of that date. */
  DECIDED = "DECIDED",
  /** The review found no leadership responsibility. */
  CLEARED = "CLEARED",
}
