import { DATABASE_RETRY_AFTER_SECONDS, isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { BodyTooLargeError, readBodyText } from "@/lib/http/body";
import { clientAddressOf } from "@/lib/http/client-address";
import { surveyRateLimiter } from "./limiter";
import { recordResponse, type RecordOutcome } from "./record";
import type { FieldErrors } from "@/lib/http/fields";
import { parseSurveyAnswer, type SurveyAnswer } from "./schema";

// What the JSON API and the HTML form share between reading a request and storing a response:
// size limit, validation, the per-network limit (over it, held for review), storage. Each caller only turns the outcome into its own
// kind of answer (JSON or a page).

export const SURVEY_BODY_LIMIT_BYTES = 4096;

export type SubmissionOutcome =
  | { kind: RecordOutcome; answer: SurveyAnswer }
  | { kind: "invalid"; fields: FieldErrors; input: unknown }
  | { kind: "too-large" }
  /** The database could not be reached: nothing was stored, and the person should send again shortly. */
  | { kind: "unavailable"; answer: SurveyAnswer; retryAfterSeconds: number };

export async function readSurveyBody(request: Request): Promise<string | { kind: "too-large" }> {
  try {
    return await readBodyText(request, SURVEY_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { kind: "too-large" };
    throw error;
  }
}

export async function submitSurveyAnswer(request: Request, input: unknown): Promise<SubmissionOutcome> {
  const parsed = parseSurveyAnswer(input);
  if (!parsed.ok) return { kind: "invalid", fields: parsed.fields, input };
  // Rate-limited only once the body is valid, so the limit counts would-be responses, not typos.
  const decision = await surveyRateLimiter().check(clientAddressOf(request.headers), parsed.answer.ward);
  // Over the limit the answer is still kept, only held back from every count: on a ward whose
  // people all reach us through one address it is a real person's answer (lib/survey/held.ts).
  const recorded = await unlessDatabaseDown(() => recordResponse(parsed.answer, new Date(), { hold: !decision.allowed }));
  if (isUnavailable(recorded)) return { kind: "unavailable", answer: parsed.answer, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  return { kind: recorded, answer: parsed.answer };
}
