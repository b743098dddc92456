// npm run import -- <file.csv> [--dry-run] [--confirm-duplicate] [--as <admin email>]
//
// Imports historical responses from a CSV file into DATABASE_URL, for administrators on the server
// (the same checks and the same all-or-nothing transaction as the upload page; no upload limit).
// --dry-run      check the file and report what would be imported; write nothing
// --confirm-duplicate  import even though the same file (same checksum) was imported before
// --as <email>   attribute the import to this administrator's account in the audit log; without
//                it, the import is recorded as made from the server command line by the OS user
// Exit status: 0 imported (or checked), 1 the file has problems or is a duplicate, 2 usage.
import { stat } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";

const USAGE = "Usage: npm run import -- <file.csv> [--dry-run] [--confirm-duplicate] [--as <admin email>]\nReads the database URL from DATABASE_URL.";

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        "confirm-duplicate": { type: "boolean", default: false },
        as: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const file = positionals[0]!;
  if (!env().DATABASE_URL) {
    console.error("DATABASE_URL is not set. Set it to the PostgreSQL database to import into.");
    return 2;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
  } catch {
    console.error(`Cannot read ${file}: no such file`);
    return 2;
  }

  // Loaded after the checks above so that `--help` and usage errors need no database.
  const { db } = await import("../lib/db/client");
  const { fileSource, importResponses, MAX_REPORTED_PROBLEMS } = await import("../lib/import/service");
  const path = await import("node:path");
  try {
    let actor;
    let recordedAs: { id: string | null; email: string } | undefined;
    if (values.as) {
      const user = await db().user.findUnique({ where: { email: values.as.trim().toLowerCase() }, include: { memberships: true } });
      if (!user || !user.active || user.role !== "ADMIN") {
        console.error(`${values.as} is not an active programme administrator's account`);
        return 2;
      }
      actor = { id: user.id, email: user.email, name: user.name, role: "ADMIN" as const, teamIds: user.memberships.map((m) => m.teamId) };
    } else {
      const who = `command-line:${os.userInfo().username}@${os.hostname()}`;
      actor = { id: who, email: who, name: who, role: "ADMIN" as const, teamIds: [] };
      recordedAs = { id: null, email: who };
    }

    const started = performance.now();
    const outcome = await importResponses(actor, fileSource(file), {
      fileName: path.basename(file),
      dryRun: values["dry-run"],
      confirmDuplicate: values["confirm-duplicate"],
      recordedAs,
    });
    const { report } = outcome;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (outcome.status === "invalid") {
      console.error(`${report.fileName}: ${report.problemCount} problem${report.problemCount === 1 ? "" : "s"}; nothing was imported.`);
      for (const p of report.problems) console.error(`  line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}`);
      if (report.problemCount > report.problems.length) console.error(`  … and ${report.problemCount - report.problems.length} more (only the first ${MAX_REPORTED_PROBLEMS} are listed)`);
      return 1;
    }
    console.log(
      `${report.fileName}: ${report.lines} lines, ${report.responses} responses, ${report.firstDate} to ${report.lastDate}, sha256 ${report.checksum}`,
    );
    for (const w of report.wards) console.log(`  ${w.wardName} (${w.wardCode}): ${w.responses} responses, ${w.firstDate} to ${w.lastDate}`);
    for (const p of report.previousImports) console.log(`  already imported on ${p.at} by ${p.by ?? "a former user"} as ${p.fileName}`);
    if (outcome.status === "duplicate") {
      console.error("This file was imported before; nothing was imported. Run again with --confirm-duplicate to import it again.");
      return 1;
    }
    console.log(outcome.status === "imported" ? `Imported in ${seconds} s.` : `Dry run: nothing was written (checked in ${seconds} s).`);
    return 0;
  } finally {
    await db().$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
