import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { createDatabase, databaseUrlFor, dropDatabase, migrate } from "@/lib/db/migrate";
import { freePort } from "./app-server";

// A fresh, migrated database for one test run: on the real PostgreSQL server when it answers (CI
// requires it), otherwise on an in-memory embedded PGlite so `npm test` works anywhere.

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export type TestDatabase = { databaseUrl: string; adminUrl: string; embedded: boolean; drop: () => Promise<void> };

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  if (await reachable(adminUrl)) {
    const name = `${prefix}_${randomBytes(6).toString("hex")}`;
    await createDatabase(adminUrl, name);
    const databaseUrl = databaseUrlFor(adminUrl, name);
    await migrate(databaseUrl);
    return { databaseUrl, adminUrl, embedded: false, drop: () => dropDatabase(adminUrl, name) };
  }
  if (process.env.CI) throw new Error(`CI requires the real PostgreSQL server, and ${adminUrl} does not answer`);
  const embedded = await startEmbeddedDatabase({ port: await freePort() });
  await migrate(embedded.url);
  return { databaseUrl: embedded.url, adminUrl: embedded.url, embedded: true, drop: embedded.stop };
}
