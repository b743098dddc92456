// npm run bench:charts [-- --requests 50 --warmup 5 --explain --only "run chart" --keep | --reuse <database> --rebuild]
//
// Chart reads at national scale: generates 2,000 wards in 150 trusts with 5 years of responses
// (about 10 million rows, scripts/bench/charts-dataset.ts) into a throwaway database on the real
// PostgreSQL (127.0.0.1:5432, as the integration tests use), starts the production build
// (`next start`), and times each target's API over real HTTP with an API token: N sequential
// requests after a warm-up, a different ward, team or trust each time. Prints p50/p95/max per
// target against its goal: run chart p95 under 100 ms for a ward and a team, under 500 ms for
// `all`, and under 1 s for the overview and the comparison (funnel plot) of all 2,000 wards.
//
// Generation takes minutes, so `--keep` keeps the database and prints its name, and
// `--reuse <database>` runs against a kept one (pending migrations are applied to it first, exactly
// as a deployment would, which is how a schema change is measured on the same data).
// `--explain` prints EXPLAIN (ANALYZE, BUFFERS) for the SQL that lib/charts/counts.ts runs for each
// run-chart scope, captured from the code itself rather than copied here.
// Smaller datasets for trying the script: --wards 200 --trusts 15 --years 2.
//
// It prints figures; it is not a test. It exits non-zero when the run itself fails (an answer other
// than 200, a dataset that does not add up), never for being slow: timings depend on the machine.
// To add a target (another API over the same data), add an entry to TARGETS below.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { API_TOKEN_PREFIX, newSecret, secretHash } from "../../lib/auth/secrets";
import type { CountsScope } from "../../lib/charts/counts";
import { createDatabase, databaseUrlFor, dropDatabase, migrate, withPg } from "../../lib/db/migrate";
import { startAppServer, type AppServer } from "../support/app-server";
import { generateDataset } from "./charts-dataset";
import { env } from "@/lib/env";
import { cleanUp, cleanUpOnInterrupt, onCleanUp } from "../support/cleanup";

process.env.NEXT_TELEMETRY_DISABLED = "1"; // for the Next processes this starts
const root = path.resolve(import.meta.dirname, "../..");

// ---- options -------------------------------------------------------------------------------------

const { values: flags } = parseArgs({
  options: {
    requests: { type: "string" },
    warmup: { type: "string" },
    wards: { type: "string" },
    trusts: { type: "string" },
    years: { type: "string" },
    workers: { type: "string" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    explain: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    only: { type: "string" },
  },
});

function wholeNumber(name: string, raw: string | undefined, fallback: number, min = 1): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number ≥ ${min} (got ${raw})`);
    process.exit(2);
  }
  return value;
}

const REQUESTS = wholeNumber("requests", flags.requests, 50);
const WARMUP = wholeNumber("warmup", flags.warmup, 5, 0);
const DATASET = {
  wards: wholeNumber("wards", flags.wards, 2000),
  trusts: wholeNumber("trusts", flags.trusts, 150),
  years: wholeNumber("years", flags.years, 5),
  workers: wholeNumber("workers", flags.workers, 2),
};
if (DATASET.trusts > DATASET.wards) {
  console.error("--trusts must not exceed --wards");
  process.exit(2);
}
const ADMIN_URL = env().TEST_DATABASE_ADMIN_URL;
/** Marks a database as made by this script, so --reuse cannot be pointed at a real one. */
const MARKER = "wardsafe bench:charts dataset";
const DIST_DIR = env().NEXT_DIST_DIR;

// ---- what is measured ------------------------------------------------------------------------------

type Fixture = { wardCodes: string[]; teamIds: string[]; trustIds: string[] };

type Target = {
  name: string;
  /** The goal for p95, in milliseconds; none for a target that is measured for information. */
  goalMs?: number;
  /** The request path for the i-th request (vary the ward, team or trust with i). */
  url: (i: number, f: Fixture) => string;
};

/** A different element for each i, spread over the list (a fixed stride coprime with its length). */
function pick<T>(list: readonly T[], i: number): T {
  if (list.length === 0) throw new Error("nothing to pick from");
  let stride = 7919;
  while (gcd(stride, list.length) !== 1) stride++;
  return list[(i * stride) % list.length]!;
}
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const TARGETS: Target[] = [
  { name: "run chart: ward", goalMs: 100, url: (i, f) => `/api/v1/run-chart?scope=ward:${pick(f.wardCodes, i)}` },
  { name: "run chart: team", goalMs: 100, url: (i, f) => `/api/v1/run-chart?scope=team:${pick(f.teamIds, i)}` },
  { name: "run chart: trust", url: (i, f) => `/api/v1/run-chart?scope=trust:${pick(f.trustIds, i)}` },
  { name: "run chart: all", goalMs: 500, url: () => "/api/v1/run-chart?scope=all" },
  // The collaborative overview and the funnel plot's comparison, over every ward: under 1 s.
  { name: "overview: wards", goalMs: 1000, url: () => "/api/v1/overview?level=ward" },
  { name: "overview: teams", goalMs: 1000, url: () => "/api/v1/overview?level=team" },
  { name: "comparison: wards", goalMs: 1000, url: () => "/api/v1/comparison?level=ward" },
  { name: "comparison: trusts", goalMs: 1000, url: () => "/api/v1/comparison?level=trust" },
  // One channel (issue 15): the rollups have no channel, so these group the responses themselves.
  // No goal yet for the whole collaborative by channel: these figures are what one costs today.
  { name: "run chart: ward, paper", goalMs: 100, url: (i, f) => `/api/v1/run-chart?scope=ward:${pick(f.wardCodes, i)}&channel=paper` },
  { name: "run chart: team, paper", goalMs: 100, url: (i, f) => `/api/v1/run-chart?scope=team:${pick(f.teamIds, i)}&channel=paper` },
  { name: "overview: wards, paper", url: () => "/api/v1/overview?level=ward&channel=paper" },
  { name: "comparison: wards, paper", url: () => "/api/v1/comparison?level=ward&channel=paper" },
];

/** --only "run chart,overview": the targets whose names contain one of the given words. */
function selectedTargets(): Target[] {
  const words = flags.only?.split(",").map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (!words?.length) return TARGETS;
  const chosen = TARGETS.filter((t) => words.some((w) => t.name.toLowerCase().includes(w)));
  if (chosen.length === 0) throw new Error(`--only ${flags.only} matches no target (${TARGETS.map((t) => t.name).join(", ")})`);
  return chosen;
}

// ---- helpers ----------------------------------------------------------------------------------------

cleanUpOnInterrupt("stopping the server and dropping the database");


const ms = (value: number) => value.toFixed(1);

/** Nearest-rank percentile of already sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

function newestSource(dir: string, since: number, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newestSource(full, since, found);
    else if (/\.(ts|tsx)$/.test(entry.name) && statSync(full).mtimeMs > since) found.push(path.relative(root, full));
  }
  return found;
}

function ensureBuild() {
  const buildId = path.join(root, DIST_DIR, "BUILD_ID");
  if (!flags.rebuild && existsSync(buildId)) {
    const newer = ["app", "lib", "components"].flatMap((dir) => newestSource(path.join(root, dir), statSync(buildId).mtimeMs));
    if (newer.length > 0) {
      console.log(`Note: the build in ${DIST_DIR} is older than ${newer.length} source file(s) (${newer.slice(0, 3).join(", ")}…): --rebuild to measure them.\n`);
    }
    return;
  }
  console.log(`Building the app into ${DIST_DIR} (next build)…`);
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

// ---- the database -------------------------------------------------------------------------------------

async function databaseComment(name: string): Promise<string | null> {
  return withPg(ADMIN_URL, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [name],
    );
    if (rows.length === 0) throw new Error(`There is no database "${name}" on ${new URL(ADMIN_URL).host}`);
    return rows[0]!.comment;
  });
}

async function prepareDatabase(): Promise<{ name: string; url: string }> {
  if (flags.reuse) {
    const name = flags.reuse;
    const comment = await databaseComment(name);
    if (!comment?.startsWith(MARKER)) throw new Error(`"${name}" was not made by bench:charts (no "${MARKER}" comment): refusing to use it`);
    const url = databaseUrlFor(ADMIN_URL, name);
    console.log(`Reusing database ${name} (${comment.slice(MARKER.length).replace(/^:\s*/, "")})`);
    const started = performance.now();
    const { applied } = await migrate(url);
    if (applied.length > 0) {
      console.log(`  applied pending migrations in ${((performance.now() - started) / 1000).toFixed(1)} s: ${applied.join(", ")}`);
      // Statistics for tables a migration just filled, which autovacuum would gather a little later.
      await withPg(url, (client) => client.query("ANALYZE"));
    }
    return { name, url };
  }

  const name = `wardsafe_bench_charts_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(ADMIN_URL, name);
  if (!flags.keep) onCleanUp(() => dropDatabase(ADMIN_URL, name));
  await migrate(url);
  console.log(`Generating ${DATASET.wards} wards in ${DATASET.trusts} trusts, ${DATASET.years} years of responses, into ${name}…`);
  const started = performance.now();
  const info = await generateDataset(url, { ...DATASET, log: (m) => console.log(m) });
  console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await withPg(ADMIN_URL, (client) =>
    client.query(`COMMENT ON DATABASE "${name}" IS '${MARKER}: ${JSON.stringify(info).replace(/'/g, "''")}'`),
  );
  return { name, url };
}

/** Tables that triggers keep from survey_response (migration 20261126030000_chart_rollup). */
const ROLLUP_TABLES = ["ward_day_count", "ward_week_count", "ward_month_count", "all_wards_day_count"];

async function describeDatabase(url: string): Promise<Fixture> {
  return withPg(url, async (client) => {
    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    const responses = await count("SELECT count(*) AS n FROM survey_response");
    const range = (await client.query<{ from: string; to: string }>(
      "SELECT min(submitted_on)::text AS from, max(submitted_on)::text AS to FROM survey_response",
    )).rows[0]!;
    const wardCodes = (await client.query<{ code: string }>("SELECT survey_code AS code FROM ward ORDER BY name")).rows.map((r) => r.code);
    const teamIds = (await client.query<{ id: string }>("SELECT id FROM project_team ORDER BY name")).rows.map((r) => r.id);
    const trustIds = (await client.query<{ id: string }>("SELECT id FROM trust ORDER BY name")).rows.map((r) => r.id);
    console.log(
      `\nDataset: ${responses.toLocaleString("en-GB")} responses from ${range.from} to ${range.to}; ` +
        `${wardCodes.length} wards, ${teamIds.length} project teams, ${trustIds.length} trusts`,
    );
    const { rows: sizes } = await client.query<{ name: string; total: string; indexes: string; rows: string }>(`
      SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
             pg_size_pretty(pg_indexes_size(c.oid)) AS indexes, c.reltuples::bigint::text AS rows
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 1024 * 1024
       ORDER BY pg_total_relation_size(c.oid) DESC`);
    for (const s of sizes) console.log(`  ${s.name}: ${s.total} (indexes ${s.indexes}), ~${Number(s.rows).toLocaleString("en-GB")} rows`);
    const { rows: indexes } = await client.query<{ def: string }>(
      "SELECT indexdef AS def FROM pg_indexes WHERE tablename = ANY($1) ORDER BY tablename, indexname",
      [["survey_response", ...ROLLUP_TABLES]],
    );
    console.log(`  indexes: ${indexes.map((i) => i.def.replace(/^CREATE (UNIQUE )?INDEX (\S+) ON \S+ USING btree /, "$1$2 ")).join("; ")}`);

    // Tables kept by triggers must agree with the responses, or the timings mean nothing.
    for (const table of ROLLUP_TABLES) {
      if (!(await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [table])).rows[0]!.exists) continue;
      const summed = await count(`SELECT coalesce(sum(service_user_responses + staff_responses), 0) AS n FROM ${table}`);
      if (summed !== responses) throw new Error(`${table} holds ${summed} responses, survey_response ${responses}`);
      console.log(`  ${table} adds up to the responses: OK`);
    }
    return { wardCodes, teamIds, trustIds };
  });
}

/** An administrator (sees every scope) and a fresh API token for them; the token is all that leaves this function. */
async function apiToken(url: string): Promise<string> {
  const token = newSecret(API_TOKEN_PREFIX);
  await withPg(url, async (client) => {
    const email = "bench-charts-admin@example.invalid";
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO app_user (id, email, name, role, updated_at) VALUES ($1, $2, 'Bench administrator', 'ADMIN', now())
       ON CONFLICT (email) DO UPDATE SET active = true RETURNING id`,
      [`cbench${randomBytes(10).toString("hex")}`, email],
    );
    await client.query(
      `INSERT INTO api_token (id, user_id, name, token_hash, prefix, expires_at) VALUES ($1, $2, 'bench:charts', $3, $4, now() + interval '1 day')`,
      [`cbench${randomBytes(10).toString("hex")}`, rows[0]!.id, secretHash(token), token.slice(0, API_TOKEN_PREFIX.length + 8)],
    );
  });
  return token;
}

// ---- timing ---------------------------------------------------------------------------------------------

type Result = { target: Target; times: number[] };

async function timeTarget(baseUrl: string, token: string, target: Target, fixture: Fixture): Promise<Result> {
  const request = async (i: number) => {
    const url = `${baseUrl}${target.url(i, fixture)}`;
    const started = performance.now();
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${target.name}: GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
    return elapsed;
  };
  process.stdout.write(`  ${target.name}: `);
  // Warm-up requests use other wards, teams and trusts than the measured ones where there are enough.
  for (let i = 0; i < WARMUP; i++) await request(REQUESTS + i);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push(await request(i));
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`p50 ${ms(percentile(sorted, 50))} ms, p95 ${ms(percentile(sorted, 95))} ms`);
  return { target, times: sorted };
}

function report(results: Result[]) {
  const rows = [["target", "requests", "p50 ms", "p95 ms", "max ms", "goal (p95)", "verdict"]];
  for (const { target, times } of results) {
    const p95 = percentile(times, 95);
    rows.push([
      target.name,
      String(times.length),
      ms(percentile(times, 50)),
      ms(p95),
      ms(times[times.length - 1]!),
      target.goalMs === undefined ? "—" : `< ${target.goalMs} ms`,
      target.goalMs === undefined ? "" : p95 < target.goalMs ? "MET" : "NOT MET",
    ]);
  }
  console.log(`\n${table(rows)}\n`);
}

// ---- EXPLAIN --------------------------------------------------------------------------------------------

/**
 * EXPLAIN (ANALYZE, BUFFERS) for the SQL of countsByPeriod, captured from lib/charts/counts.ts
 * itself through Prisma's query events (the module's db() client is replaced by one that reports
 * its queries), so what is explained is exactly what the app runs, however that module changes.
 */
async function explain(url: string, fixture: Fixture) {
  const captured: { query: string; params: string }[] = [];
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (event) => captured.push({ query: event.query, params: event.params }));
  (globalThis as unknown as { wardsafePrisma?: PrismaClient }).wardsafePrisma = prisma;
  const { countsByPeriod } = await import("../../lib/charts/counts");

  const scopes: { name: string; scope: CountsScope }[] = await withPg(url, async (client) => {
    const ids = async (sql: string, value: string) => (await client.query<{ id: string }>(sql, [value])).rows.map((r) => r.id);
    return [
      { name: "ward", scope: { wardIds: await ids("SELECT id FROM ward WHERE survey_code = $1", pick(fixture.wardCodes, 0)) } },
      { name: "team", scope: { wardIds: await ids("SELECT id FROM ward WHERE team_id = $1", pick(fixture.teamIds, 1)) } },
      { name: "trust", scope: { wardIds: await ids("SELECT id FROM ward WHERE trust_id = $1", pick(fixture.trustIds, 2)) } },
      { name: "all", scope: { all: true } },
    ];
  });
  try {
    await withPg(url, async (client) => {
      for (const { name, scope } of scopes) {
        captured.length = 0;
        await countsByPeriod(scope, { measure: "felt-safe", respondent: "all", interval: "week" });
        for (const { query, params } of captured) {
          const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, JSON.parse(params) as unknown[]);
          const lines = rows.map((r) => r["QUERY PLAN"]);
          console.log(`\nEXPLAIN (ANALYZE, BUFFERS), countsByPeriod for ${name === "all" ? "all" : `a ${name}`} (felt safe, all respondents, weekly):`);
          for (const line of summary(lines)) console.log(`  ${line}`);
        }
      }
    });
  } finally {
    await prisma.$disconnect();
  }
}

/** The plan's nodes with their actual times, the top node's buffers, and the timing lines. */
function summary(lines: readonly string[]): string[] {
  const out: string[] = [];
  let topBuffers = true;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (/^\s*(->|\S)/.test(trimmed) && /actual time/.test(trimmed)) out.push(trimmed.replace(/\(cost=[^)]*\) /, ""));
    else if (topBuffers && /^\s*Buffers:/.test(trimmed)) {
      out.push(trimmed);
      topBuffers = false;
    } else if (/^(Planning Time|Execution Time|JIT:)|^\s+(Functions|Timing):/.test(trimmed)) out.push(trimmed);
  }
  return out;
}

// ---- main -----------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const targets = selectedTargets();
  ensureBuild();
  const database = await prepareDatabase();
  const fixture = await describeDatabase(database.url);
  const token = await apiToken(database.url);

  const app: AppServer = await startAppServer({ databaseUrl: database.url });
  onCleanUp(() => app.stop());
  console.log(
    `\nTiming over HTTP (next start from ${DIST_DIR}, API token of an administrator): ${WARMUP} warm-up + ${REQUESTS} ` +
      `sequential requests per target, each for another ward/team/trust; ${os.cpus().length} CPUs shared by client, server and PostgreSQL`,
  );
  const results: Result[] = [];
  for (const target of targets) results.push(await timeTarget(app.baseUrl, token, target, fixture));
  await app.stop();
  report(results);

  if (flags.explain) await explain(database.url, fixture);

  if (flags.keep && !flags.reuse) {
    console.log(`\nKept database ${database.name}: run again with --reuse ${database.name}; drop it with: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE "${database.name}"'`);
  }
  return 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error("\nbench:charts failed:", error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
