// The national-scale dataset of `npm run bench:charts`: trusts, project teams, wards and years of
// survey responses, generated inside PostgreSQL (INSERT … SELECT over generate_series), so ten
// million rows never pass through Node. Used only by the benchmark.
//
// Shape, chosen to resemble a national programme rather than uniform noise:
// - ~13 wards per trust (varied), wards grouped into project teams of 1–3 wards; some wards in no team;
// - each ward has its own weekly rates of 0–20 service-user and 0–20 staff responses (most wards
//   mid-range, a few almost silent), fewer at weekends, and a week-to-week swing of ±50%;
// - some wards join late, some close (inactive), some have a pause of weeks with no responses;
// - "% felt safe" has a per-ward level, and some wards improve steadily, some step up at a change
//   they tested, some decline; staff feel a little safer than service users;
// - a share of some wards' responses are paper forms dated on the Friday they were collected;
// - rows are written in date order, as a live system receives them, so one ward's responses are
//   spread over the whole table rather than stored together.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { newWardCode } from "../../lib/survey/ward-code";
import { seededRandom } from "../../lib/db/seed";

export type DatasetOptions = {
  wards: number;
  trusts: number;
  years: number;
  /** Parallel INSERT … SELECT statements (each runs on one core). */
  workers: number;
  log: (message: string) => void;
};

export type DatasetInfo = {
  wards: number;
  trusts: number;
  teams: number;
  responses: number;
  from: string;
  to: string;
};


/** An id shaped like Prisma's cuid() default (which the client, not the database, generates). */
function cuidLike(): string {
  return `c${BigInt(`0x${randomBytes(16).toString("hex")}`).toString(36).padStart(24, "0").slice(0, 24)}`;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

type WardPlan = {
  id: string;
  trustId: string;
  teamId: string | null;
  name: string;
  code: string;
  active: boolean;
  suRate: number;
  staffRate: number;
  startDay: string;
  endDay: string;
  gapStart: string | null;
  gapEnd: string | null;
  pSafe0: number;
  trend: number;
  stepDay: string | null;
  step: number;
  pAnswer: number;
  pSpeak: number;
  paperShare: number;
};

function plan(opts: DatasetOptions, from: Date, days: number) {
  const rand = seededRandom(20261126);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const dayAt = (offset: number) => isoDate(addDays(from, Math.max(0, Math.min(days - 1, Math.round(offset)))));

  // Trust sizes vary around wards/trusts (13 for the national shape), then are nudged to sum exactly.
  const mean = opts.wards / opts.trusts;
  const sizes = Array.from({ length: opts.trusts }, () => Math.max(1, Math.round(mean * between(0.5, 1.5))));
  let excess = sizes.reduce((a, b) => a + b, 0) - opts.wards;
  for (let i = 0; excess !== 0; i = (i + 1) % sizes.length) {
    if (excess > 0 && sizes[i]! > 1) {
      sizes[i]!--;
      excess--;
    } else if (excess < 0) {
      sizes[i]!++;
      excess++;
    }
  }

  const trusts: { id: string; name: string }[] = [];
  const teams: { id: string; trustId: string; name: string; target: number | null }[] = [];
  const wards: WardPlan[] = [];
  sizes.forEach((size, t) => {
    const trust = { id: cuidLike(), name: `Bench Trust ${String(t + 1).padStart(3, "0")}` };
    trusts.push(trust);
    let w = 0;
    while (w < size) {
      // One ward in six is in no project team; the others in teams of 1–3 wards.
      const teamSize = rand() < 1 / 6 ? 0 : Math.min(size - w, 1 + Math.floor(rand() * 3));
      const team =
        teamSize > 0
          ? { id: cuidLike(), trustId: trust.id, name: `Team ${teams.length + 1}`, target: rand() < 0.7 ? 80 + Math.floor(rand() * 4) * 5 : null }
          : null;
      if (team) teams.push(team);
      for (let k = 0; k < Math.max(1, teamSize); k++, w++) {
        const silent = rand() < 0.05;
        const rate = () => (silent ? between(0, 1) : 20 * Math.pow(rand(), 0.65));
        const late = rand() < 0.3;
        const startOffset = late ? between(0, days * 0.8) : 0;
        const closes = rand() < 0.1;
        const endOffset = closes ? between(Math.min(days - 1, startOffset + 180), days - 1) : days - 1;
        const hasGap = rand() < 0.3;
        const gapStartOffset = between(startOffset, endOffset);
        const shape = rand();
        const trend = shape < 0.4 ? between(0.05, 0.25) : shape < 0.5 ? -between(0.05, 0.15) : 0;
        const stepped = shape >= 0.5 && shape < 0.65;
        wards.push({
          id: cuidLike(),
          trustId: trust.id,
          teamId: team?.id ?? null,
          name: `Bench Ward ${String(wards.length + 1).padStart(4, "0")}`,
          code: newWardCode(),
          active: !closes,
          suRate: rate(),
          staffRate: rate(),
          startDay: dayAt(startOffset),
          endDay: dayAt(endOffset),
          gapStart: hasGap ? dayAt(gapStartOffset) : null,
          gapEnd: hasGap ? dayAt(gapStartOffset + between(14, 84)) : null,
          pSafe0: between(0.55, 0.92),
          trend,
          stepDay: stepped ? dayAt(between(startOffset, endOffset)) : null,
          step: stepped ? between(0.05, 0.2) : 0,
          pAnswer: between(0.5, 0.9),
          pSpeak: between(0.6, 0.9),
          paperShare: rand() < 0.4 ? between(0, 0.6) : 0,
        });
      }
    }
  });
  return { trusts, teams, wards };
}

type SavedDefinitions = { constraints: { name: string; def: string }[]; indexes: string[] };

/**
 * Indexes and constraints of survey_response, taken off before the load and put back after it:
 * building an index once over sorted data is far cheaper than updating it ten million times.
 * Their definitions are read from the catalogue, so whatever the migrations define is restored.
 */
async function dropResponseIndexes(client: pg.Client): Promise<SavedDefinitions> {
  const { rows: constraints } = await client.query<{ name: string; def: string; type: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype AS type
       FROM pg_constraint WHERE conrelid = 'survey_response'::regclass AND contype IN ('p', 'u', 'f')
      ORDER BY contype = 'f' DESC`,
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = 'survey_response'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.conrelid = x.indrelid)`,
  );
  for (const c of constraints) await client.query(`ALTER TABLE survey_response DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
  return { constraints: constraints.map(({ name, def }) => ({ name, def })).reverse(), indexes: indexes.map((i) => i.def) };
}

async function restoreResponseIndexes(client: pg.Client, saved: SavedDefinitions, log: (m: string) => void) {
  // Primary and unique keys first (the foreign keys were listed last after the reverse).
  for (const c of saved.constraints) {
    const started = performance.now();
    await client.query(`ALTER TABLE survey_response ADD CONSTRAINT "${c.name}" ${c.def}`);
    log(`    ${c.name} ${seconds(started)}`);
  }
  for (const def of saved.indexes) {
    const started = performance.now();
    await client.query(def);
    log(`    ${/INDEX (\S+)/.exec(def)?.[1] ?? def} ${seconds(started)}`);
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Session settings for bulk loading: nothing here changes the server or other sessions. */
async function bulkSession(client: pg.Client) {
  await client.query("SET synchronous_commit = off");
  await client.query("SET maintenance_work_mem = '1GB'");
  await client.query("SET max_parallel_maintenance_workers = 2");
  await client.query("SET work_mem = '64MB'");
}

// One statement per chunk of days. Counts per ward, day and respondent type are drawn as
// floor(λ + U), whose mean is exactly λ; the week factor (0.5–1.5, a hash of ward and week) gives
// weekly totals the swing real wards show. random() is seeded per chunk, so runs are repeatable.
const GENERATE_SQL = `
WITH days AS (
  SELECT d::date AS day,
         CASE WHEN extract(isodow FROM d) >= 6 THEN 0.6 ELSE 1.16 END AS dow,
         d::date - extract(isodow FROM d)::int + 1 AS monday
    FROM generate_series($1::date, $2::date, interval '1 day') AS d
), cells AS (
  SELECT p.*, days.day, r.respondent,
         greatest(0.02, least(0.99,
           p.p_safe0 + r.safe_offset
           + p.trend * (days.day - p.start_day) / greatest(1, p.end_day - p.start_day)
           + CASE WHEN days.day >= p.step_day THEN p.step ELSE 0 END)) AS p_safe,
         floor(r.rate / 7.0 * days.dow * (0.5 + (abs(hashtext(p.ward_id || days.monday)) % 1000) / 1000.0) + random())::int AS n
    FROM days
    JOIN bench_ward_plan p
      ON days.day BETWEEN p.start_day AND p.end_day
     AND (p.gap_start IS NULL OR days.day < p.gap_start OR days.day >= p.gap_end)
   CROSS JOIN LATERAL (VALUES ('SERVICE_USER'::respondent_type, p.su_rate, 0.0),
                              ('STAFF'::respondent_type, p.staff_rate, 0.05)) AS r(respondent, rate, safe_offset)
)
INSERT INTO survey_response (id, ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, submission_key)
SELECT gen_random_uuid(), c.ward_id, c.respondent,
       random() < c.p_safe,
       CASE WHEN random() < c.p_answer THEN random() < c.p_speak END,
       CASE WHEN g.paper THEN 'PAPER' ELSE 'ONLINE' END::response_source,
       CASE WHEN g.paper THEN least(c.day - extract(isodow FROM c.day)::int + 5, $3::date) ELSE c.day END,
       CASE WHEN g.paper THEN NULL ELSE gen_random_uuid() END
  FROM cells c
 CROSS JOIN LATERAL (SELECT random() < c.paper_share AS paper FROM generate_series(1, c.n)) AS g
 ORDER BY c.day`;

export async function generateDataset(databaseUrl: string, opts: DatasetOptions): Promise<DatasetInfo> {
  const { log } = opts;
  const today = new Date(`${isoDate(new Date())}T00:00:00Z`);
  const to = addDays(today, -1);
  const from = new Date(Date.UTC(to.getUTCFullYear() - opts.years, to.getUTCMonth(), to.getUTCDate() + 1));
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000) + 1;
  const { trusts, teams, wards } = plan(opts, from, days);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await bulkSession(client);
    let started = performance.now();
    await client.query(`INSERT INTO trust (id, name, updated_at) SELECT *, now() FROM unnest($1::text[], $2::text[])`, [
      trusts.map((t) => t.id),
      trusts.map((t) => t.name),
    ]);
    await client.query(
      `INSERT INTO project_team (id, trust_id, name, target_percent, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
      [teams.map((t) => t.id), teams.map((t) => t.trustId), teams.map((t) => t.name), teams.map((t) => t.target)],
    );
    const col = <K extends keyof WardPlan>(key: K) => wards.map((w) => w[key]);
    await client.query(
      `INSERT INTO ward (id, trust_id, team_id, name, survey_code, active, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])`,
      [col("id"), col("trustId"), col("teamId"), col("name"), col("code"), col("active")],
    );
    await client.query(`
      CREATE UNLOGGED TABLE bench_ward_plan (
        ward_id text PRIMARY KEY, su_rate float8, staff_rate float8, start_day date, end_day date,
        gap_start date, gap_end date, p_safe0 float8, trend float8, step_day date, step float8,
        p_answer float8, p_speak float8, paper_share float8)`);
    await client.query(
      `INSERT INTO bench_ward_plan
       SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::date[], $5::date[], $6::date[], $7::date[],
                            $8::float8[], $9::float8[], $10::date[], $11::float8[], $12::float8[], $13::float8[], $14::float8[])`,
      [
        col("id"), col("suRate"), col("staffRate"), col("startDay"), col("endDay"), col("gapStart"), col("gapEnd"),
        col("pSafe0"), col("trend"), col("stepDay"), col("step"), col("pAnswer"), col("pSpeak"), col("paperShare"),
      ],
    );
    await client.query("ANALYZE trust, project_team, ward, bench_ward_plan");
    log(`  ${trusts.length} trusts, ${teams.length} project teams, ${wards.length} wards (${seconds(started)})`);

    started = performance.now();
    // survey_response's triggers stay on: they keep the chart rollups, and being statement-level
    // they add up each chunk's rows in one pass, so the load exercises the same path as an import.
    const saved = await dropResponseIndexes(client);

    // Chunks of ~3 months, handed out to `workers` connections in date order.
    const chunks: [string, string][] = [];
    for (let d = 0; d < days; d += 91) chunks.push([isoDate(addDays(from, d)), isoDate(addDays(from, Math.min(days - 1, d + 90)))]);
    let next = 0;
    let inserted = 0;
    const worker = async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        await bulkSession(c);
        for (let i = next++; i < chunks.length; i = next++) {
          const [a, b] = chunks[i]!;
          await c.query("SELECT setseed($1)", [((i + 1) % 1000) / 1000]);
          const result = await c.query(GENERATE_SQL, [a, b, isoDate(to)]);
          inserted += result.rowCount ?? 0;
          log(`  ${a} … ${b}: ${(result.rowCount ?? 0).toLocaleString("en-GB")} responses (total ${inserted.toLocaleString("en-GB")}, ${seconds(started)})`);
        }
      } finally {
        await c.end();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, worker));
    log(`  loaded ${inserted.toLocaleString("en-GB")} responses in ${seconds(started)}`);

    started = performance.now();
    log("  rebuilding survey_response's keys and indexes:");
    await restoreResponseIndexes(client, saved, log);
    await client.query("DROP TABLE bench_ward_plan");
    log(`  indexes and keys in ${seconds(started)}`);
    started = performance.now();
    // VACUUM as well as ANALYZE: it sets the visibility map (index-only scans depend on it) and the
    // hint bits, which the first queries would otherwise write, as a long-running system's would be.
    await client.query("VACUUM (ANALYZE)");
    log(`  VACUUM (ANALYZE) in ${seconds(started)}`);
    return { wards: wards.length, trusts: trusts.length, teams: teams.length, responses: inserted, from: isoDate(from), to: isoDate(to) };
  } finally {
    await client.end();
  }
}
