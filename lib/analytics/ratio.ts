/**
 * Exact rationals for proportions. Floating-point `x / n` cannot decide reliably whether a point
 * lies ON the median (e.g. 1/3 against a median of (1/3 + 1/3) / 2), and "on the median" changes
 * which points count, so the run-chart rules compare with BigInt cross-multiplication instead.
 */

/** A non-negative rational num/den with den > 0. Not necessarily in lowest terms. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export function ratio(num: number | bigint, den: number | bigint): Ratio {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d <= 0n) throw new RangeError("Ratio denominator must be positive");
  return { num: n, den: d };
}

export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(r: Ratio): Ratio {
  const g = gcd(r.num, r.den);
  return g > 1n ? { num: r.num / g, den: r.den / g } : r;
}

/** Midpoint of two rationals, exactly (the even-count median). */
function midpoint(a: Ratio, b: Ratio): Ratio {
  return reduce({ num: a.num * b.den + b.num * a.den, den: 2n * a.den * b.den });
}

/** Rounds half up to `decimals` places using integer arithmetic, so 0.12345 → 0.1235 every time. */
export function roundRatio(r: Ratio, decimals = 4): number {
  const scale = 10n ** BigInt(decimals);
  const twice = 2n * r.num * scale + (r.num >= 0n ? r.den : -r.den);
  const scaled = twice / (2n * r.den);
  return Number(scaled) / Number(scale);
}

export function ratioToNumber(r: Ratio): number {
  return Number(r.num) / Number(r.den);
}

/** Exact median of a non-empty list of rationals. */
export function medianRatio(values: readonly Ratio[]): Ratio {
  if (values.length === 0) throw new RangeError("Median of an empty list");
  const sorted = [...values].sort(compareRatio);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as Ratio;
  if (sorted.length % 2 === 1) return upper;
  return midpoint(sorted[mid - 1] as Ratio, upper);
}
