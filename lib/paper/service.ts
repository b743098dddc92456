import { isoDate } from "@/lib/analytics/periods";
import { assertCanEditTeam, NotFoundError, paperEntryScope, visibleWard, wardScope } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import { londonDateOf } from "@/lib/survey/london-date";
import { DELETE_WINDOW_DAYS, readTally, responsesOf, withinDeleteWindow, type PaperBatchInput } from "./tally";

// Paper tally batches: entered by a project lead for their own wards, or by an admin; listed per
// ward for everyone who can see the ward; deleted as a whole within 30 days of entry (a typo fix).
// Every change is audited in its own transaction.

const RESPONDENT_ENUM = { service_user: "SERVICE_USER", staff: "STAFF" } as const;


export type PaperBatchListItem = {
  id: string;
  collectedOn: string;
  formVersion: string;
  responses: number;
  serviceUsers: number;
  staff: number;
  enteredBy: string | null;
  enteredAt: Date;
  canDelete: boolean;
};

/** Whether this actor may enter and delete paper batches for the ward (admins, and the ward's own team). */
export function canEnterPaper(actor: Actor, ward: { teamId: string | null }): boolean {
  try {
    assertCanEditTeam(actor, ward.teamId);
    return true;
  } catch {
    return false;
  }
}

export async function listPaperBatches(actor: Actor, wardId: string, now = new Date()): Promise<PaperBatchListItem[]> {
  const ward = await visibleWard(actor, { id: wardId });
  const canEdit = canEnterPaper(actor, ward);
  const batches = await db().paperBatch.findMany({ where: { wardId: ward.id }, orderBy: [{ collectedOn: "desc" }, { createdAt: "desc" }] });
  const userIds = [...new Set(batches.map((b) => b.createdById).filter((id): id is string => id !== null))];
  const users = userIds.length ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return batches.map((b) => ({
    id: b.id,
    collectedOn: isoDate(b.collectedOn),
    formVersion: b.formVersion,
    responses: b.responseCount,
    serviceUsers: b.serviceUserCount,
    staff: b.staffCount,
    enteredBy: b.createdById ? (names.get(b.createdById) ?? null) : null,
    enteredAt: b.createdAt,
    canDelete: canEdit && withinDeleteWindow(b.createdAt, now),
  }));
}

export type CheckedBatch = { ok: true; batch: PaperBatchInput } | { ok: false; fields: Record<string, string> };

/** Checks the form against the ward (its set-up date) without saving: the summary step. */
export async function checkPaperBatch(actor: Actor, wardId: string, input: Record<string, unknown>, now = new Date()): Promise<CheckedBatch> {
  const ward = await visibleWard(actor, { id: wardId });
  assertCanEditTeam(actor, ward.teamId);
  return readTally(input, { today: londonDateOf(now), wardSince: londonDateOf(ward.createdAt) });
}

/** Saves a batch: the batch record and one response per form, in one transaction with its audit record. */
export async function createPaperBatch(actor: Actor, wardId: string, input: Record<string, unknown>, now = new Date()) {
  const ward = await visibleWard(actor, { id: wardId });
  assertCanEditTeam(actor, ward.teamId);
  const checked = readTally(input, { today: londonDateOf(now), wardSince: londonDateOf(ward.createdAt) });
  if (!checked.ok) throw new BadRequestError("There is a problem with the batch", checked.fields);
  const { batch } = checked;
  const groups = responsesOf(batch);
  return db().$transaction(async (tx) => {
    const created = await tx.paperBatch.create({
      data: {
        wardId: ward.id,
        collectedOn: new Date(`${batch.collectedOn}T00:00:00Z`),
        responseCount: batch.totals.all.responses,
        serviceUserCount: batch.totals.service_user.responses,
        staffCount: batch.totals.staff.responses,
        formVersion: batch.formVersion,
        createdById: actor.id,
      },
    });
    const inserted = await tx.$executeRaw`
      INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, paper_batch_id)
      SELECT ${ward.id}, t.respondent, t.felt_safe, t.able_to_speak_up, 'PAPER'::response_source, ${batch.collectedOn}::date, ${created.id}
      FROM unnest(${groups.map((g) => RESPONDENT_ENUM[g.respondent])}::respondent_type[], ${groups.map((g) => g.feltSafe)}::boolean[],
                  ${groups.map((g) => g.ableToSpeakUp)}::boolean[], ${groups.map((g) => g.count)}::int[])
        AS t(respondent, felt_safe, able_to_speak_up, n)
      CROSS JOIN LATERAL generate_series(1, t.n)`;
    if (inserted !== batch.totals.all.responses) throw new Error(`Stored ${inserted} responses for a batch of ${batch.totals.all.responses}`);
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "paper_batch.create",
        entityType: "paper_batch",
        entityId: created.id,
        after: { wardId: ward.id, collectedOn: batch.collectedOn, formVersion: batch.formVersion, counts: batch.counts, totals: batch.totals },
      },
      tx,
    );
    return created;
  });
}

/** Deletes a batch and all its responses, within DELETE_WINDOW_DAYS of its entry. */
export async function deletePaperBatch(actor: Actor, batchId: string, now = new Date()): Promise<{ wardId: string; responses: number }> {
  const batch = await db().paperBatch.findFirst({ where: { id: batchId, ward: wardScope(actor) }, include: { ward: { select: { teamId: true } } } });
  if (!batch) throw new NotFoundError("No such paper batch");
  assertCanEditTeam(actor, batch.ward.teamId);
  if (!withinDeleteWindow(batch.createdAt, now)) {
    throw new BadRequestError(`A paper batch can be deleted only within ${DELETE_WINDOW_DAYS} days of being entered`, {
      batch: `This batch was entered on ${londonDateOf(batch.createdAt)}, more than ${DELETE_WINDOW_DAYS} days ago, so it can no longer be deleted`,
    });
  }
  return db().$transaction(async (tx) => {
    // Through the ward's index: every response of a batch has the batch's ward and collection date.
    const removed = await tx.surveyResponse.deleteMany({ where: { wardId: batch.wardId, submittedOn: batch.collectedOn, paperBatchId: batch.id } });
    // deleteMany, not delete: a second click that lost the race finds nothing and says so (404).
    const gone = await tx.paperBatch.deleteMany({ where: { id: batch.id } });
    if (gone.count === 0) throw new NotFoundError("No such paper batch");
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "paper_batch.delete",
        entityType: "paper_batch",
        entityId: batch.id,
        before: {
          wardId: batch.wardId,
          collectedOn: isoDate(batch.collectedOn),
          responses: batch.responseCount,
          serviceUsers: batch.serviceUserCount,
          staff: batch.staffCount,
          enteredById: batch.createdById,
          enteredAt: batch.createdAt.toISOString(),
        },
      },
      tx,
    );
    return { wardId: batch.wardId, responses: removed.count };
  });
}

/** The wards this actor may enter paper tallies for (admins: every ward; project leads: their teams' wards), by trust. */
export async function wardsForPaperEntry(actor: Actor): Promise<{ trust: string; wards: { id: string; name: string }[] }[]> {
  const wards = await db().ward.findMany({
    where: paperEntryScope(actor),
    orderBy: [{ trust: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, trust: { select: { name: true } } },
  });
  const byTrust = new Map<string, { id: string; name: string }[]>();
  for (const ward of wards) {
    const list = byTrust.get(ward.trust.name) ?? [];
    list.push({ id: ward.id, name: ward.name });
    byTrust.set(ward.trust.name, list);
  }
  return [...byTrust.entries()].map(([trust, list]) => ({ trust, wards: list }));
}
