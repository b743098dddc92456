// npm run bench:faults [-- --clients 16 --duration 30]
//
// The survey under a database that goes away: CLIENTS concurrent phones keep sending answers to the
// app (as `npm start` serves it) for DURATION seconds on a PostgreSQL server of this script's own
// (Debian's binaries, own folder and port; the shared one on 5432 is never touched). At 5 s the
// database is restarted; at 12 s it is stopped, and 10 s later started again. Each client behaves
// as the survey's script does: it keeps its answer's submission key and sends it again after a 503
// (after 250 ms rather than the full Retry-After, to keep the pressure on) or a network failure,
// moving on to a new answer only once the server acknowledged (201 recorded, 200 duplicate).
//
// Prints: acknowledged, lost (acknowledged but not in the database: must be 0), 5xx other than
// 503 (must be 0), 503s without Retry-After (must be 0), and the seconds from the database being
// back until the first answer is acknowledged again. Exits non-zero when a "must be 0" is not.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDatabase, migrate } from "@/lib/db/migrate";
import { startAppServer } from "../support/app-server";
import { cleanUp, cleanUpOnInterrupt, onCleanUp } from "../support/cleanup";
import { createWard, testPrisma } from "../support/prisma";
import { startThrowawayPostgres } from "../support/throwaway-postgres";

const { values: flags } = parseArgs({ options: { clients: { type: "string", default: "16" }, duration: { type: "string", default: "30" } } });
const clients = Number(flags.clients);
const duration = Number(flags.duration);
if (!Number.isInteger(clients) || clients < 1 || !Number.isInteger(duration) || duration < 25) {
  console.error("--clients must be a whole number ≥ 1 and --duration one ≥ 25 (the outage ends at 22 s)");
  process.exit(2);
}

cleanUpOnInterrupt("stopping the app and the throwaway PostgreSQL");
console.log("Starting a throwaway PostgreSQL and the app…");
const server = await startThrowawayPostgres();
onCleanUp(async () => server.cleanup());
const databaseUrl = await createDatabase(server.url, "wardsafe_faults");
await migrate(databaseUrl);
const prisma = testPrisma(databaseUrl);
const ward = (await createWard(prisma, { name: "Fault Ward" })).ward;
await prisma.$disconnect();
const app = await startAppServer({ databaseUrl, env: { SURVEY_RATE_LIMIT: "1000000" } });
onCleanUp(() => app.stop());

const acknowledged: string[] = [];
const tally = { sent: 0, unavailable: 0, unavailableWithoutRetryAfter: 0, otherServerErrors: 0, networkFailures: 0, other: 0 };
const otherStatuses = new Map<number, number>();
let backAt: number | undefined;
let firstAckAfterBack: number | undefined;

const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const deadline = started + duration * 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function phone() {
  let key = randomUUID();
  while (Date.now() < deadline) {
    tally.sent += 1;
    try {
      const res = await fetch(`${app.baseUrl}/api/v1/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ward: ward.surveyCode, respondent: "staff", feltSafe: true, submissionKey: key }),
      });
      await res.arrayBuffer();
      if (res.status === 201 || res.status === 200) {
        acknowledged.push(key);
        if (backAt !== undefined && firstAckAfterBack === undefined) firstAckAfterBack = Date.now();
        key = randomUUID();
      } else if (res.status === 503) {
        tally.unavailable += 1;
        if (!(Number(res.headers.get("retry-after")) > 0)) tally.unavailableWithoutRetryAfter += 1;
        await pause(250);
      } else {
        if (res.status >= 500) tally.otherServerErrors += 1;
        else tally.other += 1;
        otherStatuses.set(res.status, (otherStatuses.get(res.status) ?? 0) + 1);
        key = randomUUID();
      }
    } catch {
      tally.networkFailures += 1;
      await pause(250);
    }
  }
}

async function faults() {
  await pause(5000);
  console.log(`${elapsed().toFixed(1)} s: restarting PostgreSQL`);
  await server.stopAsync();
  await server.startAsync();
  await pause(Math.max(0, 12_000 - (Date.now() - started)));
  console.log(`${elapsed().toFixed(1)} s: stopping PostgreSQL for 10 s`);
  await server.stopAsync();
  await pause(10_000);
  await server.startAsync();
  backAt = Date.now();
  console.log(`${elapsed().toFixed(1)} s: PostgreSQL is back`);
}

await Promise.all([faults(), ...Array.from({ length: clients }, phone)]);

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const stored = await client.query<{ k: string }>("SELECT submission_key::text AS k FROM survey_response WHERE submission_key = ANY($1::uuid[])", [acknowledged]);
await client.end();
const storedKeys = new Set(stored.rows.map((r) => r.k));
const lost = acknowledged.filter((key) => !storedKeys.has(key)).length;
const recovery = backAt !== undefined && firstAckAfterBack !== undefined ? ((firstAckAfterBack - backAt) / 1000).toFixed(2) : "never";

console.log(`\n${clients} clients for ${duration} s; PostgreSQL restarted at 5 s, down from 12 s to 22 s`);
console.log(`  requests sent                 ${tally.sent}`);
console.log(`  acknowledged (201/200)        ${acknowledged.length}`);
console.log(`  lost (acknowledged, not kept) ${lost}   must be 0`);
console.log(`  503 with Retry-After          ${tally.unavailable - tally.unavailableWithoutRetryAfter}`);
console.log(`  503 without Retry-After       ${tally.unavailableWithoutRetryAfter}   must be 0`);
console.log(`  5xx other than 503            ${tally.otherServerErrors}   must be 0`);
console.log(`  network failures              ${tally.networkFailures}`);
if (otherStatuses.size) console.log(`  other answers                 ${[...otherStatuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
console.log(`  seconds to recover            ${recovery}   (database back → first acknowledged answer)`);

await cleanUp();
process.exit(lost === 0 && tally.unavailableWithoutRetryAfter === 0 && tally.otherServerErrors === 0 && recovery !== "never" ? 0 : 1);
