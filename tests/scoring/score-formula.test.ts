import { AdjustmentType, EvaluationKind, Grade } from "../../src/entities/scoring-enums";
import { DEFAULT_SCORING_RULES, type ScoringRules } from "../../src/services/period/scoring-rules";
import { Rational } from "../../src/services/scoring/rational";
import {
  ballotScore,
  computeOwnScore,
  decideGrade,
  gradeByThreshold,
  numberToHundredths,
  parseHundredths,
  type AdjustmentInput,
  type EvaluationInput,
  type ItemInput,
  type ScoreInputs,
} from "../../src/services/scoring/score-formula";

/** The formula of DOMAIN.md §3, case by case, with every expected value worked out by hand. */

const rules: ScoringRules = JSON.parse(JSON.stringify(DEFAULT_SCORING_RULES));

let nextId = 1;
function item(weight: number, completion: number | null, notApplicable = false): ItemInput {
  return { responsibilityId: nextId++, weight, completion, notApplicable, source: "ENTERED", setBy: "tester", setAt: "2026-06-30T00:00:00.000Z" };
}
function evaluation(kind: EvaluationKind, score: number): EvaluationInput {
  return { kind, scoreHundredths: Math.round(score * 100), ballots: null, enteredBy: "tester", enteredAt: "2026-06-30T00:00:00.000Z" };
}
function ballots(EXCELLENT: number, GOOD: number, FAIR: number, POOR: number): EvaluationInput {
  return { kind: EvaluationKind.CADRE, scoreHundredths: null, ballots: { EXCELLENT, GOOD, FAIR, POOR }, enteredBy: "tester", enteredAt: "2026-06-30T00:00:00.000Z" };
}
function adjustment(type: AdjustmentType, points: number): AdjustmentInput {
  return { id: nextId++, type, pointsHundredths: Math.round(points * 100), reason: "test", createdBy: "tester", createdAt: "2026-06-30T00:00:00.000Z" };
}
function inputs(partial: Partial<ScoreInputs>): ScoreInputs {
  return { rules, items: [], evaluations: [], adjustments: [], automatic: { overdueProblems: 0, accountabilityCases: 0 }, negativeListed: false, ...partial };
}
function score(partial: Partial<ScoreInputs>): { hundredths: number; grade: Grade } {
  const outcome = computeOwnScore(inputs(partial));
  if (!outcome.assessed) throw new Error(`not assessed: ${outcome.reason}`);
  return { hundredths: outcome.scoreHundredths, grade: outcome.grade };
}

describe("items component I = 100 · Σ w c / Σ w", () => {
  test("weighted mean of completions: (2·1 + 1·0.5 + 1·0.25) / 4 = 68.75", () => {
    expect(score({ items: [item(2, 1), item(1, 0.5), item(1, 0.25)] })).toEqual({ hundredths: 6875, grade: Grade.FAIR });
  });

  test("a not-applicable item leaves both sums", () => {
    // Without the exclusion this would be 100·1/4 = 25.
    expect(score({ items: [item(1, 1), item(3, 0, true)] }).hundredths).toBe(10000);
  });

  test("only not-applicable items and no evaluation: not assessed", () => {
    const outcome = computeOwnScore(inputs({ items: [item(1, 1, true)] }));
    expect(outcome.assessed).toBe(false);
  });

  test("nothing at all: not assessed", () => {
    expect(computeOwnScore(inputs({})).assessed).toBe(false);
  });

  test("an unmarked item (completion null) stays in the sums and earns nothing; provenance says pending", () => {
    const outcome = computeOwnScore(inputs({ items: [item(1, 1), item(1, null)] }));
    expect(outcome.assessed && outcome.scoreHundredths).toBe(5000);
    expect(outcome.assessed && outcome.provenance.items!.entries[1].pending).toBe(true);
  });

  test("automatic completions like count/required = 1/3 are taken as exact thirds", () => {
    // 100 · (1/3 + 1/3 + 1/3) / 3 = 33.333… → 33.33; 100·(2/3) = 66.666… → 66.67
    expect(score({ items: [item(1, 1 / 3), item(1, 1 / 3), item(1, 1 / 3)] }).hundredths).toBe(3333);
    expect(score({ items: [item(1, 2 / 3)] }).hundredths).toBe(6667);
    // 3 · 1/6 + 1 · 1/2 = 1 over Σw = 4: exactly 25
    const outcome = computeOwnScore(inputs({ items: [item(3, 1 / 6), item(1, 0.5)] }));
    expect(outcome.assessed && outcome.provenance.items!.value.exact).toBe("25");
  });

  test("completions above 1 are clamped to 1 (c ∈ [0, 1]) and flagged", () => {
    const outcome = computeOwnScore(inputs({ items: [item(1, 1.5), item(1, 0)] }));
    expect(outcome.assessed && outcome.scoreHundredths).toBe(5000);
    expect(outcome.assessed && outcome.provenance.items!.entries[0].clamped).toBe(true);
  });
});

describe("evaluation component E = 0.2·SELF + 0.4·CADRE + 0.4·COMMITTEE", () => {
  test("all three: 0.2·90 + 0.4·85 + 0.4·80 = 84", () => {
    const result = score({ evaluations: [evaluation(EvaluationKind.SELF, 90), evaluation(EvaluationKind.CADRE, 85), evaluation(EvaluationKind.COMMITTEE, 80)] });
    expect(result).toEqual({ hundredths: 8400, grade: Grade.GOOD });
  });

  test("a missing evaluation re-normalises the weights: (0.2·90 + 0.4·80) / 0.6 = 83.333… → 83.33", () => {
    expect(score({ evaluations: [evaluation(EvaluationKind.SELF, 90), evaluation(EvaluationKind.COMMITTEE, 80)] }).hundredths).toBe(8333);
  });

  test("a single evaluation is E itself", () => {
    expect(score({ evaluations: [evaluation(EvaluationKind.CADRE, 77.77)] }).hundredths).toBe(7777);
  });

  test("CADRE as ballots: 100 · (30·1 + 10·0.8 + 5·0.6 + 5·0.4) / 50 = 86", () => {
    expect(ballotScore({ EXCELLENT: 30, GOOD: 10, FAIR: 5, POOR: 5 }, rules).toString()).toBe("86");
    expect(score({ evaluations: [ballots(30, 10, 5, 5)] }).hundredths).toBe(8600);
  });

  test("ballots with a repeating share: 100 · (1 + 0.8 + 0.4) / 3 = 73.333… → 73.33", () => {
    expect(ballotScore({ EXCELLENT: 1, GOOD: 1, FAIR: 0, POOR: 1 }, rules).toString()).toBe("220/3");
    expect(score({ evaluations: [ballots(1, 1, 0, 1)] }).hundredths).toBe(7333);
  });

  test("no ballots at all is refused", () => {
    expect(() => ballotScore({ EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 }, rules)).toThrow(/ballot/);
  });
});

describe("base, adjustments, clamp", () => {
  test("the worked example: B = 0.6·68.75 + 0.4·84.4 = 75.01; +min(7, 5) − 1.5 − 1 overdue × 2 = 76.51", () => {
    const outcome = computeOwnScore(
      inputs({
        items: [item(2, 1), item(1, 0.5), item(1, 0.25)],
        evaluations: [evaluation(EvaluationKind.SELF, 90), ballots(30, 10, 5, 5), evaluation(EvaluationKind.COMMITTEE, 80)],
        adjustments: [adjustment(AdjustmentType.BONUS, 3), adjustment(AdjustmentType.BONUS, 4), adjustment(AdjustmentType.DEDUCTION, 1.5)],
        automatic: { overdueProblems: 1, accountabilityCases: 0 },
      }),
    );
    if (!outcome.assessed) throw new Error("not assessed");
    const p = outcome.provenance;
    expect(p.items!.value.exact).toBe("68.75");
    expect(p.evaluations!.value.exact).toBe("84.4");
    expect(p.base).toEqual({ value: { exact: "75.01", value: 75.01 }, from: "ITEMS_AND_EVALUATIONS" });
    expect(p.bonus.total.exact).toBe("7");
    expect(p.bonus.counted.exact).toBe("5");
    expect(p.deductions.manual.exact).toBe("1.5");
    expect(p.deductions.automatic.total.exact).toBe("2");
    expect(p.deductions.total.exact).toBe("3.5");
    expect(p.exactScore.exact).toBe("76.51");
    expect(outcome.scoreHundredths).toBe(7651);
    expect(outcome.grade).toBe(Grade.FAIR);
    expect(p.rules).toEqual(rules);
  });

  test("B = I when there is no evaluation, E when there are no items", () => {
    const onlyItems = computeOwnScore(inputs({ items: [item(1, 0.9)] }));
    const onlyEvaluations = computeOwnScore(inputs({ evaluations: [evaluation(EvaluationKind.SELF, 70)] }));
    expect(onlyItems.assessed && onlyItems.provenance.base.from).toBe("ITEMS");
    expect(onlyItems.assessed && onlyItems.scoreHundredths).toBe(9000);
    expect(onlyEvaluations.assessed && onlyEvaluations.provenance.base.from).toBe("EVALUATIONS");
    expect(onlyEvaluations.assessed && onlyEvaluations.scoreHundredths).toBe(7000);
  });

  test("bonuses count up to the cap of 5", () => {
    expect(score({ items: [item(1, 0.8)], adjustments: [adjustment(AdjustmentType.BONUS, 4.99)] }).hundredths).toBe(8499);
    expect(score({ items: [item(1, 0.8)], adjustments: [adjustment(AdjustmentType.BONUS, 6)] }).hundredths).toBe(8500);
  });

  test("the score is clamped to [0, 100]", () => {
    expect(score({ items: [item(1, 0.99)], adjustments: [adjustment(AdjustmentType.BONUS, 5)] }).hundredths).toBe(10000);
    expect(score({ items: [item(1, 0.3)], adjustments: [adjustment(AdjustmentType.DEDUCTION, 50)] })).toEqual({ hundredths: 0, grade: Grade.POOR });
  });

  test("automatic deductions: overdue problems × 2 and accountability cases × 5 (the period's rules)", () => {
    expect(score({ items: [item(1, 0.9)], automatic: { overdueProblems: 2, accountabilityCases: 1 } }).hundredths).toBe(9000 - 400 - 500);
    const custom = { ...rules, overdueProblemDeduction: 0.5, accountabilityCaseDeduction: 1.25 };
    expect(score({ rules: custom, items: [item(1, 0.9)], automatic: { overdueProblems: 3, accountabilityCases: 2 } }).hundredths).toBe(9000 - 150 - 250);
  });

  test("base weights that do not add up to 1 still give a weighted mean", () => {
    const custom = { ...rules, baseWeights: { items: 3, evaluations: 1 } };
    // (3·80 + 1·60) / 4 = 75
    expect(score({ rules: custom, items: [item(1, 0.8)], evaluations: [evaluation(EvaluationKind.SELF, 60)] }).hundredths).toBe(7500);
  });
});

describe("rounding half up to two decimals, exactly", () => {
  test("84.125 exactly → 84.13 (two items, 4-decimal completions)", () => {
    const outcome = computeOwnScore(inputs({ items: [item(1, 0.8412), item(1, 0.8413)] }));
    expect(outcome.assessed && outcome.provenance.exactScore.exact).toBe("84.125");
    expect(outcome.assessed && outcome.scoreHundredths).toBe(8413);
  });

  test.each([
    // [weights, completions, COMMITTEE score, exact B, stored] — naive doubles store one hundredth less in each
    [[3, 3], [0.9525, 0.6494], 88.87, "83.605", 8361],
    [[2, 2], [0.6917, 0.0566], 39.59, "38.285", 3829],
    [[4, 4], [0.9762, 0.6001], 45.09, "65.325", 6533],
    [[1, 1], [0.7328, 0.1341], 3.77, "27.515", 2752],
    [[3, 1], [0.8953, 0.6067], 72.64, "78.445", 7845],
  ])("w=%j c=%j E=%d: B = %s exactly → %d (a double gives x.xx4999…)", (weights, completions, committee, exact, stored) => {
    const outcome = computeOwnScore(
      inputs({
        items: weights.map((w, i) => item(w, completions[i])),
        evaluations: [evaluation(EvaluationKind.COMMITTEE, committee)],
      }),
    );
    if (!outcome.assessed) throw new Error("not assessed");
    expect(outcome.provenance.exactScore.exact).toBe(exact);
    expect(outcome.scoreHundredths).toBe(stored);
    // The point of exact arithmetic: the naive double formula rounds the other way.
    const sw = weights.reduce((a, b) => a + b, 0);
    const swc = weights.reduce((a, w, i) => a + w * completions[i], 0);
    const naive = Math.round((0.6 * ((100 * swc) / sw) + 0.4 * committee) * 100);
    expect(naive).toBe(stored - 1);
  });

  test("rational rounding helper: half up at .xx5, down below it", () => {
    expect(Rational.fromDecimal("84.125").roundHalfUpToHundredths()).toBe(8413);
    expect(Rational.fromDecimal("84.1249999").roundHalfUpToHundredths()).toBe(8412);
    expect(Rational.fromDecimal("0.005").roundHalfUpToHundredths()).toBe(1);
    expect(Rational.fromDecimal("99.995").roundHalfUpToHundredths()).toBe(10000);
    expect(Rational.of(262, 3).roundHalfUpToHundredths()).toBe(8733);
  });
});

describe("grades", () => {
  test("thresholds EXCELLENT ≥ 90, GOOD ≥ 80, FAIR ≥ 60, else POOR, on the stored score", () => {
    const t = rules.gradeThresholds;
    expect(gradeByThreshold(9000, t)).toBe(Grade.EXCELLENT);
    expect(gradeByThreshold(8999, t)).toBe(Grade.GOOD);
    expect(gradeByThreshold(8000, t)).toBe(Grade.GOOD);
    expect(gradeByThreshold(7999, t)).toBe(Grade.FAIR);
    expect(gradeByThreshold(6000, t)).toBe(Grade.FAIR);
    expect(gradeByThreshold(5999, t)).toBe(Grade.POOR);
    expect(gradeByThreshold(0, t)).toBe(Grade.POOR);
  });

  test("89.995 exactly stores 90.00 and is EXCELLENT (the grade agrees with the score shown)", () => {
    // Two items: (0.8999 + 0.9000) / 2 = 0.89995
    expect(score({ items: [item(1, 0.8999), item(1, 0.9)] })).toEqual({ hundredths: 9000, grade: Grade.EXCELLENT });
  });

  test("a period's own thresholds are used", () => {
    const strict = { ...rules, gradeThresholds: { EXCELLENT: 95, GOOD: 85.5, FAIR: 70 } };
    expect(score({ rules: strict, items: [item(1, 0.94)] }).grade).toBe(Grade.GOOD);
    expect(score({ rules: strict, items: [item(1, 0.855)] }).grade).toBe(Grade.GOOD);
    expect(score({ rules: strict, items: [item(1, 0.8549)] }).grade).toBe(Grade.FAIR);
  });

  test("VETO forces POOR whatever the score", () => {
    const outcome = computeOwnScore(inputs({ items: [item(1, 0.97)], adjustments: [adjustment(AdjustmentType.VETO, 0)] }));
    if (!outcome.assessed) throw new Error("not assessed");
    expect(outcome.scoreHundredths).toBe(9700);
    expect(outcome.grade).toBe(Grade.POOR);
    expect(outcome.provenance.grade).toMatchObject({ byThreshold: Grade.EXCELLENT, grade: Grade.POOR, override: "VETO" });
    expect(outcome.provenance.veto.applied).toBe(true);
  });

  test("a negative-list entry caps the grade at GOOD and leaves lower grades alone", () => {
    expect(score({ items: [item(1, 0.95)], negativeListed: true }).grade).toBe(Grade.GOOD);
    expect(score({ items: [item(1, 0.85)], negativeListed: true }).grade).toBe(Grade.GOOD);
    expect(score({ items: [item(1, 0.65)], negativeListed: true }).grade).toBe(Grade.FAIR);
  });

  test("VETO wins over the negative list", () => {
    expect(decideGrade(9500, rules, true, true)).toMatchObject({ grade: Grade.POOR, override: "VETO" });
    expect(decideGrade(9500, rules, false, true)).toMatchObject({ grade: Grade.GOOD, override: "NEGATIVE_LIST_CAP" });
    expect(decideGrade(5000, rules, true, false)).toMatchObject({ grade: Grade.POOR, override: null });
  });
});

describe("provenance", () => {
  test("keeps every item with its weight, completion, source, by and at", () => {
    const outcome = computeOwnScore(inputs({ items: [item(2, 0.5), item(1, 1, true)] }));
    if (!outcome.assessed) throw new Error("not assessed");
    expect(outcome.provenance.items!.entries).toEqual([
      expect.objectContaining({ weight: 2, completion: 0.5, notApplicable: false, counted: true, source: "ENTERED", setBy: "tester", setAt: "2026-06-30T00:00:00.000Z" }),
      expect.objectContaining({ weight: 1, completion: 1, notApplicable: true, counted: false }),
    ]);
    expect(outcome.provenance.items!.weightSum.exact).toBe("2");
  });

  test("is plain JSON (it is stored as text)", () => {
    const outcome = computeOwnScore(inputs({ items: [item(1, 1 / 3)], evaluations: [ballots(1, 2, 3, 4)] }));
    expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
  });
});

describe("exact inputs", () => {
  test("doubles are read as the decimals or simple fractions they stand for", () => {
    expect(Rational.fromNumber(0.1).toString()).toBe("0.1");
    expect(Rational.fromNumber(0.85).toString()).toBe("0.85");
    expect(Rational.fromNumber(1 / 3).toString()).toBe("1/3");
    expect(Rational.fromNumber(7 / 9).toString()).toBe("7/9");
    expect(Rational.fromNumber(5 / 12).toString()).toBe("5/12");
    expect(Rational.fromNumber(1e-7).toString()).toBe("0.0000001");
    expect(Rational.fromNumber(92).toString()).toBe("92");
  });

  test("scores and points are parsed from text into hundredths, at most two decimals", () => {
    expect(parseHundredths("85")).toBe(8500);
    expect(parseHundredths("85.5")).toBe(8550);
    expect(parseHundredths(" 0.29 ")).toBe(29);
    expect(parseHundredths("100.00")).toBe(10000);
    expect(parseHundredths("85.555")).toBeNull();
    expect(parseHundredths("-1")).toBeNull();
    expect(parseHundredths("1e2")).toBeNull();
    expect(parseHundredths("")).toBeNull();
    expect(numberToHundredths(0.29)).toBe(29);
    expect(numberToHundredths(84.37)).toBe(8437);
    expect(numberToHundredths(84.375)).toBeNull();
  });
});
