/** Stored values of the scoring feature; GraphQL descriptions live in src/schema/scoring-enums.ts. */

/** 等次. Enum order is the contract's order of `gradeDistribution` (best first). */
export enum Grade {
  EXCELLENT = "EXCELLENT",
  GOOD = "GOOD",
  FAIR = "FAIR",
  POOR = "POOR",
}

export const GRADES_BEST_FIRST: readonly Grade[] = [Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR];

/** Where an own score came from. */
export enum ScoreSource {
  /** By the formula of DOMAIN.md §3 from the stored inputs. */
  COMPUTED = "COMPUTED",
  /** Imported whole (a unit scored offline). */
  IMPORTED = "IMPORTED",
}

/** 三评. */
export enum EvaluationKind {
  SELF = "SELF",
  CADRE = "CADRE",
  COMMITTEE = "COMMITTEE",
}

/** 加分 / 扣分 / 一票否决. */
export enum AdjustmentType {
  BONUS = "BONUS",
  DEDUCTION = "DEDUCTION",
  VETO = "VETO",
}

/** Whose score an evaluation or adjustment belongs to: an organisation, or a post holder (an appointment). */
export enum ScoreSubject {
  ORGANIZATION = "ORGANIZATION",
  POST = "POST",
}
