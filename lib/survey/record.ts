import { db } from "@/lib/db/client";
import { londonDateOf } from "./london-date";
import type { SurveyAnswer } from "./schema";

// The survey submission path: the one function that stores a response, used by the JSON API and
// the HTML form alike. It logs nothing: whatever a log line held about a request could identify
// the person who answered.

export type RecordOutcome = "recorded" | "duplicate" | "unknown-ward" | "inactive-ward" | "moved-ward";

const RESPONDENT_ENUM = { service_user: "SERVICE_USER", staff: "STAFF" } as const;

/**
 * One statement, so a response is either fully stored or not at all, and the ward lookup, the
 * active check and the idempotent insert cost a single round trip. ON CONFLICT on the submission
 * key makes a retried submission (double tap, flaky Wi-Fi) store nothing new, even when the
 * retries race each other.
 */
export async function recordResponse(answer: SurveyAnswer, now: Date = new Date()): Promise<RecordOutcome> {
  const rows = await db().$queryRaw<{ active: boolean | null; inserted: number }[]>`
    WITH w AS (SELECT id, active FROM ward WHERE survey_code = ${answer.ward}),
    ins AS (
      INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, submission_key)
      SELECT w.id, ${RESPONDENT_ENUM[answer.respondent]}::respondent_type, ${answer.feltSafe}, ${answer.ableToSpeakUp},
             'ONLINE'::response_source, ${londonDateOf(now)}::date, ${answer.submissionKey ?? null}::uuid
      FROM w WHERE w.active
      ON CONFLICT (submission_key) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT active FROM w) AS active, (SELECT count(*)::int FROM ins) AS inserted`;
  const row = rows[0];
  // A retired code (the ward's code was rotated) is looked up only on this rare path, so the
  // usual submission still costs one round trip.
  if (!row || row.active === null) return (await findMovedWard(answer.ward)) ? "moved-ward" : "unknown-ward";
  if (!row.active) return "inactive-ward";
  return row.inserted === 1 ? "recorded" : "duplicate";
}

export type SurveyWard = { name: string; surveyCode: string; active: boolean; charterContact: string };

export async function findSurveyWard(code: string): Promise<SurveyWard | null> {
  return db().ward.findUnique({
    where: { surveyCode: code.trim().toUpperCase() },
    select: { name: true, surveyCode: true, active: true, charterContact: true },
  });
}

/** The ward an old, rotated survey code belonged to; its address now says "this survey has moved". */
export async function findMovedWard(code: string): Promise<SurveyWard | null> {
  const retired = await db().retiredWardCode.findUnique({
    where: { code: code.trim().toUpperCase() },
    select: { ward: { select: { name: true, surveyCode: true, active: true, charterContact: true } } },
  });
  return retired?.ward ?? null;
}
