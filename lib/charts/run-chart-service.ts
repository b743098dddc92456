import { z } from "zod";
import { analyseRunChart, describeSignals, enumeratePeriods, isValidDate, nextPeriodStart, periodEnd, periodStart, summarise, DEFAULT_BASELINE_POINTS, type AnhoejAnalysis, type IhiAnalysis, type Interval, type PeriodCounts, type PointSignal, type RunChartResult, type RunChartStatus } from "@/lib/analytics";
import { NotFoundError, visibleTeam, visibleTrust, visibleWard, wardScope } from "@/lib/auth/access";
import { seesEverything, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { cyclesOnChart, type ChartCycle } from "@/lib/improvement/pdsa-service";
import { fieldErrors } from "@/lib/http/fields";
import { countsByPeriod, MEASURES, RESPONDENT_FILTERS, type CountsScope, type Measure, type RespondentFilter } from "./counts";

// Run charts for a ward, a project team, a trust or the whole collaborative: authorise the scope,
// count responses per period in SQL (lib/charts/counts.ts), fill the empty periods, analyse with
// lib/analytics, and add the chart's phases, annotations and target. Used by GET /api/v1/run-chart,
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

export const RULE_SETS = ["ihi", "anhoej"] as const;
export type RuleSet = (typeof RULE_SETS)[number];

export const MAX_BASELINE_POINTS = 100;

const SCOPE_HELP = "scope must be ward:<ward code>, team:<team id>, trust:<trust id> or all";

export type ScopeRef =
  | { kind: "ward"; surveyCode: string }
  | { kind: "ward"; wardId: string }
  | { kind: "team"; teamId: string }
  | { kind: "trust"; trustId: string }
  | { kind: "all" };

export function parseScope(value: string): ScopeRef | null {
  const trimmed = value.trim();
  if (trimmed === "all") return { kind: "all" };
  const match = /^(ward|team|trust):([A-Za-z0-9_-]{1,64})$/.exec(trimmed);
  if (!match) return null;
  const [, kind, id] = match as unknown as [string, "ward" | "team" | "trust", string];
  if (kind === "ward") return { kind, surveyCode: id.toUpperCase() };
  if (kind === "team") return { kind, teamId: id };
  return { kind, trustId: id };
}

const dateParam = (name: string) =>
  z
    .string({ error: `${name} must be a date written YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date written YYYY-MM-DD`)
    .refine(isValidDate, `${name} is not a real calendar date`);

const scopeParam = z.string({ error: SCOPE_HELP }).transform((value, ctx) => {
  const scope = parseScope(value);
  if (!scope) {
    ctx.addIssue({ code: "custom", message: SCOPE_HELP });
    return z.NEVER;
  }
  return scope;
});

const optionParams = {
  measure: z.enum(MEASURES, { error: 'measure must be "felt-safe" or "speak-up"' }).default("felt-safe"),
  respondent: z.enum(RESPONDENT_FILTERS, { error: 'respondent must be "all", "service-user" or "staff"' }).default("all"),
  interval: z.enum(["week", "fortnight", "month"], { error: 'interval must be "week", "fortnight" or "month"' }).default("week"),
  rules: z.enum(RULE_SETS, { error: 'rules must be "ihi" or "anhoej"' }).default("ihi"),
  baseline: z
    .string({ error: `baseline must be a whole number from 1 to ${MAX_BASELINE_POINTS}` })
    .regex(/^\d{1,3}$/, `baseline must be a whole number from 1 to ${MAX_BASELINE_POINTS}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_BASELINE_POINTS, `baseline must be a whole number from 1 to ${MAX_BASELINE_POINTS}`)
    .default(DEFAULT_BASELINE_POINTS),
  from: dateParam("from").optional(),
  to: dateParam("to").optional(),
};

const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const FROM_BEFORE_TO = { path: ["to"], message: "to must be on or after from" };

/** The query of GET /api/v1/run-chart. */
export const runChartQuerySchema = z.object({ scope: scopeParam, ...optionParams }).refine(fromBeforeTo, FROM_BEFORE_TO);

/** The chart options alone: the chart pages' search parameters (the page itself says which chart). */
export const chartOptionsSchema = z.object(optionParams).refine(fromBeforeTo, FROM_BEFORE_TO);

export type RunChartQuery = z.output<typeof runChartQuerySchema>;
export type ChartOptions = z.output<typeof chartOptionsSchema>;

/**
 * For the pages: the options from the search parameters. Invalid ones are reported and replaced by
 * their defaults, so a mistyped link still shows a chart.
 */
export function chartOptionsFromSearch(search: Record<string, string | string[] | undefined>): {
  options: ChartOptions;
  errors: Record<string, string> | null;
} {
  const input = queryInput(search);
  const parsed = chartOptionsSchema.safeParse(input);
  if (parsed.success) return { options: parsed.data, errors: null };
  const errors = fieldErrors(parsed.error);
  const valid = Object.fromEntries(Object.entries(input).filter(([key]) => !(key in errors)));
  const retry = chartOptionsSchema.safeParse(valid);
  return { options: retry.success ? retry.data : chartOptionsSchema.parse({}), errors };
}

/**
 * Query parameters to the schema's input. Empty values count as absent, so a form submitted with
 * a blank date field means "no limit". A repeated parameter is passed on as a list, which the
 * schema refuses with that parameter's message.
 */
export function queryInput(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, unknown> {
  const entries: [string, string | string[] | undefined][] =
    params instanceof URLSearchParams
      ? [...new Set(params.keys())].map((key) => {
          const all = params.getAll(key);
          return [key, all.length === 1 ? all[0] : all];
        })
      : Object.entries(params);
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (value === undefined || value === "") continue;
    out[key] = value;
  }
  return out;
}

/** MIN_RESPONSES from the environment (default 5). A bad value stops the request rather than silently weakening suppression. */
export function minResponsesSetting(): number {
  return env().MIN_RESPONSES;
}

// ---------------------------------------------------------------------------------------------------
// The answer
// ---------------------------------------------------------------------------------------------------

export interface ChartPoint {
  start: string;
  end: string;
  responses: number;
  /** null whenever the point is suppressed (0 < responses < minResponses). */
  yes: number | null;
  value: number | null;
  suppressed: boolean;
  phase: number;
  signals: PointSignal[];
}

export interface ChartPhaseSummary {
  start: string;
  baselinePoints: number;
  median: number | null;
  provisional: boolean;
  /** The reason recorded with the re-phase that starts this phase; null for the first phase of the data. */
  reason: string | null;
}

export type AnnotationKindName = "note" | "change" | "astronomical";

export interface ChartAnnotation {
  id: string;
  date: string;
  kind: AnnotationKindName;
  text: string;
}

export type { ChartCycle };

export interface RunChartAnswer {
  scope: string;
  /** The ward's, team's or trust's name ("All wards" for the collaborative). */
  name: string;
  measure: Measure;
  respondent: RespondentFilter;
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
  /** One word for the latest phase by the IHI rules (higher is better). */
  status: RunChartStatus;
  /** Plain-English sentences for each signal that fired, per rule set. */
  explanations: { ihi: string[]; anhoej: string[] };
  annotations: ChartAnnotation[];
  /** PDSA cycles tested in the chart's range: shaded spans in the same layer as the notes. */
  cycles: ChartCycle[];
}

export interface PhaseRecord {
  id: string;
  startDate: string;
  reason: string;
}

export type ResolvedScope = {
  scope: string;
  name: string;
  counts: CountsScope;
  /** The project team whose members may edit this chart (null for a trust, all wards, or a ward without a team). */
  teamId: string | null;
  target: number | null;
  targetDate: string | null;
  /** Where phases and annotations are recorded: a ward's or a team's chart; none for trust and all. */
  owner: { wardId: string } | { teamId: string } | null;
};

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Authorises the scope for this actor (404 outside it) and finds the wards it covers. */
export async function resolveScope(actor: Actor, ref: ScopeRef): Promise<ResolvedScope> {
  switch (ref.kind) {
    case "ward": {
      const ward = await visibleWard(actor, "surveyCode" in ref ? { surveyCode: ref.surveyCode } : { id: ref.wardId });
      return {
        scope: `ward:${ward.surveyCode}`,
        name: ward.name,
        counts: { wardIds: [ward.id] },
        teamId: ward.teamId,
        target: ward.team?.targetPercent != null ? ward.team.targetPercent / 100 : null,
        targetDate: ward.team?.targetDate ? isoDate(ward.team.targetDate) : null,
        owner: { wardId: ward.id },
      };
    }
    case "team": {
      const team = await visibleTeam(actor, ref.teamId);
      const wards = await db().ward.findMany({ where: { AND: [{ teamId: team.id }, wardScope(actor)] }, select: { id: true } });
      return {
        scope: `team:${team.id}`,
        name: team.name,
        counts: { wardIds: wards.map((w) => w.id) },
        teamId: team.id,
        target: team.targetPercent != null ? team.targetPercent / 100 : null,
        targetDate: team.targetDate ? isoDate(team.targetDate) : null,
        owner: { teamId: team.id },
      };
    }
    case "trust": {
      const trust = await visibleTrust(actor, ref.trustId);
      const wards = await db().ward.findMany({ where: { AND: [{ trustId: trust.id }, wardScope(actor)] }, select: { id: true } });
      return { scope: `trust:${trust.id}`, name: trust.name, counts: { wardIds: wards.map((w) => w.id) }, teamId: null, target: null, targetDate: null, owner: null };
    }
    case "all":
      // Comparing the whole collaborative is for those who see every ward; to anyone else the scope does not exist.
      if (!seesEverything(actor)) throw new NotFoundError("No such scope");
      return { scope: "all", name: "All wards", counts: { all: true }, teamId: null, target: null, targetDate: null, owner: null };
  }
}

/** Recorded re-phases of a ward's or team's chart, oldest first. */
export async function phaseRecords(owner: ResolvedScope["owner"]): Promise<PhaseRecord[]> {
  if (!owner) return [];
  const rows = await db().chartPhase.findMany({ where: owner, orderBy: { startDate: "asc" } });
  return rows.map((r) => ({ id: r.id, startDate: isoDate(r.startDate), reason: r.reason }));
}

async function annotationsFor(owner: ResolvedScope["owner"], from?: string, to?: string): Promise<ChartAnnotation[]> {
  if (!owner) return [];
  const date: { gte?: Date; lte?: Date } = {};
  if (from) date.gte = new Date(`${from}T00:00:00Z`);
  if (to) date.lte = new Date(`${to}T00:00:00Z`);
  const rows = await db().annotation.findMany({
    where: { ...owner, ...(from || to ? { date } : {}) },
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, date: isoDate(r.date), kind: r.kind.toLowerCase() as AnnotationKindName, text: r.text }));
}

function cyclesFor(resolved: ResolvedScope, from: string | null, to: string | null): Promise<ChartCycle[]> {
  if (!resolved.owner) return Promise.resolve([]);
  return cyclesOnChart("wardId" in resolved.owner ? { wardId: resolved.owner.wardId, teamId: resolved.teamId } : resolved.owner, from, to);
}

/** Every period from the first to the last bucket, with zero counts where nobody answered. */
function fillPeriods(buckets: readonly { start: string; responses: number; yes: number }[], interval: Interval): PeriodCounts[] {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return [];
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  return enumeratePeriods(first.start, last.start, interval).map(({ start, end }) => {
    const b = byStart.get(start);
    return { start, end, responses: b?.responses ?? 0, yes: b?.yes ?? 0 };
  });
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
  const minResponses = minResponsesSetting();

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
    }));
  // The answer runs from the first to the last period with a response in the range.
  const firstWith = points.findIndex((p) => p.responses > 0);
  const lastWith = points.findLastIndex((p) => p.responses > 0);
  points = firstWith === -1 ? [] : points.slice(firstWith, lastWith + 1);

  const ihiLines = describeSignals(result, interval, { includeAnhoej: false });
  const allLines = describeSignals(result, interval, { includeAnhoej: true });

  return {
    scope: resolved.scope,
    name: resolved.name,
    measure: options.measure,
    respondent: options.respondent,
    interval,
    rules: options.rules,
    from: from ?? null,
    to: to ?? null,
    minResponses,
    baseline: options.baseline,
    target: resolved.target,
    targetDate: resolved.targetDate,
    points,
    phases,
    ihi: result.ihi,
    anhoej: result.anhoej,
    status: summarise(result),
    explanations: { ihi: ihiLines, anhoej: extraLines(allLines, ihiLines) },
    annotations: await annotationsFor(resolved.owner, from, to),
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
