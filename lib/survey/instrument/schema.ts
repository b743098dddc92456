import { z } from "zod";

// The survey instrument as data: every word a patient-facing page shows, one set per language and
// format, each with a version. The pages (lib/survey/page.ts, the kiosk) only ever take their words
// from an Instrument, so a new language or format is a new set of texts, never new markup.
//
// Every format and language asks the same questions with the same answers, so a response records
// the same measure whatever it was answered in; nothing about the format or language is stored.

/** Per text: its longest allowed length (a translation that runs on breaks the page) and the placeholders it must keep. */
type TextRule = { max: number; placeholders?: readonly string[] };

const TEXTS = {
  brand: { max: 60 },
  surveyFor: { max: 40 },
  introduction: { max: 600 },
  respondentQuestion: { max: 120 },
  respondentServiceUser: { max: 60 },
  respondentStaff: { max: 60 },
  feltSafeQuestion: { max: 200 },
  speakUpQuestion: { max: 240 },
  speakUpHint: { max: 120 },
  yes: { max: 20 },
  no: { max: 20 },
  send: { max: 40 },
  errorSummaryTitle: { max: 60 },
  errorPrefix: { max: 20 },
  errorRespondent: { max: 120 },
  errorFeltSafe: { max: 160 },
  errorSpeakUp: { max: 120 },
  errorUnrecognised: { max: 160 },
  statusSending: { max: 80 },
  statusNotSent: { max: 160 },
  statusTryingAgain: { max: 60 },
  statusSent: { max: 40 },
  thankYouHeading: { max: 100 },
  thankYouText: { max: 300 },
  wardContactsHeading: { max: 80, placeholders: ["{ward}"] },
  helplinesHeading: { max: 60 },
  helplinesText: { max: 200 },
  dangerHeading: { max: 80 },
  dangerText: { max: 200 },
  confidenceText: { max: 300 },
  notFoundTitle: { max: 80 },
  notFoundMessage: { max: 300 },
  closedTitle: { max: 80 },
  closedMessage: { max: 300, placeholders: ["{ward}"] },
  movedTitle: { max: 80 },
  movedMessage: { max: 300, placeholders: ["{ward}"] },
  unavailableTitle: { max: 80 },
  unavailableMessage: { max: 300 },
  notSavedNotice: { max: 200 },
  formOnlyTitle: { max: 80 },
  formOnlyMessage: { max: 200 },
  tooLargeMessage: { max: 200 },
  kioskThanksHeading: { max: 100 },
  kioskNext: { max: 160 },
  kioskStartAgain: { max: 40 },
  kioskIdleHeading: { max: 60 },
  kioskIdleText: { max: 200, placeholders: ["{seconds}"] },
  kioskMoreTime: { max: 40 },
  tabletNotEnrolledTitle: { max: 80 },
  tabletNotEnrolledMessage: { max: 300 },
  tabletLimitTitle: { max: 80 },
  tabletLimitMessage: { max: 300 },
  listen: { max: 30 },
  paperReturn: { max: 120 },
  paperScan: { max: 120 },
  formVersion: { max: 60, placeholders: ["{version}"] },
  easyReadLink: { max: 60 },
  standardLink: { max: 60 },
  languagesLabel: { max: 40 },
} as const satisfies Record<string, TextRule>;

export type InstrumentKey = keyof typeof TEXTS;
export const INSTRUMENT_KEYS = Object.keys(TEXTS) as InstrumentKey[];
export type InstrumentTexts = Record<InstrumentKey, string>;

export const SURVEY_FORMATS = ["standard", "easy-read"] as const;
export type SurveyFormat = (typeof SURVEY_FORMATS)[number];

export type Instrument = {
  /** BCP 47, set on <html lang> as it is (never guessed from the text). */
  lang: string;
  /** Right-to-left scripts (Arabic, Urdu) mirror the layout. */
  dir: "ltr" | "rtl";
  format: SurveyFormat;
  /** The instrument's revision (FORM_VERSION), shared by all its languages and formats: printed on paper forms, kept with paper batches. */
  version: string;
  texts: InstrumentTexts;
};

const PLACEHOLDER = /\{[a-z]+\}/g;

function placeholdersOf(key: InstrumentKey): readonly string[] {
  const rule: TextRule = TEXTS[key];
  return rule.placeholders ?? [];
}

/**
 * Every key present, none unknown, each a non-empty text within its length with exactly its
 * placeholders: what a language file must be before anything is changed. Each problem names its key.
 */
export const instrumentTextsSchema = z.strictObject(
  Object.fromEntries(
    INSTRUMENT_KEYS.map((key) => [
      key,
      z
        .string({ error: `${key}: give the text` })
        .trim()
        .min(1, `${key}: give the text`)
        .max(TEXTS[key].max, `${key}: at most ${TEXTS[key].max} characters`)
        .superRefine((text, ctx) => {
          const wanted = placeholdersOf(key);
          const found: string[] = text.match(PLACEHOLDER) ?? [];
          const missing = wanted.filter((p) => !found.includes(p));
          const unknown = found.filter((p) => !wanted.includes(p));
          if (missing.length) ctx.addIssue({ code: "custom", message: `${key}: keep ${missing.join(" and ")} (it is filled in on the page)` });
          if (unknown.length) ctx.addIssue({ code: "custom", message: `${key}: ${unknown.join(", ")} is not a placeholder this text has` });
        }),
    ]),
  ) as unknown as Record<InstrumentKey, z.ZodType<string>>,
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown keys: ${issue.keys.join(", ")}` : "A language file is one object of texts") },
);

/** A text with its placeholders filled in (values are plain text; the page escapes them). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(PLACEHOLDER, (placeholder) => {
    const value = values[placeholder.slice(1, -1)];
    return value === undefined ? placeholder : String(value);
  });
}

/** The sentences of a text, for the easy-read rule of at most 15 words in each. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

export const wordCount = (sentence: string) => sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
