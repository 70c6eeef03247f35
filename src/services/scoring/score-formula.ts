import { EvaluationKind, Grade, AdjustmentType } from "../../entities/scoring-enums";
import type { ScoringRules } from "../period/scoring-rules";
import { Rational } from "./rational";

/**
 * The own-score formula of DOMAIN.md §3, as pure functions: no I/O, no clock. The services
 * gather the inputs; this module decides the number, the grade and the provenance that
 * explains both.
 *
 *   I = 100 · Σ w_i c_i / Σ w_i            (items; not-applicable items leave both sums)
 *   E = Σ v_k e_k / Σ v_k                  (evaluations given; v = 0.2 SELF, 0.4 CADRE, 0.4 COMMITTEE)
 *   CADRE by ballots = 100 · Σ coefficient_g · n_g / Σ n_g   (1, 0.8, 0.6, 0.4)
 *   B = (a·I + b·E)/(a + b), or I, or E    (a = 0.6, b = 0.4; divided by a + b so rules whose
 *                                           weights do not add up to 1 still give a mean)
 *   S = clamp(B + min(Σ bonus, cap) − Σ deductions − automatic, 0, 100)
 *
 * Every step is exact (rational.ts); S is rounded half up to hundredths once, at the end.
 * The grade is taken from the rounded (stored) score, so the score a reader sees always
 * agrees with its grade (89.995 stores 90.00 and is EXCELLENT). VETO forces POOR; a
 * negative-list entry caps the grade at GOOD.
 */

/** One responsibility's completion as the formula reads it (see scoring/item-completion.ts). */
export interface ItemInput {
  responsibilityId: number;
  weight: number;
  /** null: an item without a quantitative requirement that no assessor has marked yet. */
  completion: number | null;
  notApplicable: boolean;
  source: string;
  setBy: string | null;
  setAt: string | null;
}

export interface BallotCounts {
  EXCELLENT: number;
  GOOD: number;
  FAIR: number;
  POOR: number;
}

export interface EvaluationInput {
  kind: EvaluationKind;
  /** Integer hundredths (0 … 10000), or null when given as ballots. */
  scoreHundredths: number | null;
  /** CADRE only: ballot counts of 好/较好/一般/差. */
  ballots: BallotCounts | null;
  enteredBy: string;
  enteredAt: string;
}

export interface AdjustmentInput {
  id: number;
  type: AdjustmentType;
  /** Integer hundredths ≥ 0; ignored for VETO. */
  pointsHundredths: number;
  reason: string;
  createdBy: string;
  createdAt: string;
}

/** Counts behind the automatic deductions (problems and accountability arrive with a later feature). */
export interface AutomaticDeductionCounts {
  /** Problems overdue at the period's end. */
  overdueProblems: number;
  /** Accountability cases decided in the period. */
  accountabilityCases: number;
}

export interface ScoreInputs {
  rules: ScoringRules;
  items: ItemInput[];
  evaluations: EvaluationInput[];
  adjustments: AdjustmentInput[];
  automatic: AutomaticDeductionCounts;
  negativeListed: boolean;
}

/** A figure both exactly ("262/3", "84.125") and as the nearest double. */
export interface Figure {
  exact: string;
  value: number;
}

export interface ScoreProvenance {
  formulaVersion: 1;
  rules: ScoringRules;
  items: {
    value: Figure;
    weightSum: Figure;
    entries: (ItemInput & { counted: boolean; completionUsed: Figure | null; pending: boolean; clamped: boolean })[];
  } | null;
  evaluations: {
    value: Figure;
    entries: (EvaluationInput & { weight: Figure; score: Figure })[];
  } | null;
  base: { value: Figure; from: "ITEMS_AND_EVALUATIONS" | "ITEMS" | "EVALUATIONS" };
  bonus: { entries: AdjustmentInput[]; total: Figure; cap: Figure; counted: Figure };
  deductions: {
    entries: AdjustmentInput[];
    manual: Figure;
    automatic: AutomaticDeductionCounts & { perOverdueProblem: Figure; perAccountabilityCase: Figure; total: Figure };
    total: Figure;
  };
  veto: { applied: boolean; entries: AdjustmentInput[] };
  negativeList: { listed: boolean };
  /** B + counted bonus − deductions, before clamping. */
  unclamped: Figure;
  exactScore: Figure;
  scoreHundredths: number;
  grade: GradeDecision;
}

export interface GradeDecision {
  thresholds: ScoringRules["gradeThresholds"];
  byThreshold: Grade;
  grade: Grade;
  /** Why `grade` differs from `byThreshold`; null when it does not. */
  override: "VETO" | "NEGATIVE_LIST_CAP" | null;
}

export type ScoreOutcome =
  | { assessed: true; scoreHundredths: number; grade: Grade; provenance: ScoreProvenance }
  /** Neither an applicable item nor an evaluation: there is nothing to score. */
  | { assessed: false; reason: string };

const EVALUATION_ORDER: readonly EvaluationKind[] = [EvaluationKind.SELF, EvaluationKind.CADRE, EvaluationKind.COMMITTEE];

export function computeOwnScore(inputs: ScoreInputs): ScoreOutcome {
  const { rules } = inputs;
  const items = itemsComponent(inputs.items);
  const evaluations = evaluationsComponent(inputs.evaluations, rules);
  if (!items && !evaluations) {
    return { assessed: false, reason: "no applicable responsibility item and no evaluation" };
  }

  let base: Rational;
  let from: ScoreProvenance["base"]["from"];
  if (items && evaluations) {
    const a = Rational.fromNumber(rules.baseWeights.items);
    const b = Rational.fromNumber(rules.baseWeights.evaluations);
    base = a.mul(items.value).add(b.mul(evaluations.value)).div(a.add(b));
    from = "ITEMS_AND_EVALUATIONS";
  } else if (items) {
    base = items.value;
    from = "ITEMS";
  } else {
    base = evaluations!.value;
    from = "EVALUATIONS";
  }

  const bonuses = inputs.adjustments.filter((a) => a.type === AdjustmentType.BONUS);
  const deductions = inputs.adjustments.filter((a) => a.type === AdjustmentType.DEDUCTION);
  const vetoes = inputs.adjustments.filter((a) => a.type === AdjustmentType.VETO);
  const bonusTotal = Rational.sum(bonuses.map((a) => Rational.fromHundredths(a.pointsHundredths)));
  const bonusCap = Rational.fromNumber(rules.bonusCap);
  const bonusCounted = bonusTotal.min(bonusCap);
  const manual = Rational.sum(deductions.map((a) => Rational.fromHundredths(a.pointsHundredths)));
  const perProblem = Rational.fromNumber(rules.overdueProblemDeduction);
  const perCase = Rational.fromNumber(rules.accountabilityCaseDeduction);
  const automatic = perProblem
    .mul(Rational.of(inputs.automatic.overdueProblems))
    .add(perCase.mul(Rational.of(inputs.automatic.accountabilityCases)));
  const deductionTotal = manual.add(automatic);

  const unclamped = base.add(bonusCounted).sub(deductionTotal);
  const exact = unclamped.clamp(Rational.ZERO, Rational.HUNDRED);
  const scoreHundredths = exact.roundHalfUpToHundredths();
  const grade = decideGrade(scoreHundredths, rules, vetoes.length > 0, inputs.negativeListed);

  const provenance: ScoreProvenance = {
    formulaVersion: 1,
    rules,
    items: items && {
      value: figure(items.value),
      weightSum: figure(items.weightSum),
      entries: items.entries,
    },
    evaluations: evaluations && { value: figure(evaluations.value), entries: evaluations.entries },
    base: { value: figure(base), from },
    bonus: { entries: bonuses, total: figure(bonusTotal), cap: figure(bonusCap), counted: figure(bonusCounted) },
    deductions: {
      entries: deductions,
      manual: figure(manual),
      automatic: {
        ...inputs.automatic,
        perOverdueProblem: figure(perProblem),
        perAccountabilityCase: figure(perCase),
        total: figure(automatic),
      },
      total: figure(deductionTotal),
    },
    veto: { applied: vetoes.length > 0, entries: vetoes },
    negativeList: { listed: inputs.negativeListed },
    unclamped: figure(unclamped),
    exactScore: figure(exact),
    scoreHundredths,
    grade,
  };
  return { assessed: true, scoreHundredths, grade: grade.grade, provenance };
}

/** I = 100 · Σ w_i c_i / Σ w_i over the applicable items; null when there is none. */
function itemsComponent(items: ItemInput[]) {
  let weighted = Rational.ZERO;
  let weightSum = Rational.ZERO;
  const entries = items.map((item) => {
    if (!(item.weight > 0)) throw new RangeError(`responsibility ${item.responsibilityId} has weight ${item.weight}; weights must be > 0`);
    if (item.notApplicable) return { ...item, counted: false, completionUsed: null, pending: false, clamped: false };
    const weight = Rational.fromNumber(item.weight);
    // An unmarked item stays in both sums and earns nothing until an assessor marks it.
    const raw = item.completion === null ? Rational.ZERO : Rational.fromNumber(item.completion);
    const completion = raw.clamp(Rational.ZERO, Rational.ONE);
    weighted = weighted.add(weight.mul(completion));
    weightSum = weightSum.add(weight);
    return {
      ...item,
      counted: true,
      completionUsed: figure(completion),
      pending: item.completion === null,
      clamped: !completion.equals(raw),
    };
  });
  if (weightSum.isZero()) return null;
  return { value: Rational.HUNDRED.mul(weighted).div(weightSum), weightSum, entries };
}

/** E over the evaluations given, weights re-normalised; null when none was given. */
function evaluationsComponent(evaluations: EvaluationInput[], rules: ScoringRules) {
  const byKind = new Map<EvaluationKind, EvaluationInput>();
  for (const evaluation of evaluations) {
    if (byKind.has(evaluation.kind)) throw new RangeError(`two ${evaluation.kind} evaluations`);
    byKind.set(evaluation.kind, evaluation);
  }
  let weighted = Rational.ZERO;
  let weightSum = Rational.ZERO;
  const entries: (EvaluationInput & { weight: Figure; score: Figure })[] = [];
  for (const kind of EVALUATION_ORDER) {
    const evaluation = byKind.get(kind);
    if (!evaluation) continue;
    const weight = Rational.fromNumber(rules.evaluationWeights[kind]);
    const score = evaluationScore(evaluation, rules);
    weighted = weighted.add(weight.mul(score));
    weightSum = weightSum.add(weight);
    entries.push({ ...evaluation, weight: figure(weight), score: figure(score) });
  }
  if (entries.length === 0) return null;
  if (weightSum.isZero()) throw new RangeError("the evaluation weights of the evaluations given add up to 0");
  return { value: weighted.div(weightSum), entries };
}

/** An evaluation's score: as entered, or 100 · Σ coefficient · share of the ballots. */
export function evaluationScore(evaluation: EvaluationInput, rules: ScoringRules): Rational {
  if (evaluation.ballots) return ballotScore(evaluation.ballots, rules);
  if (evaluation.scoreHundredths === null) throw new RangeError(`${evaluation.kind} evaluation has neither a score nor ballots`);
  return Rational.fromHundredths(evaluation.scoreHundredths);
}

export function ballotScore(ballots: BallotCounts, rules: ScoringRules): Rational {
  const total = ballots.EXCELLENT + ballots.GOOD + ballots.FAIR + ballots.POOR;
  if (total <= 0) throw new RangeError("ballots: at least one ballot is needed");
  const coefficients = rules.ballotCoefficients;
  const weighted = Rational.sum(
    (["EXCELLENT", "GOOD", "FAIR", "POOR"] as const).map((grade) =>
      Rational.fromNumber(coefficients[grade]).mul(Rational.of(ballots[grade])),
    ),
  );
  return Rational.HUNDRED.mul(weighted).div(Rational.of(total));
}

/** The grade of a stored score by the period's thresholds (compared exactly: 89.99 < 90). */
export function gradeByThreshold(scoreHundredths: number, thresholds: ScoringRules["gradeThresholds"]): Grade {
  const score = Rational.fromHundredths(scoreHundredths);
  if (score.gte(Rational.fromNumber(thresholds.EXCELLENT))) return Grade.EXCELLENT;
  if (score.gte(Rational.fromNumber(thresholds.GOOD))) return Grade.GOOD;
  if (score.gte(Rational.fromNumber(thresholds.FAIR))) return Grade.FAIR;
  return Grade.POOR;
}

/** Thresholds, then VETO (→ POOR), then the negative list (at most GOOD). Used for imported scores too. */
export function decideGrade(scoreHundredths: number, rules: ScoringRules, vetoed: boolean, negativeListed: boolean): GradeDecision {
  const byThreshold = gradeByThreshold(scoreHundredths, rules.gradeThresholds);
  let grade = byThreshold;
  let override: GradeDecision["override"] = null;
  if (vetoed) {
    grade = Grade.POOR;
    override = byThreshold === Grade.POOR ? null : "VETO";
  } else if (negativeListed && byThreshold === Grade.EXCELLENT) {
    grade = Grade.GOOD;
    override = "NEGATIVE_LIST_CAP";
  }
  return { thresholds: rules.gradeThresholds, byThreshold, grade, override };
}

export function figure(value: Rational): Figure {
  return { exact: value.toString(), value: value.toNumber() };
}

/**
 * A score or points as typed ("85", "85.5", "85.25"): integer hundredths, or null when it
 * is not a plain decimal with at most two decimals. Parsed from text, never through a
 * double, so 0.29 is 29 and not 28.999….
 */
export function parseHundredths(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/**
 * A GraphQL Float as integer hundredths, or null when it has more than two decimals. The
 * shortest round-trip text of a double is what the client typed (85.25 → "85.25").
 */
export function numberToHundredths(value: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  return parseHundredths(String(value));
}

/** Hundredths as a GraphQL Float: 8437 → 84.37 (the nearest double, which prints back as "84.37"). */
export function hundredthsToNumber(hundredths: number): number {
  return hundredths / 100;
}
