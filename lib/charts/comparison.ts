import {
  addDays,
  analyseRunChart,
  enumeratePeriods,
  funnelCurve,
  funnelLimits,
  funnelPlot,
  isSuppressed,
  statusNow,
  type StatusSignal,
  type FunnelClassification,
  type Interval,
  type PeriodCounts,
  type PeriodRange,
  type PointSignal,
  type RunChartStatus,
} from "@/lib/analytics";
import { withheldChannels, type Channel } from "@/lib/analytics/channels";
import type { BucketCounts, WardPeriodCounts } from "./counts";

// The QI coach's comparison of wards, project teams and trusts: the pure part (no database, no
// framework), so that every number the overview, the small multiples and the funnel plot show can be
// checked by unit tests from counts. lib/charts/comparison-service.ts reads the counts and the
// collaborative's structure and calls these.

export const LEVELS = ["ward", "team", "trust"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { one: string; many: string }> = {
  ward: { one: "ward", many: "wards" },
  team: { one: "project team", many: "project teams" },
  trust: { one: "trust", many: "trusts" },
};

export const STATUS_LABELS: Record<RunChartStatus, string> = {
  improving: "Improving",
  deteriorating: "Deteriorating",
  "no-signal": "No signal",
  "not-enough-data": "Not enough data",
};

/** What each status means, for keys and hover text. */
export const STATUS_DESCRIPTIONS: Record<RunChartStatus, string> = {
  improving: "a shift or trend upwards is running at the latest period of the run chart (IHI rules)",
  deteriorating: "a shift or trend downwards is running at the latest period of the run chart (IHI rules)",
  "no-signal": "no shift, trend or unusual number of runs running at the latest period (an earlier one may have ended)",
  "not-enough-data": "fewer than 10 periods off the median in the latest phase, so the rules cannot say yet",
};

/** How many periods the overview's sparklines show. */
export const SPARKLINE_PERIODS = 12;

/** The signals the run charts highlight by default (IHI rules): the ones the thumbnails colour. */
export const THUMBNAIL_SIGNALS: readonly PointSignal[] = ["shift", "trend", "runs"];

/** A ward, project team or trust being compared, with the wards whose responses it counts. */
export interface Unit {
  readonly id: string;
  readonly level: Level;
  readonly name: string;
  readonly trustId: string | null;
  /** The trust's name (for a trust: its own). */
  readonly trust: string | null;
  readonly teamId: string | null;
  /** The project team's name (for a ward in no team, and for a trust: null). */
  readonly team: string | null;
  readonly wardIds: readonly string[];
  readonly active: boolean;
  /** The project team's aim as a proportion; for a ward, its team's aim. */
  readonly target: number | null;
  /** Recorded re-phases of this unit's own run chart (ward and team charts; trusts have none). */
  readonly phaseStarts: readonly string[];
  /** Where the unit's run chart is. */
  readonly href: string;
}

// ---------------------------------------------------------------------------------------------------
// Series arithmetic
// ---------------------------------------------------------------------------------------------------

export function wardBuckets(ward: WardPeriodCounts): BucketCounts[] {
  return ward.starts.map((start, i) => ({ start, responses: ward.responses[i] ?? 0, yes: ward.yes[i] ?? 0 }));
}

/**
 * Adds several wards' per-period counts period by period, oldest first: a team's or a trust's counts
 * are exactly the sums of its wards' (every response belongs to one ward and one period).
 */
export function sumBuckets(list: readonly (readonly BucketCounts[])[]): BucketCounts[] {
  if (list.length === 1) return [...(list[0] ?? [])];
  const byStart = new Map<string, { responses: number; yes: number }>();
  for (const buckets of list) {
    for (const b of buckets) {
      const sum = byStart.get(b.start);
      if (sum) {
        sum.responses += b.responses;
        sum.yes += b.yes;
      } else {
        byStart.set(b.start, { responses: b.responses, yes: b.yes });
      }
    }
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([start, sum]) => ({ start, responses: sum.responses, yes: sum.yes }));
}

/**
 * One channel of a unit (its counts per channel already summed over its wards), each period
 * marked withheld when showing it would let a suppressed channel of the unit be worked out from
 * its all-channels figure (lib/analytics/channels.ts).
 */
export function oneChannelOfUnit(byChannel: Readonly<Record<Channel, readonly BucketCounts[]>>, channel: Channel, minResponses: number): BucketCounts[] {
  const responsesIn = (which: Channel) => new Map(byChannel[which].map((b) => [b.start, b.responses]));
  const all = { "own-phone": responsesIn("own-phone"), "ward-tablet": responsesIn("ward-tablet"), paper: responsesIn("paper") };
  return byChannel[channel].map((b) => {
    const split = { "own-phone": all["own-phone"].get(b.start) ?? 0, "ward-tablet": all["ward-tablet"].get(b.start) ?? 0, paper: all.paper.get(b.start) ?? 0 };
    return withheldChannels(split, minResponses).has(channel) ? { ...b, withheld: true } : b;
  });
}

/** The same over a whole range: whether one channel's total for a unit is withheld. */
export function channelTotalWithheld(totals: Readonly<Record<Channel, number>>, channel: Channel, minResponses: number): boolean {
  return withheldChannels(totals, minResponses).has(channel);
}

/** Every period from the first to the last bucket, with zero counts where nobody answered (as the run-chart API does). */
export function fillPeriods(buckets: readonly BucketCounts[], interval: Interval): PeriodCounts[] {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return [];
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  return enumeratePeriods(first.start, last.start, interval).map(({ start, end }) => {
    const b = byStart.get(start);
    return { start, end, responses: b?.responses ?? 0, yes: b?.yes ?? 0, ...(b?.withheld ? { withheld: true } : {}) };
  });
}

/** The last `count` periods ending with the one that starts at `latestStart`, oldest first. */
export function periodWindow(latestStart: string, interval: Interval, count = SPARKLINE_PERIODS): PeriodRange[] {
  // 31 days covers the longest period, so this always reaches back far enough.
  return enumeratePeriods(addDays(latestStart, -31 * count), latestStart, interval).slice(-count);
}

// ---------------------------------------------------------------------------------------------------
// Run-chart analysis of one unit
// ---------------------------------------------------------------------------------------------------

export interface UnitPhase {
  readonly start: string;
  readonly median: number | null;
  readonly provisional: boolean;
}

/** What the overview and the thumbnails need from a unit's run chart; compact, so it can be cached. */
export interface UnitAnalysis {
  /** As GET /api/v1/run-chart's `status` for the unit's whole chart: where it stands now. */
  readonly status: RunChartStatus;
  /** When the current signal began; null without one. */
  readonly statusSince: string | null;
  /** The most recent signal before the current one (or before now, when there is none). */
  readonly lastSignal: StatusSignal | null;
  readonly phases: readonly UnitPhase[];
  /** Starts of the periods that carry a highlighted IHI signal (shift, trend or runs). */
  readonly signalled: readonly string[];
  /** Those of them whose signal points down (concern, drawn orange); the rest are improvement. */
  readonly concerns: readonly string[];
}

export interface AnalysisSettings {
  readonly minResponses: number;
  readonly baselinePoints: number;
}

/**
 * The same analysis as GET /api/v1/run-chart without from/to: every period from the first to the
 * last response, the unit's recorded phases, the default baseline; status by statusNow().
 */
export function analyseUnit(
  buckets: readonly BucketCounts[],
  interval: Interval,
  phaseStarts: readonly string[],
  settings: AnalysisSettings,
): UnitAnalysis {
  const result = analyseRunChart(fillPeriods(buckets, interval), {
    minResponses: settings.minResponses,
    baselinePoints: settings.baselinePoints,
    phaseStarts,
  });
  const now = statusNow(result);
  return {
    status: now.status,
    statusSince: now.since,
    lastSignal: now.lastSignal,
    phases: result.phases.map((p) => ({ start: p.start, median: p.median, provisional: p.provisional })),
    signalled: result.points.filter((p) => p.signals.some((s) => THUMBNAIL_SIGNALS.includes(s))).map((p) => p.start),
    concerns: result.points.filter((p) => p.signals.some((s) => THUMBNAIL_SIGNALS.includes(s)) && p.signalDirection === "down").map((p) => p.start),
  };
}

// ---------------------------------------------------------------------------------------------------
// Overview rows
// ---------------------------------------------------------------------------------------------------

/** One period of a unit, with suppression applied: yes and value are null when there are too few responses. */
export interface PeriodValue {
  readonly responses: number;
  readonly yes: number | null;
  readonly value: number | null;
  readonly suppressed: boolean;
  /** Suppressed though it has enough responses: one channel that would give a suppressed one away. */
  readonly withheld?: boolean;
}

export function periodValue(counts: { responses: number; yes: number; withheld?: boolean } | undefined, minResponses: number): PeriodValue {
  const responses = counts?.responses ?? 0;
  const tooFew = isSuppressed(responses, minResponses);
  const withheld = !tooFew && responses > 0 && counts?.withheld === true;
  const suppressed = tooFew || withheld;
  const shown = responses > 0 && !suppressed;
  return {
    responses,
    yes: shown ? (counts?.yes ?? 0) : null,
    value: shown ? round4((counts?.yes ?? 0) / responses) : null,
    suppressed,
    ...(withheld ? { withheld: true } : {}),
  };
}

/** One row of the overview: the unit as named everywhere, and where its chart stands. */
export interface OverviewRow extends Pick<Unit, "id" | "level" | "name" | "trustId" | "trust" | "teamId" | "team" | "active" | "href"> {
  /** Number of wards the row counts. */
  readonly wards: number;
  /** The latest period that has a response anywhere in the comparison (the same period on every row). */
  readonly latest: PeriodValue | null;
  /** The last SPARKLINE_PERIODS periods up to `latest`, oldest first (their dates are the answer's `periods`). */
  readonly sparkline: readonly PeriodValue[];
  readonly status: RunChartStatus;
  readonly statusSince: string | null;
  readonly lastSignal: StatusSignal | null;
  /** The median of the latest phase of the unit's run chart. */
  readonly median: number | null;
  readonly medianProvisional: boolean;
  readonly target: number | null;
}

export function overviewRow(
  unit: Unit,
  buckets: readonly BucketCounts[],
  analysis: UnitAnalysis,
  window: readonly PeriodRange[],
  minResponses: number,
): OverviewRow {
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  const sparkline = window.map((range) => periodValue(byStart.get(range.start), minResponses));
  const latestPhase = analysis.phases[analysis.phases.length - 1];
  return {
    id: unit.id,
    level: unit.level,
    name: unit.name,
    trustId: unit.trustId,
    trust: unit.trust,
    teamId: unit.teamId,
    team: unit.team,
    wards: unit.wardIds.length,
    active: unit.active,
    href: unit.href,
    latest: sparkline[sparkline.length - 1] ?? null,
    sparkline,
    status: analysis.status,
    statusSince: analysis.statusSince,
    lastSignal: analysis.lastSignal,
    median: latestPhase?.median ?? null,
    medianProvisional: latestPhase?.provisional ?? false,
    target: unit.target,
  };
}

export const OVERVIEW_SORTS = ["name", "trust", "team", "responses", "value", "status", "median"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Status order for sorting, from "needs attention" to "not yet known". */
export const STATUS_ORDER: readonly RunChartStatus[] = ["deteriorating", "no-signal", "improving", "not-enough-data"];

function sortKey(row: OverviewRow, sort: OverviewSort): string | number | null {
  switch (sort) {
    case "name":
      return row.name.toLocaleLowerCase("en-GB");
    case "trust":
      return row.trust?.toLocaleLowerCase("en-GB") ?? null;
    case "team":
      return row.team?.toLocaleLowerCase("en-GB") ?? null;
    case "responses":
      return row.latest?.responses ?? null;
    case "value":
      // A suppressed value sorts with the empty ones: sorting by the hidden value would reveal it.
      return row.latest?.value ?? null;
    case "status":
      return STATUS_ORDER.indexOf(row.status);
    case "median":
      return row.median;
  }
}

/**
 * Sorts rows by a column. Rows without a value for the column come last in either direction; ties
 * are broken by trust, then name, so the order is stable from one request to the next.
 */
export function sortRows(rows: readonly OverviewRow[], sort: OverviewSort, dir: SortDirection): OverviewRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: sortKey(row, sort), trust: row.trust ?? "", name: row.name }));
  keyed.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      const cmp = typeof a.key === "number" && typeof b.key === "number" ? a.key - b.key : String(a.key).localeCompare(String(b.key), "en-GB");
      if (cmp !== 0) return sign * cmp;
    }
    return a.trust.localeCompare(b.trust, "en-GB") || a.name.localeCompare(b.name, "en-GB") || (a.row.id < b.row.id ? -1 : 1);
  });
  return keyed.map((k) => k.row);
}

// ---------------------------------------------------------------------------------------------------
// Funnel plot
// ---------------------------------------------------------------------------------------------------

export interface ComparisonLimits {
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

export interface ComparisonUnit {
  readonly id: string;
  readonly name: string;
  readonly trust: string | null;
  readonly team: string | null;
  readonly responses: number;
  /** null when the unit has fewer responses than the minimum (or none). */
  readonly yes: number | null;
  readonly value: number | null;
  /** Some responses, but fewer than the minimum: the proportion is not shown. */
  readonly suppressed: boolean;
  /** The limits at this unit's number of responses; null when it has none. */
  readonly limits: ComparisonLimits | null;
  /** Against the 99.8% limits. */
  readonly position: FunnelClassification;
  /** Against the 95% limits (the warning level). */
  readonly position95: FunnelClassification;
  readonly href: string;
}

export interface FunnelCurvePoint extends ComparisonLimits {
  readonly responses: number;
}

export interface ComparisonCore {
  /** Over the units with enough responses only, so that no hidden count can be worked out by subtraction. */
  readonly overall: { readonly responses: number; readonly yes: number; readonly value: number | null };
  readonly units: ComparisonUnit[];
  /** The limits at sizes from the minimum to the largest unit, for drawing the funnel. */
  readonly curve: FunnelCurvePoint[];
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function roundLimits(l: ComparisonLimits): ComparisonLimits {
  return { lower95: round4(l.lower95), upper95: round4(l.upper95), lower998: round4(l.lower998), upper998: round4(l.upper998) };
}

/**
 * Places each unit on the funnel: its counts over the date range (the sum of its wards'), its
 * position against the 95% and 99.8% limits around the overall proportion. Units with fewer
 * responses than the minimum are "too-few": not placed, their yes count hidden.
 */
export function compareUnits(
  units: readonly Unit[],
  totals: ReadonlyMap<string, { responses: number; yes: number }>,
  minResponses: number,
  /** Units whose counts are withheld though large enough (one channel that would give another away): placed nowhere, counted in no total. */
  withheld: ReadonlySet<string> = new Set(),
): ComparisonCore {
  const counted = units.map((unit) => {
    let responses = 0;
    let yes = 0;
    for (const wardId of unit.wardIds) {
      const t = totals.get(wardId);
      if (t) {
        responses += t.responses;
        yes += t.yes;
      }
    }
    return { unit, responses, yes };
  });
  const funnel = funnelPlot(
    counted.map((c) => (withheld.has(c.unit.id) ? { id: c.unit.id, responses: 0, yes: 0 } : { id: c.unit.id, responses: c.responses, yes: c.yes })),
    { minResponses },
  );
  const pBar = funnel.pBar;
  const result: ComparisonUnit[] = counted.map((c, i) => {
    const placed = funnel.units[i];
    if (!placed) throw new Error("funnelPlot lost a unit");
    const limits = pBar !== null && c.responses > 0 ? roundLimits(funnelLimits(pBar, c.responses)) : null;
    return {
      id: c.unit.id,
      name: c.unit.name,
      trust: c.unit.trust,
      team: c.unit.team,
      responses: c.responses,
      yes: placed.yes,
      value: placed.value,
      suppressed: isSuppressed(c.responses, minResponses) || (c.responses > 0 && withheld.has(c.unit.id)),
      limits: withheld.has(c.unit.id) ? null : limits,
      position: placed.classification,
      position95: placed.classification95,
      href: c.unit.href,
    };
  });
  const largest = counted.reduce((max, c) => Math.max(max, c.responses), 0);
  const curve =
    pBar !== null && largest >= minResponses
      ? funnelCurve(pBar, Math.max(largest, minResponses + 1), minResponses, 60).map((l) => ({ responses: l.responses, ...roundLimits(l) }))
      : [];
  return {
    overall: { responses: funnel.totalResponses, yes: funnel.totalYes, value: pBar === null ? null : round4(pBar) },
    units: result,
    curve,
  };
}
