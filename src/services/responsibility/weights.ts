import { BadUserInputError } from "../errors";

/** DECIMAL(7,2): weights from 0.01 to 99999.99. */
export const MAX_WEIGHT = 99999.99;

/** A weight as given (> 0, at most two decimals), or BAD_USER_INPUT. */
export function requireWeight(weight: number, column = "weight"): number {
  if (!Number.isFinite(weight) || weight <= 0) {
    throw new BadUserInputError(`weight must be greater than 0, not ${weight}`, [{ column, reason: "must be greater than 0" }]);
  }
  if (weight > MAX_WEIGHT) {
    throw new BadUserInputError(`weight must be at most ${MAX_WEIGHT}, not ${weight}`, [{ column, reason: `must be at most ${MAX_WEIGHT}` }]);
  }
  const hundredths = Math.round(weight * 100);
  if (Math.abs(hundredths - weight * 100) > 1e-6) {
    throw new BadUserInputError(`weight may have at most two decimals, not ${weight}`, [{ column, reason: "at most two decimals" }]);
  }
  return hundredths / 100;
}

/** Integer hundredths, for exact sums. */
export function toHundredths(weight: number): number {
  return Math.round(weight * 100);
}
