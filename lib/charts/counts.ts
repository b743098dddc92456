import { Prisma } from "@/generated/prisma/client";
import type { Interval } from "@/lib/analytics/periods";
import { FORTNIGHT_ANCHOR } from "@/lib/analytics/periods";
import { withheldChannels, type Channel, type ChannelFilter } from "@/lib/analytics/channels";
import { db } from "@/lib/db/client";

// The ONE place that turns survey responses into per-period counts. Everything the run charts show
// is computed from these counts, and the aggregation happens in PostgreSQL (GROUP BY on the date
// bucket): response rows are never loaded into JavaScript, whatever the number of wards or years.
//
// Kept deliberately small, with a plain signature, so the SQL can be tuned (indexes, rollup tables,
// partial aggregates) for national scale without touching the callers.

export const MEASURES = ["felt-safe", "speak-up"] as const;
export type Measure = (typeof MEASURES)[number];

export const RESPONDENT_FILTERS = ["all", "service-user", "staff"] as const;
export type RespondentFilter = (typeof RESPONDENT_FILTERS)[number];

/** Which wards to count: a list of ward ids (a ward, a team's wards, a trust's wards), or every ward. */
export type CountsScope = { readonly wardIds: readonly string[] } | { readonly all: true };

export interface CountsQuery {
  readonly measure: Measure;
  readonly respondent: RespondentFilter;
  readonly interval: Interval;
  /** Inclusive lower bound on the response date, "YYYY-MM-DD". */
  readonly from?: string;
  /** Inclusive upper bound on the response date, "YYYY-MM-DD". */
  readonly to?: string;
  /** One channel only (default all); then `minResponses` decides which periods are withheld. */
  readonly channel?: ChannelFilter;
  readonly minResponses?: number;
}

/** One period that has at least one response counted by the measure. Periods without any are absent. */
export interface BucketCounts {
  /** First day of the period, "YYYY-MM-DD" (ISO week Monday, fortnight start, or the 1st of the month). */
  readonly start: string;
  /** The denominator: all responses (felt safe), or responses that answered question 3 (speak up). */
  readonly responses: number;
  /** The numerator: Yes to question 2 (felt safe) or to question 3 (speak up). */
  readonly yes: number;
  /** One channel's period withheld so that no suppressed channel can be worked out (lib/analytics/channels.ts). */
  readonly withheld?: boolean;
}

/**
 * The period start for a response date, in SQL. Must agree with periodStart() in
 * lib/analytics/periods.ts (the unit tests of that file are the definition):
 * - week: ISO week, Monday start (date_trunc on a timestamp without time zone, so no session time
 *   zone can move the day);
 * - fortnight: whole 14-day steps from the fixed anchor Monday 2000-01-03; floor() rather than
 *   integer division, which truncates towards zero and would be wrong before the anchor;
 * - month: the calendar month.
 */
function bucketSql(interval: Interval, day: Prisma.Sql = Prisma.sql`r.submitted_on`): Prisma.Sql {
  switch (interval) {
    case "week":
      return Prisma.sql`date_trunc('week', ${day}::timestamp)::date`;
    case "month":
      return Prisma.sql`date_trunc('month', ${day}::timestamp)::date`;
    case "fortnight":
      return Prisma.sql`(${FORTNIGHT_ANCHOR}::date + (floor((${day} - ${FORTNIGHT_ANCHOR}::date) / 14.0) * 14)::int)`;
  }
}

/**
 * The rollup columns (ward_day_count, all_wards_day_count) holding a measure's denominator and
 * numerator for a respondent filter. Fixed SQL fragments chosen from closed sets, never user text.
 */
function rollupColumns(measure: Measure, respondent: RespondentFilter): { responses: Prisma.Sql; yes: Prisma.Sql } {
  const [denominator, numerator] = measure === "speak-up" ? ["speak_up_answered", "speak_up_yes"] : ["responses", "felt_safe_yes"];
  const prefixes = respondent === "all" ? ["service_user", "staff"] : respondent === "staff" ? ["staff"] : ["service_user"];
  const sum = (column: string) => Prisma.raw(prefixes.map((p) => `c.${p}_${column}`).join(" + "));
  return { responses: sum(denominator), yes: sum(numerator) };
}

/** A per-ward rollup table (aliased c in the queries) and its date column. */
type WardRollup = { table: Prisma.Sql; day: Prisma.Sql };

const WARD_ROLLUPS = {
  day: { table: Prisma.raw("ward_day_count"), day: Prisma.raw("c.day") },
  week: { table: Prisma.raw("ward_week_count"), day: Prisma.raw("c.week") },
  month: { table: Prisma.raw("ward_month_count"), day: Prisma.raw("c.month") },
} satisfies Record<string, WardRollup>;

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The coarsest per-ward rollup that gives exactly the same counts: its rows must lie wholly inside
 * [from, to] and wholly inside one period of the interval (null: one total over the range). Weeks
 * fit weekly and fortnightly periods (fortnights start on a Monday), months fit monthly ones; a
 * range that cuts a week or a month falls back to days. The run-chart service always asks for
 * whole periods, so in practice a weekly chart reads weeks and a monthly chart months.
 */
function wardRollup(interval: Interval | null, from: string | undefined, to: string | undefined): WardRollup {
  const wholeMonths = (!from || from.endsWith("-01")) && (!to || nextDay(to).endsWith("-01"));
  const wholeWeeks = (!from || weekday(from) === 1) && (!to || weekday(to) === 0);
  if ((interval === "month" || interval === null) && wholeMonths) return WARD_ROLLUPS.month;
  if ((interval === "week" || interval === "fortnight" || interval === null) && wholeWeeks) return WARD_ROLLUPS.week;
  return WARD_ROLLUPS.day;
}

/**
 * Per-period counts for the given wards, oldest first. Only periods with at least one counted
 * response are returned; the caller fills the gaps (lib/analytics enumeratePeriods) so that empty
 * periods show as gaps on the chart.
 *
 * Felt safe: denominator every response, numerator Yes to question 2.
 * Speak up: denominator the responses that answered question 3 (it may be left blank), numerator Yes.
 *
 * Read from the rollups that triggers keep current (migration 20261126030000_chart_rollup): for a
 * list of wards the per-ward table by week, month or day (wardRollup), for every ward the per-day
 * total all_wards_day_count. The answer is the same as grouping survey_response itself
 * (tests/integration/chart-rollup.test.ts compares the two), but a ward's five years are ~260 rows
 * instead of ~5,000, and the whole collaborative's a few thousand instead of ten million
 * (npm run bench:charts).
 */
export async function countsByPeriod(scope: CountsScope, query: CountsQuery): Promise<BucketCounts[]> {
  if (query.channel && query.channel !== "all") return oneChannelByPeriod(scope, query, query.channel);
  const conditions: Prisma.Sql[] = [];
  if (!("all" in scope) && scope.wardIds.length === 0) return [];
  const { table, day } =
    "all" in scope ? { table: Prisma.raw("all_wards_day_count"), day: Prisma.raw("c.day") } : wardRollup(query.interval, query.from, query.to);
  if (!("all" in scope)) conditions.push(Prisma.sql`c.ward_id = ANY(${[...scope.wardIds]}::text[])`);
  if (query.from) conditions.push(Prisma.sql`${day} >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`${day} <= ${query.to}::date`);

  const { responses, yes } = rollupColumns(query.measure, query.respondent);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

  // HAVING: a period is present only when it has a counted response, as when grouping the
  // responses themselves (rollup rows with none of this respondent type, or with question 3
  // unanswered, still exist; and all_wards_day_count's slots may cancel out after a deletion).
  const rows = await db().$queryRaw<{ start: string; responses: number; yes: number }[]>`
    SELECT to_char(b.bucket, 'YYYY-MM-DD') AS start, b.responses, b.yes
    FROM (
      SELECT ${bucketSql(query.interval, day)} AS bucket,
             sum(${responses})::int AS responses,
             sum(${yes})::int AS yes
      FROM ${table} c
      ${where}
      GROUP BY 1
      HAVING sum(${responses}) > 0
    ) b
    ORDER BY b.bucket`;
  return rows.map((row) => ({ start: row.start, responses: Number(row.responses), yes: Number(row.yes) }));
}

const CHANNEL_OF_SOURCE: Record<string, Channel> = { ONLINE: "own-phone", TABLET: "ward-tablet", PAPER: "paper" };

/**
 * One channel's per-period counts. The rollups do not split by channel, so this groups the
 * responses themselves (by ward and date, on their index): fine for a ward, a team or a trust;
 * the whole collaborative by channel is a full scan. Every channel of each period is counted, so
 * that a channel is withheld whenever showing it would let a suppressed one be worked out from the
 * all-channels count (withheldChannels).
 */
const SOURCE_OF_CHANNEL: Record<Channel, string> = { "own-phone": "ONLINE", "ward-tablet": "TABLET", paper: "PAPER" };

/**
 * The WHERE clause and the measure's counts for grouping survey_response itself (aliased r): the
 * scope's wards, the dates, the respondents and, when given, one channel.
 */
function channelSql(scope: CountsScope, query: Omit<CountsQuery, "interval">, channel?: Channel) {
  const conditions: Prisma.Sql[] = [];
  if (!("all" in scope)) conditions.push(Prisma.sql`r.ward_id = ANY(${[...scope.wardIds]}::text[])`);
  if (query.from) conditions.push(Prisma.sql`r.submitted_on >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`r.submitted_on <= ${query.to}::date`);
  if (query.respondent !== "all") conditions.push(Prisma.sql`r.respondent = ${query.respondent === "staff" ? "STAFF" : "SERVICE_USER"}::respondent_type`);
  if (channel) conditions.push(Prisma.sql`r.source = ${SOURCE_OF_CHANNEL[channel]}::response_source`);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const [counted, yes] =
    query.measure === "speak-up"
      ? [Prisma.sql`count(*) FILTER (WHERE r.able_to_speak_up IS NOT NULL)`, Prisma.sql`count(*) FILTER (WHERE r.able_to_speak_up)`]
      : [Prisma.sql`count(*)`, Prisma.sql`count(*) FILTER (WHERE r.felt_safe)`];
  return { where, counted, yes };
}

/** One channel's counts per ward and period, as countsByWardAndPeriod gives them for every channel (nothing withheld here: the caller sums units first). */
async function channelByWardAndPeriod(scope: CountsScope, query: CountsQuery, channel: Channel): Promise<WardPeriodCounts[]> {
  if (!("all" in scope) && scope.wardIds.length === 0) return [];
  const { where, counted, yes } = channelSql(scope, query, channel);
  const rows = await withWorkMem<{ ward_id: string; start: string; responses: number; yes: number }>(Prisma.sql`
    SELECT r.ward_id, to_char(${bucketSql(query.interval)}, 'YYYY-MM-DD') AS start, ${counted}::int AS responses, ${yes}::int AS yes
    FROM survey_response r
    ${where}
    GROUP BY 1, 2
    HAVING ${counted} > 0
    ORDER BY 1, 2`);
  const byWard = new Map<string, { starts: string[]; responses: number[]; yes: number[] }>();
  for (const row of rows) {
    const ward = byWard.get(row.ward_id) ?? { starts: [], responses: [], yes: [] };
    ward.starts.push(row.start);
    ward.responses.push(Number(row.responses));
    ward.yes.push(Number(row.yes));
    byWard.set(row.ward_id, ward);
  }
  return [...byWard].map(([wardId, ward]) => ({ wardId, ...ward }));
}

async function oneChannelByPeriod(scope: CountsScope, query: CountsQuery, channel: Channel): Promise<BucketCounts[]> {
  if (!("all" in scope) && scope.wardIds.length === 0) return [];
  const { where, counted, yes } = channelSql(scope, query);
  const rows = await db().$queryRaw<{ start: string; source: string; responses: number; yes: number }[]>`
    SELECT to_char(${bucketSql(query.interval)}, 'YYYY-MM-DD') AS start, r.source::text AS source, ${counted}::int AS responses, ${yes}::int AS yes
    FROM survey_response r
    ${where}
    GROUP BY 1, 2
    ORDER BY 1`;
  const periods = new Map<string, Record<Channel, { responses: number; yes: number }>>();
  for (const row of rows) {
    const source = CHANNEL_OF_SOURCE[row.source];
    if (!source) continue;
    const period = periods.get(row.start) ?? { "own-phone": { responses: 0, yes: 0 }, "ward-tablet": { responses: 0, yes: 0 }, paper: { responses: 0, yes: 0 } };
    period[source] = { responses: Number(row.responses), yes: Number(row.yes) };
    periods.set(row.start, period);
  }
  const out: BucketCounts[] = [];
  for (const [start, period] of periods) {
    const mine = period[channel];
    if (mine.responses === 0) continue;
    const withheld = withheldChannels(
      { "own-phone": period["own-phone"].responses, "ward-tablet": period["ward-tablet"].responses, paper: period.paper.responses },
      query.minResponses,
    ).has(channel);
    out.push({ start, responses: mine.responses, yes: mine.yes, ...(withheld ? { withheld: true } : {}) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Every ward at once, for comparing wards (the QI coach's overview and funnel plot). One query for
// all wards rather than one per ward: the overview of 2,000 wards must stay one round trip.
// ---------------------------------------------------------------------------------------------------

/**
 * The rollup's WHERE conditions for the comparison queries (which read the per-ward rollups, as
 * countsByPeriod does for a list of wards), on its date column `day`; null when the scope has no
 * wards at all.
 */
function comparisonConditions(scope: CountsScope, query: { from?: string; to?: string }, day: Prisma.Sql): Prisma.Sql[] | null {
  const conditions: Prisma.Sql[] = [];
  if (!("all" in scope)) {
    if (scope.wardIds.length === 0) return null;
    conditions.push(Prisma.sql`c.ward_id = ANY(${[...scope.wardIds]}::text[])`);
  }
  if (query.from) conditions.push(Prisma.sql`${day} >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`${day} <= ${query.to}::date`);
  return conditions;
}

/**
 * Runs one aggregation with more working memory than the server's default: grouping every ward's
 * periods (hundreds of thousands of groups at national scale) would otherwise spill to disk, which
 * was measured to double its time. SET LOCAL ends with the transaction.
 */
async function withWorkMem<T>(query: Prisma.Sql): Promise<T[]> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      return tx.$queryRaw<T[]>(query);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** One ward's per-period counts (as countsByPeriod gives for that ward alone), in parallel arrays, oldest first. */
export interface WardPeriodCounts {
  readonly wardId: string;
  readonly starts: readonly string[];
  readonly responses: readonly number[];
  readonly yes: readonly number[];
}

/**
 * Per-period counts for each ward in the scope, in ONE query. Wards without a counted response are
 * absent. Each ward's series equals countsByPeriod({ wardIds: [ward] }, query), so sums of these
 * series equal the counts of a team, a trust or all wards.
 *
 * One row per ward with its periods as one "day,responses,yes;…" string (day: days since
 * 1970-01-01), put in date order here rather than by the database: an ordered aggregate sorts every
 * ward's periods, an unordered one is a plain hash aggregate (measured at national scale: 2.4 s with
 * three ordered array_aggs, under 0.5 s like this). When the rollup's rows already are the periods
 * (weeks for a weekly chart, months for a monthly one) they are read as they are.
 */
export async function countsByWardAndPeriod(scope: CountsScope, query: CountsQuery): Promise<WardPeriodCounts[]> {
  if (query.channel && query.channel !== "all") return channelByWardAndPeriod(scope, query, query.channel);
  const rollup = wardRollup(query.interval, query.from, query.to);
  const conditions = comparisonConditions(scope, query, rollup.day);
  if (!conditions) return [];
  const { responses, yes } = rollupColumns(query.measure, query.respondent);
  const exact = (rollup === WARD_ROLLUPS.week && query.interval === "week") || (rollup === WARD_ROLLUPS.month && query.interval === "month");
  const where = (extra: Prisma.Sql[]) => {
    const all = [...conditions, ...extra];
    return all.length > 0 ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
  };
  const periods = exact
    ? Prisma.sql`
      SELECT c.ward_id, ${rollup.day} AS bucket, (${responses})::int AS responses, (${yes})::int AS yes
      FROM ${rollup.table} c
      ${where([Prisma.sql`(${responses}) > 0`])}`
    : Prisma.sql`
      SELECT c.ward_id,
             ${bucketSql(query.interval, rollup.day)} AS bucket,
             sum(${responses})::int AS responses,
             sum(${yes})::int AS yes
      FROM ${rollup.table} c
      ${where([])}
      GROUP BY 1, 2
      HAVING sum(${responses}) > 0`;
  const rows = await withWorkMem<{ ward_id: string; series: string }>(Prisma.sql`
    SELECT b.ward_id, string_agg((b.bucket - DATE '1970-01-01') || ',' || b.responses || ',' || b.yes, ';') AS series
    FROM (${periods}) b
    GROUP BY b.ward_id`);
  const dates = new Map<number, string>();
  const dateOf = (day: number) => {
    let date = dates.get(day);
    if (date === undefined) {
      date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      dates.set(day, date);
    }
    return date;
  };
  return rows.map((row) => {
    const periods = row.series.split(";").map((text) => {
      const [day, n, y] = text.split(",");
      return { day: Number(day), responses: Number(n), yes: Number(y) };
    });
    periods.sort((a, b) => a.day - b.day);
    return {
      wardId: row.ward_id,
      starts: periods.map((p) => dateOf(p.day)),
      responses: periods.map((p) => p.responses),
      yes: periods.map((p) => p.yes),
    };
  });
}

/** One ward's counts over a whole date range. */
export interface WardTotals {
  readonly wardId: string;
  readonly responses: number;
  readonly yes: number;
}

/**
 * Each ward's counts over [from, to] in ONE query (for the funnel plot). Wards without a counted
 * response are absent. Same numerator and denominator as countsByPeriod.
 */
export async function totalsByWard(scope: CountsScope, query: Omit<CountsQuery, "interval" | "channel" | "minResponses">): Promise<WardTotals[]> {
  const rollup = wardRollup(null, query.from, query.to);
  const conditions = comparisonConditions(scope, query, rollup.day);
  if (!conditions) return [];
  const { responses, yes } = rollupColumns(query.measure, query.respondent);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await db().$queryRaw<{ ward_id: string; responses: number; yes: number }[]>`
    SELECT c.ward_id, sum(${responses})::int AS responses, sum(${yes})::int AS yes
    FROM ${rollup.table} c
    ${where}
    GROUP BY c.ward_id
    HAVING sum(${responses}) > 0`;
  return rows.map((row) => ({ wardId: row.ward_id, responses: Number(row.responses), yes: Number(row.yes) }));
}

/**
 * Each ward's counts over [from, to] for every channel, in ONE pass over the responses (the
 * rollups have no channel): for the funnel plot of one channel, which needs the others to know
 * what to withhold. Wards without a counted response in a channel are absent from its list.
 */
export async function totalsByWardAndChannel(scope: CountsScope, query: Omit<CountsQuery, "interval" | "channel">): Promise<Record<Channel, WardTotals[]>> {
  const out: Record<Channel, WardTotals[]> = { "own-phone": [], "ward-tablet": [], paper: [] };
  if (!("all" in scope) && scope.wardIds.length === 0) return out;
  const { where, counted, yes } = channelSql(scope, query);
  const rows = await withWorkMem<{ ward_id: string; source: string; responses: number; yes: number }>(Prisma.sql`
    SELECT r.ward_id, r.source::text AS source, ${counted}::int AS responses, ${yes}::int AS yes
    FROM survey_response r
    ${where}
    GROUP BY 1, 2
    HAVING ${counted} > 0`);
  for (const row of rows) {
    const channel = CHANNEL_OF_SOURCE[row.source];
    if (channel) out[channel].push({ wardId: row.ward_id, responses: Number(row.responses), yes: Number(row.yes) });
  }
  return out;
}

/**
 * A fingerprint of each ward's counts that changes whenever any of the ward's responses is added,
 * removed or changed: the number of its ward_week_count rows and the sum of their row versions'
 * transaction ids (xmin). The rollup triggers rewrite (or delete) the ward's row for the week of
 * every changed response in the same transaction as the change, and a rewritten row carries the new
 * transaction's id, so the sum moves (xids are unique until 2³² transactions have passed). Wards
 * without rollup rows are absent. Weeks rather than days: one pass over ~400,000 rows at national
 * scale with 2,000 groups, so callers can keep each ward's series and re-read only the wards whose
 * fingerprint moved.
 */
export async function wardCountFingerprints(scope: CountsScope): Promise<Map<string, string>> {
  const conditions = comparisonConditions(scope, {}, WARD_ROLLUPS.week.day);
  if (!conditions) return new Map();
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await db().$queryRaw<{ ward_id: string; fingerprint: string }[]>`
    SELECT c.ward_id, count(*)::text || ':' || sum((c.xmin::text)::bigint)::text AS fingerprint
    FROM ${WARD_ROLLUPS.week.table} c
    ${where}
    GROUP BY c.ward_id`;
  return new Map(rows.map((row) => [row.ward_id, row.fingerprint]));
}

/**
 * One fingerprint for all counts: changes whenever any response anywhere is added, removed or
 * changed (the triggers rewrite a row of all_wards_day_count in the same transaction as every such
 * change; see wardCountFingerprints for why the sum of xmin moves). A few thousand rows, so cheap
 * enough to ask on every request before anything more expensive.
 */
export async function countsFingerprint(): Promise<string> {
  const rows = await db().$queryRaw<{ fingerprint: string }[]>`
    SELECT count(*)::text || ':' || coalesce(sum((a.xmin::text)::bigint), 0)::text AS fingerprint
    FROM all_wards_day_count a`;
  return rows[0]?.fingerprint ?? "";
}
