import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationError, migrate, migrationStatus } from "../../lib/db/migrate";
import { MIGRATIONS_DIR, freshDatabase, withPg, type ThrowawayDatabase } from "../../scripts/support/db";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function blankDatabase(): Promise<ThrowawayDatabase> {
  const db = await freshDatabase({ migrate: false });
  cleanups.push(db.cleanup);
  return db;
}

/** A copy of prisma/migrations the test may change freely. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wardsafe-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

async function projectMigrationNames(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

type Row = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

async function migrationRows(url: string): Promise<Row[]> {
  return withPg(url, async (c) => (await c.query<Row>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`)).rows);
}

async function tableExists(url: string, table: string): Promise<boolean> {
  return withPg(url, async (c) => {
    const { rows } = await c.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [`public.${table}`]);
    return rows[0]?.t != null;
  });
}

async function expectMigrationError(promise: Promise<unknown>, code: MigrationError["code"], migration: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected migrate() to refuse").toBeInstanceOf(MigrationError);
  expect((error as MigrationError).code).toBe(code);
  expect((error as MigrationError).migration).toBe(migration);
  expect((error as MigrationError).message).toContain(migration);
  return error as MigrationError;
}

describe("migrate()", () => {
  it("applies every migration to an empty database, in folder order, recording them as Prisma does", async () => {
    const db = await blankDatabase();
    const names = await projectMigrationNames();
    expect(names.length).toBeGreaterThan(0);

    const logged: string[] = [];
    const { applied } = await migrate(db.url, { migrationsDir: MIGRATIONS_DIR, log: (m) => logged.push(m) });

    expect(applied).toEqual(names);
    expect(logged.some((m) => m.includes(names[0]!))).toBe(true);
    for (const table of ["trust", "project_team", "ward", "survey_response"]) {
      expect(await tableExists(db.url, table), table).toBe(true);
    }
    const rows = await migrationRows(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await migrationStatus(db.url, { migrationsDir: MIGRATIONS_DIR })).toEqual({
      applied: names,
      pending: [],
      failed: [],
      modified: [],
      missingOnDisk: [],
    });
  });

  it("creates _prisma_migrations with exactly the columns `prisma migrate deploy` creates", async () => {
    const db = await blankDatabase();
    await migrate(db.url, { migrationsDir: MIGRATIONS_DIR });
    const columns = await withPg(db.url, async (c) => {
      const { rows } = await c.query<{ name: string; type: string; nullable: boolean; default: string | null }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
                pg_get_expr(d.adbin, d.adrelid) AS default
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = 'public._prisma_migrations'::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum`,
      );
      return rows;
    });
    expect(columns).toEqual([
      { name: "id", type: "character varying(36)", nullable: false, default: null },
      { name: "checksum", type: "character varying(64)", nullable: false, default: null },
      { name: "finished_at", type: "timestamp with time zone", nullable: true, default: null },
      { name: "migration_name", type: "character varying(255)", nullable: false, default: null },
      { name: "logs", type: "text", nullable: true, default: null },
      { name: "rolled_back_at", type: "timestamp with time zone", nullable: true, default: null },
      { name: "started_at", type: "timestamp with time zone", nullable: false, default: "now()" },
      { name: "applied_steps_count", type: "integer", nullable: false, default: "0" },
    ]);
    const pk = await withPg(db.url, async (c) => {
      const { rows } = await c.query<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid = 'public._prisma_migrations'::regclass AND contype = 'p'`,
      );
      return rows.map((r) => r.def);
    });
    expect(pk).toEqual(["PRIMARY KEY (id)"]);
  });

  it("applies nothing on a second run", async () => {
    const db = await blankDatabase();
    await migrate(db.url, { migrationsDir: MIGRATIONS_DIR });
    const before = await migrationRows(db.url);

    expect(await migrate(db.url, { migrationsDir: MIGRATIONS_DIR })).toEqual({ applied: [] });
    expect(await migrationRows(db.url)).toEqual(before);
  });

  it("records the sha256 of each migration.sql as its checksum", async () => {
    const db = await blankDatabase();
    await migrate(db.url, { migrationsDir: MIGRATIONS_DIR });
    const rows = await migrationRows(db.url);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("refuses when an applied migration's file has changed", async () => {
    const db = await blankDatabase();
    const dir = await copyOfMigrations();
    const [first] = await projectMigrationNames();
    await migrate(db.url, { migrationsDir: dir });

    await appendFile(path.join(dir, first!, "migration.sql"), "\n-- edited after it was applied\n");
    await addMigration(dir, "29990101000000_after_edit", `CREATE TABLE "never_applied" (id INTEGER);`);

    const error = await expectMigrationError(migrate(db.url, { migrationsDir: dir }), "CHECKSUM_MISMATCH", first!);
    expect(error.message).toMatch(/modified/);
    // Refused before anything else ran.
    expect(await tableExists(db.url, "never_applied")).toBe(false);
    expect((await migrationStatus(db.url, { migrationsDir: dir })).modified).toEqual([first]);
  });

  it("accepts an applied file whose only change is its line endings (a CRLF checkout)", async () => {
    const db = await blankDatabase();
    const dir = await copyOfMigrations();
    const [first] = await projectMigrationNames();
    await migrate(db.url, { migrationsDir: dir });
    const file = path.join(dir, first!, "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")).replace(/\r?\n/g, "\r\n"));

    expect(await migrate(db.url, { migrationsDir: dir })).toEqual({ applied: [] });
  });

  it("refuses when an applied migration is missing on disk", async () => {
    const db = await blankDatabase();
    const dir = await copyOfMigrations();
    await addMigration(dir, "29990101000000_extra", `CREATE TABLE "extra_table" (id INTEGER);`);
    await migrate(db.url, { migrationsDir: dir });

    await rm(path.join(dir, "29990101000000_extra"), { recursive: true });
    await expectMigrationError(migrate(db.url, { migrationsDir: dir }), "MISSING_ON_DISK", "29990101000000_extra");
    expect((await migrationStatus(db.url, { migrationsDir: dir })).missingOnDisk).toEqual(["29990101000000_extra"]);
  });

  it("applies migrations in lexical folder order, only the new ones on a later run", async () => {
    const db = await blankDatabase();
    const dir = await copyOfMigrations();
    const base = await projectMigrationNames();
    // Written in reverse order: the second depends on the first, so a wrong order fails.
    await addMigration(dir, "29990102000000_b", `ALTER TABLE "order_probe" ADD COLUMN "b" INTEGER;`);
    await addMigration(dir, "29990101000000_a", `CREATE TABLE "order_probe" ("a" INTEGER);`);
    expect((await migrate(db.url, { migrationsDir: dir })).applied).toEqual([
      ...base,
      "29990101000000_a",
      "29990102000000_b",
    ]);

    await addMigration(dir, "29990103000000_c", `ALTER TABLE "order_probe" ADD COLUMN "c" INTEGER;`);
    expect(await migrationStatus(db.url, { migrationsDir: dir })).toMatchObject({ pending: ["29990103000000_c"] });
    expect((await migrate(db.url, { migrationsDir: dir })).applied).toEqual(["29990103000000_c"]);
  });

  it("applies each migration exactly once when three runs race", async () => {
    const db = await blankDatabase();
    const dir = await copyOfMigrations();
    // A slow migration widens the window in which the other runs would apply it too without the lock.
    await addMigration(dir, "29990101000000_slow", `SELECT pg_sleep(0.5);\nCREATE TABLE "race_probe" (id INTEGER);`);
    await addMigration(dir, "29990102000000_after_slow", `INSERT INTO "race_probe" VALUES (1);`);
    const all = [...(await projectMigrationNames()), "29990101000000_slow", "29990102000000_after_slow"];

    const results = await Promise.all([1, 2, 3].map(() => migrate(db.url, { migrationsDir: dir })));

    const appliedByAnyRun = results.flatMap((r) => r.applied);
    expect([...appliedByAnyRun].sort()).toEqual(all);
    const rows = await migrationRows(db.url);
    expect(rows.map((r) => r.migration_name).sort()).toEqual(all);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    const probeRows = await withPg(db.url, async (c) => (await c.query(`SELECT * FROM "race_probe"`)).rowCount);
    expect(probeRows).toBe(1);
  });

  it("rolls a failing migration back completely, records it as failed, and refuses to run again", async () => {
    const db = await blankDatabase();
    const dir = await copyOfMigrations();
    const base = await projectMigrationNames();
    const broken = "29990101000000_broken";
    await addMigration(
      dir,
      broken,
      `CREATE TABLE "half_written" (id INTEGER);\nINSERT INTO "half_written" VALUES (1);\nINSERT INTO "no_such_table" VALUES (1);\n`,
    );
    await addMigration(dir, "29990102000000_later", `CREATE TABLE "after_broken" (id INTEGER);`);

    const error = await expectMigrationError(migrate(db.url, { migrationsDir: dir }), "APPLY_FAILED", broken);
    expect(error.message).toMatch(/relation "no_such_table" does not exist/);
    expect(error.message).toMatch(/line 3/);

    // Earlier migrations stay applied; nothing of the broken one (or after it) was kept.
    expect(await tableExists(db.url, "ward")).toBe(true);
    expect(await tableExists(db.url, "half_written")).toBe(false);
    expect(await tableExists(db.url, "after_broken")).toBe(false);

    const rows = await migrationRows(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual([...base, broken]);
    const failed = rows.find((r) => r.migration_name === broken)!;
    expect(failed.finished_at).toBeNull();
    expect(failed.rolled_back_at).toBeNull();
    expect(failed.applied_steps_count).toBe(0);
    expect(failed.logs).toMatch(/relation "no_such_table" does not exist/);
    expect(failed.checksum).toBe(
      createHash("sha256").update(await readFile(path.join(dir, broken, "migration.sql"))).digest("hex"),
    );

    // Even once the file is fixed, the failure must be resolved first, as with `prisma migrate deploy`.
    await writeFile(path.join(dir, broken, "migration.sql"), `CREATE TABLE "half_written" (id INTEGER);\n`);
    const refused = await expectMigrationError(
      migrate(db.url, { migrationsDir: dir }),
      "FAILED_MIGRATION_PRESENT",
      broken,
    );
    expect(refused.message).toMatch(/relation "no_such_table" does not exist/);
    expect(await migrationStatus(db.url, { migrationsDir: dir })).toMatchObject({
      failed: [broken],
      pending: ["29990102000000_later"],
    });

    // What `prisma migrate resolve --rolled-back` writes; afterwards the fixed migration applies.
    await withPg(db.url, (c) =>
      c.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [broken]),
    );
    expect((await migrate(db.url, { migrationsDir: dir })).applied).toEqual([broken, "29990102000000_later"]);
    expect(await tableExists(db.url, "half_written")).toBe(true);
  });
});

describe("scripts/db-migrate.ts", () => {
  // Asynchronous on purpose: on the PGlite fallback the database is served from this very process,
  // so blocking it (spawnSync) would leave the CLI waiting for a server that can never answer.
  function runCli(args: string[], env: Record<string, string | undefined>) {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "scripts/db-migrate.ts", ...args],
        { cwd: ROOT, env: childEnv, encoding: "utf8", timeout: 60_000 },
        (error, stdout, stderr) => {
          const status = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ status, stdout, stderr });
        },
      );
    });
  }

  it("explains that DATABASE_URL is missing", async () => {
    const result = await runCli([], { DATABASE_URL: undefined });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL is not set/);
  });

  it("applies pending migrations, prints them, and reports status", async () => {
    const db = await blankDatabase();
    const names = await projectMigrationNames();

    const pending = await runCli(["--status"], { DATABASE_URL: db.url });
    expect(pending.status).toBe(1);
    expect(pending.stdout).toMatch(/Pending:/);

    const first = await runCli([], { DATABASE_URL: db.url });
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    for (const name of names) expect(first.stdout).toContain(name);

    const second = await runCli([], { DATABASE_URL: db.url });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/Nothing to apply/);

    const status = await runCli(["--status"], { DATABASE_URL: db.url });
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/up to date/);
  });
});
