/** Small helpers shared by the responsibility feature's resolvers. */

/** A `Date` scalar argument (graphql-scalars parses it to UTC midnight) as YYYY-MM-DD. */
export function isoDate(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString().slice(0, 10);
}

export function optionalIsoDate(value: Date | string | null | undefined): string | null {
  return value == null ? null : isoDate(value);
}
