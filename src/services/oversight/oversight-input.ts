import { BadUserInputError } from "../errors";
import { requireDate } from "../responsibility/dates";

/** Shape checks of oversight inputs, done before any transaction opens. */

export const MAX_TITLE = 200;
export const MAX_TEXT = 5000;
export const MAX_REASON = 2000;

export function invalid(column: string, reason: string): BadUserInputError {
  return new BadUserInputError(`${column}: ${reason}`, [{ column, reason }]);
}

/** Trimmed text of 1–max characters; control characters other than tab and newlines are refused. */
export function requireText(value: string | null | undefined, column: string, max: number): string {
  const text = (value ?? "").trim();
  if (text.length === 0) throw invalid(column, "is required and may not be blank");
  if (text.length > max) throw invalid(column, `at most ${max} characters, not ${text.length}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw invalid(column, "control characters are not allowed");
  return text;
}

export function optionalText(value: string | null | undefined, column: string, max: number): string | null {
  return value == null || value.trim() === "" ? null : requireText(value, column, max);
}

export function optionalDate(value: string | null | undefined, column: string): string | null {
  return value == null ? null : requireDate(value, column);
}

/** A day that has happened: not after `today`. */
export function notInFuture(date: string, column: string, today: string): string {
  if (date > today) throw invalid(column, `${date} is in the future (today is ${today})`);
  return date;
}
