/**
 * Exact rational numbers on BigInt, for the score formula (DOMAIN.md §3). Own scores decide
 * officials' grades, so the formula is evaluated without floating-point drift: every input
 * becomes an exact fraction, the formula is exact, and the one rounding (half up to two
 * decimals) happens on the exact result. 84.125 therefore stores 84.13, which a double
 * (84.12499999999999…) can get wrong.
 *
 * Immutable; always normalised (denominator > 0, gcd 1), so `equals` is structural.
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = typeof num === "bigint" ? num : BigInt(requireInteger(num));
    const d = typeof den === "bigint" ? den : BigInt(requireInteger(den));
    if (d === 0n) throw new RangeError("division by zero");
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(abs(n), abs(d));
    return new Rational((sign * n) / g, (sign * d) / g);
  }

  /** Integer hundredths (a stored score) as a rational: 8437 → 84.37. */
  static fromHundredths(hundredths: number): Rational {
    return Rational.of(hundredths, 100);
  }

  /** A plain decimal string ("84.125", "-3", "0.5") exactly; throws on anything else. */
  static fromDecimal(text: string): Rational {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!match) throw new RangeError(`not a decimal number: "${text}"`);
    const [, sign, whole, fraction = ""] = match;
    const num = BigInt(whole + fraction) * (sign === "-" ? -1n : 1n);
    return Rational.of(num, 10n ** BigInt(fraction.length));
  }

  /**
   * The number a double stands for. Inputs come as JavaScript numbers (weights, completion
   * fractions, rule coefficients); a double cannot hold 1/3 or 0.1 exactly, so the intended
   * value is recovered in this order:
   *
   * 1. a short decimal (at most 15 significant digits in its shortest round-trip form, which
   *    is how every typed figure — 0.85, 92.5, 0.0125 — prints) is taken as that decimal;
   * 2. otherwise the simplest fraction p/q with q ≤ 1,000,000 whose nearest double is exactly
   *    this double (count/required completions such as 1/3 or 7/9 print with 16–17 digits);
   * 3. otherwise the shortest round-trip decimal itself.
   *
   * Deterministic: the same double always gives the same rational.
   */
  static fromNumber(value: number): Rational {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    if (Number.isInteger(value) && Number.isSafeInteger(value)) return Rational.of(BigInt(value));
    const printed = plainDecimal(value);
    if (significantDigits(printed) <= 15) return Rational.fromDecimal(printed);
    const simple = simplestFraction(value, MAX_RECOVERED_DENOMINATOR);
    return simple ?? Rational.fromDecimal(printed);
  }

  add(other: Rational): Rational {
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return Rational.of(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  mul(other: Rational): Rational {
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    if (other.num === 0n) throw new RangeError("division by zero");
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  compare(other: Rational): number {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  lt(other: Rational): boolean {
    return this.compare(other) < 0;
  }

  gte(other: Rational): boolean {
    return this.compare(other) >= 0;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  min(other: Rational): Rational {
    return this.compare(other) <= 0 ? this : other;
  }

  max(other: Rational): Rational {
    return this.compare(other) >= 0 ? this : other;
  }

  clamp(low: Rational, high: Rational): Rational {
    return this.max(low).min(high);
  }

  /** floor(this), exact. */
  floor(): bigint {
    const q = this.num / this.den; // truncates toward zero
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /**
   * Rounded half up to whole hundredths: floor(100·x + 1/2). "Half up" means toward +∞ at
   * exactly .xx5 (84.125 → 84.13); own scores are never negative, so it is also "away from zero".
   */
  roundHalfUpToHundredths(): number {
    const scaled = this.mul(Rational.HUNDRED).add(Rational.of(1n, 2n));
    return Number(scaled.floor());
  }

  /** The nearest double (for display only; never fed back into the formula). */
  toNumber(): number {
    // Number() parses decimal text correctly rounded, so 75.01 becomes the double that prints
    // "75.01". A repeating expansion is cut after 30 places first, far below a double's precision.
    const places = 30n;
    const scaled = (abs(this.num) * 10n ** places) / this.den;
    const digits = scaled.toString().padStart(Number(places) + 1, "0");
    const text = `${digits.slice(0, -Number(places))}.${digits.slice(-Number(places))}`;
    return Number((this.num < 0n ? "-" : "") + text);
  }

  /**
   * Exact text: a finite decimal when the denominator is 2^a·5^b ("84.125"), else "p/q"
   * ("262/3"). Provenance keeps this so a figure can be re-derived by hand.
   */
  toString(): string {
    let d = this.den;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return `${this.num}/${this.den}`;
    const places = Math.max(twos, fives);
    if (places === 0) return this.num.toString();
    const scaled = (abs(this.num) * 10n ** BigInt(places)) / this.den;
    const digits = scaled.toString().padStart(places + 1, "0");
    const text = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
    return (this.num < 0n ? "-" : "") + text;
  }

  static sum(values: Rational[]): Rational {
    return values.reduce((total, value) => total.add(value), Rational.ZERO);
  }
}

const MAX_RECOVERED_DENOMINATOR = 1_000_000n;

function requireInteger(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return value;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** The shortest round-trip decimal of a double, without exponent notation. */
function plainDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = text.toLowerCase().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const [whole, fraction = ""] = mantissa.replace("-", "").split(".");
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let result: string;
  if (point <= 0) result = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) result = digits + "0".repeat(point - digits.length);
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? "-" : "") + result;
}

function significantDigits(decimal: string): number {
  return decimal.replace(/^-/, "").replace(".", "").replace(/^0+/, "").length;
}

/**
 * The simplest fraction (smallest denominator, by continued fractions) with denominator at
 * most `maxDen` whose nearest double is exactly `value`; null when there is none.
 */
function simplestFraction(value: number, maxDen: bigint): Rational | null {
  const exact = exactRationalOfDouble(value);
  // Continued-fraction convergents of the double's exact value.
  let [h0, h1] = [0n, 1n];
  let [k0, k1] = [1n, 0n];
  let num = exact.num;
  let den = exact.den;
  for (let step = 0; step < 64 && den !== 0n; step++) {
    const a = floorDiv(num, den);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > maxDen) return null;
    if (Number(h1) / Number(k1) === value) return Rational.of(h1, k1);
    [num, den] = [den, num - a * den];
  }
  return null;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** The exact binary value a double holds. */
function exactRationalOfDouble(value: number): Rational {
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, value);
  const bits = buffer.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  return power >= 0 ? Rational.of(sign * mantissa * (1n << BigInt(power))) : Rational.of(sign * mantissa, 1n << BigInt(-power));
}
