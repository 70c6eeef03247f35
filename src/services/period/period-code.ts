import { PeriodKind } from "../../entities/period-enums";

export interface PeriodSpan {
  code: string;
  kind: PeriodKind;
  /** Inclusive, YYYY-MM-DD. */
  startDate: string;
  /** Inclusive, YYYY-MM-DD. */
  endDate: string;
}

const PERIOD_CODE = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;

/** `2026` (YEAR), `2026-H1|H2` (HALF_YEAR), `2026-Q1..Q4` (QUARTER); null when malformed. */
export function parsePeriodCode(code: string): PeriodSpan | null {
  const match = PERIOD_CODE.exec(code);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1921 || year > 2200) return null;
  const part = match[2];
  if (!part) return span(code, PeriodKind.YEAR, year, 1, 12);
  const n = Number(part[1]);
  if (part[0] === "H") return span(code, PeriodKind.HALF_YEAR, year, n * 6 - 5, n * 6);
  return span(code, PeriodKind.QUARTER, year, n * 3 - 2, n * 3);
}

function span(code: string, kind: PeriodKind, year: number, firstMonth: number, lastMonth: number): PeriodSpan {
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    code,
    kind,
    startDate: `${year}-${pad(firstMonth)}-01`,
    endDate: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
