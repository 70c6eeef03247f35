import type { ValueTransformer } from "typeorm";

/**
 * DECIMAL columns come back as strings from mysql2 and as numbers from SQLite; the entity
 * always holds a number. Values with two decimals round-trip exactly through a double
 * (the nearest double prints back as the same decimal); sums are done in integer
 * hundredths (see services/responsibility/weights.ts), never by adding doubles.
 */
export const decimalToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
