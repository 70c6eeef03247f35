import { PeriodKind } from "../../entities/period-enums";
import { RequirementUnit } from "../../entities/responsibility-enums";
import { firstDayOfMonthIndex, lastDayOfMonthIndex, monthIndex } from "./dates";

/**
 * The arithmetic of quantitative requirements ("at least N records per unit"), pure and
 * separately tested. Periods and units are calendar-aligned (quarters, halves and years
 * start in January, April, July, October), so a unit either fits a whole number of times
 * in a period or contains the period.
 *
 * Rule 1, unit no longer than the period (MONTH in a QUARTER, QUARTER in a YEAR …):
 *   records dated in the period count; required = N × (period months / unit months).
 *   "1 per month" in a quarter asks for 3, in a year for 12. Counting is cumulative: two
 *   meetings in January and none in February meet "1 per month" for Jan–Feb.
 *
 * Rule 2, unit longer than the period (YEAR in a QUARTER, HALF_YEAR in a QUARTER …): no
 * pro-rata. The item is judged once, in the period that ends its unit, over the whole unit:
 * records from the unit's first day to the period's end count against N ("1 per year" is
 * judged in Q4 on the year's records, "1 per half year" in Q2 and Q4). In the earlier
 * periods of the unit it is not yet due: not applicable, leaving both sums of the score,
 * so a quarter is neither punished for a duty it still has time for nor credited twice.
 *
 * Completion = min(1, count / required).
 */
export interface Requirement {
  count: number;
  unit: RequirementUnit;
}

export interface PeriodFacts {
  kind: PeriodKind;
  /** YYYY-MM-DD, first day of a calendar month. */
  startDate: string;
  /** YYYY-MM-DD, last day of a calendar month. */
  endDate: string;
}

export interface PeriodRequirement {
  /** Records dated in [windowStart, windowEnd] count. */
  windowStart: string;
  windowEnd: string;
  /** False when the unit ends after the period (rule 2): not applicable in this period. */
  due: boolean;
  /** Records needed for full completion; 0 when not due. */
  required: number;
}

export const UNIT_MONTHS: Readonly<Record<RequirementUnit, number>> = {
  [RequirementUnit.MONTH]: 1,
  [RequirementUnit.QUARTER]: 3,
  [RequirementUnit.HALF_YEAR]: 6,
  [RequirementUnit.YEAR]: 12,
};

export const PERIOD_MONTHS: Readonly<Record<PeriodKind, number>> = {
  [PeriodKind.QUARTER]: 3,
  [PeriodKind.HALF_YEAR]: 6,
  [PeriodKind.YEAR]: 12,
};

/** The calendar unit of `months` months that contains month `index`: [first month, last month]. */
function enclosingUnit(index: number, months: number): [number, number] {
  const first = index - (index % months);
  return [first, first + months - 1];
}

export function requirementInPeriod(requirement: Requirement, period: PeriodFacts): PeriodRequirement {
  const unitMonths = UNIT_MONTHS[requirement.unit];
  const periodMonths = PERIOD_MONTHS[period.kind];
  if (unitMonths <= periodMonths) {
    return {
      windowStart: period.startDate,
      windowEnd: period.endDate,
      due: true,
      required: requirement.count * (periodMonths / unitMonths),
    };
  }
  const [unitFirst, unitLast] = enclosingUnit(monthIndex(period.startDate), unitMonths);
  const due = lastDayOfMonthIndex(unitLast) === period.endDate;
  return { windowStart: firstDayOfMonthIndex(unitFirst), windowEnd: period.endDate, due, required: due ? requirement.count : 0 };
}

/**
 * What should have been done by the end of day `asOf` (clipped to the period): N for each
 * unit of the period whose last day is on or before `asOf`, counted over the records from
 * the window's start to `asOf`. Under rule 2 the only unit is the enclosing one, elapsed
 * only when it ends with the period and `asOf` reaches that end.
 */
export function requiredSoFar(requirement: Requirement, period: PeriodFacts, asOf: string): PeriodRequirement {
  const inPeriod = requirementInPeriod(requirement, period);
  const end = asOf < period.endDate ? asOf : period.endDate;
  if (end < period.startDate) return { ...inPeriod, windowEnd: end, required: 0 };
  if (!inPeriod.due) return { ...inPeriod, windowEnd: end, required: 0 };
  const unitMonths = UNIT_MONTHS[requirement.unit];
  const periodMonths = PERIOD_MONTHS[period.kind];
  if (unitMonths > periodMonths) {
    return { ...inPeriod, windowEnd: end, required: end === period.endDate ? requirement.count : 0 };
  }
  const endMonth = monthIndex(end);
  // Whole months of the period completed by `end`: those before end's month, plus end's month when end is its last day.
  const monthsDone = endMonth - monthIndex(period.startDate) + (lastDayOfMonthIndex(endMonth) === end ? 1 : 0);
  const unitsDone = Math.floor(monthsDone / unitMonths);
  return { ...inPeriod, windowEnd: end, required: requirement.count * unitsDone };
}

/** min(1, count / required); 1 when nothing is required. */
export function completionOf(count: number, required: number): number {
  if (required <= 0) return 1;
  return Math.min(1, count / required);
}
