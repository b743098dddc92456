import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import pg from "pg";
import { assertCanImport, wardScope } from "@/lib/auth/access";
import { isAdmin, type Actor } from "@/lib/auth/roles";
import { recordAuditSql } from "@/lib/audit";
import { CsvParser } from "@/lib/csv/parse";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { londonDateOf } from "@/lib/survey/london-date";
import { isBlankRecord, readHeader, rowReader, type ImportHeader, type ImportProblem, type ImportRow, type RowReader } from "./rows";

// Importing historical responses from a CSV file (format: lib/import/rows.ts and the README).
//
// Two passes over the file, both streamed: the first checks every line and sums up what would be
// imported (the dry run stops there); the second, only for a file with no bad line, inserts the
// rows in batches inside ONE transaction, so a file is imported completely or not at all. Nothing
// is held per line between batches: memory stays flat whatever the file's size. The check pass runs
// before the transaction opens, so a slow upload or a long check never holds a transaction open.

/** At most this many problems are reported; the total is still counted. */
export const MAX_REPORTED_PROBLEMS = 100;
/** Lines per INSERT: large enough to amortise the round trip, small enough to keep memory flat. */
const INSERT_BATCH_LINES = 5_000;
const READ_CHUNK_BYTES = 256 * 1024;

const RESPONDENT_ENUM = { service_user: "SERVICE_USER", staff: "STAFF" } as const;
const SOURCE_ENUM = { online: "ONLINE", paper: "PAPER", tablet: "TABLET" } as const;

export type WardImportSummary = {
  wardId: string;
  wardName: string;
  wardCode: string;
  responses: number;
  firstDate: string;
  lastDate: string;
};

/** Imports run from the server's command line without a Wardsafe account are shown as by this. */
export const COMMAND_LINE = "the server command line";

export type PreviousImport = { id: string; at: string; by: string | null; fileName: string; responses: number };

export type ImportReport = {
  fileName: string;
  /** sha256 of the file's bytes, hex. */
  checksum: string;
  bytes: number;
  /** Data lines read (not the header, not blank lines). */
  lines: number;
  /** Responses the lines stand for (the sum of their counts). */
  responses: number;
  firstDate: string | null;
  lastDate: string | null;
  wards: WardImportSummary[];
  /** The first MAX_REPORTED_PROBLEMS problems, in file order. */
  problems: ImportProblem[];
  /** Every problem found, including those not reported. */
  problemCount: number;
  /** Earlier imports of a file with the same checksum. */
  previousImports: PreviousImport[];
};

export type ImportOutcome =
  | { status: "checked"; report: ImportReport }
  | { status: "invalid"; report: ImportReport }
  | { status: "duplicate"; report: ImportReport }
  | { status: "imported"; report: ImportReport; importId: string };

export type ImportOptions = {
  fileName: string;
  /** Check and report only; write nothing. */
  dryRun?: boolean;
  /** Import even though a file with the same checksum was imported before. */
  confirmDuplicate?: boolean;
  now?: Date;
  /**
   * Who the import and its audit record are attributed to, when not the actor's own account: the
   * server command line, run by an operator without a Wardsafe account (id null).
   */
  recordedAs?: { id: string | null; email: string };
};

/** Where the file's bytes come from; called once per pass. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

export function fileSource(path: string): ByteSource {
  return () => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
}

type WardRef = { id: string; name: string; code: string };

/** The wards this actor may import into, by survey code (and by any code a ward used before rotation). */
async function wardsByCode(actor: Actor): Promise<Map<string, WardRef>> {
  const wards = await db().ward.findMany({
    where: wardScope(actor),
    select: { id: true, name: true, surveyCode: true, retiredCodes: { select: { code: true } } },
  });
  const map = new Map<string, WardRef>();
  for (const ward of wards) {
    const ref = { id: ward.id, name: ward.name, code: ward.surveyCode };
    for (const retired of ward.retiredCodes) map.set(retired.code, ref);
  }
  // Current codes last, so they win over any retired code that was somehow reused.
  for (const ward of wards) map.set(ward.surveyCode, { id: ward.id, name: ward.name, code: ward.surveyCode });
  return map;
}

/**
 * Where the second pass puts good rows. flush() sends what has gathered and returns the pending
 * write; scan() keeps reading the file while the database works on it (one write in flight at a
 * time), so parsing and inserting overlap.
 */
type Sink = { add(row: ImportRow, ward: WardRef): void; pending(): number; flush(): Promise<void> };

type ScanResult = Omit<ImportReport, "fileName" | "previousImports">;

/** Reads the file once: checks every line, sums up per ward, and hands good rows to the sink. */
async function scan(source: ByteSource, wards: Map<string, WardRef>, opts: { today: string; admin: boolean; sink?: Sink }): Promise<ScanResult> {
  const hash = createHash("sha256");
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const report = (problem: ImportProblem) => {
    problemCount++;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };

  let header: ImportHeader | null = null;
  let readRow: RowReader | null = null;
  let headerBad = false;
  let headerSeen = false;
  let lines = 0;
  let responses = 0;
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  const perWard = new Map<string, WardImportSummary>();
  const unknownWard = (code: string) =>
    opts.admin
      ? `ward_code "${code}" is not the survey code of any ward`
      : `ward_code "${code}" is not the survey code of one of your project team's wards`;

  const parser = new CsvParser({
    problem: (p) => report({ line: p.line, column: p.column === null ? null : (headerColumnName(header, p.column) ?? `column ${p.column}`), message: p.message }),
    record: (fields, line) => {
      if (!headerSeen) {
        headerSeen = true;
        const read = readHeader(fields, line);
        if (read.ok) {
          header = read.header;
          readRow = rowReader(read.header, opts.today);
        } else {
          headerBad = true;
          read.problems.forEach(report);
        }
        return;
      }
      if (headerBad || !readRow || isBlankRecord(fields)) return;
      lines++;
      const read = readRow(fields, line);
      if (!read.ok) {
        read.problems.forEach(report);
        return;
      }
      const row = read.row;
      const ward = wards.get(row.ward);
      if (!ward) {
        report({ line, column: "ward_code", message: unknownWard(row.ward) });
        return;
      }
      responses += row.count;
      if (firstDate === null || row.submittedOn < firstDate) firstDate = row.submittedOn;
      if (lastDate === null || row.submittedOn > lastDate) lastDate = row.submittedOn;
      const summary = perWard.get(ward.id);
      if (summary) {
        summary.responses += row.count;
        if (row.submittedOn < summary.firstDate) summary.firstDate = row.submittedOn;
        if (row.submittedOn > summary.lastDate) summary.lastDate = row.submittedOn;
      } else {
        perWard.set(ward.id, { wardId: ward.id, wardName: ward.name, wardCode: ward.code, responses: row.count, firstDate: row.submittedOn, lastDate: row.submittedOn });
      }
      // Once a line is bad nothing will be written, so stop collecting rows for the database.
      if (problemCount === 0) opts.sink?.add(row, ward);
    },
  });

  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (sink: Sink) => {
    await inFlight;
    inFlight = sink.flush();
    // Marked handled now; a failure still surfaces at the next await of inFlight.
    inFlight.catch(() => {});
  };

  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  let decodable = true;
  for await (const chunk of source()) {
    bytes += chunk.byteLength;
    hash.update(chunk);
    if (!decodable || parser.stopped) continue;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      decodable = false;
      // Read up to the first undecodable byte, so the problem is reported on the line it is on.
      const readable = new TextDecoder("utf-8").decode(chunk);
      const bad = readable.indexOf("\uFFFD");
      if (bad > 0) parser.push(readable.slice(0, bad));
      report({
        line: parser.currentLine,
        column: null,
        message: "the file is not UTF-8 text: it may be binary data, or saved in another encoding (in Excel, save as “CSV UTF-8”)",
      });
      continue;
    }
    parser.push(text);
    if (opts.sink && problemCount === 0 && opts.sink.pending() >= INSERT_BATCH_LINES) await flush(opts.sink);
  }
  if (decodable && !parser.stopped) {
    try {
      const rest = decoder.decode();
      if (rest) parser.push(rest);
      parser.end();
    } catch {
      report({ line: parser.currentLine, column: null, message: "the file ends in the middle of a UTF-8 character: it is not UTF-8 text" });
    }
  }
  if (bytes === 0) report({ line: 1, column: null, message: "the file is empty" });
  else if (problemCount === 0 && lines === 0) report({ line: 1, column: null, message: "the file has a header line but no responses" });
  if (opts.sink && problemCount === 0) await flush(opts.sink);
  await inFlight;

  return {
    checksum: hash.digest("hex"),
    bytes,
    lines,
    responses,
    firstDate,
    lastDate,
    wards: [...perWard.values()].sort((a, b) => a.wardName.localeCompare(b.wardName)),
    problems,
    problemCount,
  };
}

function headerColumnName(header: ImportHeader | null, position: number): string | null {
  if (!header) return null;
  for (const [name, at] of Object.entries(header.index)) if (at === position - 1) return name;
  return null;
}

async function previousImportsOf(checksum: string): Promise<PreviousImport[]> {
  const rows = await db().csvImport.findMany({ where: { checksum }, orderBy: { createdAt: "asc" } });
  const userIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const users = userIds.length > 0 ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    by: r.createdById ? (names.get(r.createdById) ?? null) : COMMAND_LINE,
    fileName: r.fileName,
    responses: r.responseCount,
  }));
}

class ImportChangedError extends Error {}
class DuplicateImportError extends Error {}

/**
 * Checks a file and, unless it is a dry run, imports it. Project leads may import only into their
 * own teams' wards: a line for any other ward is a problem like an unknown code.
 */
export async function importResponses(actor: Actor, source: ByteSource, options: ImportOptions): Promise<ImportOutcome> {
  assertCanImport(actor);
  const now = options.now ?? new Date();
  const today = londonDateOf(now);
  const fileName = options.fileName.slice(0, 255) || "import.csv";
  const wards = await wardsByCode(actor);
  const admin = isAdmin(actor);
  const recordedAs = options.recordedAs ?? { id: actor.id, email: actor.email };

  const checked = await scan(source, wards, { today, admin });
  const report: ImportReport = { fileName, ...checked, previousImports: await previousImportsOf(checked.checksum) };
  if (report.problemCount > 0) return { status: "invalid", report };
  if (options.dryRun) return { status: "checked", report };
  if (report.previousImports.length > 0 && !options.confirmDuplicate) return { status: "duplicate", report };

  try {
    const importId = await withImportTransaction(async (client) => {
      // Two uploads of the same file at once: the second waits here, then sees the first.
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`wardsafe-import:${report.checksum}`]);
      const earlier = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM csv_import WHERE checksum = $1", [report.checksum]);
      if (!options.confirmDuplicate && (earlier.rows[0]?.n ?? 0) > 0) throw new DuplicateImportError();
      const importId = randomUUID();
      await client.query(
        `INSERT INTO csv_import (id, checksum, file_name, line_count, response_count, first_date, last_date, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8)`,
        [importId, report.checksum, fileName, report.lines, report.responses, report.firstDate, report.lastDate, recordedAs.id],
      );
      const batch = newBatch();
      let inserted = 0;
      const sink: Sink = {
        add: (row, ward) => batch.add(row, ward.id),
        pending: () => batch.length(),
        flush: async () => {
          if (batch.length() === 0) return;
          const result = await client.query(INSERT_ROWS, [...batch.take(), importId]);
          inserted += result.rowCount ?? 0;
        },
      };
      const second = await scan(source, wards, { today, admin, sink });
      // The file must be the one that was checked (a file on disk could change between passes).
      if (second.checksum !== report.checksum || second.problemCount > 0 || inserted !== report.responses) throw new ImportChangedError();
      await recordAuditSql(
        {
          actorId: recordedAs.id,
          actorEmail: recordedAs.email,
          action: "responses.import",
          entityType: "csv_import",
          entityId: importId,
          after: {
            fileName,
            checksum: report.checksum,
            lines: report.lines,
            responses: report.responses,
            firstDate: report.firstDate,
            lastDate: report.lastDate,
            wards: report.wards.map((w) => ({ wardId: w.wardId, responses: w.responses })),
            repeatOfEarlierImport: report.previousImports.length > 0,
          },
        },
        client,
      );
      return importId;
    });
    return { status: "imported", report, importId };
  } catch (error) {
    if (error instanceof DuplicateImportError) {
      return { status: "duplicate", report: { ...report, previousImports: await previousImportsOf(report.checksum) } };
    }
    if (error instanceof ImportChangedError) {
      return {
        status: "invalid",
        report: { ...report, problemCount: 1, problems: [{ line: 1, column: null, message: "the file changed while it was being imported; nothing was imported" }] },
      };
    }
    throw error;
  }
}

const INSERT_ROWS = `
  INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, import_id)
  SELECT t.ward_id, t.respondent, t.felt_safe, t.able_to_speak_up, t.source, t.submitted_on, $8
  FROM unnest($1::text[], $2::respondent_type[], $3::boolean[], $4::boolean[], $5::response_source[], $6::date[], $7::int[])
    AS t(ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, n)
  CROSS JOIN LATERAL generate_series(1, t.n)`;

/**
 * The import's one transaction, on a connection of its own through pg rather than Prisma: Prisma
 * keeps every distinct raw query, parameters included, in its query-plan cache (up to 1,000
 * entries), so batches of thousands of rows sent through it would stay in the app's memory.
 */
async function withImportTransaction<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "wardsafe-import" });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("BEGIN");
    // A stalled import (a hung process between batches) must not hold its locks for ever.
    await client.query("SET LOCAL idle_in_transaction_session_timeout = '5min'");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Column arrays for one INSERT … SELECT FROM unnest(…): a handful of arrays, not an object per line. */
function newBatch() {
  let wardIds: string[] = [];
  let respondents: string[] = [];
  let feltSafe: boolean[] = [];
  let able: (boolean | null)[] = [];
  let sources: string[] = [];
  let dates: string[] = [];
  let counts: number[] = [];
  return {
    add(row: ImportRow, wardId: string) {
      wardIds.push(wardId);
      respondents.push(RESPONDENT_ENUM[row.respondent]);
      feltSafe.push(row.feltSafe);
      able.push(row.ableToSpeakUp);
      sources.push(SOURCE_ENUM[row.source]);
      dates.push(row.submittedOn);
      counts.push(row.count);
    },
    length: () => wardIds.length,
    take() {
      const out = [wardIds, respondents, feltSafe, able, sources, dates, counts] as const;
      wardIds = [];
      respondents = [];
      feltSafe = [];
      able = [];
      sources = [];
      dates = [];
      counts = [];
      return out;
    },
  };
}

export type RecentImport = { id: string; at: Date; fileName: string; lines: number; responses: number; firstDate: string; lastDate: string; by: string | null };

/** The latest imports: every import for an admin, a project lead's own for a lead. */
export async function listRecentImports(actor: Actor, take = 20): Promise<RecentImport[]> {
  assertCanImport(actor);
  const rows = await db().csvImport.findMany({
    where: isAdmin(actor) ? {} : { createdById: actor.id },
    orderBy: { createdAt: "desc" },
    take,
  });
  const userIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const users = userIds.length > 0 ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    fileName: r.fileName,
    lines: r.lineCount,
    responses: r.responseCount,
    firstDate: r.firstDate.toISOString().slice(0, 10),
    lastDate: r.lastDate.toISOString().slice(0, 10),
    by: r.createdById ? (names.get(r.createdById) ?? null) : COMMAND_LINE,
  }));
}
