import { z } from "zod";
import { QUESTION_FELT_SAFE, QUESTION_RESPONDENT } from "./wording";
import { fieldErrors, type FieldErrors } from "@/lib/http/fields";

// The one definition of a valid survey answer. The JSON API, the HTML form and the CSV import all
// validate through it, so "valid" means the same thing everywhere.

export const RESPONDENT_TYPES = ["service_user", "staff"] as const;
export type Respondent = (typeof RESPONDENT_TYPES)[number];

/** Ward survey codes: see lib/survey/ward-code.ts for how they are made. */
export const wardCodeSchema = z
  .string({ error: "Give the ward's survey code as text" })
  .trim()
  .min(1, "Give the ward's survey code")
  .max(32, "A ward survey code is at most 32 characters")
  .toUpperCase();

export const respondentSchema = z.enum(RESPONDENT_TYPES, {
  error: `Answer "${QUESTION_RESPONDENT}": service_user or staff`,
});

export const feltSafeSchema = z.boolean({ error: `Answer "${QUESTION_FELT_SAFE}" with yes (true) or no (false)` });

export const ableToSpeakUpSchema = z.boolean({ error: "ableToSpeakUp must be true, false or null (unanswered)" }).nullable();

/** The date a response was given on (paper forms collected, historical imports): a real calendar date. */
export const responseDateSchema = z.iso.date({ error: "Give a real calendar date as YYYY-MM-DD" });

export const surveyAnswerSchema = z.strictObject(
  {
    ward: wardCodeSchema,
    respondent: respondentSchema,
    feltSafe: feltSafeSchema,
    ableToSpeakUp: ableToSpeakUpSchema.default(null),
    submissionKey: z.uuid({ error: "submissionKey must be a UUID" }).optional(),
    /** The day it was given, when an enrolled ward tablet sends it later (lib/survey/tablets/queue: answeredOnProblem). */
    answeredOn: z.iso.date({ error: "answeredOn must be a real calendar date as YYYY-MM-DD" }).optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : "Send a JSON object") },
);

export type SurveyAnswer = z.output<typeof surveyAnswerSchema>;

export type ParseResult = { ok: true; answer: SurveyAnswer } | { ok: false; fields: FieldErrors };

export function parseSurveyAnswer(input: unknown): ParseResult {
  const result = surveyAnswerSchema.safeParse(input);
  return result.success ? { ok: true, answer: result.data } : { ok: false, fields: fieldErrors(result.error) };
}

/**
 * The HTML form posts strings ("yes"/"no"/absent); map them onto the JSON shape so that the same
 * schema decides. Anything unexpected is passed through unchanged so the schema rejects it.
 */
export function answerFromForm(ward: string, form: URLSearchParams): unknown {
  const yesNo = (value: string | null) => (value === "yes" ? true : value === "no" ? false : value);
  const speakUp = form.get("ableToSpeakUp");
  const key = form.get("submissionKey");
  return {
    ward,
    respondent: form.get("respondent") ?? undefined,
    feltSafe: yesNo(form.get("feltSafe")) ?? undefined,
    ableToSpeakUp: speakUp === null || speakUp === "" ? null : yesNo(speakUp),
    ...(key ? { submissionKey: key } : {}),
  };
}

// Answers written as text (the CSV import's yes/no columns) are mapped onto the JSON shape and then
// decided by the same schemas above, as answerFromForm does for the HTML form.

/** "yes"/"no" (any case) to true/false, "" to null (unanswered); anything else unchanged, for the schema to refuse. */
export function answerFromText(text: string): boolean | null | string {
  const value = text.trim().toLowerCase();
  return value === "yes" ? true : value === "no" ? false : value === "" ? null : text;
}


/** One response with its date, as paper tallies and the CSV import record it: the survey's own answers. */
export const datedAnswerSchema = z.object({
  respondent: respondentSchema,
  feltSafe: feltSafeSchema,
  ableToSpeakUp: ableToSpeakUpSchema,
  submittedOn: responseDateSchema,
});
