/**
 * Run-chart analysis: centre line, IHI rules (shift, trend, runs) and Anhøj rules (longest run,
 * crossings), exactly as defined in /work/shared/reference/run-chart-rules.md.
 *
 * Written from the published definitions (Perla, Provost & Murray 2011; Anhøj & Olesen 2014), not
 * from any implementation. Pure TypeScript: no framework, database or statistics library.
 *
 * Proportions are compared exactly as rationals with BigInt cross-multiplication. Floating-point
 * `x / n` cannot decide reliably whether a point lies ON the median (e.g. 1/3 against a median of
 * (1/3 + 1/3) / 2), and "on the median" changes which points count, so the rules must not depend on
 * rounding.
 */

import { isValidDate } from "./periods";
import { runsLimits } from "./runs-table";
import { DEFAULT_MIN_RESPONSES, assertValidMinResponses, isSuppressed } from "./suppression";

// ---------------------------------------------------------------------------------------------------
// Public types (the JSON shape the API returns; keep the names stable)
// ---------------------------------------------------------------------------------------------------

/** Counts for one period, in chronological order. `yes` is the numerator, `responses` the denominator. */
export interface PeriodCounts {
  readonly start: string;
  readonly end: string;
  readonly responses: number;
  readonly yes: number;
}

export interface RunChartOptions {
  /** Periods with 0 < responses < minResponses are suppressed. Default DEFAULT_MIN_RESPONSES (5). */
  readonly minResponses?: number;
  /** Baseline length B: the first B points with a value fix the median. Default 12. */
  readonly baselinePoints?: number;
  /** Dates where a recorded re-phase starts; a period belongs to the last phase starting on or before its start. */
  readonly phaseStarts?: readonly string[];
  /** Period starts the user excluded from the analysis (still plotted, never used by any rule). */
  readonly excluded?: ReadonlySet<string> | readonly string[];
}

export const DEFAULT_BASELINE_POINTS = 12;

/** The reference's threshold below which run-chart rules "do not mean anything". */
export const MIN_USEFUL_POINTS_FOR_RULES = 10;

export const SHIFT_MIN_POINTS = 6;
export const TREND_MIN_POINTS = 5;

export type PointSignal = "shift" | "trend" | "runs" | "anhoej-long-run" | "anhoej-crossings";

const SIGNAL_ORDER: readonly PointSignal[] = ["shift", "trend", "runs", "anhoej-long-run", "anhoej-crossings"];

export type Direction = "up" | "down";

export interface RunChartPoint {
  readonly start: string;
  readonly end: string;
  readonly responses: number;
  /** null when suppressed, so the count can never leak. */
  readonly yes: number | null;
  /** yes / responses rounded to 4 decimals for display; null when suppressed or responses = 0. */
  readonly value: number | null;
  readonly suppressed: boolean;
  /** Excluded by the user: plotted with its value but ignored by every rule and the median. */
  readonly excluded: boolean;
  /** Index into `phases`. */
  readonly phase: number;
  readonly signals: PointSignal[];
}

export interface RunChartPhase {
  /** Start of the phase's first period (phase 0) or the recorded re-phase date. */
  readonly start: string;
  /** Number of values the median was actually computed from (≤ the requested baseline). */
  readonly baselinePoints: number;
  /** Rounded to 4 decimals for display; rules use the exact value. null when the phase has no values. */
  readonly median: number | null;
  /** True while the phase has fewer values than the requested baseline (median may still move). */
  readonly provisional: boolean;
}

export interface RuleSpan {
  /** Start of the first period in the span. */
  readonly from: string;
  /** Start of the last period in the span. */
  readonly to: string;
  /** Number of points counted by the rule (points on the median / repeated values not counted). */
  readonly points: number;
  readonly direction: Direction;
}

export type RunsVerdict = "too-few" | "too-many" | "expected" | "not-applicable";

export interface IhiAnalysis {
  readonly shifts: RuleSpan[];
  readonly trends: RuleSpan[];
  readonly runs: {
    readonly useful: number;
    readonly runs: number;
    readonly lower: number | null;
    readonly upper: number | null;
    readonly verdict: RunsVerdict;
    /** Side of the median of the most recent run ("up" = above); null when there are no useful points. */
    readonly latestSide: Direction | null;
  };
}

export interface AnhoejAnalysis {
  readonly useful: number;
  readonly longestRun: number;
  /** Signal if longestRun > longestRunMax; null when there are no useful points. */
  readonly longestRunMax: number | null;
  readonly crossings: number;
  /** Signal if crossings < crossingsMin; null when there are no useful points. */
  readonly crossingsMin: number | null;
  readonly signal: boolean;
  readonly longestRunSignal: boolean;
  readonly crossingsSignal: boolean;
}

export interface PhaseAnalysis {
  readonly phase: number;
  readonly start: string;
  readonly ihi: IhiAnalysis;
  readonly anhoej: AnhoejAnalysis;
}

export interface RunChartResult {
  readonly points: RunChartPoint[];
  readonly phases: RunChartPhase[];
  /** IHI rules for the latest phase. */
  readonly ihi: IhiAnalysis;
  /** Anhøj rules for the latest phase. */
  readonly anhoej: AnhoejAnalysis;
  /** Every phase's analysis, in phase order (the last one equals `ihi` / `anhoej`). */
  readonly phaseAnalyses: PhaseAnalysis[];
}

// ---------------------------------------------------------------------------------------------------
// Exact rationals
// ---------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------
// Input preparation (shared with the p-chart so both apply suppression, exclusion and phases alike)
// ---------------------------------------------------------------------------------------------------

export interface PreparedPeriod {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  readonly responses: number;
  readonly yes: number;
  readonly suppressed: boolean;
  readonly excluded: boolean;
  readonly phase: number;
  /** The proportion that may be shown: null when responses = 0 or suppressed. */
  readonly shown: Ratio | null;
  /** The proportion the rules may use: additionally null when excluded. */
  readonly analysed: Ratio | null;
}

export interface PreparedSeries {
  readonly periods: PreparedPeriod[];
  /** Start date of each phase; phase 0 starts with the first period. Empty when there are no periods. */
  readonly phaseStarts: string[];
}

export interface PrepareOptions {
  readonly minResponses?: number;
  readonly phaseStarts?: readonly string[];
  readonly excluded?: ReadonlySet<string> | readonly string[];
}

function isNonNegativeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Validates the series and decides, once, what each period contributes. Bad input throws rather than
 * being "fixed": a chart silently drawn from reordered or impossible counts would mislead a team.
 */
export function prepareSeries(periods: readonly PeriodCounts[], options: PrepareOptions = {}): PreparedSeries {
  const minResponses = options.minResponses ?? DEFAULT_MIN_RESPONSES;
  assertValidMinResponses(minResponses);
  const excluded = new Set<string>(options.excluded ?? []);

  let previousStart: string | null = null;
  for (const [i, p] of periods.entries()) {
    if (!isValidDate(p.start) || !isValidDate(p.end) || p.end < p.start) {
      throw new RangeError(`Period ${i} has invalid dates: ${p.start}..${p.end}`);
    }
    if (previousStart !== null && p.start <= previousStart) {
      throw new RangeError(`Periods must be in strictly increasing order of start (period ${i}: ${p.start})`);
    }
    if (!isNonNegativeInteger(p.responses) || !isNonNegativeInteger(p.yes) || p.yes > p.responses) {
      throw new RangeError(`Period ${p.start} has impossible counts: ${p.yes} yes of ${p.responses}`);
    }
    previousStart = p.start;
  }

  for (const d of options.phaseStarts ?? []) {
    if (!isValidDate(d)) throw new RangeError(`Invalid phase start: ${JSON.stringify(d)}`);
  }

  const first = periods[0];
  if (!first) return { periods: [], phaseStarts: [] };

  // A recorded re-phase on or before the first period cannot start a phase of its own here: phase 0
  // already begins with the first period shown. Later ones are kept even if no period falls in them
  // yet, so a just-recorded re-phase shows as a new phase with "not enough data".
  const later = [...new Set(options.phaseStarts ?? [])].filter((d) => d > first.start).sort();
  const phaseStarts = [first.start, ...later];

  let phase = 0;
  const prepared = periods.map((p, index): PreparedPeriod => {
    while (phase + 1 < phaseStarts.length && (phaseStarts[phase + 1] as string) <= p.start) phase += 1;
    const suppressed = isSuppressed(p.responses, minResponses);
    const shown = p.responses > 0 && !suppressed ? ratio(p.yes, p.responses) : null;
    const isExcluded = excluded.has(p.start);
    return {
      index,
      start: p.start,
      end: p.end,
      responses: p.responses,
      yes: p.yes,
      suppressed,
      excluded: isExcluded,
      phase,
      shown,
      analysed: isExcluded ? null : shown,
    };
  });
  return { periods: prepared, phaseStarts };
}

// ---------------------------------------------------------------------------------------------------
// Anhøj limits (exact)
// ---------------------------------------------------------------------------------------------------

/** round(log2(n)) computed exactly: log2(n) ≥ k + 0.5 ⇔ n² ≥ 2^(2k+1). */
function roundLog2(n: number): number {
  const big = BigInt(n);
  const k = big.toString(2).length - 1; // floor(log2 n)
  return big * big >= 1n << BigInt(2 * k + 1) ? k + 1 : k;
}

/** Longest-run limit for n useful observations: a run longer than this is a signal. null for n = 0. */
export function anhoejLongestRunMax(useful: number): number | null {
  if (!Number.isSafeInteger(useful) || useful < 1) return null;
  return roundLog2(useful) + 3;
}

const crossingsMinCache = new Map<number, number>();

/**
 * Minimum number of crossings for n useful observations: qbinom(0.05, n − 1, 0.5), the smallest c with
 * P(Bin(n − 1, ½) ≤ c) ≥ 0.05, i.e. 20 · Σ_{i≤c} C(n − 1, i) ≥ 2^(n − 1), in exact integers.
 * null for n = 0.
 */
export function anhoejCrossingsMin(useful: number): number | null {
  if (!Number.isSafeInteger(useful) || useful < 1) return null;
  const cached = crossingsMinCache.get(useful);
  if (cached !== undefined) return cached;
  const trials = BigInt(useful - 1);
  const total = 1n << trials;
  let coefficient = 1n; // C(trials, 0)
  let cumulative = 0n;
  let c = 0n;
  for (; c <= trials; c += 1n) {
    cumulative += coefficient;
    if (20n * cumulative >= total) break;
    coefficient = (coefficient * (trials - c)) / (c + 1n);
  }
  const result = Number(c);
  crossingsMinCache.set(useful, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Rules for one phase
// ---------------------------------------------------------------------------------------------------

interface Valued {
  readonly period: PreparedPeriod;
  readonly value: Ratio;
}

interface SidedBlock {
  readonly side: 1 | -1;
  readonly members: Valued[];
}

interface PhaseWork {
  readonly summary: RunChartPhase;
  readonly ihi: IhiAnalysis;
  readonly anhoej: AnhoejAnalysis;
  /** Signals keyed by period index. */
  readonly signals: Map<number, Set<PointSignal>>;
}

function addSignal(signals: Map<number, Set<PointSignal>>, index: number, signal: PointSignal): void {
  let set = signals.get(index);
  if (!set) {
    set = new Set();
    signals.set(index, set);
  }
  set.add(signal);
}

function span(first: Valued, last: Valued, points: number, direction: Direction): RuleSpan {
  return { from: first.period.start, to: last.period.start, points, direction };
}

/**
 * Blocks of consecutive useful points on the same side of the median. Points on the median are
 * dropped before grouping, so they neither extend nor break a block: this is the reference's shift
 * wording and also its definition of a run.
 */
function sidedBlocks(valued: readonly Valued[], median: Ratio): SidedBlock[] {
  const blocks: SidedBlock[] = [];
  let current: SidedBlock | null = null;
  for (const v of valued) {
    const cmp = compareRatio(v.value, median);
    if (cmp === 0) continue;
    const side: 1 | -1 = cmp > 0 ? 1 : -1;
    if (current && current.side === side) {
      current.members.push(v);
    } else {
      current = { side, members: [v] };
      blocks.push(current);
    }
  }
  return blocks;
}

/**
 * IHI trends. Consecutive equal values are collapsed into one group (counted once; they neither make
 * nor break a trend); a trend is then ≥ 5 groups each strictly above (or below) the one before.
 *
 * The reported span is the tightest one: it starts at the LAST of the starting value's repeats (where
 * the movement begins) and ends at the FIRST of the final value's repeats (where it arrives). Repeats
 * inside the span are part of the trend and are marked. With this choice an up-trend and the
 * down-trend that follows it share at most one point, never a flat stretch.
 */
function findTrends(valued: readonly Valued[]): Array<{ span: RuleSpan; members: Valued[] }> {
  const groups: Array<{ value: Ratio; first: number; last: number }> = [];
  valued.forEach((v, i) => {
    const last = groups[groups.length - 1];
    if (last && compareRatio(last.value, v.value) === 0) last.last = i;
    else groups.push({ value: v.value, first: i, last: i });
  });

  const trends: Array<{ span: RuleSpan; members: Valued[] }> = [];
  let runStart = 0;
  while (runStart < groups.length - 1) {
    const a = groups[runStart] as (typeof groups)[number];
    const b = groups[runStart + 1] as (typeof groups)[number];
    const dir = compareRatio(b.value, a.value); // never 0 after collapsing
    let runEnd = runStart + 1;
    while (runEnd + 1 < groups.length) {
      const x = groups[runEnd] as (typeof groups)[number];
      const y = groups[runEnd + 1] as (typeof groups)[number];
      if (compareRatio(y.value, x.value) !== dir) break;
      runEnd += 1;
    }
    const count = runEnd - runStart + 1;
    if (count >= TREND_MIN_POINTS) {
      const fromIdx = (groups[runStart] as (typeof groups)[number]).last;
      const toIdx = (groups[runEnd] as (typeof groups)[number]).first;
      const members = valued.slice(fromIdx, toIdx + 1);
      const direction: Direction = dir > 0 ? "up" : "down";
      trends.push({
        span: span(valued[fromIdx] as Valued, valued[toIdx] as Valued, count, direction),
        members,
      });
    }
    // The turning group belongs to both the run that ends and the run that starts there.
    runStart = runEnd;
  }
  return trends;
}

function analysePhase(periods: readonly PreparedPeriod[], start: string, baselinePoints: number): PhaseWork {
  const signals = new Map<number, Set<PointSignal>>();
  const valued: Valued[] = [];
  for (const period of periods) {
    if (period.analysed) valued.push({ period, value: period.analysed });
  }

  const baseline = valued.slice(0, baselinePoints);
  const median = baseline.length > 0 ? medianRatio(baseline.map((v) => v.value)) : null;
  const summary: RunChartPhase = {
    start,
    baselinePoints: baseline.length,
    median: median ? roundRatio(median) : null,
    provisional: valued.length < baselinePoints,
  };

  const blocks = median ? sidedBlocks(valued, median) : [];
  const useful = blocks.reduce((sum, b) => sum + b.members.length, 0);
  const usefulMembers = blocks.flatMap((b) => b.members);

  // Shift: ≥ 6 useful points on one side. Only the useful points are marked; a point on the median
  // inside the span is not part of the shift, it was merely skipped.
  const shifts: RuleSpan[] = [];
  for (const block of blocks) {
    if (block.members.length >= SHIFT_MIN_POINTS) {
      const first = block.members[0] as Valued;
      const last = block.members[block.members.length - 1] as Valued;
      shifts.push(span(first, last, block.members.length, block.side > 0 ? "up" : "down"));
      for (const m of block.members) addSignal(signals, m.period.index, "shift");
    }
  }

  const trends: RuleSpan[] = [];
  for (const trend of findTrends(valued)) {
    trends.push(trend.span);
    for (const m of trend.members) addSignal(signals, m.period.index, "trend");
  }

  // Runs rule. The verdict is about the phase as a whole, not one point, so when it fires every useful
  // point of the phase carries "runs" (the pattern is made of all of them); points on the median and
  // points without a value never do.
  const runCount = blocks.length;
  const lastBlock = blocks[blocks.length - 1];
  const limits = runsLimits(useful);
  let verdict: RunsVerdict = "not-applicable";
  if (limits) {
    verdict = runCount < limits.lower ? "too-few" : runCount > limits.upper ? "too-many" : "expected";
  }
  if (verdict === "too-few" || verdict === "too-many") {
    for (const m of usefulMembers) addSignal(signals, m.period.index, "runs");
  }

  const ihi: IhiAnalysis = {
    shifts,
    trends,
    runs: {
      useful,
      runs: runCount,
      lower: limits ? limits.lower : null,
      upper: limits ? limits.upper : null,
      verdict,
      latestSide: lastBlock ? (lastBlock.side > 0 ? "up" : "down") : null,
    },
  };

  // Anhøj: same useful points and runs, different limits that keep a ~5% false-signal rate at any n.
  const longestRun = blocks.reduce((max, b) => Math.max(max, b.members.length), 0);
  const crossings = Math.max(runCount - 1, 0);
  const longestRunMax = anhoejLongestRunMax(useful);
  const crossingsMin = anhoejCrossingsMin(useful);
  const longestRunSignal = longestRunMax !== null && longestRun > longestRunMax;
  const crossingsSignal = crossingsMin !== null && crossings < crossingsMin;
  if (longestRunSignal && longestRunMax !== null) {
    // Mark every run that is too long (not only the longest): each one is unusual on its own.
    for (const block of blocks) {
      if (block.members.length > longestRunMax) {
        for (const m of block.members) addSignal(signals, m.period.index, "anhoej-long-run");
      }
    }
  }
  if (crossingsSignal) {
    for (const m of usefulMembers) addSignal(signals, m.period.index, "anhoej-crossings");
  }
  const anhoej: AnhoejAnalysis = {
    useful,
    longestRun,
    longestRunMax,
    crossings,
    crossingsMin,
    signal: longestRunSignal || crossingsSignal,
    longestRunSignal,
    crossingsSignal,
  };

  return { summary, ihi, anhoej, signals };
}

function emptyIhi(): IhiAnalysis {
  return {
    shifts: [],
    trends: [],
    runs: { useful: 0, runs: 0, lower: null, upper: null, verdict: "not-applicable", latestSide: null },
  };
}

function emptyAnhoej(): AnhoejAnalysis {
  return {
    useful: 0,
    longestRun: 0,
    longestRunMax: null,
    crossings: 0,
    crossingsMin: null,
    signal: false,
    longestRunSignal: false,
    crossingsSignal: false,
  };
}

// ---------------------------------------------------------------------------------------------------
// Main entry point
// ---------------------------------------------------------------------------------------------------

/**
 * Analyses a run chart. `periods` must be every period in order, including empty ones (use
 * `enumeratePeriods`), so the chart shows gaps where they are.
 *
 * Callers must pass the whole of each phase: the baseline is the phase's first B values, so cutting
 * a phase's beginning off with a date filter would silently move its median.
 */
export function analyseRunChart(periods: readonly PeriodCounts[], options: RunChartOptions = {}): RunChartResult {
  const baselinePoints = options.baselinePoints ?? DEFAULT_BASELINE_POINTS;
  if (!Number.isSafeInteger(baselinePoints) || baselinePoints < 1) {
    throw new RangeError(`baselinePoints must be a positive integer, got ${String(baselinePoints)}`);
  }
  const series = prepareSeries(periods, options);

  const works = series.phaseStarts.map((start, phase) =>
    analysePhase(
      series.periods.filter((p) => p.phase === phase),
      start,
      baselinePoints,
    ),
  );

  const points: RunChartPoint[] = series.periods.map((p) => {
    const set = works[p.phase]?.signals.get(p.index);
    return {
      start: p.start,
      end: p.end,
      responses: p.responses,
      yes: p.suppressed ? null : p.yes,
      value: p.shown ? roundRatio(p.shown) : null,
      suppressed: p.suppressed,
      excluded: p.excluded,
      phase: p.phase,
      signals: set ? SIGNAL_ORDER.filter((s) => set.has(s)) : [],
    };
  });

  const phaseAnalyses: PhaseAnalysis[] = works.map((w, phase) => ({
    phase,
    start: w.summary.start,
    ihi: w.ihi,
    anhoej: w.anhoej,
  }));
  const latest = works[works.length - 1];

  return {
    points,
    phases: works.map((w) => w.summary),
    ihi: latest ? latest.ihi : emptyIhi(),
    anhoej: latest ? latest.anhoej : emptyAnhoej(),
    phaseAnalyses,
  };
}

// ---------------------------------------------------------------------------------------------------
// Plain-English explanations and a one-word status (higher is better)
// ---------------------------------------------------------------------------------------------------

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026-03-03" → "3 March 2026", without `Date` (no time zone can shift the day). */
export function formatLongDate(date: string): string {
  const [y, m, d] = date.split("-");
  const month = MONTHS[Number(m) - 1];
  if (!isValidDate(date) || !month) throw new RangeError(`Invalid date: ${date}`);
  return `${Number(d)} ${month} ${Number(y)}`;
}

function plural(count: number, label: string): string {
  return `${count} ${label}${count === 1 ? "" : "s"}`;
}

export interface DescribeOptions {
  /** "all" (default) describes every phase, prefixed with the phase; "latest" only the latest phase. */
  readonly phases?: "all" | "latest";
  /** Also describe the Anhøj rules (the optional rule set). Default false. */
  readonly includeAnhoej?: boolean;
}

/**
 * One sentence per signal, saying which rule fired, where, and what it means for a measure where
 * higher is better. `intervalLabel` is the singular period name ("week", "fortnight", "month").
 */
export function describeSignals(
  result: RunChartResult,
  intervalLabel = "period",
  options: DescribeOptions = {},
): string[] {
  const lines: string[] = [];
  const analyses =
    options.phases === "latest" ? result.phaseAnalyses.slice(-1) : result.phaseAnalyses;
  const multiPhase = result.phaseAnalyses.length > 1;

  for (const analysis of analyses) {
    const prefix = multiPhase ? `Phase ${analysis.phase + 1} (from ${formatLongDate(analysis.start)}): ` : "";
    const inPhase = result.points.filter((p) => p.phase === analysis.phase);
    const periodsBetween = (from: string, to: string): number =>
      inPhase.filter((p) => p.start >= from && p.start <= to).length;

    for (const s of analysis.ihi.shifts) {
      const up = s.direction === "up";
      const skipped = periodsBetween(s.from, s.to) - s.points;
      const note =
        skipped > 0
          ? ` (${plural(skipped, intervalLabel)} in between ${skipped === 1 ? "was" : "were"} skipped: on the median, excluded, or without a usable value)`
          : "";
      lines.push(
        `${prefix}Shift: ${plural(s.points, intervalLabel)} ${up ? "above" : "below"} the median from ` +
          `${formatLongDate(s.from)} to ${formatLongDate(s.to)}${note} — ${up ? "improvement" : "deterioration"}`,
      );
    }

    for (const t of analysis.ihi.trends) {
      const up = t.direction === "up";
      const withValue = inPhase.filter(
        (p) => p.start >= t.from && p.start <= t.to && p.value !== null && !p.excluded,
      ).length;
      const notes: string[] = [];
      if (withValue > t.points) notes.push("repeated equal values counted once");
      if (periodsBetween(t.from, t.to) > withValue) notes.push(`${intervalLabel}s without a usable value skipped`);
      const note = notes.length > 0 ? ` (${notes.join("; ")})` : "";
      lines.push(
        `${prefix}Trend: ${plural(t.points, intervalLabel)} each ${up ? "higher" : "lower"} than the one before, from ` +
          `${formatLongDate(t.from)} to ${formatLongDate(t.to)}${note} — ${up ? "improvement" : "deterioration"}`,
      );
    }

    const r = analysis.ihi.runs;
    if (r.verdict === "too-few" && r.lower !== null) {
      lines.push(
        `${prefix}Runs: only ${plural(r.runs, "run")} across ${r.useful} ${intervalLabel}s off the median, ` +
          `fewer than the ${r.lower} expected at least by chance — the values stay on one side of the median ` +
          `for longer than random variation explains (a non-random pattern)`,
      );
    } else if (r.verdict === "too-many" && r.upper !== null) {
      lines.push(
        `${prefix}Runs: ${plural(r.runs, "run")} across ${r.useful} ${intervalLabel}s off the median, ` +
          `more than the ${r.upper} expected at most by chance — the values cross the median more often than ` +
          `random variation explains (check for alternating or mixed data)`,
      );
    }

    if (options.includeAnhoej) {
      const a = analysis.anhoej;
      if (a.longestRunSignal && a.longestRunMax !== null) {
        lines.push(
          `${prefix}Anhøj long run: ${plural(a.longestRun, intervalLabel)} in a row on one side of the median, ` +
            `longer than the limit of ${a.longestRunMax} for ${a.useful} ${intervalLabel}s off the median`,
        );
      }
      if (a.crossingsSignal && a.crossingsMin !== null) {
        lines.push(
          `${prefix}Anhøj crossings: the values cross the median ${plural(a.crossings, "time")}, fewer than ` +
            `the minimum of ${a.crossingsMin} for ${a.useful} ${intervalLabel}s off the median`,
        );
      }
    }
  }
  return lines;
}

export type RunChartStatus = "improving" | "deteriorating" | "no-signal" | "not-enough-data";

/**
 * One-word status for the latest phase, for summary tables (higher is better). IHI rules only (the
 * default rule set); the Anhøj results are reported but do not drive the status.
 *
 * 1. Shifts and trends are the directional evidence. Up only → "improving"; down only →
 *    "deteriorating". Both → the most recent evidence wins: the signal whose span ends latest; if two
 *    end together, the one that began later (the newer change); if still tied, a shift outranks a
 *    trend (a sustained change of level is stronger evidence than a slope).
 * 2. No shift or trend but too FEW runs → the values cluster on one side of the median for longer than
 *    chance explains; the side of the most recent run says where the process sits now.
 * 3. Too MANY runs has no direction (the values oscillate): it is reported by `describeSignals` but
 *    gives no direction, so it falls through to the next step.
 * 4. Fewer than 10 useful points → "not-enough-data" (the reference: at least 10 useful points are
 *    needed before the rules mean anything). This includes a series sitting entirely on its median.
 * 5. Otherwise "no-signal".
 */
export function summarise(result: RunChartResult): RunChartStatus {
  const { ihi } = result;
  const all = [
    ...ihi.shifts.map((s) => ({ ...s, rank: 1 })),
    ...ihi.trends.map((t) => ({ ...t, rank: 0 })),
  ];
  if (all.length > 0) {
    const hasUp = all.some((s) => s.direction === "up");
    const hasDown = all.some((s) => s.direction === "down");
    if (hasUp && !hasDown) return "improving";
    if (hasDown && !hasUp) return "deteriorating";
    const sorted = [...all].sort((a, b) => {
      if (a.to !== b.to) return a.to < b.to ? 1 : -1;
      if (a.from !== b.from) return a.from < b.from ? 1 : -1;
      return b.rank - a.rank;
    });
    return (sorted[0] as (typeof sorted)[number]).direction === "up" ? "improving" : "deteriorating";
  }
  if (ihi.runs.verdict === "too-few" && ihi.runs.latestSide !== null) {
    return ihi.runs.latestSide === "up" ? "improving" : "deteriorating";
  }
  return ihi.runs.useful < MIN_USEFUL_POINTS_FOR_RULES ? "not-enough-data" : "no-signal";
}
