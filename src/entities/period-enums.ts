export enum PeriodKind {
  YEAR = "YEAR",
  HALF_YEAR = "HALF_YEAR",
  QUARTER = "QUARTER",
}

export enum PeriodStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}
