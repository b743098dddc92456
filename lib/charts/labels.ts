import { CHANNEL_LABELS, type ChannelFilter } from "@/lib/analytics/channels";
import type { RunChartStatus } from "@/lib/analytics";
import type { Interval, PointSignal } from "@/lib/analytics";
import type { Measure, RespondentFilter } from "./counts";

// Words for the run charts, shared by the pages, the chart component and its data table, so the
// same thing is always called the same name. Pure: safe to import from client components.

export const MEASURE_LABELS: Record<Measure, string> = {
  "felt-safe": "Felt safe from sexual harm",
  "speak-up": "Would feel able to speak up",
};

/** What the percentage is of, for headings and axis labels. */
export const MEASURE_DESCRIPTIONS: Record<Measure, string> = {
  "felt-safe": "% of responses that felt safe from sexual harm",
  "speak-up": "% of responses to question 3 that would feel able to speak to someone",
};

export const RESPONDENT_LABELS: Record<RespondentFilter, string> = {
  all: "All respondents",
  "service-user": "Service users",
  staff: "Staff",
};

export const INTERVAL_LABELS: Record<Interval, string> = {
  week: "Weekly",
  fortnight: "Fortnightly",
  month: "Monthly",
};

export const RULE_SET_LABELS = { ihi: "IHI rules", anhoej: "Anhøj rules" } as const;

export const SIGNAL_LABELS: Record<PointSignal, string> = {
  shift: "Shift",
  trend: "Trend",
  runs: "Runs (unusual number of runs)",
  "anhoej-long-run": "Anhøj: unusually long run",
  "anhoej-crossings": "Anhøj: too few crossings",
};

/** The signals each rule set highlights on the chart. */
export const HIGHLIGHTED_SIGNALS: Record<"ihi" | "anhoej", readonly PointSignal[]> = {
  ihi: ["shift", "trend", "runs"],
  anhoej: ["anhoej-long-run", "anhoej-crossings"],
};

export const NOTE_KIND_WORDS: Record<"change" | "note" | "astronomical", string> = {
  change: "Change idea or PDSA cycle tested",
  note: "Note",
  astronomical: "Astronomical point",
};

/**
 * Colours of the run chart, the Making Data Count way: improvement blue, concern orange, common
 * cause grey. Every colour meets 3:1 against white, and none is the only cue (each signal has its
 * own shape, and the words and data table say which way it points).
 */
export const CHART_COLOURS = {
  /** The line and the points with no signal: common-cause grey. */
  value: "#425563",
  improvement: "#005eb8",
  concern: "#a35200",
  median: "#212b32",
  target: "#007f3b",
  suppressed: "#e8edee",
  phase: "#4c6272",
  change: "#005eb8",
  note: "#4c6272",
  astronomical: "#d5281b",
  /** PDSA cycles: a light shaded span (drawn at low opacity), labelled in the darker shade. */
  cycle: "#ffb81c",
  cycleText: "#6b4a00",
} as const;

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-03-02" → "2 Mar 2026", without Date (no time zone can move the day). */
export function shortDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${Number(d)} ${SHORT_MONTHS[Number(m) - 1] ?? "?"} ${y}`;
}

/** How a period is named in tables and tooltips: "Week of 2 Mar 2026", "March 2026". */
export function periodLabel(start: string, end: string, interval: Interval): string {
  if (interval === "month") {
    const [y, m] = start.split("-");
    return `${SHORT_MONTHS[Number(m) - 1] ?? "?"} ${y}`;
  }
  return interval === "week" ? `Week of ${shortDate(start)}` : `${shortDate(start)} to ${shortDate(end)}`;
}

export function percent(value: number | null, digits = 1): string {
  return value === null ? "" : `${(value * 100).toFixed(digits)}%`;
}

type TitledOptions = { measure: Measure; respondent: RespondentFilter; interval: Interval; channel?: ChannelFilter };

/** "Willow Ward: felt safe from sexual harm, all respondents, weekly" (", paper forms" when one channel is shown). */
export function chartTitle(name: string, options: TitledOptions): string {
  const channel = options.channel && options.channel !== "all" ? `, ${CHANNEL_LABELS[options.channel].toLowerCase()}` : "";
  return `${name}: ${MEASURE_LABELS[options.measure].toLowerCase()}, ${RESPONDENT_LABELS[options.respondent].toLowerCase()}${channel}, ${INTERVAL_LABELS[options.interval].toLowerCase()}`;
}

/** A file name from the chart's name and options, without extension. */
export function chartFileName(name: string, options: TitledOptions): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "run-chart";
  const channel = options.channel && options.channel !== "all" ? `-${options.channel}` : "";
  return `${slug}-${options.measure}-${options.respondent}${channel}-${options.interval}`;
}

export { CHANNEL_LABELS };

/** What a signal's direction means, higher being better. */
export const DIRECTION_WORDS: Record<"up" | "down", string> = { up: "Improvement (blue)", down: "Concern (orange)" };

/** The colour of a signalled point: improvement blue, concern orange. */
export function directionColour(direction: "up" | "down" | null): string {
  return direction === "down" ? CHART_COLOURS.concern : CHART_COLOURS.improvement;
}

/**
 * Why a period's answers are not shown: too few responses, or (one channel shown, with enough
 * responses) because another channel that period had too few, and this one's answers would give
 * them away by subtraction from the all-channels chart.
 */
export function hiddenReason(responses: number, minResponses: number): string {
  return responses < minResponses
    ? `Too few responses to show (fewer than ${minResponses})`
    : "Withheld: another channel had too few responses this period, and these would give them away";
}

const monthYear = (date: string) => `${SHORT_MONTHS[Number(date.slice(5, 7)) - 1] ?? "?"} ${date.slice(0, 4)}`;

/** "Feb to Apr 2026", "Dec 2025 to Feb 2026", "Mar 2026": the months a signal covered. */
export function monthSpan(from: string, to: string): string {
  const [a, b] = [monthYear(from), monthYear(to)];
  if (a === b) return a;
  return from.slice(0, 4) === to.slice(0, 4) ? `${a.split(" ")[0]} to ${b}` : `${a} to ${b}`;
}

/**
 * The status in words, about now: "Improving since 4 May 2026", or "No signal now (last:
 * deterioration, Feb to Apr 2026)" when an earlier signal has ended, so an old signal is never
 * read as the present.
 */
export function statusWords(status: RunChartStatus, since: string | null, lastSignal: { direction: "up" | "down"; from: string; to: string } | null): string {
  const last = lastSignal ? `last: ${lastSignal.direction === "up" ? "improvement" : "deterioration"}, ${monthSpan(lastSignal.from, lastSignal.to)}` : null;
  switch (status) {
    case "improving":
    case "deteriorating":
      return since ? `${status === "improving" ? "Improving" : "Deteriorating"} since ${shortDate(since)}` : status === "improving" ? "Improving" : "Deteriorating";
    case "no-signal":
      return last ? `No signal now (${last})` : "No signal";
    case "not-enough-data":
      return last ? `Not enough data yet (${last})` : "Not enough data";
  }
}
