import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isAdmin, seesEverything, type Actor } from "./roles";

// Authorization: the one module that decides what a signed-in user may see and change. Every
// query for wards, teams and trusts goes through these scopes, so a project lead's query cannot
// return another team's rows however the ids are guessed. Outside their scope the answer is
// "not found" (null), never "forbidden", so ids do not reveal what exists.

export { ForbiddenError, NotFoundError };

/** The wards the actor may see. */
export function wardScope(actor: Actor): Prisma.WardWhereInput {
  return seesEverything(actor) ? {} : { teamId: { in: [...actor.teamIds] } };
}

/** The project teams the actor may see. */
export function teamScope(actor: Actor): Prisma.ProjectTeamWhereInput {
  return seesEverything(actor) ? {} : { id: { in: [...actor.teamIds] } };
}

/** Trusts are a comparison level: only for those who see everything. */
export function trustScope(actor: Actor): Prisma.TrustWhereInput {
  return seesEverything(actor) ? {} : { id: { in: [] } };
}

export async function visibleWard(actor: Actor, where: { id: string } | { surveyCode: string }) {
  const ward = await db().ward.findFirst({ where: { AND: [where, wardScope(actor)] }, include: { trust: true, team: true } });
  if (!ward) throw new NotFoundError("No such ward");
  return ward;
}

export async function visibleTeam(actor: Actor, teamId: string) {
  const team = await db().projectTeam.findFirst({ where: { AND: [{ id: teamId }, teamScope(actor)] }, include: { trust: true } });
  if (!team) throw new NotFoundError("No such project team");
  return team;
}

export async function visibleTrust(actor: Actor, trustId: string) {
  const trust = await db().trust.findFirst({ where: { AND: [{ id: trustId }, trustScope(actor)] } });
  if (!trust) throw new NotFoundError("No such trust");
  return trust;
}

/** Changing a team's charts, notes, posters, aim, driver diagram and PDSA cycles: admins, and the team's own members. */
export function canEditTeam(actor: Actor, teamId: string | null): boolean {
  if (isAdmin(actor)) return true;
  return actor.role === "PROJECT_LEAD" && teamId !== null && actor.teamIds.includes(teamId);
}

export function assertCanEditTeam(actor: Actor, teamId: string | null): void {
  if (!canEditTeam(actor, teamId)) throw new ForbiddenError();
}

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError("Only programme administrators can do this");
}

/** Importing responses from CSV: admins (any ward), and project leads (their own wards, via wardScope). */
export function canImport(actor: Actor): boolean {
  return isAdmin(actor) || actor.role === "PROJECT_LEAD";
}

export function assertCanImport(actor: Actor): void {
  if (!canImport(actor)) throw new ForbiddenError("Only programme administrators and project leads can import responses");
}

/**
 * Entering paper tallies: admins (any ward) and project leads (their teams' wards, via wardScope).
 * QI coaches see every ward but enter nothing.
 */
export function canEnterPaper(actor: Actor): boolean {
  return isAdmin(actor) || actor.role === "PROJECT_LEAD";
}

/** The wards this actor may enter paper tallies for: their scope, or none. */
export function paperEntryScope(actor: Actor): Prisma.WardWhereInput {
  return canEnterPaper(actor) ? wardScope(actor) : { id: { in: [] } };
}

/** Whether the signed-in person works across the whole collaborative (every team) or only in their own teams. */
export function seesAllTeams(actor: Actor): boolean {
  return seesEverything(actor);
}

/**
 * Comparing wards across trusts (the overview, funnel plot, small multiples and SPC views): admins
 * and QI coaches. To anyone else these do not exist, so the answer is "not found".
 */
export function canCompare(actor: Actor): boolean {
  return seesEverything(actor);
}

export function assertCanCompare(actor: Actor): void {
  if (!canCompare(actor)) throw new NotFoundError();
}
