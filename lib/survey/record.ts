import { db, pool } from "@/lib/db/client";
import { londonDateOf } from "./london-date";
import type { SurveyAnswer } from "./schema";
import type { SurveyFormat } from "./instrument";

// The survey submission path: the one function that stores a response, used by the JSON API and
// the HTML form alike. It logs nothing: whatever a log line held about a request could identify
// the person who answered.

export type RecordOutcome = "recorded" | "held" | "duplicate" | "unknown-ward" | "inactive-ward" | "moved-ward";

const RESPONDENT_ENUM = { service_user: "SERVICE_USER", staff: "STAFF" } as const;

/** How an answer sent over the internet came: from a person's own phone (or computer), or a ward tablet. Paper is lib/paper. */
export type OnlineChannel = "own-phone" | "ward-tablet";
const CHANNEL_SOURCE = { "own-phone": "ONLINE", "ward-tablet": "TABLET" } as const satisfies Record<OnlineChannel, string>;

/**
 * One statement, so a response is either fully stored or not at all, and the ward lookup, the
 * active check and the idempotent insert cost a single round trip. ON CONFLICT on the submission
 * key makes a retried submission (double tap, flaky Wi-Fi) store nothing new, even when the
 * retries race each other; the NOT EXISTS makes a key already used in the other table (held,
 * then sent again under the limit, or the other way round) a duplicate too.
 *
 * `hold`: the answer came over the per-network limit, so it goes to held_response, which counts
 * nowhere until a lead releases it (lib/survey/held.ts).
 */
export async function recordResponse(
  answer: SurveyAnswer,
  now: Date = new Date(),
  { hold = false, channel = "own-phone" }: { hold?: boolean; channel?: OnlineChannel } = {},
): Promise<RecordOutcome> {
  const respondent = RESPONDENT_ENUM[answer.respondent];
  const key = answer.submissionKey ?? null;
  // Only an enrolled ward tablet may say which day an answer was given (it may have waited
  // offline); lib/survey/submit-http checks that before it gets here.
  const day = answer.answeredOn ?? londonDateOf(now);
  // $1 code, $2 respondent, $3 felt safe, $4 speak up, $5 day, $6 key. The two tables differ only
  // in where the answer goes and which one a used key is looked up in.
  const [into, other, source] = hold
    ? ["held_response (ward_id, respondent, felt_safe, able_to_speak_up, submitted_on, submission_key)", "survey_response", ""]
    : ["survey_response (ward_id, respondent, felt_safe, able_to_speak_up, submitted_on, submission_key, source)", "held_response", `, '${CHANNEL_SOURCE[channel]}'::response_source`];
  const { rows } = await pool().query<{ active: boolean | null; inserted: number }>(
    `WITH w AS (SELECT id, active FROM ward WHERE survey_code = $1),
     ins AS (
       INSERT INTO ${into}
       SELECT w.id, $2::respondent_type, $3::boolean, $4::boolean, $5::date, $6::uuid${source}
       FROM w WHERE w.active AND NOT EXISTS (SELECT 1 FROM ${other} WHERE submission_key = $6::uuid)
       ON CONFLICT (submission_key) DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT active FROM w) AS active, (SELECT count(*)::int FROM ins) AS inserted`,
    [answer.ward, respondent, answer.feltSafe, answer.ableToSpeakUp, day, key],
  );
  const row = rows[0];
  // A retired code (the ward's code was rotated) is looked up only on this rare path, so the
  // usual submission still costs one round trip.
  if (!row || row.active === null) return (await findMovedWard(answer.ward)) ? "moved-ward" : "unknown-ward";
  if (!row.active) return "inactive-ward";
  if (row.inserted !== 1) return "duplicate";
  return hold ? "held" : "recorded";
}

export type SurveyWard = { name: string; surveyCode: string; active: boolean; charterContact: string; surveyFormat: SurveyFormat };

const SURVEY_WARD = { name: true, surveyCode: true, active: true, charterContact: true, surveyFormat: true } as const;
const FORMAT_OF = { STANDARD: "standard", EASY_READ: "easy-read" } as const satisfies Record<string, SurveyFormat>;
const asSurveyWard = (ward: { name: string; surveyCode: string; active: boolean; charterContact: string; surveyFormat: keyof typeof FORMAT_OF }): SurveyWard => ({
  ...ward,
  surveyFormat: FORMAT_OF[ward.surveyFormat],
});

export async function findSurveyWard(code: string): Promise<SurveyWard | null> {
  const ward = await db().ward.findUnique({ where: { surveyCode: code.trim().toUpperCase() }, select: SURVEY_WARD });
  return ward && asSurveyWard(ward);
}

/** The ward an old, rotated survey code belonged to; its address now says "this survey has moved". */
export async function findMovedWard(code: string): Promise<SurveyWard | null> {
  const retired = await db().retiredWardCode.findUnique({ where: { code: code.trim().toUpperCase() }, select: { ward: { select: SURVEY_WARD } } });
  return retired ? asSurveyWard(retired.ward) : null;
}
