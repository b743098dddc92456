import { Prisma } from "@/generated/prisma/client";
import type { Interval } from "@/lib/analytics/periods";
import { FORTNIGHT_ANCHOR } from "@/lib/analytics/periods";
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
}

/** One period that has at least one response counted by the measure. Periods without any are absent. */
export interface BucketCounts {
  /** First day of the period, "YYYY-MM-DD" (ISO week Monday, fortnight start, or the 1st of the month). */
  readonly start: string;
  /** The denominator: all responses (felt safe), or responses that answered question 3 (speak up). */
  readonly responses: number;
  /** The numerator: Yes to question 2 (felt safe) or to question 3 (speak up). */
  readonly yes: number;
}

const RESPONDENT_SQL: Record<Exclude<RespondentFilter, "all">, string> = {
  "service-user": "SERVICE_USER",
  staff: "STAFF",
};

/**
 * The period start for a response date, in SQL. Must agree with periodStart() in
 * lib/analytics/periods.ts (the unit tests of that file are the definition):
 * - week: ISO week, Monday start (date_trunc on a timestamp without time zone, so no session time
 *   zone can move the day);
 * - fortnight: whole 14-day steps from the fixed anchor Monday 2000-01-03; floor() rather than
 *   integer division, which truncates towards zero and would be wrong before the anchor;
 * - month: the calendar month.
 */
function bucketSql(interval: Interval): Prisma.Sql {
  switch (interval) {
    case "week":
      return Prisma.sql`date_trunc('week', r.submitted_on::timestamp)::date`;
    case "month":
      return Prisma.sql`date_trunc('month', r.submitted_on::timestamp)::date`;
    case "fortnight":
      return Prisma.sql`(${FORTNIGHT_ANCHOR}::date + (floor((r.submitted_on - ${FORTNIGHT_ANCHOR}::date) / 14.0) * 14)::int)`;
  }
}

/**
 * Per-period counts for the given wards, oldest first. Only periods with at least one counted
 * response are returned; the caller fills the gaps (lib/analytics enumeratePeriods) so that empty
 * periods show as gaps on the chart.
 *
 * Felt safe: denominator every response, numerator Yes to question 2.
 * Speak up: denominator the responses that answered question 3 (it may be left blank), numerator Yes.
 */
export async function countsByPeriod(scope: CountsScope, query: CountsQuery): Promise<BucketCounts[]> {
  const conditions: Prisma.Sql[] = [];
  if (!("all" in scope)) {
    if (scope.wardIds.length === 0) return [];
    conditions.push(Prisma.sql`r.ward_id = ANY(${[...scope.wardIds]}::text[])`);
  }
  if (query.respondent !== "all") {
    conditions.push(Prisma.sql`r.respondent = ${RESPONDENT_SQL[query.respondent]}::respondent_type`);
  }
  if (query.measure === "speak-up") conditions.push(Prisma.sql`r.able_to_speak_up IS NOT NULL`);
  if (query.from) conditions.push(Prisma.sql`r.submitted_on >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`r.submitted_on <= ${query.to}::date`);

  const yes = query.measure === "speak-up" ? Prisma.sql`r.able_to_speak_up` : Prisma.sql`r.felt_safe`;
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

  const rows = await db().$queryRaw<{ start: string; responses: number; yes: number }[]>`
    SELECT to_char(b.bucket, 'YYYY-MM-DD') AS start, b.responses, b.yes
    FROM (
      SELECT ${bucketSql(query.interval)} AS bucket,
             count(*)::int AS responses,
             count(*) FILTER (WHERE ${yes})::int AS yes
      FROM survey_response r
      ${where}
      GROUP BY 1
    ) b
    ORDER BY b.bucket`;
  return rows.map((row) => ({ start: row.start, responses: Number(row.responses), yes: Number(row.yes) }));
}
