import { BadUserInputError } from "../errors";

/**
 * Calendar dates as YYYY-MM-DD strings (DATE columns are read as strings on both
 * dialects), compared as strings: fixed width makes string order date order.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The time zone "today" is taken in: a date belongs to the day it is in China unless configured otherwise. */
const TIME_ZONE = process.env.ZEREN_TIME_ZONE || "Asia/Shanghai";
const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

export function today(now: Date = new Date()): string {
  return dayFormat.format(now);
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** The value as a date, or BAD_USER_INPUT naming the argument. */
export function requireDate(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!isIsoDate(trimmed)) {
    throw new BadUserInputError(`${argument} must be a date YYYY-MM-DD, not "${value}"`, [{ column: argument, reason: "not a date YYYY-MM-DD" }]);
  }
  return trimmed;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months since year 0 (Jan 0000 = 0), so month arithmetic is integer arithmetic. */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

export function firstDayOfMonthIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${pad(index % 12 + 1)}-01`;
}

export function lastDayOfMonthIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

export function addDays(date: string, days: number): string {
  const time = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
