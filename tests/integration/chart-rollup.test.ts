import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { FORTNIGHT_ANCHOR, type Interval } from "@/lib/analytics/periods";
import type { Actor } from "@/lib/auth/roles";
import type { BucketCounts, CountsQuery, CountsScope } from "@/lib/charts/counts";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser } from "../helpers/auth";
import { freshDatabase, withPg } from "../../scripts/support/db";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// The chart rollups (ward_day_count, ward_week_count, ward_month_count, all_wards_day_count; migration
// 20261126030000_chart_rollup) are kept by triggers on survey_response. Whatever writes responses
// (the survey API, paper batches, CSV imports, COPY, deletions, concurrent writers), the rollups
// must equal a GROUP BY over survey_response itself, and lib/charts/counts.ts, which reads them,
// must answer exactly what grouping the responses would. A database of its own, because the last
// test truncates survey_response.

const database = await freshDatabase();
process.env.DATABASE_URL = database.url;
const { countsByPeriod, countsByWardAndPeriod, totalsByWard } = await import("@/lib/charts/counts");
const paper = await import("@/lib/paper/service");
const { importResponses } = await import("@/lib/import/service");

let prisma: PrismaClient;
let app: AppServer;
let admin: Actor;
const wards: { id: string; code: string }[] = [];

beforeAll(async () => {
  prisma = testPrisma(database.url);
  for (let i = 0; i < 3; i++) {
    const { ward } = await createWard(prisma, { withTeam: true });
    // Set up long ago, so paper batches may be dated in the past.
    await prisma.ward.update({ where: { id: ward.id }, data: { createdAt: new Date("2024-01-01T09:00:00Z") } });
    wards.push({ id: ward.id, code: ward.surveyCode });
  }
  const user = await createUser(prisma, { role: "ADMIN" });
  admin = { id: user.id, email: user.email, name: user.name, role: "ADMIN", teamIds: [] };
  app = await startAppServer({ databaseUrl: database.url, env: { SURVEY_RATE_LIMIT: "100000" } });
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
  await database.cleanup();
});

// ---- the comparison ------------------------------------------------------------------------------

const COUNTS = `
  count(*) FILTER (WHERE respondent = 'SERVICE_USER')::int AS su_n,
  count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND felt_safe)::int AS su_safe,
  count(able_to_speak_up) FILTER (WHERE respondent = 'SERVICE_USER')::int AS su_answered,
  count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND able_to_speak_up)::int AS su_speak,
  count(*) FILTER (WHERE respondent = 'STAFF')::int AS st_n,
  count(*) FILTER (WHERE respondent = 'STAFF' AND felt_safe)::int AS st_safe,
  count(able_to_speak_up) FILTER (WHERE respondent = 'STAFF')::int AS st_answered,
  count(*) FILTER (WHERE respondent = 'STAFF' AND able_to_speak_up)::int AS st_speak`;
const ROLLUP = `
  service_user_responses AS su_n, service_user_felt_safe_yes AS su_safe,
  service_user_speak_up_answered AS su_answered, service_user_speak_up_yes AS su_speak,
  staff_responses AS st_n, staff_felt_safe_yes AS st_safe, staff_speak_up_answered AS st_answered, staff_speak_up_yes AS st_speak`;
const SUMMED = ROLLUP.replace(/(\w+) AS (\w+)/g, "sum($1)::int AS $2");

type Snapshot = { perWard: unknown[]; perWeek: unknown[]; perMonth: unknown[]; perDay: unknown[]; responses: number };

/** Both rollups next to the same figures grouped from survey_response, read in one snapshot. */
async function snapshot(): Promise<{ expected: Snapshot; rollup: Snapshot }> {
  return withPg(database.url, async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    try {
      const q = async (sql: string) => (await client.query(sql)).rows;
      const responses = Number((await q("SELECT count(*)::int AS n FROM survey_response"))[0].n);
      const expected = {
        perWard: await q(`SELECT ward_id, to_char(submitted_on, 'YYYY-MM-DD') AS day, ${COUNTS} FROM survey_response GROUP BY 1, 2 ORDER BY 1, 2`),
        perWeek: await q(
          `SELECT ward_id, to_char(date_trunc('week', submitted_on::timestamp), 'YYYY-MM-DD') AS week, ${COUNTS} FROM survey_response GROUP BY 1, 2 ORDER BY 1, 2`,
        ),
        perMonth: await q(
          `SELECT ward_id, to_char(date_trunc('month', submitted_on::timestamp), 'YYYY-MM-DD') AS month, ${COUNTS} FROM survey_response GROUP BY 1, 2 ORDER BY 1, 2`,
        ),
        perDay: await q(`SELECT to_char(submitted_on, 'YYYY-MM-DD') AS day, ${COUNTS} FROM survey_response GROUP BY 1 ORDER BY 1`),
        responses,
      };
      // Every per-ward row must be a real one (no zero rows left behind); all_wards_day_count's
      // slots only mean something added up, so days whose slots cancel out are left out.
      const perDay = await q(`SELECT to_char(day, 'YYYY-MM-DD') AS day, ${SUMMED} FROM all_wards_day_count GROUP BY 1 ORDER BY 1`);
      const rollup = {
        perWard: await q(`SELECT ward_id, to_char(day, 'YYYY-MM-DD') AS day, ${ROLLUP} FROM ward_day_count ORDER BY 1, 2`),
        perWeek: await q(`SELECT ward_id, to_char(week, 'YYYY-MM-DD') AS week, ${ROLLUP} FROM ward_week_count ORDER BY 1, 2`),
        perMonth: await q(`SELECT ward_id, to_char(month, 'YYYY-MM-DD') AS month, ${ROLLUP} FROM ward_month_count ORDER BY 1, 2`),
        perDay: perDay.filter((row) => Object.entries(row).some(([key, value]) => key !== "day" && value !== 0)),
        responses: Number((await q("SELECT coalesce(sum(staff_responses + service_user_responses), 0)::int AS n FROM ward_day_count"))[0].n),
      };
      return { expected, rollup };
    } finally {
      await client.query("COMMIT");
    }
  });
}

async function expectRollupsMatch(): Promise<number> {
  const { expected, rollup } = await snapshot();
  expect(rollup.perWard).toEqual(expected.perWard);
  expect(rollup.perWeek).toEqual(expected.perWeek);
  expect(rollup.perMonth).toEqual(expected.perMonth);
  expect(rollup.perDay).toEqual(expected.perDay);
  expect(rollup.responses).toBe(expected.responses);
  return expected.responses;
}

async function wardDayRow(wardId: string, day: string) {
  return withPg(database.url, async (client) => {
    const { rows } = await client.query(`SELECT ${ROLLUP} FROM ward_day_count WHERE ward_id = $1 AND day = $2::date`, [wardId, day]);
    return rows[0] ?? null;
  });
}

async function postResponse(body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

/** COPY … FROM STDIN with node-postgres alone: the query object answers the server's CopyInResponse. */
class CopyFromText extends pg.Query {
  constructor(
    sql: string,
    // Not "text": node-postgres keeps the SQL in this.text.
    private readonly data: string,
    callback: (error: Error | undefined) => void,
  ) {
    super(sql, callback);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }) {
    connection.sendCopyFromChunk(Buffer.from(this.data));
    connection.endCopyFrom();
  }
}

// ---- the writers -----------------------------------------------------------------------------------

describe("the chart rollups equal a GROUP BY over survey_response", () => {
  it("after online responses through the survey API, a retried submission counted once", async () => {
    const key = randomUUID();
    const answers = [
      { ward: wards[0]!.code, respondent: "service_user", feltSafe: true, ableToSpeakUp: true, submissionKey: key },
      { ward: wards[0]!.code, respondent: "service_user", feltSafe: false, ableToSpeakUp: null },
      { ward: wards[0]!.code, respondent: "staff", feltSafe: true, ableToSpeakUp: false },
      { ward: wards[1]!.code, respondent: "staff", feltSafe: false, ableToSpeakUp: true },
      { ward: wards[1]!.code, respondent: "service_user", feltSafe: true, ableToSpeakUp: null },
    ];
    for (const answer of answers) expect(await postResponse(answer)).toBe(201);
    expect(await postResponse(answers[0]!)).toBe(200); // the same submission key again: a duplicate

    expect(await expectRollupsMatch()).toBe(5);
    const { rows } = await withPg(database.url, (c) =>
      c.query<{ day: string }>("SELECT DISTINCT to_char(submitted_on, 'YYYY-MM-DD') AS day FROM survey_response"),
    );
    expect(await wardDayRow(wards[0]!.id, rows[0]!.day)).toEqual({
      su_n: 2, su_safe: 1, su_answered: 1, su_speak: 1, st_n: 1, st_safe: 1, st_answered: 1, st_speak: 0,
    });
  });

  it("after one multi-row INSERT, and an INSERT … ON CONFLICT DO NOTHING that stores only some of its rows", async () => {
    const keys = [randomUUID(), randomUUID()];
    const before = await expectRollupsMatch();
    await withPg(database.url, async (client) => {
      await client.query(
        `INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, submission_key) VALUES
          ($1, 'STAFF', true, NULL, 'ONLINE', '2025-06-02', $3), ($1, 'STAFF', false, true, 'ONLINE', '2025-06-02', $4),
          ($1, 'SERVICE_USER', true, false, 'ONLINE', '2025-06-03', NULL), ($2, 'SERVICE_USER', false, NULL, 'ONLINE', '2025-06-02', NULL),
          ($2, 'STAFF', true, true, 'ONLINE', '2025-07-14', NULL), ($2, 'STAFF', true, true, 'ONLINE', '2025-07-14', NULL)`,
        [wards[0]!.id, wards[1]!.id, keys[0], keys[1]],
      );
      const second = await client.query(
        `INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, submission_key) VALUES
          ($1, 'STAFF', true, NULL, 'ONLINE', '2025-06-02', $2), ($1, 'STAFF', true, true, 'ONLINE', '2025-06-02', $3)
         ON CONFLICT (submission_key) DO NOTHING`,
        [wards[0]!.id, keys[0], randomUUID()],
      );
      expect(second.rowCount).toBe(1);
    });
    expect(await expectRollupsMatch()).toBe(before + 7);
    expect(await wardDayRow(wards[0]!.id, "2025-06-02")).toMatchObject({ st_n: 3, st_safe: 2, st_answered: 2, st_speak: 2, su_n: 0 });
  });

  it("after entering a paper batch (one multi-row INSERT) and after deleting it, which deletes its responses", async () => {
    const before = await expectRollupsMatch();
    const now = new Date("2026-03-10T12:00:00Z");
    const batch = await paper.createPaperBatch(
      admin,
      wards[2]!.id,
      { collectedOn: "2026-03-02", "count-service_user-yes-yes": "4", "count-service_user-no-blank": "1", "count-staff-yes-no": "2" },
      now,
    );
    expect(await expectRollupsMatch()).toBe(before + 7);
    expect(await wardDayRow(wards[2]!.id, "2026-03-02")).toEqual({
      su_n: 5, su_safe: 4, su_answered: 4, su_speak: 4, st_n: 2, st_safe: 2, st_answered: 2, st_speak: 0,
    });

    expect(await paper.deletePaperBatch(admin, batch.id, now)).toMatchObject({ responses: 7 });
    expect(await expectRollupsMatch()).toBe(before);
    // The batch was that ward's only data for the day, so no row is left behind.
    expect(await wardDayRow(wards[2]!.id, "2026-03-02")).toBeNull();
  });

  it("after a CSV import (batched INSERT … SELECT in one transaction) and after the import is deleted (cascade)", async () => {
    const before = await expectRollupsMatch();
    const file = [
      "ward_code,date,respondent,felt_safe,able_to_speak_up,count",
      `${wards[0]!.code},2025-05-05,service_user,yes,yes,3`,
      `${wards[0]!.code},2025-05-06,staff,no,,2`,
      `${wards[1]!.code},2025-05-05,staff,yes,no,4`,
      `${wards[2]!.code},2026-03-02,service_user,no,no,1`,
    ].join("\n");
    const outcome = await importResponses(
      admin,
      () => (async function* () { yield new TextEncoder().encode(`${file}\n`); })(),
      { fileName: "rollup-test.csv" },
    );
    expect(outcome.status).toBe("imported");
    expect(await expectRollupsMatch()).toBe(before + 10);

    await prisma.csvImport.delete({ where: { id: (outcome as { importId: string }).importId } });
    expect(await expectRollupsMatch()).toBe(before);
  });

  it("after COPY … FROM STDIN", async () => {
    const before = await expectRollupsMatch();
    const lines = [
      `${wards[1]!.id}\tSERVICE_USER\tt\t\\N\tPAPER\t2025-08-01`,
      `${wards[1]!.id}\tSERVICE_USER\tf\tt\tPAPER\t2025-08-01`,
      `${wards[2]!.id}\tSTAFF\tt\tf\tPAPER\t2025-08-04`,
    ];
    const copied = await withPg(
      database.url,
      (client) =>
        new Promise<void>((resolve, reject) => {
          client.query(
            new CopyFromText(
              "COPY survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on) FROM STDIN",
              `${lines.join("\n")}\n`,
              (error) => (error ? reject(error) : resolve()),
            ),
          );
        }),
    );
    expect(copied).toBeUndefined();
    expect(await expectRollupsMatch()).toBe(before + 3);
    expect(await wardDayRow(wards[1]!.id, "2025-08-01")).toMatchObject({ su_n: 2, su_safe: 1, su_answered: 1, su_speak: 1 });
  });

  it("after an UPDATE that moves responses to another ward and day", async () => {
    const before = await expectRollupsMatch();
    const moved = await withPg(database.url, (client) =>
      client.query("UPDATE survey_response SET ward_id = $1, submitted_on = '2025-09-09' WHERE ward_id = $2 AND submitted_on = '2025-08-01'", [
        wards[0]!.id,
        wards[1]!.id,
      ]),
    );
    expect(moved.rowCount).toBe(2);
    expect(await expectRollupsMatch()).toBe(before);
    expect(await wardDayRow(wards[1]!.id, "2025-08-01")).toBeNull();
    expect(await wardDayRow(wards[0]!.id, "2025-09-09")).toMatchObject({ su_n: 2 });
  });

  it("after 200 concurrent inserting transactions on the same wards and days, none failing or lost", async () => {
    const before = await expectRollupsMatch();
    const pool = new pg.Pool({ connectionString: database.url, max: 40 });
    try {
      let inserted = 0;
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, async (_, i) => {
          const ward = wards[i % 2]!.id;
          const respondent = i % 3 === 0 ? "STAFF" : "SERVICE_USER";
          if (i % 4 === 0) {
            // Every fourth one writes three rows over two wards and two days in one statement.
            const r = await pool.query(
              `INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, submitted_on) VALUES
                 ($1, $3, true, NULL, '2026-04-01'), ($2, $3, false, true, '2026-04-01'), ($1, $3, true, true, '2026-04-02')`,
              [wards[0]!.id, wards[1]!.id, respondent],
            );
            inserted += r.rowCount ?? 0;
          } else {
            const r = await pool.query(
              `INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, submitted_on, submission_key)
               VALUES ($1, $2, $3, $4, '2026-04-01', $5) ON CONFLICT (submission_key) DO NOTHING`,
              [ward, respondent, i % 5 !== 0, i % 7 === 0 ? null : i % 2 === 0, randomUUID()],
            );
            inserted += r.rowCount ?? 0;
          }
        }),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(inserted).toBe(150 + 50 * 3);
    } finally {
      await pool.end();
    }
    expect(await expectRollupsMatch()).toBe(before + 300);
  });
});

// ---- what the charts read ----------------------------------------------------------------------------

/** The definition: countsByPeriod as grouping survey_response directly (its SQL before the rollups). */
async function grouped(scope: CountsScope, query: CountsQuery): Promise<BucketCounts[]> {
  if ("wardIds" in scope && scope.wardIds.length === 0) return [];
  const bucket: Record<Interval, string> = {
    week: "date_trunc('week', submitted_on::timestamp)::date",
    month: "date_trunc('month', submitted_on::timestamp)::date",
    fortnight: `('${FORTNIGHT_ANCHOR}'::date + (floor((submitted_on - '${FORTNIGHT_ANCHOR}'::date) / 14.0) * 14)::int)`,
  };
  const conditions: string[] = [];
  const params: unknown[] = [];
  if ("wardIds" in scope) conditions.push(`ward_id = ANY($${params.push(scope.wardIds)}::text[])`);
  if (query.respondent !== "all") conditions.push(`respondent = '${query.respondent === "staff" ? "STAFF" : "SERVICE_USER"}'`);
  if (query.measure === "speak-up") conditions.push("able_to_speak_up IS NOT NULL");
  if (query.from) conditions.push(`submitted_on >= $${params.push(query.from)}::date`);
  if (query.to) conditions.push(`submitted_on <= $${params.push(query.to)}::date`);
  const yes = query.measure === "speak-up" ? "able_to_speak_up" : "felt_safe";
  const { rows } = await withPg(database.url, (client) =>
    client.query<BucketCounts>(
      `SELECT to_char(b, 'YYYY-MM-DD') AS start, n AS responses, y AS yes FROM (
         SELECT ${bucket[query.interval]} AS b, count(*)::int AS n, count(*) FILTER (WHERE ${yes})::int AS y
           FROM survey_response ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""} GROUP BY 1) g ORDER BY b`,
      params,
    ),
  );
  return rows;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Whole months, whole weeks (Monday to Sunday), and ranges that cut both: each rollup table is read.
const RANGES: { from?: string; to?: string }[] = [
  {},
  { from: "2025-02-01", to: "2025-09-30" },
  { from: "2025-03-03", to: "2025-10-26" },
  { from: "2025-02-13", to: "2025-11-19" },
  { to: "2025-08-15" },
];

describe("countsByPeriod and the comparison queries reading the rollups", () => {
  beforeAll(async () => {
    // Fifteen months of uneven data on the three wards, with a month-long gap on one of them, then
    // a tenth of it deleted on other connections (so all_wards_day_count has rows in several slots,
    // some negative).
    const rand = prng(4242);
    const rows: [string, string, boolean, boolean | null, string][] = [];
    for (let d = 0; d < 456; d++) {
      const day = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      for (const [w, ward] of wards.entries()) {
        if (w === 1 && day >= "2025-08-01" && day < "2025-09-01") continue;
        const n = Math.floor(rand() * (w + 2));
        for (let i = 0; i < n; i++) {
          const answered = rand() < 0.7;
          rows.push([ward.id, rand() < 0.5 ? "STAFF" : "SERVICE_USER", rand() < 0.8, answered ? rand() < 0.75 : null, day]);
        }
      }
    }
    await withPg(database.url, (client) =>
      client.query(
        `INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, submitted_on)
         SELECT * FROM unnest($1::text[], $2::respondent_type[], $3::boolean[], $4::boolean[], $5::date[])`,
        [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4])],
      ),
    );
    for (let k = 0; k < 4; k++) {
      await withPg(database.url, (client) => client.query("DELETE FROM survey_response WHERE id IN (SELECT id FROM survey_response ORDER BY id LIMIT 40 OFFSET $1)", [k * 200]));
    }
    // A day whose only responses were stored on one connection and all deleted on another.
    await withPg(database.url, (client) =>
      client.query(`INSERT INTO survey_response (ward_id, respondent, felt_safe, submitted_on) VALUES ($1, 'STAFF', true, '2024-06-05'), ($1, 'STAFF', false, '2024-06-05')`, [wards[0]!.id]),
    );
    await withPg(database.url, (client) => client.query("DELETE FROM survey_response WHERE submitted_on = '2024-06-05'"));
    await expectRollupsMatch();
  });

  it("answers exactly as grouping the responses would, for every measure, respondent filter, interval, scope and range", async () => {
    const scopes: CountsScope[] = [{ wardIds: [wards[0]!.id] }, { wardIds: [wards[1]!.id, wards[2]!.id] }, { all: true }, { wardIds: [] }];
    const ranges = RANGES;
    let compared = 0;
    for (const scope of scopes) {
      for (const measure of ["felt-safe", "speak-up"] as const) {
        for (const respondent of ["all", "service-user", "staff"] as const) {
          for (const interval of ["week", "fortnight", "month"] as const) {
            for (const range of ranges) {
              const query: CountsQuery = { measure, respondent, interval, ...range };
              const expected = await grouped(scope, query);
              expect(await countsByPeriod(scope, query), JSON.stringify({ scope, query })).toEqual(expected);
              compared += expected.length;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("gives each ward's series (countsByWardAndPeriod) and totals (totalsByWard) as grouping that ward's responses would", async () => {
    let compared = 0;
    for (const measure of ["felt-safe", "speak-up"] as const) {
      for (const respondent of ["all", "service-user", "staff"] as const) {
        for (const range of RANGES) {
          for (const interval of ["week", "fortnight", "month"] as const) {
            const series = await countsByWardAndPeriod({ all: true }, { measure, respondent, interval, ...range });
            for (const ward of wards) {
              const expected = await grouped({ wardIds: [ward.id] }, { measure, respondent, interval, ...range });
              const got = series.find((s) => s.wardId === ward.id);
              const buckets = got ? got.starts.map((start, i) => ({ start, responses: got.responses[i], yes: got.yes[i] })) : [];
              expect(buckets, JSON.stringify({ ward: ward.id, measure, respondent, interval, range })).toEqual(expected);
              compared += expected.length;
            }
          }
          const totals = await totalsByWard({ wardIds: wards.map((w) => w.id) }, { measure, respondent, ...range });
          for (const ward of wards) {
            const perMonth = await grouped({ wardIds: [ward.id] }, { measure, respondent, interval: "month", ...range });
            const expected = perMonth.length === 0 ? undefined : {
              wardId: ward.id,
              responses: perMonth.reduce((n, b) => n + b.responses, 0),
              yes: perMonth.reduce((n, b) => n + b.yes, 0),
            };
            expect(totals.find((t) => t.wardId === ward.id), JSON.stringify({ ward: ward.id, measure, respondent, range })).toEqual(expected);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("leaves out a day whose responses were all deleted on another connection than the one that stored them", async () => {
    const slots = await withPg(database.url, (client) =>
      client.query<{ slot: number }>("SELECT slot FROM all_wards_day_count WHERE day = '2024-06-05'"),
    );
    // Stored and deleted on different connections: unless their pids share a slot, two rows cancel out.
    expect([0, 2]).toContain(slots.rows.length);
    const query: CountsQuery = { measure: "felt-safe", respondent: "all", interval: "week" };
    const buckets = await countsByPeriod({ all: true }, query);
    expect(buckets.find((b) => b.start === "2024-06-03")).toBeUndefined();
    expect(buckets[0]).toEqual((await grouped({ all: true }, query))[0]);
    expect(buckets[0]!.start > "2024-06-03").toBe(true);
  });
});

describe("TRUNCATE survey_response", () => {
  it("empties the rollups too", async () => {
    await withPg(database.url, (client) => client.query("TRUNCATE survey_response"));
    expect(await expectRollupsMatch()).toBe(0);
    const left = await withPg(database.url, (client) =>
      client.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM ward_day_count) + (SELECT count(*) FROM ward_week_count)
              + (SELECT count(*) FROM ward_month_count) + (SELECT count(*) FROM all_wards_day_count) AS n`,
      ),
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});
