// npm run bench:submit [-- --connections 50 --duration 15 --warmup 3 --rebuild]
//
// Throughput of survey submission: N concurrent clients post valid responses to `next start` on the
// real PostgreSQL for a fixed time, then the same load goes to a bare Node `http` server doing the
// same insert with `pg` (scripts/bench/bare-server.ts). Prints req/s, p50/p99 latency, errors and,
// for each target, whether every acknowledged (201) response is in the database. The goals (issue 14): the
// app reaches 0.6 of the bare server's throughput with a p99 at most 1.5× the bare server's, and no
// acknowledged response is lost.
//
// It prints figures; it is not a test. It exits non-zero only when a response is lost or the
// run itself fails, never for being slow, because throughput depends on the machine.
// Env equivalents: BENCH_CONNECTIONS, BENCH_DURATION, BENCH_WARMUP; DATABASE_POOL_SIZE (default 10)
// is given to both servers.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startAppServer, type AppServer } from "../support/app-server";
import { createWard, testPrisma } from "../support/prisma";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { env } from "@/lib/env";
import { cleanUp, cleanUpOnInterrupt, onCleanUp } from "../support/cleanup";

process.env.NEXT_TELEMETRY_DISABLED = "1"; // for the Next processes this starts
const root = path.resolve(import.meta.dirname, "../..");

// ---- options ---------------------------------------------------------------------------------

const { values: flags } = parseArgs({
  options: {
    connections: { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    rebuild: { type: "boolean", default: false },
  },
});

function positiveInt(name: string, flag: string | undefined, fromEnv: number, min = 1): number {
  const raw = flag ?? String(fromEnv);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number ≥ ${min} (got ${raw})`);
    process.exit(2);
  }
  return value;
}

const connections = positiveInt("connections", flags.connections, env().BENCH_CONNECTIONS);
const duration = positiveInt("duration", flags.duration, env().BENCH_DURATION);
const warmup = positiveInt("warmup", flags.warmup, env().BENCH_WARMUP, 0);
const poolSize = env().DATABASE_POOL_SIZE;
// High enough that every request of the run passes: the bench measures submission, not refusal.
// The highest SURVEY_RATE_LIMIT lib/env allows, far above what one run sends (about 10,000 answers).
const RATE_LIMIT = "1000000";

// ---- autocannon (ships no types; only what this script uses is declared) ---------------------

type AcRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type AcContext = { key?: string };
type AcOptions = {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  timeout?: number;
  requests: {
    method: string;
    path: string;
    headers: Record<string, string>;
    setupRequest: (req: AcRequest, context: AcContext) => AcRequest;
    onResponse: (status: number, body: string, context: AcContext) => void;
  }[];
};
type AcResult = {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { average: number; p50: number; p99: number };
  requests: { average: number; total: number; sent: number };
};
type Autocannon = (opts: AcOptions, cb: (err: Error | null, result: AcResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

// ---- load --------------------------------------------------------------------------------------

/** What each submission key came to: the basis for checking the database afterwards, key by key. */
type Ledger = { sent: Set<string>; status: Map<string, number> };

function pick<T>(options: readonly T[]): T {
  return options[Math.floor(Math.random() * options.length)] as T;
}

async function load(baseUrl: string, wardCode: string, seconds: number): Promise<{ result: AcResult; ledger: Ledger }> {
  const ledger: Ledger = { sent: new Set(), status: new Map() };
  const result = await new Promise<AcResult>((resolve, reject) => {
    autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        // One request in flight per connection, like a phone; it also lets the per-connection
        // context say which key a response belongs to.
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path: "/api/v1/responses",
            headers: { "content-type": "application/json" },
            setupRequest: (req, context) => {
              // A fresh key per request, so ON CONFLICT never short-circuits the insert.
              const key = randomUUID();
              context.key = key;
              ledger.sent.add(key);
              return {
                ...req,
                body: JSON.stringify({
                  ward: wardCode,
                  respondent: pick(["staff", "service_user"] as const),
                  feltSafe: pick([true, false]),
                  ableToSpeakUp: pick([true, false, null]),
                  submissionKey: key,
                }),
              };
            },
            onResponse: (status, _body, context) => {
              if (context.key) ledger.status.set(context.key, status);
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  return { result, ledger };
}

// ---- the two targets ----------------------------------------------------------------------------

type Target = { name: string; baseUrl: string; pid: number | undefined; stop: () => Promise<void> };

// Other work on the machine (the load generator, PostgreSQL, anything else running) moves req/s
// from run to run; the server process's own CPU time per response does not, so it is printed too.
// Linux only: elsewhere the column stays empty.
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux build

function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU seconds of the whole machine, all CPUs together. */
function machineCpuSeconds(): { busy: number; total: number } | undefined {
  try {
    const values = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((sum, v) => sum + v, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: (total - idle) / CLOCK_TICKS_PER_SECOND, total: total / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** startAppServer does not expose its child, so find it among this process's children. */
function childPidRunning(...fragments: string[]): number | undefined {
  try {
    for (const task of readdirSync("/proc/self/task")) {
      for (const pid of readFileSync(`/proc/self/task/${task}/children`, "utf8").split(" ").filter(Boolean)) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (fragments.some((fragment) => cmdline.includes(fragment))) return Number(pid);
      }
    }
  } catch {
    // no procfs
  }
  return undefined;
}

async function startBareServer(databaseUrl: string): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/bench/bare-server.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(poolSize), PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bare server did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bare server exited with ${code}:\n${output}`));
    });
  });
  // Surface server-side failures (500s) instead of leaving them in a buffer nobody reads.
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[bare] ${chunk.toString()}`));
  return {
    name: "bare node:http + pg",
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

// ---- checking the database ---------------------------------------------------------------------

type Check = {
  rowsBefore: number;
  rowsAdded: number;
  created: number;
  lost: number;
  cutOff: number;
  unexpected: number;
};

async function countRows(client: pg.Client, wardId: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM survey_response WHERE ward_id = $1", [wardId]);
  return rows[0]?.n ?? 0;
}

/**
 * Requests still in flight when autocannon stops are abandoned by the client but may still be
 * stored by the server, so "rows added" can exceed the 201s by at most that many. Wait for the
 * count to settle first, then account for every stored key, so an acknowledged response that is
 * missing (lost) or a row behind a non-201 answer (unexpected) cannot hide in the totals.
 */
async function checkRows(client: pg.Client, wardId: string, rowsBefore: number, ledger: Ledger): Promise<Check> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const now = await countRows(client, wardId);
    if (now === last) break;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { rows } = await client.query<{ key: string }>(
    "SELECT submission_key::text AS key FROM survey_response WHERE ward_id = $1",
    [wardId],
  );
  const stored = new Set(rows.map((row) => row.key));
  let created = 0;
  let lost = 0;
  for (const [key, status] of ledger.status) {
    if (status !== 201) continue;
    created++;
    if (!stored.delete(key)) lost++;
  }
  let cutOff = 0;
  let unexpected = 0;
  for (const key of stored) {
    if (ledger.sent.has(key) && !ledger.status.has(key)) cutOff++;
    else unexpected++;
  }
  return { rowsBefore, rowsAdded: rows.length - rowsBefore, created, lost, cutOff, unexpected };
}

// ---- one measurement ---------------------------------------------------------------------------

/** Where the machine's CPU went during a measured run, as shares of all CPUs. */
type CpuSplit = { server: number; loadGenerator: number; rest: number; idle: number };
type Measurement = { target: string; result: AcResult; check: Check; cpuMsPerResponse: number | undefined; cpu: CpuSplit | undefined };

async function measure(
  target: Target,
  client: pg.Client,
  adminUrl: string,
  wards: { warmup: { surveyCode: string }; measured: { id: string; surveyCode: string } },
): Promise<Measurement> {
  if (warmup > 0) {
    process.stdout.write(`  ${target.name}: warming up for ${warmup} s… `);
    // Warm-up posts to a ward of its own so its stragglers cannot blur the row count.
    const { result } = await load(target.baseUrl, wards.warmup.surveyCode, warmup);
    console.log(`${Math.round(result.requests.average)} req/s`);
  }
  await checkpoint(adminUrl);
  const rowsBefore = await countRows(client, wards.measured.id);
  process.stdout.write(`  ${target.name}: measuring for ${duration} s… `);
  const cpuBefore = cpuSecondsOf(target.pid);
  const machineBefore = machineCpuSeconds();
  const selfBefore = process.cpuUsage();
  const { result, ledger } = await load(target.baseUrl, wards.measured.surveyCode, duration);
  const self = process.cpuUsage(selfBefore);
  const machineAfter = machineCpuSeconds();
  const cpuAfter = cpuSecondsOf(target.pid);
  console.log(`${Math.round(result.requests.average)} req/s`);
  const check = await checkRows(client, wards.measured.id, rowsBefore, ledger);
  const answered = result.requests.total;
  const cpuMsPerResponse =
    cpuBefore !== undefined && cpuAfter !== undefined && answered > 0 ? ((cpuAfter - cpuBefore) * 1000) / answered : undefined;
  let cpu: CpuSplit | undefined;
  if (cpuBefore !== undefined && cpuAfter !== undefined && machineBefore && machineAfter && machineAfter.total > machineBefore.total) {
    const total = machineAfter.total - machineBefore.total;
    const server = (cpuAfter - cpuBefore) / total;
    const loadGenerator = (self.user + self.system) / 1e6 / total;
    const busy = (machineAfter.busy - machineBefore.busy) / total;
    cpu = { server, loadGenerator, rest: Math.max(0, busy - server - loadGenerator), idle: 1 - busy };
  }
  return { target: target.name, result, check, cpuMsPerResponse, cpu };
}

/** Flushes dirty pages now, so a checkpoint is less likely to land inside one target's run only. */
async function checkpoint(adminUrl: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query("CHECKPOINT");
  } catch {
    // Needs superuser; without it the runs are just a little noisier.
  } finally {
    await client.end().catch(() => {});
  }
}

// ---- output --------------------------------------------------------------------------------------

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

function report(measurements: Measurement[]): boolean {
  const rows = [["target", "req/s (mean)", "p50 ms", "p99 ms", "non-2xx", "errors/timeouts", "rows added", "201s", "server CPU ms/resp"]];
  for (const { target, result, check, cpuMsPerResponse } of measurements) {
    rows.push([
      target,
      result.requests.average.toFixed(0),
      String(result.latency.p50),
      String(result.latency.p99),
      String(result.non2xx),
      `${result.errors}/${result.timeouts}`,
      String(check.rowsAdded),
      String(result.statusCodeStats["201"]?.count ?? 0),
      cpuMsPerResponse === undefined ? "" : cpuMsPerResponse.toFixed(2),
    ]);
  }
  console.log(`\n${table(rows)}\n`);

  let ok = true;
  for (const { target, result, check } of measurements) {
    const created = result.statusCodeStats["201"]?.count ?? 0;
    const others = Object.entries(result.statusCodeStats).filter(([code]) => code !== "201");
    if (others.length > 0) console.log(`${target}: status codes other than 201: ${others.map(([code, s]) => `${code}×${s.count}`).join(", ")}`);
    const consistent =
      check.lost === 0 && check.unexpected === 0 && check.created === created && check.rowsAdded === created + check.cutOff;
    if (!consistent) {
      ok = false;
      console.log(
        [
          "",
          "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
          `!!! ${target}: ROWS ADDED ≠ 201s — MISMATCH`,
          `!!!   rows added ${check.rowsAdded}, 201s ${created} (201s seen per key: ${check.created})`,
          `!!!   acknowledged with 201 but NOT in the database (LOST): ${check.lost}`,
          `!!!   stored although answered with another status or never sent: ${check.unexpected}`,
          `!!!   stored but cut off in flight when the run stopped: ${check.cutOff}`,
          "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
          "",
        ].join("\n"),
      );
    } else if (check.cutOff === 0) {
      console.log(`${target}: rows added = 201s: OK (${created}, every key checked)`);
    } else {
      console.log(
        `${target}: rows added = 201s: OK (${created} acknowledged, all stored; plus ${check.cutOff} ` +
          `stored whose client hung up when the run stopped, before the answer arrived)`,
      );
    }
  }

  const [app, bare] = measurements;
  const percent = (share: number) => `${Math.round(share * 100)}%`.padStart(4);
  console.log(`\nmachine CPU during each measured run (${os.cpus().length} CPUs = 100%):`);
  for (const { target, cpu } of measurements) {
    if (!cpu) continue;
    console.log(
      `  ${target.padEnd(20)} server ${percent(cpu.server)}, load generator ${percent(cpu.loadGenerator)}, ` +
        `PostgreSQL and everything else ${percent(cpu.rest)}, idle ${percent(cpu.idle)}`,
    );
  }
  if (app?.cpuMsPerResponse !== undefined && bare?.cpuMsPerResponse !== undefined && app.cpuMsPerResponse > 0 && bare.cpuMsPerResponse > 0) {
    // The JavaScript of a Node server runs on one core, so its CPU per response caps its req/s;
    // the bare server usually reaches PostgreSQL's limit first, so req/s differ less than this.
    console.log(`server CPU per response: app ${(app.cpuMsPerResponse / bare.cpuMsPerResponse).toFixed(1)}× the bare server's`);
  }
  if (app && bare && bare.result.requests.average > 0) {
    const ratio = app.result.requests.average / bare.result.requests.average;
    const p99 = app.result.latency.p99 / bare.result.latency.p99;
    console.log(
      `\nratio app/bare (req/s): ${ratio.toFixed(2)} — goal ≥ 0.60: ${ratio >= 0.6 ? "MET" : "NOT MET"}` +
        `   (p50 ${app.result.latency.p50} vs ${bare.result.latency.p50} ms)`,
    );
    console.log(`p99 app/bare: ${p99.toFixed(2)}× (${app.result.latency.p99} vs ${bare.result.latency.p99} ms) — goal ≤ 1.5×: ${p99 <= 1.5 ? "MET" : "NOT MET"}`);
  }
  return ok;
}

// ---- main ----------------------------------------------------------------------------------------

cleanUpOnInterrupt("stopping the servers and dropping the databases");

function ensureBuild() {
  if (!flags.rebuild && existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("Building the app (next build)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

/** A throwaway database with a warm-up ward and a measured ward; each target gets its own. */
async function prepareDatabase(prefix: string) {
  const database: TestDatabase = await createTestDatabase(prefix);
  onCleanUp(() => database.drop());
  if (database.embedded) throw new Error("PostgreSQL at 127.0.0.1:5432 does not answer: this benchmark needs the real server");
  const prisma = testPrisma(database.databaseUrl);
  const warmupWard = (await createWard(prisma, { name: "Bench warm-up ward" })).ward;
  const measuredWard = (await createWard(prisma, { name: "Bench measured ward" })).ward;
  await prisma.$disconnect();
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onCleanUp(() => client.end());
  return { database, client, wards: { warmup: warmupWard, measured: measuredWard } };
}

async function main(): Promise<number> {
  ensureBuild();
  console.log(
    [
      "Survey submission benchmark: POST /api/v1/responses",
      `  ${connections} connections, ${warmup} s warm-up + ${duration} s measured per target, one request in flight per connection`,
      `  database pool: ${poolSize} connections in each server (DATABASE_POOL_SIZE); PostgreSQL at 127.0.0.1:5432, one fresh database per target`,
      `  app rate limit lifted: SURVEY_RATE_LIMIT=${RATE_LIMIT}, store: ${env().REDIS_URL ? "Redis (REDIS_URL)" : "memory"}`,
      `  load generator, servers and PostgreSQL share this machine: ${os.cpus().length} CPUs, Node ${process.version}`,
      "",
    ].join("\n"),
  );

  const measurements: Measurement[] = [];

  const appDb = await prepareDatabase("bench_app");
  const app: AppServer = await startAppServer({
    databaseUrl: appDb.database.databaseUrl,
    env: { SURVEY_RATE_LIMIT: RATE_LIMIT, DATABASE_POOL_SIZE: String(poolSize) },
  });
  onCleanUp(() => app.stop());
  measurements.push(
    await measure(
      // Next sets its process title, which replaces the command line /proc shows.
      { name: "app (npm start's server)", baseUrl: app.baseUrl, pid: childPidRunning("front-door.mjs", "next-server"), stop: app.stop },
      appDb.client,
      appDb.database.adminUrl,
      appDb.wards,
    ),
  );
  // Stopped before the bare run so an idle Next process takes nothing from it.
  await app.stop();

  const bareDb = await prepareDatabase("bench_bare");
  const bare = await startBareServer(bareDb.database.databaseUrl);
  onCleanUp(() => bare.stop());
  measurements.push(await measure(bare, bareDb.client, bareDb.database.adminUrl, bareDb.wards));
  await bare.stop();

  return report(measurements) ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error("\nbench:submit failed:", error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
