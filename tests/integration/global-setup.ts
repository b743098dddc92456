import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, migrate } from "../../lib/db/migrate";
import {
  DEFAULT_TEST_ADMIN_URL,
  MIGRATIONS_DIR,
  probeServer,
  randomDatabaseName,
  redactUrl,
  startPgliteServer,
} from "../helpers/db";

// Integration tests run against a real PostgreSQL server: TEST_DATABASE_ADMIN_URL, or the local
// one. On a developer machine without a server they fall back to an embedded PGlite so the suite
// still runs; in CI that fallback would hide a broken service container, so it is an error there.

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL;

  if ((await probeServer(adminUrl)) === "reachable") {
    const name = randomDatabaseName();
    const databaseUrl = await createDatabase(adminUrl, name);
    try {
      await migrate(databaseUrl, { migrationsDir: MIGRATIONS_DIR });
    } catch (error) {
      await dropDatabase(adminUrl, name);
      throw error;
    }
    provide("databaseUrl", databaseUrl);
    provide("adminUrl", adminUrl);
    provide("databaseServer", "postgresql");
    return async () => {
      await dropDatabase(adminUrl, name);
    };
  }

  if (isCi()) {
    throw new Error(
      `CI requires a real PostgreSQL server for the integration tests, but nothing answers at ` +
        `${redactUrl(adminUrl)}. Start the database service or set TEST_DATABASE_ADMIN_URL.`,
    );
  }

  console.warn(
    `[integration] No PostgreSQL server at ${redactUrl(adminUrl)}; using an embedded in-memory PGlite ` +
      `instead (set TEST_DATABASE_ADMIN_URL to use a server).`,
  );
  const embedded = await startPgliteServer();
  try {
    await migrate(embedded.url, { migrationsDir: MIGRATIONS_DIR });
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  provide("databaseUrl", embedded.url);
  provide("adminUrl", embedded.url);
  provide("databaseServer", "pglite");
  return embedded.stop;
}
