import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { env } from "../../lib/env";
import { createDatabase, dropDatabase, migrate, withPg } from "../../lib/db/migrate";

// Throwaway databases for integration tests. On a real PostgreSQL server each one is a separate
// database; on the embedded PGlite fallback (one database per instance) each one is a separate
// in-memory PGlite served on its own port.

export const DEFAULT_TEST_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The project's migrations, found from this file so tests do not depend on the working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export type DatabaseServerKind = "postgresql" | "pglite";

export type ThrowawayDatabase = { url: string; cleanup: () => Promise<void> };

export function randomDatabaseName(prefix = "wardsafe_test"): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * "unreachable" when nothing answers at that address; any other failure (wrong password, missing
 * database) is thrown, because quietly falling back to PGlite would hide a misconfigured server.
 */
export async function probeServer(url: string, timeoutMs = 3_000): Promise<"reachable" | "unreachable"> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return "reachable";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message ?? "";
    if ((code && CONNECTION_ERROR_CODES.has(code)) || /timeout/i.test(message)) return "unreachable";
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** An in-memory PGlite served over the PostgreSQL wire protocol on a free local port. */
export async function startPgliteServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  // Imported lazily: loading PGlite's WebAssembly costs time and memory that runs against a real
  // server never need.
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create();
  // Several connections: pg pools (and the concurrent-migration test) open more than one, and with
  // the default of 1 the others are refused.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 10 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * A database of its own for one test file (or test), on the same server as the suite's database.
 * Migrated unless `migrate: false` (for tests of the migrator itself, which need a blank database).
 */
export async function freshDatabase(
  opts: { migrate?: boolean; migrationsDir?: string } = {},
): Promise<ThrowawayDatabase> {
  // Imported here, not at the top: global-setup.ts also imports this module, and it runs outside
  // the test runner, where importing vitest's runtime API is not allowed.
  const { inject } = await import("vitest");
  const server = inject("databaseServer");
  let db: ThrowawayDatabase;
  if (server === "pglite") {
    const embedded = await startPgliteServer();
    db = { url: embedded.url, cleanup: embedded.stop };
  } else {
    const adminUrl = inject("adminUrl");
    const name = randomDatabaseName();
    db = { url: await createDatabase(adminUrl, name), cleanup: () => dropDatabase(adminUrl, name) };
  }
  if (opts.migrate !== false) {
    try {
      await migrate(db.url, { migrationsDir: opts.migrationsDir ?? MIGRATIONS_DIR });
    } catch (error) {
      await db.cleanup();
      throw error;
    }
  }
  return db;
}

export { withPg };

export type TestDatabase = {
  databaseUrl: string;
  adminUrl: string;
  /** True on the embedded PGlite fallback (no PostgreSQL server answered). */
  embedded: boolean;
  drop: () => Promise<void>;
};

function isCi(): boolean {
  const ci = env().CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}

/**
 * A fresh, migrated database for one run (the integration suite, the browser tests' server, a
 * benchmark): on the real PostgreSQL server when it answers — TEST_DATABASE_ADMIN_URL, or the local
 * one — otherwise on an in-memory PGlite so tests still run on a machine without a server. In CI
 * that fallback would hide a broken database service, so there it is an error.
 */
export async function createTestDatabase(prefix = "wardsafe_test"): Promise<TestDatabase> {
  const adminUrl = env().TEST_DATABASE_ADMIN_URL;
  let db: TestDatabase;
  if ((await probeServer(adminUrl)) === "reachable") {
    const name = randomDatabaseName(prefix);
    const databaseUrl = await createDatabase(adminUrl, name);
    db = { databaseUrl, adminUrl, embedded: false, drop: () => dropDatabase(adminUrl, name) };
  } else {
    if (isCi()) {
      throw new Error(
        `CI requires a real PostgreSQL server, but nothing answers at ${redactUrl(adminUrl)}. ` +
          `Start the database service or set TEST_DATABASE_ADMIN_URL.`,
      );
    }
    console.warn(`No PostgreSQL server at ${redactUrl(adminUrl)}; using an embedded in-memory PGlite instead.`);
    const embedded = await startPgliteServer();
    db = { databaseUrl: embedded.url, adminUrl: embedded.url, embedded: true, drop: embedded.stop };
  }
  try {
    await migrate(db.databaseUrl, { migrationsDir: MIGRATIONS_DIR });
  } catch (error) {
    await db.drop();
    throw error;
  }
  return db;
}
