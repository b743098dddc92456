import {
  analysePChart,
  formatLongDate,
  MR_SCREEN_FACTOR,
  OVERDISPERSION_MIN_POINTS,
  OVERDISPERSION_THRESHOLD,
  TRIAL_LIMIT_POINTS,
  type AssuranceIcon,
  type Interval,
  type PChartPoint,
  type PChartResult,
  type PChartSignal,
  type PeriodCounts,
  type VariationIcon,
} from "@/lib/analytics";
import { percent, periodLabel } from "./labels";

// The SPC view (p-chart or Laney p′ chart with the NHS "Making Data Count" rules and icons): the pure
// part. It chooses the chart, explains the choice, and says in words what the chart shows, so the
// page and GET /api/v1/spc tell the same story. lib/charts/spc-service.ts reads the counts.

export const SPC_CHARTS = ["auto", "p", "pprime"] as const;
export type SpcChartRequest = (typeof SPC_CHARTS)[number];
export type SpcChart = "p" | "pprime";

/** σz's moving ranges: screened (the default, as qicharts2 does) or every one counted. */
export const SCREEN_LABELS: Record<"on" | "off", string> = { on: "Screened (as qicharts2)", off: "Not screened" };

export const SPC_CHART_LABELS: Record<SpcChartRequest, string> = {
  auto: "Choose for me (p′ when over-dispersed)",
  p: "p-chart",
  pprime: "Laney p′ chart",
};

export const SPC_SIGNAL_LABELS: Record<PChartSignal, string> = {
  "spc-shift": "Shift (7 or more in a row on one side of the centre line)",
  "spc-trend": "Trend (7 or more in a row, each higher or each lower than the one before)",
  "spc-two-of-three": "Two out of three beyond the 2σ line, on the same side",
  "spc-outside-3sigma": "Beyond a 3σ limit",
};

/** Short names for the data table. */
export const SPC_SIGNAL_SHORT: Record<PChartSignal, string> = {
  "spc-shift": "Shift",
  "spc-trend": "Trend",
  "spc-two-of-three": "Two of three",
  "spc-outside-3sigma": "Beyond a limit",
};

export const VARIATION_LABELS: Record<VariationIcon, string> = {
  "common-cause": "Common cause variation: no signal of change",
  improvement: "Special cause variation: improvement (higher)",
  concern: "Special cause variation: concern (lower)",
};

export const ASSURANCE_LABELS: Record<AssuranceIcon, string> = {
  "consistently-passing": "Consistently passing the aim: the aim is below the lower limit",
  "consistently-failing": "Consistently failing the aim: the aim is above the upper limit",
  "hit-and-miss": "Hit and miss: the aim is between the limits, so it will be met some of the time and missed some of the time",
};

/** The reference's warning about small numbers of responses, said on screen with every SPC chart. */
export const SMALL_NUMBERS_NOTE =
  "With the centre line around 80%, the upper limit is below 100% only when a period has at least 37 responses, so on most single-ward charts improvement shows through the run rules, not the limits.";

export interface SpcChoice {
  readonly requested: SpcChartRequest;
  readonly used: SpcChart;
  /** Laney's σz for the latest phase (3 decimals); null when it cannot be estimated. */
  readonly sigmaZ: number | null;
  /** Periods with a value that σz was estimated from (the latest phase). */
  readonly points: number;
  /** σz above this, from at least `minPoints` periods, counts as over-dispersed. */
  readonly threshold: number;
  readonly minPoints: number;
  readonly overdispersed: boolean;
  /** σz from screened moving ranges (the default, as qicharts2), or from every one. */
  readonly screened: boolean;
  /** How many moving ranges the screen left out (latest phase). */
  readonly screenedOut: number;
  readonly explanation: string;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The p-chart, or Laney's p′ chart when asked for, or, with "auto", when the latest phase is
 * over-dispersed (σz above the threshold from enough periods). Laney falls back to p when σz cannot
 * be estimated, and the explanation says so.
 */
export function spcAnalysis(
  series: readonly PeriodCounts[],
  options: {
    chart: SpcChartRequest;
    interval: Interval;
    minResponses: number;
    phaseStarts?: readonly string[];
    target?: number | null;
    /** Screen σz's moving ranges (default true). */
    screen?: boolean;
  },
): { result: PChartResult; choice: SpcChoice } {
  const screened = options.screen ?? true;
  const base = { minResponses: options.minResponses, phaseStarts: options.phaseStarts ?? [], target: options.target ?? null, screenMovingRanges: screened };
  const pResult = analysePChart(series, { ...base, method: "p" });
  const latest = pResult.phases[pResult.phases.length - 1];
  const sigmaZ = latest?.sigmaZ ?? null;
  const overdispersed = latest?.suggestLaney ?? false;
  const points = latest?.baselinePoints ?? 0;
  const wanted: SpcChart = options.chart === "auto" ? (overdispersed ? "pprime" : "p") : options.chart;
  const result = wanted === "pprime" ? analysePChart(series, { ...base, method: "laney" }) : pResult;
  const used: SpcChart = result.method === "laney" ? "pprime" : "p";

  const unit = options.interval;
  const screenedOut = latest?.movingRangesScreenedOut ?? 0;
  const screenWords = screened
    ? `, its moving ranges screened as qicharts2 does${screenedOut > 0 ? `: ${plural(screenedOut, "moving range")} over ${MR_SCREEN_FACTOR} times their mean left out` : ""}`
    : ", every moving range counted (not screened)";
  const sz = sigmaZ === null ? "" : `σz = ${round3(sigmaZ).toFixed(2)} from ${plural(points, unit)}${screenWords}`;
  let explanation: string;
  if (sigmaZ === null) {
    explanation =
      `σz cannot be estimated for the latest phase (it needs at least two ${unit}s with a value, and not every answer the same), ` +
      `so the ordinary p-chart is used${options.chart === "pprime" ? " although p′ was asked for" : ""}.`;
  } else if (options.chart === "auto") {
    if (overdispersed) {
      explanation =
        `Laney's p′ chart is used: the values vary more from ${unit} to ${unit} than chance alone explains for these numbers of responses ` +
        `(${sz}, above ${OVERDISPERSION_THRESHOLD}). Ordinary p-chart limits would be too narrow and flag almost every point; p′ widens each limit by σz.`;
    } else if (points < OVERDISPERSION_MIN_POINTS) {
      explanation =
        `The ordinary p-chart is used: with only ${plural(points, unit)} with a value there are too few to judge over-dispersion ` +
        `(at least ${OVERDISPERSION_MIN_POINTS} are needed), ${sz}.`;
    } else {
      explanation =
        `The ordinary p-chart is used: the variation from ${unit} to ${unit} is in line with chance for these numbers of responses ` +
        `(${sz}; p′ is suggested above ${OVERDISPERSION_THRESHOLD}).`;
    }
  } else if (used === "p") {
    explanation = overdispersed
      ? `p-chart, as asked. But the values look over-dispersed (${sz}, above ${OVERDISPERSION_THRESHOLD}): the limits are probably too narrow, so some signals may be false alarms. Consider Laney's p′ chart.`
      : `p-chart, as asked (${sz}: no sign of over-dispersion).`;
  } else {
    explanation = overdispersed
      ? `Laney's p′ chart, as asked: the values are over-dispersed (${sz}, above ${OVERDISPERSION_THRESHOLD}), so p′ is the right choice.`
      : `Laney's p′ chart, as asked, although ${sz} does not suggest over-dispersion (p′ is suggested above ${OVERDISPERSION_THRESHOLD})` +
        (sigmaZ < 1 ? "; with σz below 1 its limits are narrower than the p-chart's." : ".");
  }

  return {
    result,
    choice: {
      requested: options.chart,
      used,
      sigmaZ: sigmaZ === null ? null : round3(sigmaZ),
      points,
      threshold: OVERDISPERSION_THRESHOLD,
      minPoints: OVERDISPERSION_MIN_POINTS,
      overdispersed,
      screened,
      screenedOut,
      explanation,
    },
  };
}

type Valued = PChartPoint & { value: number };

/**
 * One sentence per run of points flagged by the same Making Data Count rule, saying where and in
 * which direction (higher is better), in the order of the rules.
 */
export function describeSpc(result: PChartResult, interval: Interval): string[] {
  const lines: string[] = [];
  const multiPhase = result.phases.length > 1;
  const order: PChartSignal[] = ["spc-outside-3sigma", "spc-two-of-three", "spc-shift", "spc-trend"];
  result.phases.forEach((phase, phaseIndex) => {
    const prefix = multiPhase ? `Phase ${phaseIndex + 1} (from ${formatLongDate(phase.start)}): ` : "";
    const valued = result.points.filter((p): p is Valued => p.phase === phaseIndex && p.value !== null && !p.excluded);
    for (const signal of order) {
      // Runs of consecutive valued points carrying the signal with the same direction.
      const groups: Valued[][] = [];
      let current: Valued[] = [];
      let lastDirection = 0;
      valued.forEach((point) => {
        const has = point.signals.includes(signal);
        const direction = point.variation === "improvement" ? 1 : point.variation === "concern" ? -1 : 0;
        if (has && current.length > 0 && direction === lastDirection) {
          current.push(point);
        } else {
          if (current.length > 0) groups.push(current);
          current = has ? [point] : [];
        }
        lastDirection = direction;
      });
      if (current.length > 0) groups.push(current);

      for (const group of groups) {
        const first = group[0] as Valued;
        const last = group[group.length - 1] as Valued;
        const word = first.variation === "concern" ? "concern (lower)" : "improvement (higher)";
        const label = SPC_SIGNAL_LABELS[signal];
        if ((signal === "spc-outside-3sigma" || signal === "spc-two-of-three") && group.length <= 3) {
          const which = group.map((p) => `${periodLabel(p.start, p.end, interval)} (${percent(p.value)})`).join(", ");
          lines.push(`${prefix}${label}: ${which} — ${word}.`);
        } else {
          // A long run of flagged points is one finding: say where it starts and ends, not every period.
          lines.push(
            `${prefix}${label}: ${plural(group.length, interval)} from ${formatLongDate(first.start)} to ${formatLongDate(last.start)} — ${word}.`,
          );
        }
      }
    }
  });
  return lines;
}

export interface LimitsNote {
  /** Smallest number of responses for which the latest phase's upper 3σ limit is below 100%; null when never. */
  readonly responsesNeeded: number | null;
  /** Periods of the latest phase with a value, and how many of them have at least that many responses. */
  readonly periods: number;
  readonly periodsWithEnough: number;
  readonly text: string;
}

/** What the limits can show on this chart (the reference's "n ≥ 37" warning, for this chart's own centre line). */
export function limitsNote(result: PChartResult, interval: Interval): LimitsNote | null {
  const latestIndex = result.phases.length - 1;
  const phase = result.phases[latestIndex];
  if (!phase || phase.centre === null) return null;
  const shown = result.points.filter((p) => p.phase === latestIndex && p.value !== null);
  const needed = phase.responsesForUpperLimitBelow100;
  const enough = needed === null ? 0 : shown.filter((p) => p.responses >= needed).length;
  const text =
    needed === null
      ? `The centre line is 100%, so no ${interval} can show as higher than usual through the limits.`
      : `With the centre line at ${percent(phase.centre)}, the upper limit is below 100% only for a ${interval} with at least ${needed} responses: ` +
        `${enough} of the ${plural(shown.length, interval)} with a value in the latest phase ${enough === 1 ? "has" : "have"} that many.` +
        (enough < shown.length ? ` For the others, a higher ${interval} can show only through the shift and trend rules.` : "");
  return { responsesNeeded: needed, periods: shown.length, periodsWithEnough: enough, text };
}

export { TRIAL_LIMIT_POINTS };
