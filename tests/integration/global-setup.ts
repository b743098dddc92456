import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../../scripts/support/db";

// The integration suite's database: a fresh migrated one on the real PostgreSQL server (required
// in CI), or an embedded PGlite on a machine without a server (see createTestDatabase).

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  provide("databaseUrl", database.databaseUrl);
  provide("adminUrl", database.adminUrl);
  provide("databaseServer", database.embedded ? "pglite" : "postgresql");
  return database.drop;
}
