import { analyseRunChart, describeSignals, isoDate, type Interval, nextPeriodStart, periodEnd, periodStart, statusNow, suggestedPhase, type AnhoejAnalysis, type PhaseSuggestion, type StatusSignal, type ChartedPeriod, type IhiAnalysis, type PointSignal, type RunChartResult, type RunChartStatus } from "@/lib/analytics";
import { wardScope } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { cyclesOnChart, type ChartCycle } from "@/lib/improvement/pdsa-service";
import { fillPeriods } from "./comparison";
import type { ChannelFilter } from "@/lib/analytics/channels";
import { countsByPeriod, type Measure, type RespondentFilter } from "./counts";
import type { ChartOptions, RuleSet, RunChartQuery } from "./query";
import { resolveScope, type ResolvedScope, type ScopeRef } from "./scope";

// Run charts for a ward, a project team, a trust or the whole collaborative: authorise the scope,
// count responses per period in SQL (lib/charts/counts.ts), fill the empty periods, analyse with
// lib/analytics, and add the chart's phases, notes and target. Used by GET /api/v1/run-chart,
// its CSV export and the team and ward pages, so all of them show the same numbers.
//
// Date range (from/to) and phases. A phase's median is the median of its FIRST baseline values, so
// a `from` that cut a phase's beginning off would silently move the median. So:
// - `from` never changes the analysis. The counts are read from the start of the phase that holds
//   the `from` period (the latest recorded re-phase on or before it, or the very first response),
//   the whole phase is analysed, and only then are the points before `from` left out of the answer.
//   Earlier phases, which the requested range does not show, are not read at all (this keeps the
//   query bounded on long histories). Phase indexes and "Phase 1, 2…" refer to the phases in the
//   answer.
// - `to` is "as of": nothing after the period holding `to` is read, so the medians and signals are
//   those the chart had at that date. (A median never depends on later data; signals may.)
// - Periods are never cut: a period that overlaps [from, to] is shown with all of its responses.

// ---------------------------------------------------------------------------------------------------
// The answer
// ---------------------------------------------------------------------------------------------------

/** A period as the chart APIs answer it (the analysis's excluded flag stays inside). */
export type AnsweredPeriod = Omit<ChartedPeriod, "excluded">;

export interface ChartPoint extends AnsweredPeriod {
  signals: PointSignal[];
  /** "up" (improvement) or "down" (concern) for a signalled point; null otherwise. */
  signalDirection: "up" | "down" | null;
}

export interface ChartPhaseSummary {
  start: string;
  baselinePoints: number;
  median: number | null;
  provisional: boolean;
  /** The reason recorded with the re-phase that starts this phase; null for the first phase of the data. */
  reason: string | null;
}

export type NoteKindName = "note" | "change" | "astronomical";

export interface ChartNote {
  id: string;
  date: string;
  kind: NoteKindName;
  text: string;
  /** On a ward's chart: a note the ward's project team added to the team's chart (changed there). */
  teamNote: boolean;
}

export type { ChartCycle };

export interface RunChartAnswer {
  scope: string;
  /** The ward's, team's or trust's name ("All wards" for the collaborative). */
  name: string;
  measure: Measure;
  respondent: RespondentFilter;
  /** Which answers are counted: how they came (own phone, ward tablet, paper), or all. */
  channel: ChannelFilter;
  interval: Interval;
  rules: RuleSet;
  from: string | null;
  to: string | null;
  minResponses: number;
  baseline: number;
  /** The project team's aim as a proportion (0.9 for 90%); for a ward, its team's aim. */
  target: number | null;
  /** The date the team aims to reach its target by (ISO), or null. */
  targetDate: string | null;
  points: ChartPoint[];
  phases: ChartPhaseSummary[];
  /** IHI rules for the latest phase. */
  ihi: IhiAnalysis;
  /** Anhøj rules for the latest phase. */
  anhoej: AnhoejAnalysis;
  /** Where the chart stands at its latest period (an old signal that has ended is not "now"). */
  status: RunChartStatus;
  /** When the current signal began; null without one. */
  statusSince: string | null;
  /** The most recent signal before the current one (or before now): direction, kind and dates. */
  lastSignal: StatusSignal | null;
  /** A shift still running after 8 or more points: a new phase from its first period is worth considering (nothing changes by itself). */
  suggestedPhase: PhaseSuggestion | null;
  /** Plain-English sentences for each signal that fired, per rule set. */
  explanations: { ihi: string[]; anhoej: string[] };
  notes: ChartNote[];
  /** PDSA cycles tested in the chart's range: shaded spans in the same layer as the notes. */
  cycles: ChartCycle[];
}

export interface PhaseRecord {
  id: string;
  startDate: string;
  reason: string;
}

/** Recorded re-phases of a ward's or team's chart, oldest first. */
export async function phaseRecords(owner: ResolvedScope["owner"]): Promise<PhaseRecord[]> {
  if (!owner) return [];
  const rows = await db().chartPhase.findMany({ where: owner, orderBy: { startDate: "asc" } });
  return rows.map((r) => ({ id: r.id, startDate: isoDate(r.startDate), reason: r.reason }));
}

/** A ward's chart shows its own notes and its project team's (the team's changes apply to every ward of it). */
async function notesFor(resolved: ResolvedScope, from?: string, to?: string): Promise<ChartNote[]> {
  const owner = resolved.owner;
  if (!owner) return [];
  const date: { gte?: Date; lte?: Date } = {};
  if (from) date.gte = new Date(`${from}T00:00:00Z`);
  if (to) date.lte = new Date(`${to}T00:00:00Z`);
  const whose = "wardId" in owner && resolved.teamId ? { OR: [owner, { teamId: resolved.teamId }] } : owner;
  const rows = await db().note.findMany({
    where: { ...whose, ...(from || to ? { date } : {}) },
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, date: isoDate(r.date), kind: r.kind.toLowerCase() as NoteKindName, text: r.text, teamNote: "wardId" in owner && r.teamId !== null }));
}

function cyclesFor(resolved: ResolvedScope, from: string | null, to: string | null): Promise<ChartCycle[]> {
  if (!resolved.owner) return Promise.resolve([]);
  return cyclesOnChart("wardId" in resolved.owner ? { wardId: resolved.owner.wardId, teamId: resolved.teamId } : resolved.owner, from, to);
}

/** Lines that `withMore` has beyond `base`, counting repeats (a multiset difference). */
function extraLines(withMore: readonly string[], base: readonly string[]): string[] {
  const remaining = new Map<string, number>();
  for (const line of base) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  return withMore.filter((line) => {
    const n = remaining.get(line) ?? 0;
    if (n > 0) {
      remaining.set(line, n - 1);
      return false;
    }
    return true;
  });
}

/**
 * The analysis for an already authorised scope. See the note at the top of this file for how
 * from/to and phases interact.
 */
export async function analyseScope(
  resolved: ResolvedScope,
  options: ChartOptions,
  records: readonly PhaseRecord[],
): Promise<RunChartAnswer> {
  const { interval, from, to } = options;
  const minResponses = env().MIN_RESPONSES;

  // The phase holding the first requested period is read in full: from the latest re-phase on or
  // before that period's start (its first period is the first one starting on or after the
  // re-phase date, which is how lib/analytics assigns periods to phases).
  const fromPeriod = from ? periodStart(from, interval) : null;
  const openingPhase = fromPeriod ? [...records].reverse().find((r) => r.startDate <= fromPeriod) : undefined;
  const readFrom = openingPhase
    ? periodStart(openingPhase.startDate, interval) === openingPhase.startDate
      ? openingPhase.startDate
      : nextPeriodStart(openingPhase.startDate, interval)
    : undefined;
  const readTo = to ? periodEnd(to, interval) : undefined;

  const buckets = await countsByPeriod(resolved.counts, {
    measure: options.measure,
    respondent: options.respondent,
    interval,
    from: readFrom,
    to: readTo,
    channel: options.channel,
    minResponses,
  });
  const series = fillPeriods(buckets, interval);
  const analysed = analyseRunChart(series, {
    minResponses,
    baselinePoints: options.baseline,
    phaseStarts: records.map((r) => r.startDate),
  });

  // When reading began at a recorded re-phase, the first phase is that re-phase: report its
  // recorded date, exactly as an analysis of the whole history would.
  const result: RunChartResult =
    openingPhase && analysed.phases.length > 0
      ? {
          ...analysed,
          phases: analysed.phases.map((p, i) => (i === 0 ? { ...p, start: openingPhase.startDate } : p)),
          phaseAnalyses: analysed.phaseAnalyses.map((p, i) => (i === 0 ? { ...p, start: openingPhase.startDate } : p)),
        }
      : analysed;

  const phases: ChartPhaseSummary[] = result.phases.map((p, i) => {
    // The first phase's reason is the latest re-phase at or before the data's start, if any.
    const record =
      i === 0 ? [...records].reverse().find((r) => r.startDate <= p.start) : records.find((r) => r.startDate === p.start);
    return { start: p.start, baselinePoints: p.baselinePoints, median: p.median, provisional: p.provisional, reason: record?.reason ?? null };
  });

  let points: ChartPoint[] = result.points
    .filter((p) => (!from || p.end >= from) && (!to || p.start <= to))
    .map((p) => ({
      start: p.start,
      end: p.end,
      responses: p.responses,
      yes: p.suppressed ? null : p.yes,
      value: p.value,
      suppressed: p.suppressed,
      phase: p.phase,
      signals: [...p.signals],
      signalDirection: p.signalDirection,
    }));
  // The answer runs from the first to the last period with a response in the range.
  const firstWith = points.findIndex((p) => p.responses > 0);
  const lastWith = points.findLastIndex((p) => p.responses > 0);
  points = firstWith === -1 ? [] : points.slice(firstWith, lastWith + 1);

  const now = statusNow(result);
  const ihiLines = describeSignals(result, interval, { includeAnhoej: false });
  const allLines = describeSignals(result, interval, { includeAnhoej: true });

  return {
    scope: resolved.scope,
    name: resolved.name,
    measure: options.measure,
    respondent: options.respondent,
    channel: options.channel,
    interval,
    rules: options.rules,
    from: from ?? null,
    to: to ?? null,
    minResponses,
    baseline: options.baseline,
    // The team's aim is for the felt-safe measure: drawn on that chart only.
    target: options.measure === "felt-safe" ? resolved.target : null,
    targetDate: options.measure === "felt-safe" ? resolved.targetDate : null,
    points,
    phases,
    ihi: result.ihi,
    anhoej: result.anhoej,
    status: now.status,
    statusSince: now.since,
    lastSignal: now.lastSignal,
    suggestedPhase: suggestedPhase(result),
    explanations: { ihi: ihiLines, anhoej: extraLines(allLines, ihiLines) },
    notes: await notesFor(resolved, from, to),
    cycles: await cyclesFor(resolved, from ?? null, to ?? null),
  };
}

/** Authorise, then analyse: what the API answers. */
export async function runChart(actor: Actor, query: RunChartQuery): Promise<RunChartAnswer> {
  const { scope, ...options } = query;
  const resolved = await resolveScope(actor, scope);
  return analyseScope(resolved, options, await phaseRecords(resolved.owner));
}

// ---------------------------------------------------------------------------------------------------
// For the chart pages
// ---------------------------------------------------------------------------------------------------

export type ChartView = { resolved: ResolvedScope; answer: RunChartAnswer; records: PhaseRecord[] };

/** One chart for a page: authorised (NotFoundError outside the actor's scope), analysed, with its phase records. */
export async function chartView(actor: Actor, ref: ScopeRef, options: ChartOptions): Promise<ChartView> {
  const resolved = await resolveScope(actor, ref);
  const records = await phaseRecords(resolved.owner);
  return { resolved, answer: await analyseScope(resolved, options, records), records };
}

/** The wards of a project team that the actor may see, for the per-ward charts on the team page. */
export async function wardsOfTeam(actor: Actor, teamId: string) {
  return db().ward.findMany({
    where: { AND: [{ teamId }, wardScope(actor)] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, surveyCode: true, active: true },
  });
}
