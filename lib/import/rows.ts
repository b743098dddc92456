import { z } from "zod";
import { answerFromText, datedAnswerSchema, wardCodeSchema, type Respondent } from "@/lib/survey/schema";

// The CSV import's columns and the check of one line. Pure: no database, no framework. Whether a
// line is a valid response is decided by the survey's own schemas (lib/survey/schema.ts), so "valid"
// means the same for an imported line, a paper tally and an online answer; this file only maps the
// text of a CSV line onto them and words the reason for a CSV user.

export const REQUIRED_COLUMNS = ["ward_code", "date", "respondent", "felt_safe", "able_to_speak_up"] as const;
/** count: how many identical responses the line stands for (1 when the column is left out). source: online | paper | tablet. */
export const OPTIONAL_COLUMNS = ["count", "source"] as const;
export type ImportColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** One line's count may stand for at most this many responses: a typo such as 10000000 must not flood a ward. */
export const MAX_LINE_COUNT = 10_000;

// "tablet": a ward tablet's answers, as the response export writes them, so an export imports back unchanged.
export const IMPORT_SOURCES = ["online", "paper", "tablet"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
/** Historical data came from the programme's paper forms, so a file without a source column is paper. */
export const DEFAULT_IMPORT_SOURCE: ImportSource = "paper";

export type ImportProblem = {
  /** Physical line in the file (the header is line 1). */
  line: number;
  /** The column's name when the problem is in one column, else null. */
  column: string | null;
  message: string;
};

export type ImportRow = {
  ward: string;
  submittedOn: string;
  respondent: Respondent;
  feltSafe: boolean;
  ableToSpeakUp: boolean | null;
  count: number;
  source: ImportSource;
};

/** Where each known column is in the file's lines. */
export type ImportHeader = { readonly width: number; readonly index: Readonly<Record<ImportColumn, number | undefined>> };

export const TEMPLATE_CSV =
  "ward_code,date,respondent,felt_safe,able_to_speak_up,count\r\n" +
  "ABCD234567,2025-03-03,service_user,yes,yes,4\r\n" +
  "ABCD234567,2025-03-03,service_user,no,,1\r\n" +
  "ABCD234567,2025-03-03,staff,yes,no,2\r\n";

const normaliseName = (name: string) => name.trim().toLowerCase();

/** Reads the header line: the known columns in any order and case; anything else is a problem. */
export function readHeader(fields: readonly string[], line = 1): { ok: true; header: ImportHeader } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const index: Partial<Record<ImportColumn, number>> = {};
  fields.forEach((raw, position) => {
    const name = normaliseName(raw);
    if (!KNOWN_COLUMNS.includes(name)) {
      problems.push({
        line,
        column: raw,
        message:
          name === ""
            ? `column ${position + 1} has no name in the header line`
            : `unknown column "${shorten(raw)}": the columns are ${KNOWN_COLUMNS.join(", ")}`,
      });
      return;
    }
    const column = name as ImportColumn;
    if (index[column] !== undefined) {
      problems.push({ line, column: name, message: `the column ${name} appears twice in the header line` });
      return;
    }
    index[column] = position;
  });
  for (const column of REQUIRED_COLUMNS) {
    if (index[column] === undefined) problems.push({ line, column, message: `the header line has no ${column} column` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, header: { width: fields.length, index: index as ImportHeader["index"] } };
}

/** A line of a CSV file is blank when it has nothing on it at all. Blank lines are skipped. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === "";
}

const countSchema = z.int().min(1).max(MAX_LINE_COUNT);
const sourceSchema = z.enum(IMPORT_SOURCES);

/** The one check of an imported line: the survey's dated answer, plus where and how many. */
export const importRowSchema = datedAnswerSchema.extend({ ward: wardCodeSchema, count: countSchema, source: sourceSchema });

/** The column each field of the schema is read from, to say where a problem is. */
const COLUMN_OF: Record<string, ImportColumn> = {
  ward: "ward_code",
  submittedOn: "date",
  respondent: "respondent",
  feltSafe: "felt_safe",
  ableToSpeakUp: "able_to_speak_up",
  count: "count",
  source: "source",
};

function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function found(text: string | undefined): string {
  return text === undefined || text.trim() === "" ? "it is empty" : `found "${shorten(text)}"`;
}

/** What to tell a CSV user about a column the schema refused (the schema's own messages speak JSON). */
function reason(column: ImportColumn, text: string | undefined, schemaMessage: string): string {
  switch (column) {
    case "ward_code":
      return `ward_code: ${schemaMessage}`;
    case "date":
      return `date must be a real calendar date written YYYY-MM-DD (${found(text)})`;
    case "respondent":
      return `respondent must be service_user or staff (${found(text)})`;
    case "felt_safe":
      return `felt_safe must be yes or no (${found(text)})`;
    case "able_to_speak_up":
      return `able_to_speak_up must be yes, no or empty for unanswered (${found(text)})`;
    case "count":
      return `count must be a whole number from 1 to ${MAX_LINE_COUNT} (${found(text)})`;
    case "source":
      return `source must be online, paper or tablet (${found(text)})`;
  }
}

/** Text of a count cell to the number the schema checks; anything that is not plainly a number stays text. */
function countFromText(text: string): number | string {
  const trimmed = text.trim();
  return /^[+-]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}

// The row schema in three parts, each checked once per distinct text and remembered: a file of a
// million lines has only a few thousand distinct dates and ward codes and a few dozen distinct
// answer combinations, so the check costs a map lookup per line instead of a schema run.
const wardPart = importRowSchema.pick({ ward: true });
const datePart = importRowSchema.pick({ submittedOn: true });
const answerPart = importRowSchema.pick({ respondent: true, feltSafe: true, ableToSpeakUp: true, count: true, source: true });

type Checked<T> = { ok: true; value: T } | { ok: false; problems: { column: ImportColumn; message: string }[] };

/** Distinct values remembered per part; beyond this the memory is cleared and refilled. */
const CACHE_LIMIT = 50_000;

function check<T>(schema: z.ZodType<T>, input: Record<string, unknown>, texts: Partial<Record<ImportColumn, string | undefined>>): Checked<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems: { column: ImportColumn; message: string }[] = [];
  const seen = new Set<ImportColumn>();
  for (const issue of result.error.issues) {
    const column = COLUMN_OF[String(issue.path[0])];
    if (!column || seen.has(column)) continue;
    seen.add(column);
    problems.push({ column, message: reason(column, texts[column], issue.message) });
  }
  return { ok: false, problems };
}

function remembered<T>(cache: Map<string, Checked<T>>, key: string, compute: () => Checked<T>): Checked<T> {
  let hit = cache.get(key);
  if (hit === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    hit = compute();
    cache.set(key, hit);
  }
  return hit;
}

export type RowReader = (fields: readonly string[], line: number) => { ok: true; row: ImportRow } | { ok: false; problems: ImportProblem[] };

/**
 * A checker for the data lines of one file. `today` (YYYY-MM-DD, Europe/London) refuses dates in the
 * future: nobody can have answered on a day that has not happened yet.
 */
export function rowReader(header: ImportHeader, today: string): RowReader {
  const wards = new Map<string, Checked<{ ward: string }>>();
  const dates = new Map<string, Checked<{ submittedOn: string }>>();
  const answers = new Map<string, Checked<Omit<ImportRow, "ward" | "submittedOn">>>();
  const { index } = header;
  const at = (column: ImportColumn) => index[column];
  const wardAt = at("ward_code")!;
  const dateAt = at("date")!;
  const respondentAt = at("respondent")!;
  const feltSafeAt = at("felt_safe")!;
  const ableAt = at("able_to_speak_up")!;
  const countAt = at("count");
  const sourceAt = at("source");

  return (fields, line) => {
    if (fields.length !== header.width) {
      return {
        ok: false,
        problems: [{ line, column: null, message: `expected ${header.width} fields, as in the header line, but found ${fields.length}` }],
      };
    }
    const wardText = fields[wardAt]!;
    const dateText = fields[dateAt]!;
    const respondentText = fields[respondentAt]!;
    const feltSafeText = fields[feltSafeAt]!;
    const ableText = fields[ableAt]!;
    const countText = countAt === undefined ? undefined : fields[countAt];
    const sourceText = sourceAt === undefined ? undefined : fields[sourceAt];

    const ward = remembered(wards, wardText, () => check(wardPart, { ward: wardText }, { ward_code: wardText }));
    const date = remembered(dates, dateText, () => {
      const checked = check(datePart, { submittedOn: dateText.trim() }, { date: dateText });
      if (checked.ok && checked.value.submittedOn > today) {
        return { ok: false, problems: [{ column: "date", message: `date ${checked.value.submittedOn} is in the future (today is ${today})` }] };
      }
      return checked;
    });
    const answerKey = `${respondentText}\u0000${feltSafeText}\u0000${ableText}\u0000${countText ?? ""}\u0000${sourceText ?? ""}`;
    const answer = remembered(answers, answerKey, () =>
      check(
        answerPart,
        {
          respondent: respondentText.trim().toLowerCase(),
          feltSafe: answerFromText(feltSafeText),
          ableToSpeakUp: answerFromText(ableText),
          count: countText === undefined ? 1 : countFromText(countText),
          source: sourceText === undefined ? DEFAULT_IMPORT_SOURCE : sourceText.trim().toLowerCase(),
        },
        { respondent: respondentText, felt_safe: feltSafeText, able_to_speak_up: ableText, count: countText, source: sourceText },
      ),
    );
    if (ward.ok && date.ok && answer.ok) {
      return { ok: true, row: { ward: ward.value.ward, submittedOn: date.value.submittedOn, ...answer.value } };
    }
    const problems: ImportProblem[] = [];
    for (const part of [ward, date, answer]) {
      if (!part.ok) for (const p of part.problems) problems.push({ line, column: p.column, message: p.message });
    }
    return { ok: false, problems };
  };
}
