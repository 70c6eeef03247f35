/**
 * Exact text for the figures of an export. Scores are stored as integer hundredths and
 * roll-ups as integer sums, so every figure is a ratio of integers; it is rounded once, in
 * integer arithmetic, to a fixed number of decimals (half away from zero, 四舍五入), never
 * through a chain of float operations. A cell therefore shows the same digits on both
 * dialects and in both formats (the XLSX writer parses this text into the number it stores).
 */

/** 8437 → "84.37", -350 → "-3.50". */
export function hundredthsText(hundredths: number | string | null): string | null {
  if (hundredths === null) return null;
  return scaledText(BigInt(hundredths), 2);
}

/**
 * numerator / denominator rounded to `places` decimals, as text; null for a zero
 * denominator. `numerator / denominator` is the value itself (not scaled).
 */
export function ratioText(numerator: number | bigint | string, denominator: number | bigint | string, places: number): string | null {
  const den = BigInt(denominator);
  if (den === 0n) return null;
  let num = BigInt(numerator) * 10n ** BigInt(places);
  let d = den;
  if (d < 0n) {
    num = -num;
    d = -d;
  }
  const negative = num < 0n;
  const magnitude = negative ? -num : num;
  // Half away from zero: floor((2|n| + d) / 2d).
  const rounded = (2n * magnitude + d) / (2n * d);
  return scaledText(negative ? -rounded : rounded, places);
}

/**
 * The text of a provenance figure ("84.125", "262/3", "90") rounded to two decimals;
 * null for anything that is not such a figure.
 */
export function figureText(exact: unknown): string | null {
  if (typeof exact === "number" && Number.isFinite(exact)) exact = String(exact);
  if (typeof exact !== "string") return null;
  const fraction = /^(-?\d+)\/(\d+)$/.exec(exact);
  if (fraction) return ratioText(fraction[1], fraction[2], 2);
  const decimal = /^(-?)(\d+)(?:\.(\d+))?$/.exec(exact);
  if (!decimal) return null;
  const [, sign, whole, digits = ""] = decimal;
  return ratioText(BigInt(`${sign}${whole}${digits}`), 10n ** BigInt(digits.length), 2);
}

/** An integer count as text (mysql2 returns BIGINT sums as strings). */
export function integerText(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return BigInt(value).toString();
}

function scaledText(scaled: bigint, places: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

/**
 * Timestamps in the deployment's time zone (ZEREN_TIME_ZONE, default Asia/Shanghai, as
 * services/responsibility/dates.ts reads it), as "YYYY-MM-DD HH:mm:ss": what a reader in
 * that zone expects, and a form Excel and WPS recognise as a date and time.
 */
const TIME_ZONE = process.env.ZEREN_TIME_ZONE || "Asia/Shanghai";
const timestampFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * A DATETIME column as read raw: mysql2 gives a Date (the connection's time zone is UTC);
 * SQLite gives "YYYY-MM-DD HH:MM:SS[.SSS]" text in UTC (datetime('now')); an ISO string is
 * taken as it is.
 */
export function timestampText(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let date: Date;
  if (value instanceof Date) date = value;
  else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) date = new Date(value.replace(" ", "T") + "Z");
  else date = new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time)) return String(value);
  // Intl formatting costs microseconds, too much for 10^6 rows × 2 timestamps: the zone's
  // offset is looked up once per quarter hour (offsets change only at such boundaries) and the
  // text is built from the shifted UTC fields.
  const bucket = Math.floor(time / QUARTER_HOUR);
  let offset = offsets.get(bucket);
  if (offset === undefined) {
    if (offsets.size > 10_000) offsets.clear();
    offset = zoneOffset(bucket * QUARTER_HOUR);
    offsets.set(bucket, offset);
  }
  const local = new Date(time + offset);
  return (
    `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`
  );
}

const QUARTER_HOUR = 15 * 60 * 1000;
const offsets = new Map<number, number>();

/** The zone's offset from UTC (ms) at `time`, by formatting it there once. */
function zoneOffset(time: number): number {
  const [date, clock] = timestampFormat.format(new Date(time)).split(" ");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi, s] = clock.split(":").map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) - (time - (time % 1000));
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A DATE column (both dialects read it as YYYY-MM-DD text; a Date is taken in UTC). */
export function dateText(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
