import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { isoDate, isValidDate } from "@/lib/analytics/periods";
import { recordAudit } from "@/lib/audit";
import { assertCanEditTeam, ForbiddenError, NotFoundError, visibleTeam, visibleWard } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";

// Changes to a run chart: dated notes (a change tested, a note, an "astronomical point"
// flag) and re-phases (a new baseline and median from a date, with a reason). The team's aim and
// PDSA cycles are lib/improvement. Allowed for admins and the members of the chart's project team (lib/auth/
// access assertCanEditTeam); a chart the actor cannot see is "not found", one they can see but not
// change is "forbidden". Each change is audited in the same transaction.

/** A ward's or a project team's chart. Exactly one is set, as in the database. */
export type ChartRef = { teamId: string } | { wardId: string };

export const NOTE_KINDS = ["CHANGE", "NOTE", "ASTRONOMICAL"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const MAX_NOTE_LENGTH = 500;

const dateField = (what: string) =>
  z
    .string({ error: `Enter the ${what} as a date` })
    .trim()
    .min(1, `Enter the ${what}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a date, for example 2026-03-02`)
    .refine(isValidDate, `The ${what} must be a real date`);

export const noteSchema = z.object({
  date: dateField("date of the note"),
  kind: z.enum(NOTE_KINDS, { error: "Choose what kind of note this is" }),
  text: z
    .string({ error: "Enter the note" })
    .trim()
    .min(1, "Enter the note: what was tested or what happened")
    .max(MAX_NOTE_LENGTH, `The note must be ${MAX_NOTE_LENGTH} characters or fewer`),
});

export const phaseSchema = z.object({
  startDate: dateField("date the new phase starts"),
  reason: z
    .string({ error: "Enter the reason for the new phase" })
    .trim()
    .min(1, "Enter the reason for the new phase, for example the change that moved the median")
    .max(MAX_NOTE_LENGTH, `The reason must be ${MAX_NOTE_LENGTH} characters or fewer`),
});

const asDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** Which team's members may edit the chart; throws NotFoundError when the actor cannot see it. */
async function owningTeam(actor: Actor, ref: ChartRef): Promise<string | null> {
  if ("teamId" in ref) return (await visibleTeam(actor, ref.teamId)).id;
  return (await visibleWard(actor, { id: ref.wardId })).teamId;
}

/** 404 when the actor cannot see the chart, 403 when they can see it but not change it. */
export async function assertCanEditChart(actor: Actor, ref: ChartRef): Promise<void> {
  assertCanEditTeam(actor, await owningTeam(actor, ref));
}

/** For pages: whether to show the editing forms. */
export async function canEditChart(actor: Actor, ref: ChartRef): Promise<boolean> {
  try {
    await assertCanEditChart(actor, ref);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return false;
    throw error;
  }
}

function refOf(row: { teamId: string | null; wardId: string | null }): ChartRef {
  if (row.teamId) return { teamId: row.teamId };
  if (row.wardId) return { wardId: row.wardId };
  throw new NotFoundError();
}

function ownerColumns(ref: ChartRef): { teamId: string | null; wardId: string | null } {
  return "teamId" in ref ? { teamId: ref.teamId, wardId: null } : { teamId: null, wardId: ref.wardId };
}

function chartRefInput(input: unknown): ChartRef {
  const parsed = z
    .union([z.object({ teamId: z.string().min(1) }), z.object({ wardId: z.string().min(1) })], {
      error: "Say which chart: a teamId or a wardId",
    })
    .parse(input);
  return "teamId" in parsed ? { teamId: parsed.teamId } : { wardId: parsed.wardId };
}

// ---------------------------------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------------------------------

export type NoteView = { id: string; date: string; kind: NoteKind; text: string };

const noteView = (row: { id: string; date: Date; kind: NoteKind; text: string }): NoteView => ({
  id: row.id,
  date: isoDate(row.date),
  kind: row.kind,
  text: row.text,
});

export async function createNote(actor: Actor, chart: ChartRef, input: unknown): Promise<NoteView> {
  const ref = chartRefInput(chart);
  await assertCanEditChart(actor, ref);
  const data = noteSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await tx.note.create({
      data: { ...ownerColumns(ref), date: asDate(data.date), kind: data.kind, text: data.text, createdById: actor.id },
    });
    const view = noteView(row);
    await recordAudit(
      { actorId: actor.id, actorEmail: actor.email, action: "note.create", entityType: "note", entityId: row.id, after: { ...ref, ...view } },
      tx,
    );
    return view;
  });
}

async function editableNote(actor: Actor, id: string) {
  const row = await db().note.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("No such note");
  await assertCanEditChart(actor, refOf(row));
  return row;
}

export async function updateNote(actor: Actor, id: string, input: unknown): Promise<NoteView> {
  const before = await editableNote(actor, id);
  const data = noteSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await tx.note.update({ where: { id }, data: { date: asDate(data.date), kind: data.kind, text: data.text } });
    const view = noteView(row);
    await recordAudit(
      { actorId: actor.id, actorEmail: actor.email, action: "note.update", entityType: "note", entityId: id, before: noteView(before), after: view },
      tx,
    );
    return view;
  });
}

export async function deleteNote(actor: Actor, id: string): Promise<void> {
  const before = await editableNote(actor, id);
  await db().$transaction(async (tx) => {
    await tx.note.delete({ where: { id } });
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "note.delete",
        entityType: "note",
        entityId: id,
        before: { ...refOf(before), ...noteView(before) },
      },
      tx,
    );
  });
}

// ---------------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------------

export type PhaseView = { id: string; startDate: string; reason: string };

const ALREADY = "A phase already starts on this date: choose another date, or remove that phase first";

/** Starts a new phase (its own baseline and median) on the chart from this date. */
export async function addPhase(actor: Actor, chart: ChartRef, input: unknown): Promise<PhaseView> {
  const ref = chartRefInput(chart);
  await assertCanEditChart(actor, ref);
  const data = phaseSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      const clash = await tx.chartPhase.findFirst({ where: { ...ref, startDate: asDate(data.startDate) } });
      if (clash) throw new BadRequestError(ALREADY, { startDate: ALREADY });
      const row = await tx.chartPhase.create({
        data: { ...ownerColumns(ref), startDate: asDate(data.startDate), reason: data.reason, createdById: actor.id },
      });
      const view = { id: row.id, startDate: data.startDate, reason: row.reason };
      await recordAudit(
        { actorId: actor.id, actorEmail: actor.email, action: "chart-phase.create", entityType: "chart-phase", entityId: row.id, after: { ...ref, ...view } },
        tx,
      );
      return view;
    });
  } catch (error) {
    // Two people adding the same date at once: the unique index decides, with the same message.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new BadRequestError(ALREADY, { startDate: ALREADY });
    }
    throw error;
  }
}

/** Removes a re-phase: the chart goes back to the analysis it had without it. */
export async function removePhase(actor: Actor, id: string): Promise<void> {
  const row = await db().chartPhase.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("No such phase");
  const ref = refOf(row);
  await assertCanEditChart(actor, ref);
  await db().$transaction(async (tx) => {
    await tx.chartPhase.delete({ where: { id } });
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "chart-phase.delete",
        entityType: "chart-phase",
        entityId: id,
        before: { ...ref, startDate: isoDate(row.startDate), reason: row.reason },
      },
      tx,
    );
  });
}
