import { DATABASE_RETRY_AFTER_SECONDS, isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { env } from "@/lib/env";
import { BodyTooLargeError, readBodyText } from "@/lib/http/body";
import { clientAddressOf } from "@/lib/http/client-address";
import type { FieldErrors } from "@/lib/http/fields";
import { answeredOnProblem } from "@/lib/survey/tablets/queue";
import { tabletByCredential, tabletCredentialOf } from "@/lib/survey/tablets/tablets";
import { rateLimitStore, surveyRateLimiter } from "./limiter";
import { londonDateOf, secondsToLondonMidnight } from "./london-date";
import { checkTabletDay } from "./rate-limit";
import { recordResponse, type RecordOutcome } from "./record";
import { parseSurveyAnswer, type SurveyAnswer } from "./schema";

// What the JSON API and the HTML forms (phone and ward tablet) share between reading a request and
// storing a response: size limit, validation, abuse protection, storage. Each caller only turns the
// outcome into its own kind of answer (JSON or a page).
//
// Two kinds of sender. A phone (anyone with the survey's address) is limited per network address
// and ward; over the limit its answers are held for review. An enrolled ward tablet (its credential
// cookie) answers for its own ward, may say which day a queued answer was given, and is capped per
// day instead; nothing stored says which tablet sent an answer.

export const SURVEY_BODY_LIMIT_BYTES = 4096;

export type SubmissionOutcome =
  | { kind: RecordOutcome; answer: SurveyAnswer }
  | { kind: "invalid"; fields: FieldErrors; input: unknown }
  | { kind: "too-large" }
  /** A tablet credential that is not (or no longer) enrolled: nothing stored. */
  | { kind: "unknown-tablet" }
  /** The tablet sent its day's TABLET_DAILY_LIMIT already: nothing stored, send again tomorrow. */
  | { kind: "tablet-limit"; retryAfterSeconds: number }
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

const unavailable = (answer: SurveyAnswer): SubmissionOutcome => ({ kind: "unavailable", answer, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });

export async function submitSurveyAnswer(request: Request, input: unknown, now = new Date()): Promise<SubmissionOutcome> {
  const parsed = parseSurveyAnswer(input);
  if (!parsed.ok) return { kind: "invalid", fields: parsed.fields, input };
  const credential = tabletCredentialOf(request.headers);
  if (credential !== null) return submitFromTablet(credential, parsed.answer, input, now);
  if (parsed.answer.answeredOn !== undefined) {
    return { kind: "invalid", fields: { answeredOn: "answeredOn is accepted only from an enrolled ward tablet" }, input };
  }
  // Rate-limited only once the body is valid, so the limit counts would-be responses, not typos.
  const decision = await surveyRateLimiter().check(clientAddressOf(request.headers), parsed.answer.ward);
  // Over the limit the answer is still kept, only held back from every count: on a ward whose
  // people all reach us through one address it is a real person's answer (lib/survey/held.ts).
  const recorded = await unlessDatabaseDown(() => recordResponse(parsed.answer, now, { hold: !decision.allowed }));
  if (isUnavailable(recorded)) return unavailable(parsed.answer);
  return { kind: recorded, answer: parsed.answer };
}

async function submitFromTablet(credential: string, given: SurveyAnswer, input: unknown, now: Date): Promise<SubmissionOutcome> {
  const tablet = await unlessDatabaseDown(() => tabletByCredential(credential));
  if (isUnavailable(tablet)) return unavailable(given);
  if (!tablet) return { kind: "unknown-tablet" };
  const today = londonDateOf(now);
  if (given.answeredOn !== undefined) {
    const problem = answeredOnProblem(given.answeredOn, today);
    if (problem) return { kind: "invalid", fields: { answeredOn: problem }, input };
  }
  const cap = await checkTabletDay(rateLimitStore(), tablet.tabletId, today, env().TABLET_DAILY_LIMIT, secondsToLondonMidnight(now));
  if (!cap.allowed) return { kind: "tablet-limit", retryAfterSeconds: cap.retryAfterSeconds };
  // The tablet answers for its own ward, whatever code its (possibly long-cached) page carries.
  const answer = { ...given, ward: tablet.surveyCode };
  const recorded = await unlessDatabaseDown(() => recordResponse(answer, now, { channel: "ward-tablet" }));
  if (isUnavailable(recorded)) return unavailable(answer);
  return { kind: recorded, answer };
}
