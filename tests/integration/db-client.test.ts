import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";

// Prisma runs independent parts of a query plan at once inside a transaction, on its one
// connection; lib/db/client sends them in turn, so pg never queues them itself (deprecated, and
// refused by pg 9). Run in a child process: Node prints a deprecation once per process, so this
// process could not tell a fixed client from a warning already spent by an earlier test.

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the database client", () => {
  it("runs parallel work inside a transaction without pg's 'already executing a query' deprecation", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "wardsafe-db-client-"));
    const script = path.join(dir, "parallel.mts");
    await writeFile(
      script,
      `import { db } from ${JSON.stringify(path.join(ROOT, "lib/db/client.ts"))};
const counts = await db().$transaction(async (tx) =>
  Promise.all([tx.trust.count(), tx.ward.count(), tx.projectTeam.count(), tx.user.count(), tx.auditEvent.count(), tx.$queryRaw\`SELECT 1 AS one FROM pg_sleep(0.05)\`.then(() => 1)]),
);
const nested = await db().$transaction(async (tx) => tx.projectTeam.findMany({ include: { wards: true, members: true, trust: true }, take: 5 }));
console.log(JSON.stringify({ counts: counts.length, nested: Array.isArray(nested) }));
await db().$disconnect();
`,
    );
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "--trace-deprecation", script], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), NODE_OPTIONS: "" },
    });
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ counts: 6, nested: true });
    expect(stderr).not.toMatch(/already executing a query/);
  }, 60_000);
});
