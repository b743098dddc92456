import { DEFAULT_BASELINE_POINTS, enumeratePeriods, isoDate, type PeriodRange } from "@/lib/analytics";
import { env } from "@/lib/env";
import { assertCanCompare } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import type { ChannelFilter } from "@/lib/analytics/channels";
import {
  channelTotalWithheld,
  compareUnits,
  oneChannelOfUnit,
  overviewRow,
  periodWindow,
  sortRows,
  sumBuckets,
  type AnalysisSettings,
  type ComparisonCore,
  type Level,
  type OverviewRow,
  type OverviewSort,
  type SortDirection,
  type Unit,
  type UnitAnalysis,
} from "./comparison";
import {
  totalsByWard,
  totalsByWardAndChannel,
  type WardTotals,
  type BucketCounts,
  type CountsScope,
  type Measure,
  type RespondentFilter,
} from "./counts";
import { cachedAnalysis, fingerprintsFor, wardSeries } from "./comparison-cache";
import type { ComparisonQuery, OverviewQuery } from "./query";

// Comparing wards, project teams and trusts for QI coaches and administrators: the overview (one row
// per unit with its latest value, sparkline and run-chart status), the small multiples (every unit's
// run chart as a thumbnail) and the funnel plot (GET /api/v1/comparison). To anyone else these are
// "not found" (lib/auth/access assertCanCompare).
//
// Speed at national scale: the counts for every ward come from ONE query (lib/charts/counts.ts
// countsByWardAndPeriod or totalsByWard), never one query per ward; teams and trusts are sums of
// their wards' counts, added here. Each ward's series and each unit's run-chart analysis are kept
// between requests (lib/charts/comparison-cache.ts) under the database's own fingerprint of the ward's counts, so an unchanged ward
// is neither re-read nor re-analysed, and a changed one always is: nothing stale can be served.
// Measured with 2,000 wards and five years: ~0.2–0.4 s with the caches warm, ~0.5 s after a new
// response, 4–6 s for the very first request after the server starts (every ward read and analysed).

// ---------------------------------------------------------------------------------------------------
// The collaborative's structure
// ---------------------------------------------------------------------------------------------------

type Named = { id: string; name: string };

interface Structure {
  trusts: (Named & { active: boolean })[];
  teams: (Named & { trustId: string; active: boolean; targetPercent: number | null })[];
  wards: (Named & { surveyCode: string; active: boolean; trustId: string; teamId: string | null })[];
  wardPhases: Map<string, string[]>;
  teamPhases: Map<string, string[]>;
}

async function loadStructure(): Promise<Structure> {
  const [trusts, teams, wards, phases] = await Promise.all([
    db().trust.findMany({ select: { id: true, name: true, active: true }, orderBy: { name: "asc" } }),
    db().projectTeam.findMany({ select: { id: true, name: true, trustId: true, active: true, targetPercent: true }, orderBy: { name: "asc" } }),
    db().ward.findMany({ select: { id: true, name: true, surveyCode: true, active: true, trustId: true, teamId: true }, orderBy: { name: "asc" } }),
    db().chartPhase.findMany({ select: { wardId: true, teamId: true, startDate: true }, orderBy: { startDate: "asc" } }),
  ]);
  const wardPhases = new Map<string, string[]>();
  const teamPhases = new Map<string, string[]>();
  for (const p of phases) {
    if (p.wardId) pushTo(wardPhases, p.wardId, isoDate(p.startDate));
    else if (p.teamId) pushTo(teamPhases, p.teamId, isoDate(p.startDate));
  }
  return { trusts, teams, wards, wardPhases, teamPhases };
}

export interface Filters {
  trust: Named | null;
  team: Named | null;
}

/** Resolves the trust and team filters; an id that matches nothing is a bad request naming the parameter. */
function resolveFilters(structure: Structure, query: { trust?: string; team?: string }): Filters {
  const trust = query.trust ? structure.trusts.find((t) => t.id === query.trust) : undefined;
  if (query.trust && !trust) throw new BadRequestError("Invalid request", { trust: "No trust has this id" });
  const team = query.team ? structure.teams.find((t) => t.id === query.team) : undefined;
  if (query.team && !team) throw new BadRequestError("Invalid request", { team: "No project team has this id" });
  return { trust: trust ? { id: trust.id, name: trust.name } : null, team: team ? { id: team.id, name: team.name } : null };
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The units of a level, narrowed by the filters: wards of the trust or team; teams of the trust (or
 * the one team); trusts (or the trust, or the team's trust).
 */
function unitsFor(structure: Structure, level: Level, filters: Filters): Unit[] {
  const trustName = new Map(structure.trusts.map((t) => [t.id, t.name]));
  const teamById = new Map(structure.teams.map((t) => [t.id, t]));
  const target = (teamId: string | null) => {
    const percent = teamId ? teamById.get(teamId)?.targetPercent : null;
    return percent == null ? null : percent / 100;
  };
  const trustFilter = filters.trust?.id;
  const teamFilter = filters.team?.id;
  switch (level) {
    case "ward":
      return structure.wards
        .filter((w) => (!trustFilter || w.trustId === trustFilter) && (!teamFilter || w.teamId === teamFilter))
        .map((w) => ({
          id: w.id,
          level,
          name: w.name,
          trustId: w.trustId,
          trust: trustName.get(w.trustId) ?? null,
          teamId: w.teamId,
          team: w.teamId ? (teamById.get(w.teamId)?.name ?? null) : null,
          wardIds: [w.id],
          active: w.active,
          target: target(w.teamId),
          phaseStarts: structure.wardPhases.get(w.id) ?? [],
          href: `/wards/${w.id}`,
        }));
    case "team": {
      const wardsOf = new Map<string, string[]>();
      for (const w of structure.wards) if (w.teamId) pushTo(wardsOf, w.teamId, w.id);
      return structure.teams
        .filter((t) => (!trustFilter || t.trustId === trustFilter) && (!teamFilter || t.id === teamFilter))
        .map((t) => ({
          id: t.id,
          level,
          name: t.name,
          trustId: t.trustId,
          trust: trustName.get(t.trustId) ?? null,
          teamId: t.id,
          team: t.name,
          wardIds: wardsOf.get(t.id) ?? [],
          active: t.active,
          target: target(t.id),
          phaseStarts: structure.teamPhases.get(t.id) ?? [],
          href: `/teams/${t.id}`,
        }));
    }
    case "trust": {
      const wardsOf = new Map<string, string[]>();
      for (const w of structure.wards) pushTo(wardsOf, w.trustId, w.id);
      const teamTrust = teamFilter ? teamById.get(teamFilter)?.trustId : undefined;
      return structure.trusts
        .filter((t) => (!trustFilter || t.id === trustFilter) && (!teamFilter || t.id === teamTrust))
        .map((t) => ({
          id: t.id,
          level,
          name: t.name,
          trustId: t.id,
          trust: t.name,
          teamId: null,
          team: null,
          wardIds: wardsOf.get(t.id) ?? [],
          active: t.active,
          target: null,
          phaseStarts: [],
          href: `/compare/trusts/${t.id}`,
        }));
    }
  }
}

/** Every ward when nothing narrows the comparison (one scan, no list of ids), otherwise the units' wards. */
function countsScope(units: readonly Unit[], filters: Filters): CountsScope {
  if (!filters.trust && !filters.team) return { all: true };
  return { wardIds: [...new Set(units.flatMap((u) => u.wardIds))] };
}

// ---------------------------------------------------------------------------------------------------
// Overview and small multiples
// ---------------------------------------------------------------------------------------------------

export interface OverviewAnswer {
  level: Level;
  measure: Measure;
  respondent: RespondentFilter;
  channel: ChannelFilter;
  interval: OverviewQuery["interval"];
  minResponses: number;
  baseline: number;
  filters: Filters;
  sort: OverviewSort;
  dir: SortDirection;
  /** The latest period with a response in the comparison: the "latest" column of every row. */
  latestPeriod: PeriodRange | null;
  /** The sparklines' periods, oldest first. */
  periods: PeriodRange[];
  units: OverviewRow[];
}

export interface UnitSeries {
  row: OverviewRow;
  buckets: BucketCounts[];
  analysis: UnitAnalysis;
}

interface Computed {
  answer: OverviewAnswer;
  series: UnitSeries[];
  /** First and last period with a response anywhere in the comparison. */
  range: { first: string; last: string } | null;
}

async function compute(actor: Actor, query: OverviewQuery): Promise<Computed> {
  assertCanCompare(actor);
  const minResponses = env().MIN_RESPONSES;
  const settings: AnalysisSettings = { minResponses, baselinePoints: DEFAULT_BASELINE_POINTS };
  const structure = await loadStructure();
  const filters = resolveFilters(structure, query);
  const units = unitsFor(structure, query.level, filters);

  const scope = countsScope(units, filters);
  const fingerprints = await fingerprintsFor(scope);
  const seriesOf = (channel: ChannelFilter) =>
    wardSeries(fingerprints, "all" in scope, { measure: query.measure, respondent: query.respondent, interval: query.interval, channel });
  const unitSum = (byWard: Map<string, BucketCounts[]>, unit: Unit) => sumBuckets(unit.wardIds.map((id) => byWard.get(id) ?? []));

  let unitBuckets: BucketCounts[][];
  const chosen = query.channel;
  if (chosen === "all") {
    const byWard = await seriesOf("all");
    unitBuckets = units.map((unit) => unitSum(byWard, unit));
  } else {
    // One channel: each unit's other channels too, so that a period which would give a suppressed
    // channel away is withheld (decided on the unit's own sums, since that is what is shown).
    const [ownPhone, wardTablet, paper] = await Promise.all([seriesOf("own-phone"), seriesOf("ward-tablet"), seriesOf("paper")]);
    unitBuckets = units.map((unit) =>
      oneChannelOfUnit({ "own-phone": unitSum(ownPhone, unit), "ward-tablet": unitSum(wardTablet, unit), paper: unitSum(paper, unit) }, chosen, minResponses),
    );
  }
  let first: string | null = null;
  let last: string | null = null;
  for (const buckets of unitBuckets) {
    const a = buckets[0]?.start;
    const b = buckets[buckets.length - 1]?.start;
    if (a && (first === null || a < first)) first = a;
    if (b && (last === null || b > last)) last = b;
  }
  const window = last ? periodWindow(last, query.interval) : [];

  const series = units.map((unit, i) => {
    const buckets = unitBuckets[i] ?? [];
    const analysis = cachedAnalysis(unit, fingerprints, () => buckets, query, settings);
    return { row: overviewRow(unit, buckets, analysis, window, minResponses), buckets, analysis };
  });
  const sorted = sortRows(
    series.map((s) => s.row),
    query.sort,
    query.dir,
  );
  const order = new Map(sorted.map((row, i) => [row, i]));
  series.sort((a, b) => (order.get(a.row) ?? 0) - (order.get(b.row) ?? 0));

  return {
    answer: {
      level: query.level,
      measure: query.measure,
      respondent: query.respondent,
      channel: query.channel,
      interval: query.interval,
      minResponses,
      baseline: settings.baselinePoints,
      filters,
      sort: query.sort,
      dir: query.dir,
      latestPeriod: window[window.length - 1] ?? null,
      periods: window,
      units: sorted,
    },
    series,
    range: first && last ? { first, last } : null,
  };
}

/** One row per ward, project team or trust: latest value, sparkline, run-chart status and median. */
export async function overview(actor: Actor, query: OverviewQuery): Promise<OverviewAnswer> {
  return (await compute(actor, query)).answer;
}

export interface SmallMultiplesAnswer extends OverviewAnswer {
  /** Every period from the first to the last response in the comparison: the thumbnails' shared x axis. */
  axis: PeriodRange[];
  series: UnitSeries[];
}

/** Every unit's whole run chart on one shared scale, for thumbnails. */
export async function smallMultiples(actor: Actor, query: OverviewQuery): Promise<SmallMultiplesAnswer> {
  const { answer, series, range } = await compute(actor, query);
  return { ...answer, axis: range ? enumeratePeriods(range.first, range.last, query.interval) : [], series };
}

/** The trusts and project teams, for the filter and scope choices on the pages. */
export async function comparisonChoices(actor: Actor): Promise<{ trusts: Named[]; teams: (Named & { trustId: string; trust: string })[] }> {
  assertCanCompare(actor);
  const [trusts, teams] = await Promise.all([
    db().trust.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().projectTeam.findMany({ select: { id: true, name: true, trustId: true, trust: { select: { name: true } } }, orderBy: [{ trust: { name: "asc" } }, { name: "asc" }] }),
  ]);
  return { trusts, teams: teams.map((t) => ({ id: t.id, name: t.name, trustId: t.trustId, trust: t.trust.name })) };
}

// ---------------------------------------------------------------------------------------------------
// Funnel plot: GET /api/v1/comparison
// ---------------------------------------------------------------------------------------------------

export interface ComparisonAnswer extends ComparisonCore {
  level: Level;
  measure: Measure;
  respondent: RespondentFilter;
  channel: ChannelFilter;
  from: string | null;
  to: string | null;
  minResponses: number;
}

export async function comparison(actor: Actor, query: ComparisonQuery): Promise<ComparisonAnswer> {
  assertCanCompare(actor);
  const minResponses = env().MIN_RESPONSES;
  const structure = await loadStructure();
  const units = unitsFor(structure, query.level, { trust: null, team: null });
  const chosen = query.channel;
  let core: ComparisonCore;
  if (chosen === "all") {
    const totals = await totalsByWard({ all: true }, { measure: query.measure, respondent: query.respondent, from: query.from, to: query.to });
    core = compareUnits(units, new Map(totals.map((t) => [t.wardId, t])), minResponses);
  } else {
    const split = await totalsByWardAndChannel({ all: true }, { measure: query.measure, respondent: query.respondent, from: query.from, to: query.to });
    const byWard = (totals: WardTotals[]) => new Map(totals.map((t) => [t.wardId, t]));
    const [ownPhone, wardTablet, paper] = [byWard(split["own-phone"]), byWard(split["ward-tablet"]), byWard(split.paper)];
    const byChannel = { "own-phone": ownPhone, "ward-tablet": wardTablet, paper };
    const unitTotal = (totals: Map<string, { responses: number }>, unit: Unit) => unit.wardIds.reduce((sum, id) => sum + (totals.get(id)?.responses ?? 0), 0);
    const withheld = new Set(
      units
        .filter((unit) => channelTotalWithheld({ "own-phone": unitTotal(ownPhone, unit), "ward-tablet": unitTotal(wardTablet, unit), paper: unitTotal(paper, unit) }, chosen, minResponses))
        .map((unit) => unit.id),
    );
    core = compareUnits(units, byChannel[chosen], minResponses, withheld);
  }
  return {
    level: query.level,
    measure: query.measure,
    respondent: query.respondent,
    channel: query.channel,
    from: query.from ?? null,
    to: query.to ?? null,
    minResponses,
    ...core,
  };
}
