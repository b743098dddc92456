import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { assertCanEditTeam, canEditTeam, NotFoundError, teamScope, visibleTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import { aimSchema, COLLABORATIVE_AIM, teamAim, type TeamAim } from "./aim";
import {
  allBoxes,
  buildDiagram,
  checkBox,
  column,
  diagramFileSchema,
  importFits,
  importPlan,
  IMPORT_MODES,
  KIND_LABELS,
  MAX_BOXES,
  moveInColumn,
  moveSchema,
  newBoxSchema,
  boxChangeSchema,
  orphanedByDeleting,
  toDiagramFile,
  type DiagramFile,
  type DiagramBox,
  type DriverDiagram,
  type ImportMode,
} from "./driver-diagram";

// The driver diagram and aim in the database. Reading follows the team's visibility (coaches and
// admins see every team's, project leads their own teams'); changing needs assertCanEditTeam
// (admins and the team's own members). A box outside the actor's teams is "not found". The rules
// themselves are lib/improvement/driver-diagram.ts; each change is audited in its transaction.

type Tx = Prisma.TransactionClient;

const boxSelect = { id: true, teamId: true, kind: true, text: true, position: true, status: true, parentLinks: { select: { parentId: true } } } as const;

type BoxRow = Prisma.DriverBoxGetPayload<{ select: typeof boxSelect }>;

const toBox = (row: BoxRow): DiagramBox => ({
  id: row.id,
  kind: row.kind,
  text: row.text,
  position: row.position,
  status: row.status,
  parentIds: row.parentLinks.map((l) => l.parentId),
});

/** The box with its links in their column's order, as buildDiagram (and so teamDiagram) gives them. */
function inColumnOrder(box: DiagramBox, diagram: DriverDiagram): DiagramBox {
  const order = allBoxes(diagram).map((n) => n.id);
  return { ...box, parentIds: [...box.parentIds].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
}

async function loadDiagram(teamId: string, client: Tx | ReturnType<typeof db> = db()): Promise<DriverDiagram> {
  const rows = await client.driverBox.findMany({ where: { teamId }, select: boxSelect });
  return buildDiagram(rows.map(toBox));
}

export interface TeamDiagram {
  team: { id: string; name: string; trustName: string };
  aim: TeamAim;
  diagram: DriverDiagram;
  canEdit: boolean;
}

/** The team's aim and diagram, for anyone who can see the team. */
export async function teamDiagram(actor: Actor, teamId: string): Promise<TeamDiagram> {
  const team = await visibleTeam(actor, teamId);
  return {
    team: { id: team.id, name: team.name, trustName: team.trust.name },
    aim: teamAim(team),
    diagram: await loadDiagram(team.id),
    canEdit: canEditTeam(actor, team.id),
  };
}

async function editableTeam(actor: Actor, teamId: string) {
  const team = await visibleTeam(actor, teamId);
  assertCanEditTeam(actor, team.id);
  return team;
}

async function editableBox(actor: Actor, id: string): Promise<BoxRow> {
  const row = await db().driverBox.findFirst({ where: { id, team: teamScope(actor) }, select: boxSelect });
  if (!row) throw new NotFoundError("No such box on a driver diagram you can see");
  assertCanEditTeam(actor, row.teamId);
  return row;
}

function refuse(problems: Record<string, string>): void {
  const first = Object.values(problems)[0];
  if (first) throw new BadRequestError(first, problems);
}

const audit = (actor: Actor, tx: Tx, action: string, entityId: string, change: { before?: Prisma.InputJsonValue; after?: Prisma.InputJsonValue }) =>
  recordAudit({ actorId: actor.id, actorEmail: actor.email, action, entityType: action.startsWith("team") ? "project-team" : "driver-box", entityId, ...change }, tx);

/**
 * Boxes are changed one at a time under a lock on the team's row, so two editors cannot both
 * check the links against a diagram the other is changing (say, one deleting the primary driver
 * the other is linking to).
 */
async function lockedDiagram(tx: Tx, teamId: string): Promise<DriverDiagram> {
  await tx.$queryRaw`SELECT id FROM project_team WHERE id = ${teamId} FOR UPDATE`;
  return loadDiagram(teamId, tx);
}

export async function addBox(actor: Actor, teamId: string, input: unknown): Promise<DiagramBox> {
  const team = await editableTeam(actor, teamId);
  const data = newBoxSchema.parse(input);
  return db().$transaction(async (tx) => {
    const diagram = await lockedDiagram(tx, team.id);
    refuse(checkBox(diagram, { kind: data.kind, parentIds: data.parentIds }));
    const existing = column(diagram, data.kind);
    if (existing.length >= MAX_BOXES[data.kind]) {
      throw new BadRequestError(`A diagram holds at most ${MAX_BOXES[data.kind]} ${KIND_LABELS[data.kind].many}`, { text: `A diagram holds at most ${MAX_BOXES[data.kind]} ${KIND_LABELS[data.kind].many}` });
    }
    const row = await tx.driverBox.create({
      data: {
        teamId: team.id,
        kind: data.kind,
        text: data.text,
        position: existing.length === 0 ? 0 : Math.max(...existing.map((n) => n.position)) + 1,
        status: data.kind === "CHANGE_IDEA" ? data.status : null,
        createdById: actor.id,
        // A link listed twice is one link (the table's key would refuse the second), as in changeBox.
        parentLinks: { create: [...new Set(data.parentIds)].map((parentId) => ({ parentId })) },
      },
      select: boxSelect,
    });
    const box = inColumnOrder(toBox(row), diagram);
    await audit(actor, tx, "driver-box.create", row.id, { after: { teamId: team.id, ...box } });
    return box;
  });
}

export async function changeBox(actor: Actor, id: string, input: unknown): Promise<DiagramBox> {
  const before = await editableBox(actor, id);
  const change = boxChangeSchema.parse(input);
  return db().$transaction(async (tx) => {
    const diagram = await lockedDiagram(tx, before.teamId);
    const current = [...diagram.primary, ...diagram.secondary, ...diagram.changeIdeas].find((n) => n.id === id);
    if (!current) throw new NotFoundError("No such box on a driver diagram you can see");
    const parentIds = change.parentIds ?? current.parentIds;
    refuse(checkBox(diagram, { kind: current.kind, parentIds, status: change.status }));
    if (change.parentIds) {
      await tx.driverLink.deleteMany({ where: { childId: id } });
      await tx.driverLink.createMany({ data: [...new Set(parentIds)].map((parentId) => ({ parentId, childId: id })) });
    }
    const row = await tx.driverBox.update({
      where: { id },
      data: { ...(change.text !== undefined ? { text: change.text } : {}), ...(change.status !== undefined ? { status: change.status } : {}) },
      select: boxSelect,
    });
    const box = inColumnOrder(toBox(row), diagram);
    await audit(actor, tx, "driver-box.update", id, { before: current as unknown as Prisma.InputJsonValue, after: box as unknown as Prisma.InputJsonValue });
    return box;
  });
}

export async function moveBox(actor: Actor, id: string, input: unknown): Promise<void> {
  const row = await editableBox(actor, id);
  const { direction } = moveSchema.parse(input);
  await db().$transaction(async (tx) => {
    const diagram = await lockedDiagram(tx, row.teamId);
    const before = column(diagram, row.kind).map((n) => n.id);
    const after = moveInColumn(before, id, direction);
    for (const [position, boxId] of after.entries()) await tx.driverBox.update({ where: { id: boxId }, data: { position } });
    await audit(actor, tx, "driver-box.move", id, { before: { order: before }, after: { order: after } });
  });
}

export async function deleteBox(actor: Actor, id: string): Promise<void> {
  const row = await editableBox(actor, id);
  await db().$transaction(async (tx) => {
    const diagram = await lockedDiagram(tx, row.teamId);
    const orphans = orphanedByDeleting(diagram, id);
    if (orphans.length > 0) {
      const kind = KIND_LABELS[orphans[0]!.kind];
      const message = `${orphans.length === 1 ? `The ${kind.one}` : `${orphans.length} ${kind.many}`} link only to this box (${orphans
        .slice(0, 3)
        .map((o) => `"${o.text}"`)
        .join(", ")}${orphans.length > 3 ? "…" : ""}): link ${orphans.length === 1 ? "it" : "them"} to another box or delete ${orphans.length === 1 ? "it" : "them"} first`;
      throw new BadRequestError(message, { box: message });
    }
    const cycles = await tx.pdsaCycle.count({ where: { changeIdeaId: id } });
    if (cycles > 0) {
      const message = `This change idea has ${cycles} PDSA cycle${cycles === 1 ? "" : "s"}: they are the team's record of what was tested, so the idea cannot be deleted. Set its status to abandoned instead, or delete its cycles first.`;
      throw new BadRequestError(message, { box: message });
    }
    await tx.driverBox.delete({ where: { id } });
    await audit(actor, tx, "driver-box.delete", id, { before: { teamId: row.teamId, ...toBox(row) } as unknown as Prisma.InputJsonValue });
  });
}

// ---------------------------------------------------------------------------------------------------
// The aim
// ---------------------------------------------------------------------------------------------------

export async function setTeamAim(actor: Actor, teamId: string, input: unknown): Promise<TeamAim> {
  const team = await editableTeam(actor, teamId);
  const data = aimSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await tx.projectTeam.update({
      where: { id: team.id },
      data: { aimStatement: data.statement, targetPercent: data.targetPercent, targetDate: data.targetDate ? new Date(`${data.targetDate}T00:00:00Z`) : null },
    });
    const aim = teamAim(row);
    await audit(actor, tx, "team.aim", team.id, { before: teamAim(team) as unknown as Prisma.InputJsonValue, after: aim as unknown as Prisma.InputJsonValue });
    return aim;
  });
}

// ---------------------------------------------------------------------------------------------------
// Export and import (copying a diagram to another team)
// ---------------------------------------------------------------------------------------------------

export async function exportDiagram(actor: Actor, teamId: string, now = new Date()): Promise<DiagramFile> {
  const { team, aim, diagram } = await teamDiagram(actor, teamId);
  return toDiagramFile(diagram, { statement: aim.statement, targetPercent: aim.targetPercent, targetDate: aim.targetDate }, team.name, now);
}

export interface ImportOptions {
  mode: ImportMode;
  /** Keep the change ideas' statuses from the file (restoring a team's own export). */
  keepStatuses: boolean;
  /** Also take the file's aim statement, target and date. */
  takeAim: boolean;
}

export function importOptions(input: { mode?: unknown; keepStatuses?: unknown; takeAim?: unknown }): ImportOptions {
  const mode = input.mode ?? "add";
  if (typeof mode !== "string" || !(IMPORT_MODES as readonly string[]).includes(mode)) {
    throw new BadRequestError("Choose whether to add the file's boxes to the diagram or replace it", { mode: "Choose add or replace" });
  }
  const flag = (v: unknown) => v === true || v === "true" || v === "on" || v === "1";
  return { mode: mode as ImportMode, keepStatuses: flag(input.keepStatuses), takeAim: flag(input.takeAim) };
}

/**
 * A diagram file, checked. Problems are named by where they are in the request ("file.changeIdeas.2.
 * secondaryDrivers"), so an API caller can find them; the import form shows them all on its file field.
 */
export function checkedDiagramFile(input: unknown): DiagramFile {
  const parsed = diagramFileSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[["file", ...issue.path].join(".")] ??= issue.message;
  throw new BadRequestError("This file is not a driver diagram Wardsafe can import", fields);
}

/** Parses a file's text, naming the problem (bad JSON, or the field and rule) when it is not a diagram. */
export function parseDiagramFile(text: string): DiagramFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadRequestError("This file is not JSON: export a driver diagram from Wardsafe and choose that file", { file: "This file is not JSON" });
  }
  return checkedDiagramFile(json);
}

/** Adds the file's boxes to the team's diagram, or replaces the diagram with them, all or nothing. */
export async function importDiagram(actor: Actor, teamId: string, fileInput: unknown, options: ImportOptions): Promise<{ added: number }> {
  const team = await editableTeam(actor, teamId);
  const file = checkedDiagramFile(fileInput);
  const plan = importPlan(file, { keepStatuses: options.keepStatuses });
  return db().$transaction(async (tx) => {
    const diagram = await lockedDiagram(tx, team.id);
    const tooBig = importFits(diagram, plan, options.mode);
    if (tooBig) throw new BadRequestError(tooBig, { file: tooBig });
    if (options.mode === "replace") {
      const tested = await tx.pdsaCycle.count({ where: { teamId: team.id } });
      if (tested > 0) {
        const message = `This team has ${tested} PDSA cycle${tested === 1 ? "" : "s"} on its change ideas, so its diagram cannot be replaced: add the file's boxes instead`;
        throw new BadRequestError(message, { mode: message });
      }
      await tx.driverBox.deleteMany({ where: { teamId: team.id } });
    }
    const start = (kind: DiagramBox["kind"]) => (options.mode === "replace" ? 0 : column(diagram, kind).reduce((m, n) => Math.max(m, n.position + 1), 0));
    const next = { PRIMARY: start("PRIMARY"), SECONDARY: start("SECONDARY"), CHANGE_IDEA: start("CHANGE_IDEA") };
    const ids = new Map<string, string>();
    for (const box of plan) {
      const row = await tx.driverBox.create({
        data: {
          teamId: team.id,
          kind: box.kind,
          text: box.text,
          position: next[box.kind]++,
          status: box.status,
          createdById: actor.id,
          parentLinks: { create: box.parentRefs.map((ref) => ({ parentId: ids.get(ref)! })) },
        },
        select: { id: true },
      });
      ids.set(box.ref, row.id);
    }
    if (options.takeAim && file.aim) {
      await tx.projectTeam.update({
        where: { id: team.id },
        data: {
          aimStatement: file.aim.statement === "" || file.aim.statement === COLLABORATIVE_AIM ? null : file.aim.statement,
          targetPercent: file.aim.targetPercent,
          targetDate: file.aim.targetDate ? new Date(`${file.aim.targetDate}T00:00:00Z`) : null,
        },
      });
    }
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "driver-diagram.import",
        entityType: "project-team",
        entityId: team.id,
        after: { mode: options.mode, keepStatuses: options.keepStatuses, takeAim: options.takeAim, from: file.team ?? null, added: plan.length },
      },
      tx,
    );
    return { added: plan.length };
  });
}
