/**
 * The scoring rules of one period (DOMAIN.md §3). A period stores the rules it was scored
 * with, so a later change of defaults never rewrites an old period's grades.
 */
export interface ScoringRules {
  /** I and E in the base score B = items·I + evaluations·E. */
  baseWeights: { items: number; evaluations: number };
  /** E = Σ weight·score over the evaluations given, re-normalised when one is missing. */
  evaluationWeights: { SELF: number; CADRE: number; COMMITTEE: number };
  /** A CADRE evaluation entered as ballots: 100 · Σ coefficient · share. */
  ballotCoefficients: { EXCELLENT: number; GOOD: number; FAIR: number; POOR: number };
  /** Bonuses count up to this many points. */
  bonusCap: number;
  /** Points deducted automatically for each problem overdue at period end. */
  overdueProblemDeduction: number;
  /** Points deducted automatically for each accountability case in the period. */
  accountabilityCaseDeduction: number;
  /** Lowest own score of each grade. */
  gradeThresholds: { EXCELLENT: number; GOOD: number; FAIR: number };
}

export const DEFAULT_SCORING_RULES: Readonly<ScoringRules> = Object.freeze({
  baseWeights: { items: 0.6, evaluations: 0.4 },
  evaluationWeights: { SELF: 0.2, CADRE: 0.4, COMMITTEE: 0.4 },
  ballotCoefficients: { EXCELLENT: 1, GOOD: 0.8, FAIR: 0.6, POOR: 0.4 },
  bonusCap: 5,
  overdueProblemDeduction: 2,
  accountabilityCaseDeduction: 5,
  gradeThresholds: { EXCELLENT: 90, GOOD: 80, FAIR: 60 },
});
