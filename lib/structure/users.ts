import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { assertAdmin, NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import { fieldErrors } from "@/lib/http/fields";
import { inviteUser, passwordResetLink } from "@/lib/users";
import { parse, PROBLEM, problem, setUserActiveSchema, setUserRoleSchema, setUserTeamsSchema, teamIdsSchema } from "./schemas";
import { audit, findUser, uniqueViolationIndex, write, type Tx } from "./writes";

// People: invitations, set-password links, role, deactivation and project teams; the admin views.

const teamLabel = (team: { name: string; trust: { name: string } }) => `${team.name} (${team.trust.name})`;

async function teamsByIds(tx: Tx, teamIds: readonly string[], field = "teamIds") {
  const unique = [...new Set(teamIds)];
  const teams = await tx.projectTeam.findMany({ where: { id: { in: unique } }, include: { trust: true } });
  if (teams.length !== unique.length) throw problem({ [field]: "Choose project teams from the list" });
  return teams;
}

/** Creates the account and returns the one-time set-password link (a path; the page makes it absolute). */
export async function inviteUserToTeams(actor: Actor, input: unknown): Promise<{ userId: string; link: string }> {
  assertAdmin(actor);
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const teamIds = parse(z.object({ teamIds: teamIdsSchema }), { teamIds: raw.teamIds }).teamIds;
  await teamsByIds(db(), teamIds);
  try {
    return await inviteUser(actor, { ...raw, teamIds });
  } catch (error) {
    if (error instanceof z.ZodError) throw new BadRequestError(PROBLEM, fieldErrors(error));
    if (uniqueViolationIndex(error) === "app_user_email_key") throw problem({ email: "A user with this email already exists" });
    throw error;
  }
}

/** A fresh one-time link for a user who forgot their password (earlier unused links stop working). */
export async function resetLinkForUser(actor: Actor, userId: string): Promise<string> {
  assertAdmin(actor);
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError("No such user");
  if (!user.active) throw problem({ active: `${user.name} is deactivated; reactivate them first` });
  return passwordResetLink(actor, userId);
}

export async function setUserRole(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { userId, role } = parse(setUserRoleSchema, input);
  // Never on oneself: with this rule there is always at least one active administrator left.
  if (userId === actor.id) throw problem({ role: "You cannot change your own role; ask another administrator" });
  return write(async (tx) => {
    const user = await findUser(tx, userId);
    if (user.role === role) return;
    await tx.user.update({ where: { id: userId }, data: { role } });
    await audit(tx, actor, "user.set-role", "user", userId, { role: user.role }, { role });
  });
}

/**
 * Deactivating ends the user's sessions at once (sessionsValidFrom) and cancels their unused
 * set-password links; their past work and audit history stay.
 */
export async function setUserActive(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { userId, active } = parse(setUserActiveSchema, input);
  if (userId === actor.id) throw problem({ active: "You cannot deactivate yourself; ask another administrator" });
  return write(async (tx) => {
    const user = await findUser(tx, userId);
    if (user.active === active) return;
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: active ? { active } : { active, sessionsValidFrom: now } });
    if (!active) await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await audit(tx, actor, active ? "user.reactivate" : "user.deactivate", "user", userId, { active: user.active }, { active });
  });
}

export async function setUserTeams(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { userId, teamIds } = parse(setUserTeamsSchema, input);
  return write(async (tx) => {
    const user = await findUser(tx, userId);
    const teams = await teamsByIds(tx, teamIds);
    const wanted = new Set(teams.map((t) => t.id));
    const current = new Set(user.memberships.map((m) => m.teamId));
    const add = [...wanted].filter((id) => !current.has(id));
    const remove = [...current].filter((id) => !wanted.has(id));
    if (add.length === 0 && remove.length === 0) return;
    await tx.teamMembership.deleteMany({ where: { userId, teamId: { in: remove } } });
    await tx.teamMembership.createMany({ data: add.map((teamId) => ({ userId, teamId })) });
    await audit(
      tx,
      actor,
      "user.set-teams",
      "user",
      userId,
      { teams: user.memberships.map((m) => teamLabel(m.team)).sort() },
      { teams: teams.map(teamLabel).sort() },
    );
  });
}

export const USERS_PAGE_SIZE = 100;

export async function listUsersForAdmin(actor: Actor, opts: { search?: string; page?: number } = {}) {
  assertAdmin(actor);
  const search = opts.search?.trim();
  const where: Prisma.UserWhereInput = search
    ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { email: { contains: search, mode: "insensitive" } }] }
    : {};
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const [users, total] = await Promise.all([
    db().user.findMany({
      where,
      orderBy: [{ active: "desc" }, { name: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        passwordHash: true,
        memberships: { select: { team: { select: { id: true, name: true } } }, orderBy: { team: { name: "asc" } } },
      },
    }),
    db().user.count({ where }),
  ]);
  return {
    // Only whether a password is set leaves this module, never the hash.
    users: users.map(({ passwordHash, memberships, ...user }) => ({ ...user, hasPassword: passwordHash !== null, teams: memberships.map((m) => m.team) })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
  };
}

export async function getUserForAdmin(actor: Actor, userId: string) {
  assertAdmin(actor);
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      passwordHash: true,
      createdAt: true,
      memberships: { select: { teamId: true } },
    },
  });
  if (!user) throw new NotFoundError("No such user");
  const { passwordHash, memberships, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null, teamIds: memberships.map((m) => m.teamId) };
}
