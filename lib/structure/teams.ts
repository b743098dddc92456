import type { Prisma } from "@/generated/prisma/client";
import { assertAdmin, NotFoundError, teamScope, wardScope } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { createTeamSchema, parse, problem, setTeamActiveSchema, teamMemberSchema, teamWardSchema, updateTeamSchema } from "./schemas";
import { assertTeamNameFree, audit, changed, findTeam, write } from "./writes";

// Project teams: create, update, deactivate, their wards and members; the admin views, and the
// teams a signed-in person sees (always scoped by lib/auth/access).

export async function createTeam(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const data = parse(createTeamSchema, input);
  return write(async (tx) => {
    const trust = await tx.trust.findUnique({ where: { id: data.trustId } });
    if (!trust) throw problem({ trustId: "Choose a trust from the list" });
    if (!trust.active) throw problem({ trustId: `The trust "${trust.name}" is deactivated; reactivate it first` });
    await assertTeamNameFree(tx, trust.id, data.name);
    const team = await tx.projectTeam.create({ data: { trustId: trust.id, name: data.name, targetPercent: data.targetPercent } });
    await audit(tx, actor, "team.create", "team", team.id, undefined, { name: team.name, trust: trust.name, targetPercent: team.targetPercent });
    return team;
  });
}

/** Name and target (the aim drawn on its run charts). */
export async function updateTeam(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const data = parse(updateTeamSchema, input);
  return write(async (tx) => {
    const team = await findTeam(tx, data.teamId);
    if (data.name !== team.name) await assertTeamNameFree(tx, team.trustId, data.name, team.id);
    const diff = changed({ name: team.name, targetPercent: team.targetPercent }, { name: data.name, targetPercent: data.targetPercent });
    if (!diff) return team;
    const updated = await tx.projectTeam.update({ where: { id: team.id }, data: { name: data.name, targetPercent: data.targetPercent } });
    await audit(tx, actor, "team.update", "team", team.id, diff.before, diff.after);
    return updated;
  });
}

/** Deactivating keeps the team's wards, members and charts; it only takes the team out of current work. */
export async function setTeamActive(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { teamId, active } = parse(setTeamActiveSchema, input);
  return write(async (tx) => {
    const team = await findTeam(tx, teamId);
    if (team.active === active) return team;
    if (active && !team.trust.active) throw problem({ active: `The trust "${team.trust.name}" is deactivated; reactivate it first` });
    const updated = await tx.projectTeam.update({ where: { id: teamId }, data: { active } });
    await audit(tx, actor, active ? "team.reactivate" : "team.deactivate", "team", teamId, { active: team.active }, { active });
    return updated;
  });
}

/**
 * Adds a ward to a team. A ward is in at most one team, so a ward already in another team is
 * refused here (move it from its own page, where its current team is shown) rather than silently
 * taken from that team.
 */
export async function assignWardToTeam(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { teamId, wardId } = parse(teamWardSchema, input);
  return write(async (tx) => {
    const team = await findTeam(tx, teamId);
    const ward = await tx.ward.findUnique({ where: { id: wardId }, include: { team: true } });
    if (!ward) throw problem({ wardId: "Choose a ward from the list" });
    if (ward.teamId === team.id) return ward;
    if (ward.trustId !== team.trustId) throw problem({ wardId: "A ward can only be in a project team of its own trust" });
    if (ward.team) throw problem({ wardId: `${ward.name} is already in the project team "${ward.team.name}"; a ward can be in only one team` });
    if (!team.active) throw problem({ wardId: `The project team "${team.name}" is deactivated; reactivate it first` });
    // Conditional on the ward still having no team, so two admins cannot both assign it.
    const claimed = await tx.ward.updateMany({ where: { id: ward.id, teamId: null }, data: { teamId: team.id } });
    if (claimed.count !== 1) throw problem({ wardId: `${ward.name} has just been put in another project team` });
    await audit(tx, actor, "ward.assign-team", "ward", ward.id, { team: null }, { team: team.name });
    return { ...ward, teamId: team.id };
  });
}

export async function removeWardFromTeam(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { teamId, wardId } = parse(teamWardSchema, input);
  return write(async (tx) => {
    const team = await findTeam(tx, teamId);
    const ward = await tx.ward.findUnique({ where: { id: wardId } });
    if (!ward || ward.teamId !== team.id) throw problem({ wardId: "This ward is not in this project team" });
    await tx.ward.update({ where: { id: ward.id }, data: { teamId: null } });
    await audit(tx, actor, "ward.assign-team", "ward", ward.id, { team: team.name }, { team: null });
  });
}

export async function addTeamMember(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { teamId, userId } = parse(teamMemberSchema, input);
  return write(async (tx) => {
    const team = await findTeam(tx, teamId);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw problem({ userId: "Choose a person from the list" });
    const existing = await tx.teamMembership.findUnique({ where: { userId_teamId: { userId, teamId } } });
    if (existing) return;
    await tx.teamMembership.create({ data: { userId, teamId } });
    await audit(tx, actor, "team.add-member", "team", team.id, undefined, { member: user.email });
  });
}

export async function removeTeamMember(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { teamId, userId } = parse(teamMemberSchema, input);
  return write(async (tx) => {
    const team = await findTeam(tx, teamId);
    const membership = await tx.teamMembership.findUnique({ where: { userId_teamId: { userId, teamId } }, include: { user: true } });
    if (!membership) throw problem({ userId: "This person is not a member of this project team" });
    await tx.teamMembership.delete({ where: { userId_teamId: { userId, teamId } } });
    await audit(tx, actor, "team.remove-member", "team", team.id, { member: membership.user.email }, undefined);
  });
}

export const TEAMS_PAGE_SIZE = 100;

export async function listTeamsForAdmin(actor: Actor, opts: { trustId?: string; page?: number } = {}) {
  assertAdmin(actor);
  const where: Prisma.ProjectTeamWhereInput = opts.trustId ? { trustId: opts.trustId } : {};
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const [teams, total] = await Promise.all([
    db().projectTeam.findMany({
      where,
      orderBy: [{ trust: { name: "asc" } }, { name: "asc" }],
      skip: (page - 1) * TEAMS_PAGE_SIZE,
      take: TEAMS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        active: true,
        targetPercent: true,
        trust: { select: { id: true, name: true } },
        _count: { select: { wards: true, members: true } },
      },
    }),
    db().projectTeam.count({ where }),
  ]);
  return { teams, total, page, pageCount: Math.max(1, Math.ceil(total / TEAMS_PAGE_SIZE)) };
}

export async function getTeamForAdmin(actor: Actor, teamId: string) {
  assertAdmin(actor);
  const team = await db().projectTeam.findUnique({
    where: { id: teamId },
    select: {
      id: true,
      name: true,
      active: true,
      targetPercent: true,
      trust: { select: { id: true, name: true, active: true } },
      wards: { orderBy: { name: "asc" }, select: { id: true, name: true, active: true, surveyCode: true } },
      members: {
        orderBy: { user: { name: "asc" } },
        select: { user: { select: { id: true, name: true, email: true, role: true, active: true } } },
      },
    },
  });
  if (!team) throw new NotFoundError("No such project team");
  const [unassignedWards, otherUsers] = await Promise.all([
    db().ward.findMany({ where: { trustId: team.trust.id, teamId: null }, orderBy: { name: "asc" }, select: { id: true, name: true, active: true } }),
    db().user.findMany({
      where: { active: true, memberships: { none: { teamId } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true, role: true },
    }),
  ]);
  return { ...team, members: team.members.map((m) => m.user), unassignedWards, otherUsers };
}

/** Every team, for choosing a user's teams: grouped by trust on the page. */
export async function listTeamOptions(actor: Actor) {
  assertAdmin(actor);
  return db().projectTeam.findMany({
    orderBy: [{ trust: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, active: true, trust: { select: { name: true } } },
  });
}

/** The teams a signed-in person may see, with the wards of each they may see. */
export async function listVisibleTeams(actor: Actor) {
  return db().projectTeam.findMany({
    where: teamScope(actor),
    orderBy: [{ trust: { name: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      active: true,
      targetPercent: true,
      trust: { select: { id: true, name: true } },
      wards: { where: wardScope(actor), orderBy: { name: "asc" }, select: { id: true, name: true, active: true, surveyCode: true } },
    },
  });
}
