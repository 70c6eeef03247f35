import { Grade, GRADES_BEST_FIRST } from "../../entities/scoring-enums";
import { MOC_SCALE } from "./rollup-statements";
import { Rational } from "./rational";

/** Roll-up methods of the contract (DOMAIN.md §6). */
export enum RollupMethod {
  SUBTREE_MEAN = "SUBTREE_MEAN",
  MEAN_OF_CHILDREN = "MEAN_OF_CHILDREN",
}

/** The integers a roll-up row stores (score_rollup), read back as numbers. */
export interface RollupFigures {
  organizationCount: number;
  assessedCount: number;
  scoreSum: number;
  minScore: number | null;
  maxScore: number | null;
  grades: Record<Grade, number>;
  ownScore: number | null;
  childrenAssessedCount: number;
  childrenScoreSum: number;
  mocValue: number | null;
}

export const EMPTY_FIGURES: Readonly<RollupFigures> = Object.freeze({
  organizationCount: 0,
  assessedCount: 0,
  scoreSum: 0,
  minScore: null,
  maxScore: null,
  grades: { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 },
  ownScore: null,
  childrenAssessedCount: 0,
  childrenScoreSum: 0,
  mocValue: null,
});

/** The contract's ScoreRollup. */
export interface ScoreRollupView {
  method: RollupMethod;
  organizationCount: number;
  assessedCount: number;
  coverage: number;
  averageScore: number | null;
  minScore: number | null;
  maxScore: number | null;
  childrenAssessedCount: number;
  childrenAverage: number | null;
  attenuation: number | null;
  gradeDistribution: { grade: Grade; count: number }[];
}

/**
 * Stored integers → the contract's figures. Each figure is one exact ratio of integers
 * converted to the nearest double once (not a chain of float operations), so the same row
 * always reads as the same numbers on both dialects, and "not rounded by the service" means
 * only the unavoidable last-bit rounding of a double:
 *
 * - averageScore (SUBTREE_MEAN) = score_sum / (100 · assessed_count);
 * - averageScore (MEAN_OF_CHILDREN) = moc_value / 10^10 (moc_value is the recursive mean in
 *   units of 10^-10 points, rounded half up at each node: rollup-statements.ts);
 * - childrenAverage = children_score_sum / (100 · children_assessed_count);
 * - attenuation = (own · cc − children_score_sum) / (100 · cc), the exact own − childrenAverage;
 * - coverage = assessed_count / organization_count (0 when the organisation is outside the period's tree).
 */
export function rollupView(figures: RollupFigures, method: RollupMethod): ScoreRollupView {
  const { assessedCount, organizationCount, childrenAssessedCount: cc } = figures;
  let averageScore: number | null = null;
  if (method === RollupMethod.MEAN_OF_CHILDREN) {
    averageScore = figures.mocValue === null ? null : figures.mocValue / (MOC_SCALE * 100);
  } else if (assessedCount > 0) {
    averageScore = figures.scoreSum / (100 * assessedCount);
  }
  return {
    method,
    organizationCount,
    assessedCount,
    coverage: organizationCount === 0 ? 0 : assessedCount / organizationCount,
    averageScore,
    minScore: figures.minScore === null ? null : figures.minScore / 100,
    maxScore: figures.maxScore === null ? null : figures.maxScore / 100,
    childrenAssessedCount: cc,
    childrenAverage: cc === 0 ? null : figures.childrenScoreSum / (100 * cc),
    attenuation: cc === 0 || figures.ownScore === null ? null : attenuation(figures.ownScore, cc, figures.childrenScoreSum),
    gradeDistribution: GRADES_BEST_FIRST.map((grade) => ({ grade, count: figures.grades[grade] })),
  };
}

/** own − childrenSum/childrenCount in points, from hundredths: one exact ratio, one rounding. */
export function attenuation(own: number, childrenCount: number, childrenSum: number): number {
  return (own * childrenCount - childrenSum) / (100 * childrenCount);
}

/** Compares two attenuations exactly (by cross-multiplication), descending. */
export function compareAttenuationDescending(
  a: { own: number; childrenCount: number; childrenSum: number },
  b: { own: number; childrenCount: number; childrenSum: number },
): number {
  const left = (BigInt(a.own) * BigInt(a.childrenCount) - BigInt(a.childrenSum)) * BigInt(b.childrenCount);
  const right = (BigInt(b.own) * BigInt(b.childrenCount) - BigInt(b.childrenSum)) * BigInt(a.childrenCount);
  return left > right ? -1 : left < right ? 1 : 0;
}

/** The mean of integer hundredths as points, one rounding; null for no members. */
export function meanOfHundredths(sum: number, count: number): number | null {
  return count === 0 ? null : sum / (100 * count);
}

/** meanA − meanB exactly, then rounded once; null when either side is empty. */
export function differenceOfMeans(sumA: number, countA: number, sumB: number, countB: number): number | null {
  if (countA === 0 || countB === 0) return null;
  return Rational.of(sumA, 100 * countA).sub(Rational.of(sumB, 100 * countB)).toNumber();
}

/** Byte order of UTF-8 text, the order of the `code` column on both dialects (binary collations). */
export function compareCodes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
