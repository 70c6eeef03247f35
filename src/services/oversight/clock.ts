import { today as todayInDeploymentZone } from "../responsibility/dates";

/**
 * "Today" for deadlines, as a YYYY-MM-DD date in the deployment's time zone (ZEREN_TIME_ZONE,
 * default Asia/Shanghai: see responsibility/dates.ts). A deadline D is met on D and overdue
 * from D+1 00:00 in that zone, i.e. overdue exactly when D < today.
 *
 * Injectable so deadline boundaries are testable: tests (and tools replaying history) set
 * a clock; everything in the oversight feature asks this module, never `new Date()`.
 */
export interface OversightClock {
  today(): string;
}

const SYSTEM_CLOCK: OversightClock = { today: () => todayInDeploymentZone() };

let current: OversightClock = SYSTEM_CLOCK;

export function oversightToday(): string {
  return current.today();
}

/** Replaces the clock (null restores the system clock). A fixed day: `setOversightClock("2026-06-30")`. */
export function setOversightClock(clock: OversightClock | string | null): void {
  if (clock === null) current = SYSTEM_CLOCK;
  else if (typeof clock === "string") current = { today: () => clock };
  else current = clock;
}

/** Overdue on `day`: a deadline passed (strictly before `day`) and not CLOSED. */
export function isOverdueOn(deadline: string | null, closed: boolean, day: string): boolean {
  return deadline !== null && !closed && deadline < day;
}
