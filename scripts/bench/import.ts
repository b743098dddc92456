// npm run bench:import [-- --lines 1000000 --wards 50]
//
// CSV import throughput: writes a file of N lines (default 1,000,000) to a temp folder, imports it
// into a throwaway database on the real PostgreSQL (127.0.0.1:5432, as the integration tests use)
// through the same code as `npm run import`, and prints lines/s and the process's peak memory. The
// goal: a million lines in under 60 s, with memory that does not grow with the file.
//
// It prints figures; it is not a test. It exits non-zero only when the import fails or the database
// does not hold exactly the responses of the file, never for being slow.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { newWardCode } from "../../lib/survey/ward-code";
import { testPrisma } from "../support/prisma";
import { createTestDatabase } from "../support/db";
import { setEnv } from "@/lib/env";

const { values: flags } = parseArgs({ options: { lines: { type: "string" }, wards: { type: "string" } } });
const LINES = Number(flags.lines ?? 1_000_000);
const WARDS = Number(flags.wards ?? 50);
if (!Number.isInteger(LINES) || LINES < 1 || !Number.isInteger(WARDS) || WARDS < 1) {
  console.error("--lines and --wards must be positive whole numbers");
  process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function writeFile(file: string, codes: string[]): Promise<void> {
  const out = createWriteStream(file);
  const start = Date.UTC(2024, 0, 1);
  const respondents = ["service_user", "staff"];
  const answers = ["yes", "no", ""];
  // A fixed pseudo-random sequence, so every run imports the same file.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  out.write("ward_code,date,respondent,felt_safe,able_to_speak_up\n");
  let buffer = "";
  for (let i = 0; i < LINES; i++) {
    const date = new Date(start + (next() % 700) * 86_400_000).toISOString().slice(0, 10);
    buffer += `${codes[next() % codes.length]},${date},${respondents[next() % 2]},${next() % 10 < 8 ? "yes" : "no"},${answers[next() % 3]}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

async function main(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wardsafe-bench-import-"));
  const database = await createTestDatabase("wardsafe_bench_import");
  if (database.embedded) console.warn("No PostgreSQL at 127.0.0.1:5432: running on the embedded PGlite, which is much slower than the real server.");
  // The app's database client reads DATABASE_URL when first used, which is after this line.
  setEnv("DATABASE_URL", database.databaseUrl);
  const prisma = testPrisma(database.databaseUrl);
  try {
    const trust = await prisma.trust.create({ data: { name: "Bench Trust" } });
    const codes: string[] = [];
    for (let i = 0; i < WARDS; i++) {
      const ward = await prisma.ward.create({ data: { name: `Bench Ward ${i + 1}`, trustId: trust.id, surveyCode: newWardCode() } });
      codes.push(ward.surveyCode);
    }
    const admin = await prisma.user.create({ data: { email: "bench-admin@example.nhs.uk", name: "Bench Admin", role: "ADMIN" } });

    const file = path.join(dir, "responses.csv");
    const writeStart = performance.now();
    await writeFile(file, codes);
    const size = (await stat(file)).size;
    console.log(`Wrote ${LINES.toLocaleString("en-GB")} lines (${mb(size)}) for ${WARDS} wards in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`);

    // Imported only now, so the app code is loaded with DATABASE_URL pointing at the bench database.
    const { importResponses, fileSource } = await import("../../lib/import/service");
    const { db } = await import("../../lib/db/client");
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const outcome = await importResponses(
      { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN", teamIds: [] },
      fileSource(file),
      { fileName: "responses.csv" },
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    if (outcome.status !== "imported") {
      console.error(`Import did not succeed: ${outcome.status}`, outcome.report.problems.slice(0, 5));
      return 1;
    }
    const stored = await prisma.surveyResponse.count();
    console.log(`Imported ${outcome.report.lines.toLocaleString("en-GB")} lines (${outcome.report.responses.toLocaleString("en-GB")} responses) in ${seconds.toFixed(1)} s`);
    console.log(`  ${Math.round(LINES / seconds).toLocaleString("en-GB")} lines/s`);
    console.log(`  peak RSS ${mb(peakRss)} (${mb(rssBefore)} before the import; file ${mb(size)})`);
    console.log(`  goal: 1,000,000 lines in under 60 s → ${LINES >= 1_000_000 ? (seconds < 60 ? "met" : "NOT met") : "run with --lines 1000000 to check"}`);
    await db().$disconnect();
    if (stored !== outcome.report.responses) {
      console.error(`The database holds ${stored} responses, the file ${outcome.report.responses}`);
      return 1;
    }
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
