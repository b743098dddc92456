/**
 * The run chart in words: one sentence per signal, and a one-word status (higher is better), for
 * the chart pages, the comparison and the exports alike.
 */

import { formatLongDate } from "./periods";
import { MIN_USEFUL_POINTS_FOR_RULES, type Direction, type RuleSpan, type RunChartResult } from "./run-chart-types";

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

/** A signal as the status reports it: which way, what kind, and the periods it covers (their start dates). */
export interface StatusSignal {
  readonly direction: Direction;
  readonly kind: "shift" | "trend" | "runs";
  readonly from: string;
  readonly to: string;
}

/** Where the chart stands now, and since when; and the signal before, so an old one is not mistaken for now. */
export interface StatusNow {
  readonly status: RunChartStatus;
  /** When the current signal began (its first period); null without one. */
  readonly since: string | null;
  /** The most recent signal that is not the current one, in any phase; null when there was none. */
  readonly lastSignal: StatusSignal | null;
}

/**
 * Where the latest phase stands NOW, for summary tables (higher is better; IHI rules, the default
 * rule set). A status describes the latest period, the Making Data Count way (its icon is decided
 * by the most recent point), so an old signal followed by common-cause variation is "no-signal",
 * with that signal reported as `lastSignal`:
 *
 * 1. "improving" / "deteriorating" when a shift or trend in that direction is still running at the
 *    end: no point after it breaks it (for a shift, every later value is on the median, which
 *    neither extends nor breaks a shift; for a trend, every later value repeats its last one). When
 *    two are running, the one that began later (the newer change) decides; on a tie a shift
 *    outranks a trend. `since` is when it began.
 * 2. Else, too FEW runs (the values stay on one side for longer than chance explains): the side of
 *    the latest run, which is always the one still running; `since` is where that run began.
 * 3. Too MANY runs has no direction (the values oscillate).
 * 4. Fewer than 10 useful points → "not-enough-data" (the rules need at least 10), else "no-signal".
 */
export function statusNow(result: RunChartResult): StatusNow {
  const { ihi } = result;
  const latestPhase = result.phases.length - 1;
  const median = result.phases[latestPhase]?.median ?? null;
  // The latest phase's values the rules used, oldest first.
  const values = result.points.filter((p) => p.phase === latestPhase && p.value !== null && !p.excluded) as { start: string; value: number }[];
  const after = (date: string) => values.filter((p) => p.start > date);
  const valueAt = (date: string) => values.find((p) => p.start === date)?.value;

  const running = [
    ...ihi.shifts.filter((s) => after(s.to).every((p) => p.value === median)).map((s) => ({ span: s, kind: "shift" as const, rank: 1 })),
    ...ihi.trends.filter((t) => after(t.to).every((p) => p.value === valueAt(t.to))).map((t) => ({ span: t, kind: "trend" as const, rank: 0 })),
  ].sort((a, b) => (a.span.from !== b.span.from ? (a.span.from < b.span.from ? 1 : -1) : b.rank - a.rank));

  let current: StatusSignal | null = null;
  const chosen = running[0];
  if (chosen) {
    current = { direction: chosen.span.direction, kind: chosen.kind, from: chosen.span.from, to: chosen.span.to };
  } else if (ihi.runs.verdict === "too-few" && ihi.runs.latestSide !== null && median !== null) {
    const side = ihi.runs.latestSide;
    const onSide = (value: number) => (side === "up" ? value > median : value < median);
    const offMedian = values.filter((p) => p.value !== median);
    let first = offMedian.length - 1;
    while (first > 0 && onSide(offMedian[first - 1]!.value)) first -= 1;
    const last = offMedian[offMedian.length - 1];
    if (last && offMedian[first]) current = { direction: side, kind: "runs", from: offMedian[first]!.start, to: last.start };
  }

  const lastSignal = previousSignal(result, current);
  if (current) return { status: current.direction === "up" ? "improving" : "deteriorating", since: current.from, lastSignal };
  return { status: ihi.runs.useful < MIN_USEFUL_POINTS_FOR_RULES ? "not-enough-data" : "no-signal", since: null, lastSignal };
}

/** The most recent shift or trend in any phase other than the current signal: latest end, then latest start. */
function previousSignal(result: RunChartResult, current: StatusSignal | null): StatusSignal | null {
  const same = (s: RuleSpan, kind: StatusSignal["kind"]) => current !== null && current.kind === kind && current.from === s.from && current.to === s.to;
  const all: StatusSignal[] = result.phaseAnalyses.flatMap((phase) => [
    ...phase.ihi.shifts.filter((s) => !same(s, "shift")).map((s) => ({ direction: s.direction, kind: "shift" as const, from: s.from, to: s.to })),
    ...phase.ihi.trends.filter((t) => !same(t, "trend")).map((t) => ({ direction: t.direction, kind: "trend" as const, from: t.from, to: t.to })),
  ]);
  // A signal inside the current one (a trend within a running shift) is part of it, not before it.
  const before = current ? all.filter((s) => s.to < current.from || s.from < current.from) : all;
  before.sort((a, b) => (a.to !== b.to ? (a.to < b.to ? 1 : -1) : a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
  return before[0] ?? null;
}

/** A new phase worth suggesting: a shift still running at the end that has covered this many points. */
export const SUGGEST_PHASE_MIN_POINTS = 8;

export interface PhaseSuggestion {
  /** The shift's first period: where the new phase would start. */
  readonly startDate: string;
  readonly direction: Direction;
  readonly points: number;
}

/**
 * "This looks like a sustained change": a shift in one direction, still running at the latest
 * period, covering at least SUGGEST_PHASE_MIN_POINTS points, suggests starting a new phase from its
 * first period. Only a suggestion: a person decides, and nothing changes by itself.
 */
export function suggestedPhase(result: RunChartResult, minPoints = SUGGEST_PHASE_MIN_POINTS): PhaseSuggestion | null {
  const now = statusNow(result);
  if (now.since === null || now.status === "no-signal" || now.status === "not-enough-data") return null;
  const shift = result.ihi.shifts.find((s) => s.from === now.since && s.direction === (now.status === "improving" ? "up" : "down"));
  if (!shift || shift.points < minPoints) return null;
  // Already the start of the latest phase: nothing to suggest.
  if (result.phases[result.phases.length - 1]?.start === shift.from) return null;
  return { startDate: shift.from, direction: shift.direction, points: shift.points };
}

/** The status alone (see statusNow). */
export function summarise(result: RunChartResult): RunChartStatus {
  return statusNow(result).status;
}
