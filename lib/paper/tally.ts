import { z } from "zod";
import { RESPONDENT_TYPES, datedAnswerSchema, responseDateSchema, type Respondent } from "@/lib/survey/schema";
import { FORM_VERSION } from "@/lib/survey/instrument";

// Paper survey tallies: the counts of each answer combination on a pile of paper forms, for one
// ward and one collection date. Pure: no database, no framework. Each cell becomes that many
// individual responses (source paper), checked by the survey's own answer schema, so every chart
// treats paper and online answers alike.

export const MAX_CELL_COUNT = 500;
/** A batch entered by mistake can be deleted as a whole for this long after it was entered. */
export const DELETE_WINDOW_DAYS = 30;

export type SpeakUpAnswer = "yes" | "no" | "blank";

export type TallyCell = {
  /** Also the form field's name and id. */
  key: string;
  respondent: Respondent;
  feltSafe: boolean;
  ableToSpeakUp: boolean | null;
  /** For screen readers: the whole combination in words. */
  label: string;
};

const RESPONDENT_WORDS: Record<Respondent, string> = { service_user: "Service users", staff: "Staff" };
const SPEAK_UP_VALUES: Record<SpeakUpAnswer, boolean | null> = { yes: true, no: false, blank: null };
const SPEAK_UP_WORDS: Record<SpeakUpAnswer, string> = { yes: "yes", no: "no", blank: "not answered" };

/** Every combination: respondent type × felt safe (yes/no) × able to speak up (yes/no/not answered). */
export const TALLY_CELLS: readonly TallyCell[] = RESPONDENT_TYPES.flatMap((respondent) =>
  (["yes", "no"] as const).flatMap((felt) =>
    (["yes", "no", "blank"] as const).map((speak) => ({
      key: `count-${respondent}-${felt}-${speak}`,
      respondent,
      feltSafe: felt === "yes",
      ableToSpeakUp: SPEAK_UP_VALUES[speak],
      label: `${RESPONDENT_WORDS[respondent]}, felt safe ${felt}, able to speak up ${SPEAK_UP_WORDS[speak]}`,
    })),
  ),
);

const COUNT_MESSAGE = `Enter a whole number from 0 to ${MAX_CELL_COUNT}`;

/** A count box: empty means 0 (only the combinations that occurred need typing). */
export const cellCountSchema = z
  .string({ error: COUNT_MESSAGE })
  .trim()
  .regex(/^\d*$/, COUNT_MESSAGE)
  .transform((text) => (text === "" ? 0 : Number(text)))
  .pipe(z.int().min(0).max(MAX_CELL_COUNT, COUNT_MESSAGE));

export type Totals = { responses: number; feltSafeYes: number; speakUpAnswered: number; speakUpYes: number };
export type BatchTotals = { all: Totals; service_user: Totals; staff: Totals };

/** The paper forms a batch can have been counted from; the first is the one Wardsafe prints now. */
export const PAPER_FORM_VERSIONS = [
  { value: FORM_VERSION, label: `Printed from Wardsafe, form version ${FORM_VERSION}` },
  { value: "original", label: "The programme's original paper form (not printed from Wardsafe)" },
] as const;

export type PaperBatchInput = {
  collectedOn: string;
  /** One of PAPER_FORM_VERSIONS. */
  formVersion: string;
  /** Count per cell key; every key of TALLY_CELLS is present. */
  counts: Record<string, number>;
  totals: BatchTotals;
};

export type TallyResult = { ok: true; batch: PaperBatchInput } | { ok: false; fields: Record<string, string> };

function emptyTotals(): Totals {
  return { responses: 0, feltSafeYes: 0, speakUpAnswered: 0, speakUpYes: 0 };
}

export function totalsOf(counts: Readonly<Record<string, number>>): BatchTotals {
  const totals: BatchTotals = { all: emptyTotals(), service_user: emptyTotals(), staff: emptyTotals() };
  for (const cell of TALLY_CELLS) {
    const n = counts[cell.key] ?? 0;
    for (const t of [totals.all, totals[cell.respondent]]) {
      t.responses += n;
      if (cell.feltSafe) t.feltSafeYes += n;
      if (cell.ableToSpeakUp !== null) t.speakUpAnswered += n;
      if (cell.ableToSpeakUp === true) t.speakUpYes += n;
    }
  }
  return totals;
}

/**
 * Checks a batch as typed into the form. `today` and `wardSince` are Europe/London dates: forms
 * cannot have been collected in the future, nor before the ward was set up in Wardsafe.
 */
export function readTally(input: Record<string, unknown>, context: { today: string; wardSince: string }): TallyResult {
  const fields: Record<string, string> = {};
  const date = responseDateSchema.safeParse(typeof input.collectedOn === "string" ? input.collectedOn.trim() : input.collectedOn);
  if (!date.success) fields.collectedOn = "Enter the date the forms were collected, as a real date";
  else if (date.data > context.today) fields.collectedOn = "The date the forms were collected cannot be in the future";
  else if (date.data < context.wardSince) {
    fields.collectedOn = `The date the forms were collected cannot be before the ward was set up in Wardsafe (${context.wardSince})`;
  }

  // Left out (an older page, a script): the form Wardsafe prints now.
  const formVersion = typeof input.formVersion === "string" && input.formVersion.trim() !== "" ? input.formVersion.trim() : FORM_VERSION;
  if (!PAPER_FORM_VERSIONS.some((v) => v.value === formVersion)) fields.formVersion = "Choose which paper form the batch was counted from";

  const counts: Record<string, number> = {};
  for (const cell of TALLY_CELLS) {
    const raw = input[cell.key];
    const parsed = cellCountSchema.safeParse(raw === undefined || raw === null ? "" : raw);
    if (parsed.success) counts[cell.key] = parsed.data;
    else fields[cell.key] = `${cell.label}: ${COUNT_MESSAGE.toLowerCase()}`;
  }
  const totals = totalsOf(counts);
  if (Object.keys(fields).every((k) => k === "collectedOn" || k === "formVersion") && totals.all.responses === 0) {
    fields[TALLY_CELLS[0]!.key] = "Enter at least one count: a batch with no responses cannot be saved";
  }
  if (Object.keys(fields).length > 0 || !date.success) return { ok: false, fields };
  return { ok: true, batch: { collectedOn: date.data, formVersion, counts, totals } };
}

/**
 * The batch as individual responses, one group per non-empty cell, each checked by the survey's own
 * answer schema (a cell that somehow did not make a valid answer throws rather than being stored).
 */
export function responsesOf(batch: PaperBatchInput): { respondent: Respondent; feltSafe: boolean; ableToSpeakUp: boolean | null; submittedOn: string; count: number }[] {
  return TALLY_CELLS.filter((cell) => (batch.counts[cell.key] ?? 0) > 0).map((cell) => ({
    ...datedAnswerSchema.parse({
      respondent: cell.respondent,
      feltSafe: cell.feltSafe,
      ableToSpeakUp: cell.ableToSpeakUp,
      submittedOn: batch.collectedOn,
    }),
    count: batch.counts[cell.key]!,
  }));
}

/** A proportion as a whole-number percentage for the summary, or null when nothing was counted. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}

/** Whether a batch entered at `enteredAt` may still be deleted at `now`. */
export function withinDeleteWindow(enteredAt: Date, now: Date): boolean {
  return now.getTime() - enteredAt.getTime() <= DELETE_WINDOW_DAYS * 86_400_000;
}
