/**
 * p-chart (and Laney p′ chart) with NHS "Making Data Count" (MDC) rules and icons, as defined in
 * /work/shared/reference/run-chart-rules.md. Higher is better for Wardsafe's measures.
 *
 * Written from the definitions (Laney 2002; NHS England "Making Data Count"), not from any
 * implementation. Suppression, exclusion and phases are decided by the same `prepareSeries` as the
 * run chart, so the two views can never disagree about which periods count.
 */

import { compareRatio, ratio, roundRatio, type Ratio } from "./ratio";
import { chartedPeriod, perPhase, prepareSeries, type PreparedPeriod, type PrepareOptions } from "./series";
import type { ChartedPeriod, PeriodCounts } from "./run-chart-types";

export type PChartMethod = "p" | "laney";
export type PChartSignal = "spc-shift" | "spc-trend" | "spc-two-of-three" | "spc-outside-3sigma";
export type VariationIcon = "common-cause" | "improvement" | "concern";
export type AssuranceIcon = "consistently-passing" | "consistently-failing" | "hit-and-miss";

const SIGNAL_ORDER: readonly PChartSignal[] = ["spc-shift", "spc-trend", "spc-two-of-three", "spc-outside-3sigma"];

export const MDC_SHIFT_POINTS = 7;
export const MDC_TREND_POINTS = 7;
/** Below this many baseline points, limits and icons are "trial" (MDC convention). */
export const TRIAL_LIMIT_POINTS = 13;
/** d2 for moving ranges of two: converts the mean moving range to a standard deviation. */
export const D2 = 1.128;
/**
 * σ_z above this suggests the Laney p′ chart. 1 means "exactly binomial"; the moving-range estimate of
 * σ_z from 10–20 points has a standard error of roughly 0.2, so 1.5 leaves room for chance while
 * catching the large over-dispersion that big denominators (collaborative totals) usually show.
 */
export const OVERDISPERSION_THRESHOLD = 1.5;
/** Too few z-scores make σ_z too noisy to base a suggestion on. */
export const OVERDISPERSION_MIN_POINTS = 10;

// Float comparisons are only used on the Laney path (σ_z is irrational); the reference allows 1e-9.
const TOLERANCE = 1e-9;

export interface PChartOptions extends PrepareOptions {
  /**
   * Baseline length: p̄ (and σ_z) come from the first B points with a value in each phase. Default:
   * all of the phase's points, as the MDC tools do unless limits are deliberately fixed.
   */
  readonly baselinePoints?: number;
  /** "p" (default) or "laney". Laney falls back to "p" when σ_z cannot be estimated. */
  readonly method?: PChartMethod;
  /**
   * σ_z from screened moving ranges (default true, as qicharts2 does): moving ranges of z above
   * MR_SCREEN_FACTOR times their mean are left out and the mean taken again, so one wild period
   * does not widen every limit. false: every moving range counts.
   */
  readonly screenMovingRanges?: boolean;
  /** Target proportion 0..1 for the assurance icon; omit or null for no target. */
  readonly target?: number | null;
  readonly overdispersionThreshold?: number;
}

export interface PChartLimits {
  readonly lower3: number;
  readonly upper3: number;
  readonly lower2: number;
  readonly upper2: number;
}

export interface PChartPoint extends ChartedPeriod {
  /** p̄ of the point's phase, rounded to 4 decimals for display. */
  readonly centre: number | null;
  /** Limits for this point's n (rounded to 4 decimals); null when n = 0 or the phase has no baseline. */
  readonly limits: PChartLimits | null;
  readonly signals: PChartSignal[];
  /** null for points without a usable value. */
  readonly variation: VariationIcon | null;
}

export interface PChartPhase {
  readonly start: string;
  readonly baselinePoints: number;
  readonly centre: number | null;
  /** The method actually used (Laney falls back to p when σ_z is unavailable). */
  readonly method: PChartMethod;
  /** Laney's σ_z over the baseline; reported for both methods so the UI can suggest p′. */
  readonly sigmaZ: number | null;
  /** Moving ranges of z left out of σ_z by the screen (0 when not screening). */
  readonly movingRangesScreenedOut: number;
  readonly suggestLaney: boolean;
  readonly trialLimits: boolean;
  /**
   * Smallest number of responses for which the upper 3σ limit is below 100%, i.e. for which a period
   * could show high special cause through the limits at all. null when p̄ = 1 (never).
   */
  readonly responsesForUpperLimitBelow100: number | null;
}

export interface PChartResult {
  readonly points: PChartPoint[];
  readonly phases: PChartPhase[];
  /** Latest phase's method. */
  readonly method: PChartMethod;
  /** Latest phase's limits are trial limits (fewer than 13 baseline points). */
  readonly trialLimits: boolean;
  /** Variation icon from the latest point with a usable value in the latest phase. */
  readonly variation: VariationIcon | null;
  /** Assurance icon against `target`, or null with no target or no limits. */
  readonly assurance: AssuranceIcon | null;
}

interface Valued {
  readonly period: PreparedPeriod;
  readonly value: Ratio;
}

function clip01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/** p̄ ± k·σ_t·σ_z, clipped to [0, 1]. Unrounded; `sigmaZ` = 1 gives the ordinary p-chart. */
export function pChartLimits(pBar: number, responses: number, sigmaZ = 1): PChartLimits {
  if (!(responses > 0)) throw new RangeError("Limits need responses > 0");
  const sigma = Math.sqrt((pBar * (1 - pBar)) / responses) * sigmaZ;
  return {
    lower3: clip01(pBar - 3 * sigma),
    upper3: clip01(pBar + 3 * sigma),
    lower2: clip01(pBar - 2 * sigma),
    upper2: clip01(pBar + 2 * sigma),
  };
}

/**
 * Smallest n with p̄ + 3·σ_z·√(p̄(1−p̄)/n) < 1, i.e. n > 9·σ_z²·p̄/(1−p̄). With p̄ = 0.8 this is 37,
 * the reference's warning that single-ward charts rarely show improvement through the limits.
 */
export function responsesForUpperLimitBelow100(pBar: number, sigmaZ = 1): number | null {
  if (!(pBar >= 0 && pBar <= 1)) throw new RangeError("pBar must be in [0, 1]");
  if (pBar >= 1) return null;
  const bound = (9 * sigmaZ * sigmaZ * pBar) / (1 - pBar);
  return Math.floor(bound + TOLERANCE) + 1;
}

/**
 * Laney's σ_z: z-scores of the given points against p̄, then mean moving range ÷ 1.128. Moving ranges
 * join consecutive points in the list (gaps from suppressed periods are skipped, as in every rule).
 * null when p̄ is 0 or 1 (σ_t = 0, z undefined) or fewer than two z-scores exist.
 */
/** D4 for moving ranges of two: a moving range above this many times the mean is screened out. */
export const MR_SCREEN_FACTOR = 3.267;

function sigmaZOf(points: readonly Valued[], pBar: number, screen = false): { sigmaZ: number | null; count: number; screenedOut: number } {
  if (!(pBar > 0 && pBar < 1) || points.length < 2) return { sigmaZ: null, count: points.length, screenedOut: 0 };
  const z = points.map((p) => {
    const n = p.period.responses;
    return (p.period.yes / n - pBar) / Math.sqrt((pBar * (1 - pBar)) / n);
  });
  const ranges: number[] = [];
  for (let i = 1; i < z.length; i += 1) ranges.push(Math.abs((z[i] as number) - (z[i - 1] as number)));
  const mean = (list: readonly number[]) => list.reduce((sum, r) => sum + r, 0) / list.length;
  const all = mean(ranges);
  const kept = screen ? ranges.filter((r) => r < MR_SCREEN_FACTOR * all) : ranges;
  return { sigmaZ: mean(kept.length > 0 ? kept : ranges) / D2, count: z.length, screenedOut: ranges.length - kept.length };
}

function sumCounts(points: readonly Valued[]): { yes: number; responses: number } {
  let yes = 0;
  let responses = 0;
  for (const p of points) {
    yes += p.period.yes;
    responses += p.period.responses;
  }
  return { yes, responses };
}

function valuedOf(periods: readonly PreparedPeriod[]): Valued[] {
  const out: Valued[] = [];
  for (const period of periods) if (period.analysed) out.push({ period, value: period.analysed });
  return out;
}

export interface OverdispersionCheck {
  readonly sigmaZ: number | null;
  /** Number of z-scores σ_z was estimated from. */
  readonly points: number;
  readonly suggestLaney: boolean;
}

function suggest(sigmaZ: number | null, count: number, threshold: number): boolean {
  return sigmaZ !== null && count >= OVERDISPERSION_MIN_POINTS && sigmaZ > threshold;
}

/**
 * Is the series more variable than the binomial model of the p-chart allows? Uses every usable,
 * non-excluded period given (slice the series to one phase first if needed). Large denominators make
 * ordinary p-chart limits so narrow that nearly every point "signals"; σ_z well above 1 is the tell.
 */
export function checkOverdispersion(
  periods: readonly PeriodCounts[],
  options: Omit<PrepareOptions, "phaseStarts"> & { readonly threshold?: number; readonly screenMovingRanges?: boolean } = {},
): OverdispersionCheck {
  const valued = valuedOf(prepareSeries(periods, options).periods);
  const { yes, responses } = sumCounts(valued);
  const pBar = responses > 0 ? yes / responses : Number.NaN;
  // Screened by default, as the p′ chart's own σ_z is, so the check and the chart agree.
  const { sigmaZ, count } = sigmaZOf(valued, pBar, options.screenMovingRanges ?? true);
  return { sigmaZ, points: count, suggestLaney: suggest(sigmaZ, count, options.threshold ?? OVERDISPERSION_THRESHOLD) };
}

/** Which side of a limit at k sigma the point is strictly beyond: 1 above, -1 below, 0 within. */
type Beyond = (p: Valued, k: number) => -1 | 0 | 1;

/**
 * Exact test for the ordinary p-chart: |x/n − X/N| > k·√(p̄(1−p̄)/n) ⇔ (xN − Xn)² > k²·X·(N−X)·n, all
 * integers. Clipping the limits to [0, 1] cannot change the answer because values lie in [0, 1].
 */
function exactBeyond(totalYes: bigint, totalResponses: bigint): Beyond {
  return (p, k) => {
    const x = BigInt(p.period.yes);
    const n = BigInt(p.period.responses);
    const d = x * totalResponses - totalYes * n;
    const kk = BigInt(k * k);
    if (d * d > kk * totalYes * (totalResponses - totalYes) * n) return d > 0n ? 1 : -1;
    return 0;
  };
}

function laneyBeyond(pBar: number, sigmaZ: number): Beyond {
  return (p, k) => {
    const n = p.period.responses;
    const limit = k * Math.sqrt((pBar * (1 - pBar)) / n) * sigmaZ;
    const diff = p.period.yes / n - pBar;
    if (diff > limit + TOLERANCE) return 1;
    if (diff < -limit - TOLERANCE) return -1;
    return 0;
  };
}

interface PhaseOutput {
  readonly summary: PChartPhase;
  readonly pBar: number | null;
  readonly sigmaMultiplier: number;
  readonly signals: Map<number, Set<PChartSignal>>;
  readonly variation: Map<number, VariationIcon>;
  readonly lastValued: Valued | null;
}

function analysePhase(
  periods: readonly PreparedPeriod[],
  start: string,
  options: PChartOptions,
): PhaseOutput {
  const valued = valuedOf(periods);
  const baseline = options.baselinePoints === undefined ? valued : valued.slice(0, options.baselinePoints);
  const totals = sumCounts(baseline);
  const signals = new Map<number, Set<PChartSignal>>();
  const variation = new Map<number, VariationIcon>();
  const lastValued = valued[valued.length - 1] ?? null;

  if (totals.responses === 0) {
    return {
      summary: {
        start,
        baselinePoints: 0,
        centre: null,
        method: "p",
        sigmaZ: null,
        movingRangesScreenedOut: 0,
        suggestLaney: false,
        trialLimits: true,
        responsesForUpperLimitBelow100: null,
      },
      pBar: null,
      sigmaMultiplier: 1,
      signals,
      variation,
      lastValued,
    };
  }

  const pBarExact = ratio(totals.yes, totals.responses);
  const pBar = totals.yes / totals.responses;
  const { sigmaZ, count, screenedOut } = sigmaZOf(baseline, pBar, options.screenMovingRanges ?? true);
  const method: PChartMethod = options.method === "laney" && sigmaZ !== null ? "laney" : "p";
  const multiplier = method === "laney" && sigmaZ !== null ? sigmaZ : 1;
  const beyond =
    method === "laney"
      ? laneyBeyond(pBar, multiplier)
      : exactBeyond(BigInt(totals.yes), BigInt(totals.responses));

  // For the ordinary p-chart the "upper limit below 100%" size is exact: n > 9X/(N − X).
  let forUpper: number | null;
  if (method === "p") {
    const failures = totals.responses - totals.yes;
    forUpper = failures === 0 ? null : Number((9n * BigInt(totals.yes)) / BigInt(failures)) + 1;
  } else {
    forUpper = responsesForUpperLimitBelow100(pBar, multiplier);
  }

  const side = (v: Valued): -1 | 0 | 1 => compareRatio(v.value, pBarExact);
  const high = new Set<number>();
  const low = new Set<number>();
  const flag = (v: Valued, signal: PChartSignal, direction: 1 | -1): void => {
    let set = signals.get(v.period.index);
    if (!set) {
      set = new Set();
      signals.set(v.period.index, set);
    }
    set.add(signal);
    (direction > 0 ? high : low).add(v.period.index);
  };

  // Shift: 7 in a row on one side; a point ON the centre line breaks the sequence (unlike the IHI shift).
  let blockStart = 0;
  for (let i = 0; i <= valued.length; i += 1) {
    const current = i < valued.length ? side(valued[i] as Valued) : 0;
    const first = valued[blockStart];
    const blockSide = first ? side(first) : 0;
    if (i === valued.length || current !== blockSide) {
      if (blockSide !== 0 && i - blockStart >= MDC_SHIFT_POINTS) {
        for (const v of valued.slice(blockStart, i)) flag(v, "spc-shift", blockSide);
      }
      blockStart = current === 0 ? i + 1 : i;
    }
  }

  // Trend: 7 points each strictly higher (or lower) than the one before; an equal value breaks it.
  let trendStart = 0;
  let trendDir = 0;
  for (let i = 1; i <= valued.length; i += 1) {
    const step =
      i < valued.length ? compareRatio((valued[i] as Valued).value, (valued[i - 1] as Valued).value) : 0;
    if (i < valued.length && step !== 0 && step === trendDir) continue;
    if (trendDir !== 0 && i - trendStart >= MDC_TREND_POINTS) {
      for (const v of valued.slice(trendStart, i)) flag(v, "spc-trend", trendDir > 0 ? 1 : -1);
    }
    trendStart = i - 1;
    trendDir = step;
  }

  // Two of three beyond 2σ, all three on the same side. The points beyond 2σ are the ones flagged: the
  // third point only has to be on the same side.
  for (let i = 0; i + 2 < valued.length; i += 1) {
    const window = valued.slice(i, i + 3);
    const s = side(window[0] as Valued);
    if (s === 0 || !window.every((v) => side(v) === s)) continue;
    const outside = window.filter((v) => beyond(v, 2) === s);
    if (outside.length >= 2) for (const v of outside) flag(v, "spc-two-of-three", s);
  }

  for (const v of valued) {
    const b = beyond(v, 3);
    if (b !== 0) flag(v, "spc-outside-3sigma", b);
  }

  // Variation per point (higher is better). A point can be high by one rule and low by another only
  // when a rising/falling trend meets a side-based rule; the side-based rule is about where the point
  // actually is, so its side decides.
  for (const v of valued) {
    const isHigh = high.has(v.period.index);
    const isLow = low.has(v.period.index);
    let icon: VariationIcon = "common-cause";
    if (isHigh && !isLow) icon = "improvement";
    else if (isLow && !isHigh) icon = "concern";
    else if (isHigh && isLow) icon = side(v) > 0 ? "improvement" : "concern";
    variation.set(v.period.index, icon);
  }

  const threshold = options.overdispersionThreshold ?? OVERDISPERSION_THRESHOLD;
  return {
    summary: {
      start,
      baselinePoints: baseline.length,
      centre: roundRatio(pBarExact),
      method,
      sigmaZ,
      movingRangesScreenedOut: screenedOut,
      suggestLaney: suggest(sigmaZ, count, threshold),
      trialLimits: baseline.length < TRIAL_LIMIT_POINTS,
      responsesForUpperLimitBelow100: forUpper,
    },
    pBar,
    sigmaMultiplier: multiplier,
    signals,
    variation,
    lastValued,
  };
}

function roundLimits(l: PChartLimits): PChartLimits {
  return { lower3: round4(l.lower3), upper3: round4(l.upper3), lower2: round4(l.lower2), upper2: round4(l.upper2) };
}

/**
 * Builds a p-chart (or Laney p′ chart) with MDC signals and icons. Same input as the run chart.
 */
export function analysePChart(periods: readonly PeriodCounts[], options: PChartOptions = {}): PChartResult {
  if (
    options.baselinePoints !== undefined &&
    (!Number.isSafeInteger(options.baselinePoints) || options.baselinePoints < 1)
  ) {
    throw new RangeError(`baselinePoints must be a positive integer, got ${String(options.baselinePoints)}`);
  }
  if (options.target !== undefined && options.target !== null && !(options.target >= 0 && options.target <= 1)) {
    throw new RangeError("target must be a proportion between 0 and 1");
  }
  const series = prepareSeries(periods, options);
  const phases = perPhase(series, (periods, start) => analysePhase(periods, start, options));

  const points: PChartPoint[] = series.periods.map((p) => {
    const ph = phases[p.phase];
    const limits =
      ph && ph.pBar !== null && p.responses > 0 ? roundLimits(pChartLimits(ph.pBar, p.responses, ph.sigmaMultiplier)) : null;
    const set = ph?.signals.get(p.index);
    return {
      ...chartedPeriod(p),
      centre: ph ? ph.summary.centre : null,
      limits,
      signals: set ? SIGNAL_ORDER.filter((s) => set.has(s)) : [],
      variation: ph?.variation.get(p.index) ?? null,
    };
  });

  const latest = phases[phases.length - 1];
  const last = latest?.lastValued ?? null;
  const variation = latest && last ? (latest.variation.get(last.period.index) ?? null) : null;

  // Assurance uses the limits at the latest usable point's own n: with varying denominators there is
  // no single pair of limits, and the icons describe the latest point.
  let assurance: AssuranceIcon | null = null;
  const target = options.target;
  if (target !== undefined && target !== null && latest && latest.pBar !== null && last) {
    const limits = pChartLimits(latest.pBar, last.period.responses, latest.sigmaMultiplier);
    if (target < limits.lower3 - TOLERANCE) assurance = "consistently-passing";
    else if (target > limits.upper3 + TOLERANCE) assurance = "consistently-failing";
    else assurance = "hit-and-miss";
  }

  return {
    points,
    phases: phases.map((p) => p.summary),
    method: latest ? latest.summary.method : "p",
    trialLimits: latest ? latest.summary.trialLimits : true,
    variation,
    assurance,
  };
}
