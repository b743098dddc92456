import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Applies prisma/migrations without Prisma's schema engine (it cannot be downloaded here), while
// keeping the database exactly as `prisma migrate deploy` would leave it: same `_prisma_migrations`
// table, same checksums, same advisory lock key. A deployment that can run Prisma's engine can then
// use `prisma migrate deploy` / `prisma migrate status` on the same database, and vice versa.

/** The key Prisma's schema engine passes to pg_advisory_lock, so our runs and Prisma's exclude each other. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Byte-for-byte the table the schema engine creates on PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationErrorCode =
  | "MIGRATIONS_DIR_INVALID"
  | "FAILED_MIGRATION_PRESENT"
  | "CHECKSUM_MISMATCH"
  | "MISSING_ON_DISK"
  | "APPLY_FAILED"
  | "LOCK_TIMEOUT";

export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    /** The migration (folder name) the error is about, when there is one. */
    readonly migration?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type MigrateOptions = {
  /** Defaults to prisma/migrations under the current working directory, as Prisma does. */
  migrationsDir?: string;
  log?: (msg: string) => void;
  /** How long to wait for another run (ours or Prisma's) to release the advisory lock. */
  lockTimeoutMs?: number;
};

export type MigrationFile = {
  name: string;
  sqlPath: string;
  checksum: string;
  /** Checksums of the same script with LF and CRLF line endings, see checksumMatches. */
  lineEndingVariants: string[];
  sql: string;
};

export type MigrationStatus = {
  /** Applied and unchanged on disk, in the order they were applied. */
  applied: string[];
  /** On disk, not yet applied, in the order migrate() would apply them. */
  pending: string[];
  /** Started but never finished nor marked rolled back: migrate() refuses until they are resolved. */
  failed: string[];
  /** Applied, but the file on disk no longer has the checksum recorded when it was applied. */
  modified: string[];
  /** Applied, but no longer present on disk. */
  missingOnDisk: string[];
};

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

/** Reads `<dir>/<name>/migration.sql` for every folder, in lexical order (Prisma's order). */
export async function readMigrations(migrationsDir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  if (!existsSync(migrationsDir)) {
    throw new MigrationError("MIGRATIONS_DIR_INVALID", `Migrations folder ${migrationsDir} does not exist`);
  }
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  if (existsSync(lockPath)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(await readFile(lockPath, "utf8"))?.[1];
    if (provider !== undefined && provider !== "postgresql") {
      throw new MigrationError(
        "MIGRATIONS_DIR_INVALID",
        `${lockPath} says the migrations were written for "${provider}", not "postgresql"`,
      );
    }
  }
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  // Plain code-unit comparison rather than localeCompare: Prisma sorts folder names byte-wise.
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const sqlPath = path.join(migrationsDir, name, "migration.sql");
    if (!existsSync(sqlPath)) {
      throw new MigrationError(
        "MIGRATIONS_DIR_INVALID",
        `Migration folder ${name} has no migration.sql (every folder in ${migrationsDir} must be a migration)`,
        name,
      );
    }
    const bytes = await readFile(sqlPath);
    const sql = bytes.toString("utf8");
    const lf = sql.replace(/\r\n/g, "\n");
    migrations.push({
      name,
      sqlPath,
      checksum: sha256Hex(bytes),
      lineEndingVariants: [sha256Hex(lf), sha256Hex(lf.replace(/\n/g, "\r\n"))],
      sql,
    });
  }
  return migrations;
}

// Prisma also accepts a file whose only change is its line endings (a Windows checkout with
// autocrlf turns LF into CRLF): treating that as "modified" would block every deploy from such a tree.
function checksumMatches(file: MigrationFile, recorded: string): boolean {
  return file.checksum === recorded || file.lineEndingVariants.includes(recorded);
}

async function migrationsTableExists(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass(format('%I.%I', current_schema(), '_prisma_migrations')) IS NOT NULL AS "exists"`,
  );
  return rows[0]?.exists === true;
}

async function readRows(client: pg.ClientBase): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM "_prisma_migrations" ORDER BY started_at ASC, migration_name ASC`,
  );
  return rows;
}

function computeStatus(files: MigrationFile[], rows: MigrationRow[]): MigrationStatus {
  const byName = new Map(files.map((f) => [f.name, f]));
  // Rows marked rolled back (`prisma migrate resolve --rolled-back`) no longer count: the migration
  // is pending again, exactly as in Prisma.
  const live = rows.filter((r) => r.rolled_back_at === null);
  const status: MigrationStatus = { applied: [], pending: [], failed: [], modified: [], missingOnDisk: [] };
  const seen = new Set<string>();
  for (const row of live) {
    if (seen.has(row.migration_name)) continue;
    seen.add(row.migration_name);
    if (row.finished_at === null) {
      status.failed.push(row.migration_name);
      continue;
    }
    const file = byName.get(row.migration_name);
    if (!file) status.missingOnDisk.push(row.migration_name);
    else if (!checksumMatches(file, row.checksum)) status.modified.push(row.migration_name);
    else status.applied.push(row.migration_name);
  }
  status.pending = files.filter((f) => !seen.has(f.name)).map((f) => f.name);
  return status;
}

function describeFailedRows(rows: MigrationRow[], names: string[]): string {
  return names
    .map((name) => {
      const row = rows.find((r) => r.migration_name === name && r.rolled_back_at === null && r.finished_at === null);
      const when = row ? ` (started ${row.started_at.toISOString()})` : "";
      const logs = row?.logs ? `\n    ${row.logs.split("\n").join("\n    ")}` : "";
      return `  - ${name}${when}${logs}`;
    })
    .join("\n");
}

/** Throws the error migrate() refuses with, if the recorded history is not safe to build on. */
function assertHistoryIsSound(status: MigrationStatus, rows: MigrationRow[], migrationsDir: string): void {
  if (status.failed.length > 0) {
    throw new MigrationError(
      "FAILED_MIGRATION_PRESENT",
      `Refusing to migrate: migration ${status.failed.map((n) => `"${n}"`).join(", ")} failed earlier and is ` +
        `recorded as unfinished in _prisma_migrations, so new migrations will not be applied.\n` +
        `${describeFailedRows(rows, status.failed)}\n` +
        `Fix the database by hand, then mark it with \`prisma migrate resolve --rolled-back <name>\` (or ` +
        `--applied), or set rolled_back_at = now() on its _prisma_migrations row.`,
      status.failed[0],
    );
  }
  if (status.modified.length > 0) {
    throw new MigrationError(
      "CHECKSUM_MISMATCH",
      `Refusing to migrate: migration ${status.modified.map((n) => `"${n}"`).join(", ")} was modified after ` +
        `it was applied (its migration.sql in ${migrationsDir} no longer matches the checksum recorded in ` +
        `_prisma_migrations). Restore the original file and put the change in a new migration.`,
      status.modified[0],
    );
  }
  if (status.missingOnDisk.length > 0) {
    throw new MigrationError(
      "MISSING_ON_DISK",
      `Refusing to migrate: migration ${status.missingOnDisk.map((n) => `"${n}"`).join(", ")} is recorded as ` +
        `applied in _prisma_migrations but is missing from ${migrationsDir}. Restore it (was the folder ` +
        `renamed or deleted?) or check that DATABASE_URL points at the right database.`,
      status.missingOnDisk[0],
    );
  }
}

async function acquireLock(client: pg.ClientBase, timeoutMs: number): Promise<void> {
  // Polling pg_try_advisory_lock instead of blocking in pg_advisory_lock keeps the session free of
  // a lock_timeout setting and lets us name the problem when another run holds the lock too long.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_ADVISORY_LOCK_KEY,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        "LOCK_TIMEOUT",
        `Timed out after ${timeoutMs} ms waiting for the migration advisory lock ` +
          `(pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})): another migration run is still in progress.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function lineOf(sql: string, position: number): number {
  return sql.slice(0, Math.max(0, position - 1)).split("\n").length;
}

// Shaped like the logs Prisma's engine stores for a failed migration, so `prisma migrate status`
// readers see familiar text.
function failureLogs(file: MigrationFile, error: unknown): string {
  const e = error as Partial<pg.DatabaseError> & Error;
  const where = e.position ? `\nPosition: line ${lineOf(file.sql, Number(e.position))} of ${file.name}/migration.sql` : "";
  const code = e.code ? `Database error code: ${e.code}\n\n` : "";
  return `${code}Database error:\nERROR: ${e.message}${e.detail ? `\nDETAIL: ${e.detail}` : ""}${where}`;
}

/** Runs `fn` with a connected pg client of its own, always closing it. */
export async function withPg<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection surfaces as an 'error' event; without a listener it would crash the process
  // instead of failing the query that is waiting on it.
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Applies every pending migration in `<migrationsDir>/<name>/migration.sql`, each in its own
 * transaction, recording them in `_prisma_migrations` as `prisma migrate deploy` does.
 */
export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const log = opts.log ?? (() => {});
  const files = await readMigrations(migrationsDir);

  return withPg(databaseUrl, async (client) => {
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000);
    try {
      if (!(await migrationsTableExists(client))) await client.query(CREATE_MIGRATIONS_TABLE);
      const rows = await readRows(client);
      const status = computeStatus(files, rows);
      assertHistoryIsSound(status, rows, migrationsDir);

      const applied: string[] = [];
      for (const file of files.filter((f) => status.pending.includes(f.name))) {
        if (await applyOne(client, file, log)) applied.push(file.name);
      }
      if (applied.length === 0) log("No pending migrations.");
      return { applied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  });
}

/** Returns false when another run applied the migration first. */
async function applyOne(client: pg.Client, file: MigrationFile, log: (msg: string) => void): Promise<boolean> {
  const id = randomUUID();
  await client.query("BEGIN");
  let startedAt: Date | undefined;
  try {
    // Checked again inside the transaction because the advisory lock alone is not enough on every
    // server: PGlite multiplexes all connections onto one session, where the lock is re-entrant, but
    // it does serialise transactions, so this read sees any run that committed before ours began.
    const { rows: existing } = await client.query<{ finished: boolean }>(
      `SELECT finished_at IS NOT NULL AS finished FROM "_prisma_migrations"
        WHERE migration_name = $1 AND rolled_back_at IS NULL`,
      [file.name],
    );
    if (existing.length > 0) {
      await client.query("ROLLBACK");
      if (existing.some((r) => !r.finished)) {
        throw new MigrationError(
          "FAILED_MIGRATION_PRESENT",
          `Refusing to migrate: migration "${file.name}" failed in a concurrent run.`,
          file.name,
        );
      }
      return false;
    }
    const { rows } = await client.query<{ started_at: Date }>(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0) RETURNING started_at`,
      [id, file.checksum, file.name],
    );
    startedAt = rows[0]?.started_at;
    log(`Applying migration ${file.name}`);
    // One simple-protocol query for the whole file, as Prisma's engine sends it.
    await client.query(file.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
    log(`Applied migration ${file.name}`);
    return true;
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    await client.query("ROLLBACK").catch(() => {});
    const logs = failureLogs(file, error);
    // Recorded outside the rolled-back transaction, as Prisma leaves it: started, never finished, with
    // the error in `logs`. Every later run (ours or `prisma migrate deploy`) then refuses until someone
    // resolves it, instead of silently retrying a migration that may need a human decision.
    await client
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, COALESCE($5, now()), 0)`,
        [id, file.checksum, file.name, logs, startedAt ?? null],
      )
      .catch(() => {});
    throw new MigrationError(
      "APPLY_FAILED",
      `Migration "${file.name}" failed and was rolled back; nothing from it was kept.\n${logs}`,
      file.name,
      { cause: error },
    );
  }
}

/** What migrate() would do, without changing anything. */
export async function migrationStatus(
  databaseUrl: string,
  opts: { migrationsDir?: string } = {},
): Promise<MigrationStatus> {
  const files = await readMigrations(opts.migrationsDir ?? defaultMigrationsDir());
  return withPg(databaseUrl, async (client) => {
    const rows = (await migrationsTableExists(client)) ? await readRows(client) : [];
    return computeStatus(files, rows);
  });
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function assertDatabaseName(name: string): void {
  // Identifiers cannot be bound as parameters, so only names that need no quoting are accepted.
  if (!DATABASE_NAME.test(name)) throw new Error(`Invalid database name ${JSON.stringify(name)}`);
}

/** The URL of database `name` on the same server (and with the same credentials) as `url`. */
export function databaseUrlFor(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/** Creates an empty database and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  assertDatabaseName(name);
  await withPg(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return databaseUrlFor(adminUrl, name);
}

/** Drops the database, disconnecting anyone still using it. No error if it does not exist. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertDatabaseName(name);
  await withPg(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
