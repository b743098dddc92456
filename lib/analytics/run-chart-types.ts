/** The run chart's input and answer: the JSON shape the API returns, and the rule thresholds. */

// ---------------------------------------------------------------------------------------------------
// Public types (the JSON shape the API returns; keep the names stable)
// ---------------------------------------------------------------------------------------------------

/** Counts for one period, in chronological order. `yes` is the numerator, `responses` the denominator. */
export interface PeriodCounts {
  readonly start: string;
  readonly end: string;
  readonly responses: number;
  readonly yes: number;
  /**
   * Suppressed although it has enough responses: shown, it would let a suppressed count elsewhere be
   * worked out by subtraction (one channel of a period, lib/analytics/channels.ts).
   */
  readonly withheld?: boolean;
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

export type Direction = "up" | "down";

/** One period as every chart shows it (run chart and p-chart alike). */
export interface ChartedPeriod {
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
}

export interface RunChartPoint extends ChartedPeriod {
  readonly signals: PointSignal[];
  /**
   * Which way a signalled point points (higher is better: "up" is improvement, "down" concern),
   * from the strongest rule marking it (shift, then trend, then runs); null when none does.
   */
  readonly signalDirection: Direction | null;
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
