import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { assertCanEditTeam, canEditTeam, NotFoundError, teamScope, visibleTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import type { ChangeIdeaStatus } from "./driver-diagram";
import { cycleSchema, cycleStage, newCycleSchema, overlapsRange, statusAfterCycle, type CycleInput, type CycleRecord, type CycleStage, type PdsaDecision } from "./pdsa";

// PDSA cycles in the database: each tests one change idea of a team's driver diagram, on one of
// the team's wards or all of them. Reading follows the team's visibility; changing needs
// assertCanEditTeam. Adding a cycle marks its idea "testing"; an act decision marks it adopted,
// adapted or abandoned. Cycles also feed the run charts (cyclesOnChart), as shaded spans.

const iso = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (s: string) => new Date(`${s}T00:00:00Z`);
export const today = () => new Date().toISOString().slice(0, 10);

const cycleInclude = {
  changeIdea: { select: { id: true, text: true, status: true } },
  ward: { select: { id: true, name: true } },
  team: { select: { id: true, name: true, trust: { select: { name: true } } } },
} as const;
type CycleRow = Prisma.PdsaCycleGetPayload<{ include: typeof cycleInclude }>;

export interface CycleView extends CycleRecord {
  id: string;
  number: number;
  team: { id: string; name: string; trustName: string };
  changeIdea: { id: string; text: string; status: ChangeIdeaStatus | null };
  ward: { id: string; name: string } | null;
  stage: CycleStage;
}

function view(row: CycleRow, on = today()): CycleView {
  const startDate = iso(row.startDate);
  const endDate = row.endDate ? iso(row.endDate) : null;
  return {
    id: row.id,
    number: row.number,
    team: { id: row.team.id, name: row.team.name, trustName: row.team.trust.name },
    changeIdea: row.changeIdea,
    ward: row.ward,
    startDate,
    endDate,
    planWhat: row.planWhat,
    planWho: row.planWho,
    planWhere: row.planWhere,
    prediction: row.prediction,
    doNotes: row.doNotes,
    studyNotes: row.studyNotes,
    actDecision: row.actDecision,
    actNotes: row.actNotes,
    stage: cycleStage({ startDate, endDate, actDecision: row.actDecision }, on),
  };
}

/** What the audit log keeps of a cycle: its fields, not the joined names. */
function auditable(c: CycleView): Prisma.InputJsonValue {
  return {
    id: c.id,
    number: c.number,
    teamId: c.team.id,
    changeIdeaId: c.changeIdea.id,
    wardId: c.ward?.id ?? null,
    startDate: c.startDate,
    endDate: c.endDate,
    planWhat: c.planWhat,
    planWho: c.planWho,
    planWhere: c.planWhere,
    prediction: c.prediction,
    doNotes: c.doNotes,
    studyNotes: c.studyNotes,
    actDecision: c.actDecision,
    actNotes: c.actNotes,
  };
}

/** A team's cycles, newest first. */
export async function teamCycles(actor: Actor, teamId: string): Promise<CycleView[]> {
  const team = await visibleTeam(actor, teamId);
  const rows = await db().pdsaCycle.findMany({ where: { teamId: team.id }, include: cycleInclude, orderBy: [{ startDate: "desc" }, { number: "desc" }] });
  return rows.map((r) => view(r));
}

export async function cycleDetail(actor: Actor, id: string): Promise<CycleView & { canEdit: boolean }> {
  const row = await db().pdsaCycle.findFirst({ where: { id, team: teamScope(actor) }, include: cycleInclude });
  if (!row) throw new NotFoundError("No such PDSA cycle");
  return { ...view(row), canEdit: canEditTeam(actor, row.teamId) };
}

/** The ward must be one of the team's; null means all of them. */
async function checkWard(tx: Prisma.TransactionClient, teamId: string, wardId: string | null): Promise<void> {
  if (wardId === null) return;
  const ward = await tx.ward.findFirst({ where: { id: wardId, teamId }, select: { id: true } });
  if (!ward) throw new BadRequestError("Choose one of the team's wards, or all of them", { wardId: "Choose one of the team's wards, or all of them" });
}

function fields(data: CycleInput) {
  return {
    wardId: data.wardId,
    startDate: asDate(data.startDate),
    endDate: data.endDate ? asDate(data.endDate) : null,
    planWhat: data.planWhat,
    planWho: data.planWho,
    planWhere: data.planWhere,
    prediction: data.prediction,
    doNotes: data.doNotes,
    studyNotes: data.studyNotes,
    actDecision: data.actDecision,
    actNotes: data.actNotes,
  };
}

async function followStatus(tx: Prisma.TransactionClient, actor: Actor, idea: { id: string; status: ChangeIdeaStatus | null }, decision: PdsaDecision | null) {
  const next = statusAfterCycle(idea.status ?? "IDEA", decision);
  if (next === null) return;
  await tx.driverBox.update({ where: { id: idea.id }, data: { status: next } });
  await recordAudit({ actorId: actor.id, actorEmail: actor.email, action: "driver-box.update", entityType: "driver-box", entityId: idea.id, before: { status: idea.status }, after: { status: next } }, tx);
}

export async function createCycle(actor: Actor, teamId: string, input: unknown): Promise<CycleView> {
  const team = await visibleTeam(actor, teamId);
  assertCanEditTeam(actor, team.id);
  const data = newCycleSchema.parse(input);
  return db().$transaction(async (tx) => {
    // Locks the team so two cycles added at once get numbers 1 and 2, not both 1 (numbers run
    // through the team, so one number names one cycle on its charts).
    await tx.$queryRaw`SELECT id FROM project_team WHERE id = ${team.id} FOR UPDATE`;
    const ideas = await tx.$queryRaw<{ id: string; status: ChangeIdeaStatus | null }[]>`
      SELECT id, status::text AS status FROM driver_node
      WHERE id = ${data.changeIdeaId} AND team_id = ${team.id} AND kind = 'CHANGE_IDEA' FOR UPDATE`;
    const idea = ideas[0];
    if (!idea) throw new BadRequestError("Choose one of this team's change ideas", { changeIdeaId: "Choose one of this team's change ideas" });
    await checkWard(tx, team.id, data.wardId);
    const last = await tx.pdsaCycle.aggregate({ where: { teamId: team.id }, _max: { number: true } });
    const row = await tx.pdsaCycle.create({
      data: { teamId: team.id, changeIdeaId: idea.id, number: (last._max.number ?? 0) + 1, createdById: actor.id, ...fields(data) },
      include: cycleInclude,
    });
    await followStatus(tx, actor, idea, data.actDecision);
    const created = view(row);
    await recordAudit({ actorId: actor.id, actorEmail: actor.email, action: "pdsa-cycle.create", entityType: "pdsa-cycle", entityId: row.id, after: auditable(created) }, tx);
    return view(await tx.pdsaCycle.findUniqueOrThrow({ where: { id: row.id }, include: cycleInclude }));
  });
}

async function editableCycle(actor: Actor, id: string): Promise<CycleRow> {
  const row = await db().pdsaCycle.findFirst({ where: { id, team: teamScope(actor) }, include: cycleInclude });
  if (!row) throw new NotFoundError("No such PDSA cycle");
  assertCanEditTeam(actor, row.teamId);
  return row;
}

/** Replaces the cycle's fields (the form always sends all four stages). */
export async function updateCycle(actor: Actor, id: string, input: unknown): Promise<CycleView> {
  const before = await editableCycle(actor, id);
  const data = cycleSchema.parse(input);
  return db().$transaction(async (tx) => {
    await checkWard(tx, before.teamId, data.wardId);
    const row = await tx.pdsaCycle.update({ where: { id }, data: fields(data), include: cycleInclude });
    if (data.actDecision !== before.actDecision && data.actDecision !== null) await followStatus(tx, actor, before.changeIdea, data.actDecision);
    await recordAudit(
      { actorId: actor.id, actorEmail: actor.email, action: "pdsa-cycle.update", entityType: "pdsa-cycle", entityId: id, before: auditable(view(before)), after: auditable(view(row)) },
      tx,
    );
    return view(await tx.pdsaCycle.findUniqueOrThrow({ where: { id }, include: cycleInclude }));
  });
}

export async function deleteCycle(actor: Actor, id: string): Promise<{ teamId: string }> {
  const before = await editableCycle(actor, id);
  await db().$transaction(async (tx) => {
    await tx.pdsaCycle.delete({ where: { id } });
    await recordAudit({ actorId: actor.id, actorEmail: actor.email, action: "pdsa-cycle.delete", entityType: "pdsa-cycle", entityId: id, before: auditable(view(before)) }, tx);
  });
  return { teamId: before.teamId };
}

// ---------------------------------------------------------------------------------------------------
// On the run chart
// ---------------------------------------------------------------------------------------------------

export interface ChartCycle {
  id: string;
  teamId: string;
  number: number;
  changeIdea: string;
  start: string;
  /** Null while the cycle runs. */
  end: string | null;
  decision: PdsaDecision | null;
  ward: string | null;
}

/**
 * The PDSA cycles to draw on a chart. A team's chart shows all its cycles; a ward's chart shows
 * the cycles tested on that ward and those tested on all the team's wards. Callers have already
 * checked that the actor can see the chart.
 */
export async function cyclesOnChart(chart: { teamId: string } | { wardId: string; teamId: string | null }, from: string | null, to: string | null): Promise<ChartCycle[]> {
  const where: Prisma.PdsaCycleWhereInput =
    "wardId" in chart
      ? chart.teamId === null
        ? { wardId: chart.wardId }
        : { teamId: chart.teamId, OR: [{ wardId: chart.wardId }, { wardId: null }] }
      : { teamId: chart.teamId };
  const rows = await db().pdsaCycle.findMany({
    where,
    select: { id: true, teamId: true, number: true, startDate: true, endDate: true, actDecision: true, changeIdea: { select: { text: true } }, ward: { select: { name: true } } },
    orderBy: [{ startDate: "asc" }, { number: "asc" }],
  });
  return rows
    .map((r) => ({ id: r.id, teamId: r.teamId, number: r.number, changeIdea: r.changeIdea.text, start: iso(r.startDate), end: r.endDate ? iso(r.endDate) : null, decision: r.actDecision, ward: r.ward?.name ?? null }))
    .filter((c) => overlapsRange({ startDate: c.start, endDate: c.end }, from, to));
}

// ---------------------------------------------------------------------------------------------------
// Across the collaborative
// ---------------------------------------------------------------------------------------------------

export interface ChangeIdeaAcrossTeams {
  id: string;
  text: string;
  status: ChangeIdeaStatus;
  team: { id: string; name: string; trustName: string };
  secondaryDrivers: string[];
  cycles: number;
  latestCycle: { id: string; number: number; startDate: string; endDate: string | null; decision: PdsaDecision | null } | null;
}

/** Every change idea the actor can see (coaches: all teams), with its status and latest cycle. */
export async function changeIdeasAcrossTeams(actor: Actor): Promise<ChangeIdeaAcrossTeams[]> {
  const rows = await db().driverBox.findMany({
    where: { kind: "CHANGE_IDEA", team: teamScope(actor) },
    select: {
      id: true,
      text: true,
      status: true,
      position: true,
      team: { select: { id: true, name: true, trust: { select: { name: true } } } },
      parentLinks: { select: { parent: { select: { text: true, position: true } } } },
      pdsaCycles: { select: { id: true, number: true, startDate: true, endDate: true, actDecision: true }, orderBy: { number: "desc" } },
    },
    orderBy: [{ team: { trust: { name: "asc" } } }, { team: { name: "asc" } }, { position: "asc" }],
  });
  return rows.map((r) => {
    const latest = r.pdsaCycles[0];
    return {
      id: r.id,
      text: r.text,
      status: r.status ?? "IDEA",
      team: { id: r.team.id, name: r.team.name, trustName: r.team.trust.name },
      secondaryDrivers: r.parentLinks.map((l) => l.parent).sort((a, b) => a.position - b.position).map((p) => p.text),
      cycles: r.pdsaCycles.length,
      latestCycle: latest ? { id: latest.id, number: latest.number, startDate: iso(latest.startDate), endDate: latest.endDate ? iso(latest.endDate) : null, decision: latest.actDecision } : null,
    };
  });
}
