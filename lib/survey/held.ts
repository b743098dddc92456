import { z } from "zod";
import { formatLongDate, isoDate } from "@/lib/analytics/periods";
import { assertCanEditTeam, canEditTeam, visibleWard } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

// Answers held for review: those sent over SURVEY_RATE_LIMIT for one ward from one network address
// in one window (lib/survey/submit-http.ts). On a ward whose people all reach us through one
// address most are real answers, so they are kept, never refused; but they count nowhere until a
// project lead of the ward or an admin looks and releases them into the ward's responses (then
// they count on the day they were given) or discards them as made up. Shown and acted on per day
// only: a held answer is never shown on its own. Every release and discard is audited.

export type HeldDay = { day: string; label: string; answers: number };

export type HeldAnswers = {
  /** Whether this actor may release or discard them (admins, and the ward's project leads). */
  canReview: boolean;
  days: HeldDay[];
  total: number;
};

/** What a release or discard names: the ward and one day of held answers. */
export const heldDaySchema = z.object({
  wardId: z.string().trim().min(1, "Choose a ward"),
  day: z.iso.date({ error: "Choose a day of held answers (YYYY-MM-DD)" }),
});
export type HeldDayInput = z.input<typeof heldDaySchema>;

export async function listHeldAnswers(actor: Actor, wardId: string): Promise<HeldAnswers> {
  const ward = await visibleWard(actor, { id: wardId });
  const groups = await db().heldResponse.groupBy({
    by: ["submittedOn"],
    where: { wardId: ward.id },
    _count: { _all: true },
    orderBy: { submittedOn: "desc" },
  });
  const days = groups.map((group) => {
    const day = isoDate(group.submittedOn);
    return { day, label: formatLongDate(day), answers: group._count._all };
  });
  return { canReview: canEditTeam(actor, ward.teamId), days, total: days.reduce((sum, d) => sum + d.answers, 0) };
}

export type HeldReview = { day: string; label: string; answers: number };

/** Moves one day's held answers into the ward's responses, where the charts count them. */
export async function releaseHeldAnswers(actor: Actor, input: HeldDayInput): Promise<HeldReview> {
  return reviewHeldDay(actor, input, "release");
}

/** Deletes one day's held answers: they are never counted. */
export async function discardHeldAnswers(actor: Actor, input: HeldDayInput): Promise<HeldReview> {
  return reviewHeldDay(actor, input, "discard");
}

async function reviewHeldDay(actor: Actor, input: HeldDayInput, decision: "release" | "discard"): Promise<HeldReview> {
  const { wardId, day } = heldDaySchema.parse(input);
  const ward = await visibleWard(actor, { id: wardId });
  assertCanEditTeam(actor, ward.teamId);
  const answers = await db().$transaction(async (tx) => {
    // One statement each way, so two leads pressing at once move or delete each answer once:
    // whoever comes second finds nothing left and is told so.
    const moved =
      decision === "release"
        ? await tx.$executeRaw`
            WITH taken AS (DELETE FROM held_response WHERE ward_id = ${ward.id} AND submitted_on = ${day}::date RETURNING *)
            INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, submission_key)
            SELECT ward_id, respondent, felt_safe, able_to_speak_up, 'ONLINE'::response_source, submitted_on, submission_key FROM taken
            ON CONFLICT (submission_key) DO NOTHING`
        : (await tx.heldResponse.deleteMany({ where: { wardId: ward.id, submittedOn: new Date(`${day}T00:00:00Z`) } })).count;
    if (moved === 0) throw new NotFoundError(`No answers from ${formatLongDate(day)} are held for this ward now: they may have been reviewed already.`);
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: `held-answers.${decision}`,
        entityType: "ward",
        entityId: ward.id,
        after: { ward: ward.name, day, answers: moved },
      },
      tx,
    );
    return moved;
  });
  return { day, label: formatLongDate(day), answers };
}
