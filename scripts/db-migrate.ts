// `npm run db:migrate` — applies prisma/migrations to DATABASE_URL (Prisma's `migrate deploy`
// cannot run here: its schema engine is downloaded from servers these machines cannot reach).
//   tsx scripts/db-migrate.ts            apply pending migrations
//   tsx scripts/db-migrate.ts --status   show applied / pending, change nothing
import { MigrationError, migrate, migrationStatus } from "../lib/db/migrate";
import { env } from "@/lib/env";

const USAGE = "Usage: tsx scripts/db-migrate.ts [--status]\nReads the database URL from DATABASE_URL.";

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== "--status" && a !== "--help" && a !== "-h");
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(" ")}\n${USAGE}`);
    return 2;
  }
  const databaseUrl = env().DATABASE_URL;
  if (!databaseUrl) {
    console.error(
      "DATABASE_URL is not set. Set it to the PostgreSQL database to migrate, e.g.\n" +
        "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/wardsafe npm run db:migrate",
    );
    return 2;
  }

  if (argv.includes("--status")) {
    const s = await migrationStatus(databaseUrl);
    console.log(`Database: ${redact(databaseUrl)}`);
    const section = (title: string, names: string[]) => {
      if (names.length > 0) console.log(`${title}:\n${names.map((n) => `  ${n}`).join("\n")}`);
    };
    section("Applied", s.applied);
    section("Pending", s.pending);
    section("FAILED (resolve before migrating)", s.failed);
    section("MODIFIED after being applied", s.modified);
    section("Applied but MISSING from prisma/migrations", s.missingOnDisk);
    const problems = s.failed.length + s.modified.length + s.missingOnDisk.length;
    if (problems === 0 && s.pending.length === 0) console.log("Database schema is up to date.");
    // Non-zero whenever the database is not in sync, as `prisma migrate status` does, so CI can gate on it.
    return problems > 0 || s.pending.length > 0 ? 1 : 0;
  }

  console.log(`Migrating ${redact(databaseUrl)}`);
  const { applied } = await migrate(databaseUrl, { log: (msg) => console.log(msg) });
  console.log(
    applied.length === 0
      ? "Nothing to apply: the database is up to date."
      : `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}:\n${applied.map((n) => `  ${n}`).join("\n")}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof MigrationError ? `Error: ${error.message}` : error);
    process.exitCode = 1;
  },
);
