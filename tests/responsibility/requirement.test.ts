import { PeriodKind } from "../../src/entities/period-enums";
import { RequirementUnit } from "../../src/entities/responsibility-enums";
import { parsePeriodCode } from "../../src/services/period/period-code";
import { completionOf, requiredSoFar, requirementInPeriod } from "../../src/services/responsibility/requirement";

/** The arithmetic of "at least N records per unit" (requirement.ts), without a database. */
const period = (code: string) => parsePeriodCode(code)!;
const per = (count: number, unit: RequirementUnit) => ({ count, unit });

describe("required in a period", () => {
  test.each([
    // unit no longer than the period: N × units in the period
    [per(1, RequirementUnit.MONTH), "2025-Q1", 3],
    [per(1, RequirementUnit.MONTH), "2025-H2", 6],
    [per(2, RequirementUnit.MONTH), "2025", 24],
    [per(1, RequirementUnit.QUARTER), "2025-Q3", 1],
    [per(1, RequirementUnit.QUARTER), "2025-H1", 2],
    [per(1, RequirementUnit.QUARTER), "2025", 4],
    [per(1, RequirementUnit.HALF_YEAR), "2025-H2", 1],
    [per(3, RequirementUnit.HALF_YEAR), "2025", 6],
    [per(1, RequirementUnit.YEAR), "2025", 1],
  ])("%o in %s requires %i", (requirement, code, required) => {
    const result = requirementInPeriod(requirement, period(code));
    expect(result).toEqual({ windowStart: period(code).startDate, windowEnd: period(code).endDate, due: true, required });
  });

  test("a unit longer than the period is judged only in the period that ends it, over the whole unit", () => {
    const yearly = per(2, RequirementUnit.YEAR);
    for (const q of ["2025-Q1", "2025-Q2", "2025-Q3"]) {
      expect(requirementInPeriod(yearly, period(q))).toMatchObject({ due: false, required: 0, windowStart: "2025-01-01" });
    }
    expect(requirementInPeriod(yearly, period("2025-Q4"))).toEqual({ windowStart: "2025-01-01", windowEnd: "2025-12-31", due: true, required: 2 });
    expect(requirementInPeriod(yearly, period("2025-H1"))).toMatchObject({ due: false });
    expect(requirementInPeriod(yearly, period("2025-H2"))).toEqual({ windowStart: "2025-01-01", windowEnd: "2025-12-31", due: true, required: 2 });

    const halfYearly = per(1, RequirementUnit.HALF_YEAR);
    expect(requirementInPeriod(halfYearly, period("2025-Q1"))).toMatchObject({ due: false, windowStart: "2025-01-01", windowEnd: "2025-03-31" });
    expect(requirementInPeriod(halfYearly, period("2025-Q2"))).toEqual({ windowStart: "2025-01-01", windowEnd: "2025-06-30", due: true, required: 1 });
    expect(requirementInPeriod(halfYearly, period("2025-Q3"))).toMatchObject({ due: false, windowStart: "2025-07-01" });
    expect(requirementInPeriod(halfYearly, period("2025-Q4"))).toEqual({ windowStart: "2025-07-01", windowEnd: "2025-12-31", due: true, required: 1 });
  });

  test("leap years do not move the boundaries", () => {
    expect(requirementInPeriod(per(1, RequirementUnit.MONTH), period("2028-Q1"))).toMatchObject({ windowEnd: "2028-03-31", required: 3 });
    expect(period("2028-Q1").kind).toBe(PeriodKind.QUARTER);
  });
});

describe("required so far (falling behind)", () => {
  const monthly = per(1, RequirementUnit.MONTH);
  const q1 = period("2025-Q1");

  test.each([
    ["2024-12-31", 0], // before the period
    ["2025-01-01", 0],
    ["2025-01-30", 0],
    ["2025-01-31", 1], // January's last day: January has elapsed
    ["2025-02-27", 1],
    ["2025-02-28", 2],
    ["2025-03-30", 2],
    ["2025-03-31", 3],
    ["2025-06-30", 3], // clipped to the period's end
  ])("1 per month in 2025-Q1 as of %s: %i", (asOf, required) => {
    expect(requiredSoFar(monthly, q1, asOf).required).toBe(required);
  });

  test("the window ends at asOf", () => {
    expect(requiredSoFar(monthly, q1, "2025-02-15")).toMatchObject({ windowStart: "2025-01-01", windowEnd: "2025-02-15" });
  });

  test("quarterly in a year: one quarter per three months elapsed", () => {
    const quarterly = per(1, RequirementUnit.QUARTER);
    expect(requiredSoFar(quarterly, period("2025"), "2025-03-30").required).toBe(0);
    expect(requiredSoFar(quarterly, period("2025"), "2025-03-31").required).toBe(1);
    expect(requiredSoFar(quarterly, period("2025"), "2025-11-21").required).toBe(3);
  });

  test("a unit longer than the period is behind only once it ended", () => {
    const halfYearly = per(1, RequirementUnit.HALF_YEAR);
    expect(requiredSoFar(halfYearly, period("2025-Q2"), "2025-06-29").required).toBe(0);
    expect(requiredSoFar(halfYearly, period("2025-Q2"), "2025-06-30")).toMatchObject({ required: 1, windowStart: "2025-01-01" });
    expect(requiredSoFar(halfYearly, period("2025-Q1"), "2025-03-31").required).toBe(0);
  });
});

test("completion is min(1, count / required)", () => {
  expect(completionOf(0, 3)).toBe(0);
  expect(completionOf(1, 3)).toBeCloseTo(1 / 3, 12);
  expect(completionOf(3, 3)).toBe(1);
  expect(completionOf(5, 3)).toBe(1);
  expect(completionOf(0, 0)).toBe(1);
});
