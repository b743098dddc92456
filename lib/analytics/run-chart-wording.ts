/**
 * The run chart in words: one sentence per signal, and a one-word status (higher is better), for
 * the chart pages, the comparison and the exports alike.
 */

import { formatLongDate } from "./periods";
import { MIN_USEFUL_POINTS_FOR_RULES, type RunChartResult } from "./run-chart-types";

// ---------------------------------------------------------------------------------------------------
// Plain-English explanations and a one-word status (higher is better)
// ---------------------------------------------------------------------------------------------------

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
