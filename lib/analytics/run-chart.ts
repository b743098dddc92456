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

import { compareRatio, medianRatio, roundRatio, type Ratio } from "./ratio";
import {
  DEFAULT_BASELINE_POINTS,
  SHIFT_MIN_POINTS,
  TREND_MIN_POINTS,
  type AnhoejAnalysis,
  type Direction,
  type IhiAnalysis,
  type PeriodCounts,
  type PhaseAnalysis,
  type PointSignal,
  type RuleSpan,
  type RunChartOptions,
  type RunChartPhase,
  type RunChartPoint,
  type RunChartResult,
  type RunsVerdict,
} from "./run-chart-types";
import { runsLimits } from "./runs-table";
import { chartedPeriod, perPhase, prepareSeries, type PreparedPeriod } from "./series";

const SIGNAL_ORDER: readonly PointSignal[] = ["shift", "trend", "runs", "anhoej-long-run", "anhoej-crossings"];

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
  /** Which way each signalled point points, keyed by period index (first rule to mark it wins). */
  readonly directions: Map<number, Direction>;
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
  // A point's direction comes from the strongest rule that marks it, in the order the rules run:
  // shift (its side), trend (its slope), then the runs rules (the point's side of the median).
  const directions = new Map<number, Direction>();
  const point = (index: number, direction: Direction) => {
    if (!directions.has(index)) directions.set(index, direction);
  };
  const sideOf = (block: SidedBlock): Direction => (block.side > 0 ? "up" : "down");
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

  // Shift: ≥ 6 useful points on one side. Only the useful points are marked; a point on the median
  // inside the span is not part of the shift, it was merely skipped.
  const shifts: RuleSpan[] = [];
  for (const block of blocks) {
    if (block.members.length >= SHIFT_MIN_POINTS) {
      const first = block.members[0] as Valued;
      const last = block.members[block.members.length - 1] as Valued;
      shifts.push(span(first, last, block.members.length, block.side > 0 ? "up" : "down"));
      for (const m of block.members) {
        addSignal(signals, m.period.index, "shift");
        point(m.period.index, sideOf(block));
      }
    }
  }

  const trends: RuleSpan[] = [];
  for (const trend of findTrends(valued)) {
    trends.push(trend.span);
    for (const m of trend.members) {
      addSignal(signals, m.period.index, "trend");
      point(m.period.index, trend.span.direction);
    }
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
    for (const block of blocks) {
      for (const m of block.members) {
        addSignal(signals, m.period.index, "runs");
        point(m.period.index, sideOf(block));
      }
    }
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
        for (const m of block.members) {
          addSignal(signals, m.period.index, "anhoej-long-run");
          point(m.period.index, sideOf(block));
        }
      }
    }
  }
  if (crossingsSignal) {
    for (const block of blocks) {
      for (const m of block.members) {
        addSignal(signals, m.period.index, "anhoej-crossings");
        point(m.period.index, sideOf(block));
      }
    }
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

  return { summary, ihi, anhoej, signals, directions };
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

  const works = perPhase(series, (periods, start) => analysePhase(periods, start, baselinePoints));

  const points: RunChartPoint[] = series.periods.map((p) => {
    const set = works[p.phase]?.signals.get(p.index);
    return {
      ...chartedPeriod(p),
      signals: set ? SIGNAL_ORDER.filter((s) => set.has(s)) : [],
      signalDirection: works[p.phase]?.directions.get(p.index) ?? null,
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
