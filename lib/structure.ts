import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { KNOWN_ACTIONS } from "@/lib/audit-diff";
import { assertAdmin, NotFoundError } from "@/lib/auth/access";
import { ROLES, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import { fieldErrors } from "@/lib/http/fields";
import { newWardCode } from "@/lib/survey/ward-code";
import { inviteUser, passwordResetLink } from "@/lib/users";

// The collaborative's structure (trusts, wards, project teams) and the people in it, as the
// programme administrators change it. Every change is validated here, written in one transaction
// together with its audit row (who, what, when, before/after), and nothing is ever deleted: a
// trust, ward or team that stops is deactivated, so its responses and charts stay.

type Tx = Prisma.TransactionClient;

const PROBLEM = "There is a problem";

// ---------------------------------------------------------------------------------------------
// Validation

const NAME_MAX = 120;
const CHARTER_MAX = 2000;
const PERCENT_MESSAGE = "Enter the target as a whole number from 1 to 100, or leave it blank";

/** Names as people type them: surrounding and repeated spaces are not part of the name. */
const nameSchema = (what: string) =>
  z
    .string({ error: `Enter the ${what}'s name` })
    .overwrite((s) => s.replace(/\s+/g, " ").trim())
    .min(1, `Enter the ${what}'s name`)
    .max(NAME_MAX, `Use at most ${NAME_MAX} characters`);

const idSchema = (what: string) => z.string({ error: `Choose a ${what}` }).min(1, `Choose a ${what}`);

/** A form's "no team" option posts "", which means none. */
const optionalIdSchema = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().nullable());

const percentSchema = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim()) : v),
  z.number({ error: PERCENT_MESSAGE }).int(PERCENT_MESSAGE).min(1, PERCENT_MESSAGE).max(100, PERCENT_MESSAGE).nullable(),
);

const activeSchema = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "Say whether it is active" }));

const charterSchema = z
  .string({ error: "Enter the charter contact as text" })
  .overwrite((s) => s.replace(/\r\n?/g, "\n").trim())
  .max(CHARTER_MAX, `Use at most ${CHARTER_MAX.toLocaleString("en-GB")} characters`);

const teamIdsSchema = z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().min(1)));

export const createTrustSchema = z.object({ name: nameSchema("trust") });
export const renameTrustSchema = z.object({ trustId: idSchema("trust"), name: nameSchema("trust") });
export const setTrustActiveSchema = z.object({ trustId: idSchema("trust"), active: activeSchema });
export const createWardSchema = z.object({
  trustId: idSchema("trust"),
  name: nameSchema("ward"),
  teamId: optionalIdSchema.default(null),
  charterContact: charterSchema.default(""),
});
export const updateWardSchema = z.object({
  wardId: idSchema("ward"),
  name: nameSchema("ward"),
  teamId: optionalIdSchema,
  charterContact: charterSchema,
});
export const setWardActiveSchema = z.object({ wardId: idSchema("ward"), active: activeSchema });
export const rotateWardCodeSchema = z.object({ wardId: idSchema("ward") });
export const createTeamSchema = z.object({ trustId: idSchema("trust"), name: nameSchema("project team"), targetPercent: percentSchema.default(null) });
export const updateTeamSchema = z.object({ teamId: idSchema("project team"), name: nameSchema("project team"), targetPercent: percentSchema });
export const setTeamActiveSchema = z.object({ teamId: idSchema("project team"), active: activeSchema });
export const teamWardSchema = z.object({ teamId: idSchema("project team"), wardId: idSchema("ward") });
export const teamMemberSchema = z.object({ teamId: idSchema("project team"), userId: idSchema("user") });
export const setUserRoleSchema = z.object({ userId: idSchema("user"), role: z.enum(ROLES, { error: "Choose a role" }) });
export const setUserActiveSchema = z.object({ userId: idSchema("user"), active: activeSchema });
export const setUserTeamsSchema = z.object({ userId: idSchema("user"), teamIds: teamIdsSchema });

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new BadRequestError(PROBLEM, fieldErrors(result.error));
  return result.data;
}

function problem(fields: Record<string, string>): BadRequestError {
  return new BadRequestError(PROBLEM, fields);
}

// ---------------------------------------------------------------------------------------------
// Writing: one transaction per change, unique-name races turned into the same field errors the
// pre-checks give

const UNIQUE_NAME_ERRORS: Record<string, Record<string, string>> = {
  trust_name_key: { name: "A trust with this name already exists" },
  ward_trust_id_name_key: { name: "This trust already has a ward with this name" },
  project_team_trust_id_name_key: { name: "This trust already has a project team with this name" },
};

/** The unique index a Prisma P2002 error names (adapter-pg reports it inside meta), or null. */
export function uniqueViolationIndex(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const meta = JSON.stringify(error.meta ?? {});
  return /"index":"([^"]+)"/.exec(meta)?.[1] ?? /"constraint":"([^"]+)"/.exec(meta)?.[1] ?? "";
}

async function write<T>(change: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(change);
  } catch (error) {
    const index = uniqueViolationIndex(error);
    const fields = index === null ? undefined : UNIQUE_NAME_ERRORS[index];
    if (fields) throw problem(fields);
    throw error;
  }
}

function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  entityType: "trust" | "ward" | "team" | "user",
  entityId: string,
  before?: Prisma.InputJsonObject,
  after?: Prisma.InputJsonObject,
) {
  return recordAudit({ actorId: actor.id, actorEmail: actor.email, action, entityType, entityId, before, after }, tx);
}

/** Only the fields that changed, so the audit log shows the change and not the whole record. */
function changed<T extends Record<string, Prisma.InputJsonValue | null>>(before: T, after: T) {
  const b: Record<string, Prisma.InputJsonValue | null> = {};
  const a: Record<string, Prisma.InputJsonValue | null> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return Object.keys(a).length > 0 ? { before: b, after: a } : null;
}

async function findTrust(tx: Tx, id: string) {
  const trust = await tx.trust.findUnique({ where: { id } });
  if (!trust) throw new NotFoundError("No such trust");
  return trust;
}

async function findWard(tx: Tx, id: string) {
  const ward = await tx.ward.findUnique({ where: { id }, include: { trust: true, team: true } });
  if (!ward) throw new NotFoundError("No such ward");
  return ward;
}

async function findTeam(tx: Tx, id: string) {
  const team = await tx.projectTeam.findUnique({ where: { id }, include: { trust: true } });
  if (!team) throw new NotFoundError("No such project team");
  return team;
}

async function findUser(tx: Tx, id: string) {
  const user = await tx.user.findUnique({ where: { id }, include: { memberships: { include: { team: { include: { trust: true } } } } } });
  if (!user) throw new NotFoundError("No such user");
  return user;
}

// Names differing only in capitals ("Willow ward" / "Willow Ward") would confuse everyone who picks
// from a list, so they count as the same name. The database's unique index catches exact races.
async function assertTrustNameFree(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.trust.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw problem({ name: `A trust called "${clash.name}" already exists` });
}

async function assertWardNameFree(tx: Tx, trustId: string, name: string, exceptId?: string) {
  const clash = await tx.ward.findFirst({ where: { trustId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw problem({ name: `This trust already has a ward called "${clash.name}"` });
}

async function assertTeamNameFree(tx: Tx, trustId: string, name: string, exceptId?: string) {
  const clash = await tx.projectTeam.findFirst({
    where: { trustId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash) throw problem({ name: `This trust already has a project team called "${clash.name}"` });
}

/** The team a ward may join: it must exist, be in the ward's trust, and be active. */
async function teamForWard(tx: Tx, trustId: string, teamId: string, field = "teamId") {
  const team = await tx.projectTeam.findUnique({ where: { id: teamId } });
  if (!team) throw problem({ [field]: "Choose a project team from the list" });
  if (team.trustId !== trustId) throw problem({ [field]: "A ward can only be in a project team of its own trust" });
  if (!team.active) throw problem({ [field]: `The project team "${team.name}" is deactivated; reactivate it first` });
  return team;
}

/** A code no ward uses now and none used before, so an old poster never reaches the wrong ward. */
async function unusedWardCode(tx: Tx): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = newWardCode();
    const inUse = await tx.ward.findUnique({ where: { surveyCode: code }, select: { id: true } });
    const retired = inUse ? null : await tx.retiredWardCode.findUnique({ where: { code }, select: { code: true } });
    if (!inUse && !retired) return code;
  }
  throw new Error("Could not find an unused survey code");
}

// ---------------------------------------------------------------------------------------------
// Trusts

export async function createTrust(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { name } = parse(createTrustSchema, input);
  return write(async (tx) => {
    await assertTrustNameFree(tx, name);
    const trust = await tx.trust.create({ data: { name } });
    await audit(tx, actor, "trust.create", "trust", trust.id, undefined, { name });
    return trust;
  });
}

export async function renameTrust(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { trustId, name } = parse(renameTrustSchema, input);
  return write(async (tx) => {
    const trust = await findTrust(tx, trustId);
    if (trust.name === name) return trust;
    await assertTrustNameFree(tx, name, trustId);
    const updated = await tx.trust.update({ where: { id: trustId }, data: { name } });
    await audit(tx, actor, "trust.rename", "trust", trustId, { name: trust.name }, { name });
    return updated;
  });
}

/**
 * Deactivating a trust closes the surveys of all its wards and deactivates its project teams,
 * each recorded in the audit log. Reactivating the trust reopens nothing by itself: which wards
 * should take answers again is a decision for each ward.
 */
export async function setTrustActive(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { trustId, active } = parse(setTrustActiveSchema, input);
  return write(async (tx) => {
    const trust = await findTrust(tx, trustId);
    if (trust.active === active) return { trust, wardsClosed: 0, teamsDeactivated: 0 };
    const updated = await tx.trust.update({ where: { id: trustId }, data: { active } });
    let wardsClosed = 0;
    let teamsDeactivated = 0;
    if (!active) {
      const wards = await tx.ward.findMany({ where: { trustId, active: true }, select: { id: true, name: true } });
      const teams = await tx.projectTeam.findMany({ where: { trustId, active: true }, select: { id: true, name: true } });
      await tx.ward.updateMany({ where: { id: { in: wards.map((w) => w.id) } }, data: { active: false } });
      await tx.projectTeam.updateMany({ where: { id: { in: teams.map((t) => t.id) } }, data: { active: false } });
      for (const ward of wards) {
        await audit(tx, actor, "ward.deactivate", "ward", ward.id, { active: true }, { active: false, reason: `Trust "${trust.name}" deactivated` });
      }
      for (const team of teams) {
        await audit(tx, actor, "team.deactivate", "team", team.id, { active: true }, { active: false, reason: `Trust "${trust.name}" deactivated` });
      }
      wardsClosed = wards.length;
      teamsDeactivated = teams.length;
    }
    await audit(
      tx,
      actor,
      active ? "trust.reactivate" : "trust.deactivate",
      "trust",
      trustId,
      { active: trust.active },
      active ? { active } : { active, wardsClosed, teamsDeactivated },
    );
    return { trust: updated, wardsClosed, teamsDeactivated };
  });
}

// ---------------------------------------------------------------------------------------------
// Wards

export async function createWard(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const data = parse(createWardSchema, input);
  return write(async (tx) => {
    const trust = await tx.trust.findUnique({ where: { id: data.trustId } });
    if (!trust) throw problem({ trustId: "Choose a trust from the list" });
    if (!trust.active) throw problem({ trustId: `The trust "${trust.name}" is deactivated; reactivate it first` });
    await assertWardNameFree(tx, trust.id, data.name);
    const team = data.teamId ? await teamForWard(tx, trust.id, data.teamId) : null;
    const surveyCode = await unusedWardCode(tx);
    const ward = await tx.ward.create({
      data: { trustId: trust.id, name: data.name, teamId: team?.id ?? null, charterContact: data.charterContact, surveyCode },
    });
    await audit(tx, actor, "ward.create", "ward", ward.id, undefined, {
      name: ward.name,
      trust: trust.name,
      team: team?.name ?? null,
      surveyCode,
      charterContact: ward.charterContact,
    });
    return ward;
  });
}

/** Name, project team and charter contact. Moving a ward to another team of its trust is allowed here, where its current team is in view. */
export async function updateWard(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const data = parse(updateWardSchema, input);
  return write(async (tx) => {
    const ward = await findWard(tx, data.wardId);
    if (data.name !== ward.name) await assertWardNameFree(tx, ward.trustId, data.name, ward.id);
    const team = data.teamId === ward.teamId ? ward.team : data.teamId ? await teamForWard(tx, ward.trustId, data.teamId) : null;
    const diff = changed(
      { name: ward.name, team: ward.team?.name ?? null, charterContact: ward.charterContact },
      { name: data.name, team: team?.name ?? null, charterContact: data.charterContact },
    );
    if (!diff) return ward;
    const updated = await tx.ward.update({
      where: { id: ward.id },
      data: { name: data.name, teamId: team?.id ?? null, charterContact: data.charterContact },
    });
    await audit(tx, actor, "ward.update", "ward", ward.id, diff.before, diff.after);
    return updated;
  });
}

export async function setWardActive(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { wardId, active } = parse(setWardActiveSchema, input);
  return write(async (tx) => {
    const ward = await findWard(tx, wardId);
    if (ward.active === active) return ward;
    if (active && !ward.trust.active) throw problem({ active: `The trust "${ward.trust.name}" is deactivated; reactivate it first` });
    const updated = await tx.ward.update({ where: { id: wardId }, data: { active } });
    await audit(tx, actor, active ? "ward.reactivate" : "ward.deactivate", "ward", wardId, { active: ward.active }, { active });
    return updated;
  });
}

/**
 * A new survey code for a ward (for example when its poster's address has been misused). The old
 * code is kept in RetiredWardCode, so its address shows "this survey has moved" and takes no
 * answers, and is never given to another ward.
 */
export async function rotateWardCode(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { wardId } = parse(rotateWardCodeSchema, input);
  return write(async (tx) => {
    const ward = await findWard(tx, wardId);
    const surveyCode = await unusedWardCode(tx);
    await tx.retiredWardCode.create({ data: { code: ward.surveyCode, wardId } });
    const updated = await tx.ward.update({ where: { id: wardId }, data: { surveyCode } });
    await audit(tx, actor, "ward.rotate-code", "ward", wardId, { surveyCode: ward.surveyCode }, { surveyCode });
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------
// Project teams

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

// ---------------------------------------------------------------------------------------------
// Users

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

// ---------------------------------------------------------------------------------------------
// Reading, for the administration pages

export async function adminOverview(actor: Actor) {
  assertAdmin(actor);
  const [trusts, wards, teams, users] = await Promise.all([
    db().trust.count({ where: { active: true } }),
    db().ward.count({ where: { active: true } }),
    db().projectTeam.count({ where: { active: true } }),
    db().user.count({ where: { active: true } }),
  ]);
  return { trusts, wards, teams, users };
}

export async function listTrustsForAdmin(actor: Actor) {
  assertAdmin(actor);
  return db().trust.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, active: true, _count: { select: { wards: true, teams: true } } },
  });
}

export async function getTrustForAdmin(actor: Actor, trustId: string) {
  assertAdmin(actor);
  const trust = await db().trust.findUnique({
    where: { id: trustId },
    select: {
      id: true,
      name: true,
      active: true,
      wards: {
        orderBy: [{ active: "desc" }, { name: "asc" }],
        select: { id: true, name: true, active: true, surveyCode: true, team: { select: { id: true, name: true } } },
      },
      teams: {
        orderBy: [{ active: "desc" }, { name: "asc" }],
        select: { id: true, name: true, active: true, targetPercent: true, _count: { select: { wards: true, members: true } } },
      },
    },
  });
  if (!trust) throw new NotFoundError("No such trust");
  return trust;
}

export async function getWardForAdmin(actor: Actor, wardId: string) {
  assertAdmin(actor);
  const ward = await db().ward.findUnique({
    where: { id: wardId },
    select: {
      id: true,
      name: true,
      active: true,
      surveyCode: true,
      charterContact: true,
      teamId: true,
      trust: { select: { id: true, name: true, active: true } },
      team: { select: { id: true, name: true } },
      retiredCodes: { orderBy: { retiredAt: "desc" }, select: { code: true, retiredAt: true } },
      _count: { select: { responses: true } },
    },
  });
  if (!ward) throw new NotFoundError("No such ward");
  // The teams the ward may be put in: the active ones of its trust, and its current one whatever its state.
  const teams = await db().projectTeam.findMany({
    where: { trustId: ward.trust.id, OR: [{ active: true }, ...(ward.teamId ? [{ id: ward.teamId }] : [])] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, active: true },
  });
  return { ...ward, teamOptions: teams };
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

export async function listTrustOptions(actor: Actor, opts: { activeOnly?: boolean } = {}) {
  assertAdmin(actor);
  return db().trust.findMany({ where: opts.activeOnly ? { active: true } : {}, orderBy: { name: "asc" }, select: { id: true, name: true, active: true } });
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

/** Every team, for choosing a user's teams: grouped by trust on the page. */
export async function listTeamOptions(actor: Actor) {
  assertAdmin(actor);
  return db().projectTeam.findMany({
    orderBy: [{ trust: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, active: true, trust: { select: { name: true } } },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(actor: Actor, opts: { entityType?: string; action?: string; page?: number } = {}) {
  assertAdmin(actor);
  const where: Prisma.AuditEventWhereInput = {
    ...(opts.entityType ? { entityType: opts.entityType } : {}),
    ...(opts.action ? { action: opts.action } : {}),
  };
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  // The filter's choices without reading the whole log (GROUP BY took ~150 ms per column at 500,000
  // events): entity types by skipping through their index, actions from the known list plus any
  // other seen recently.
  const [events, total, entityTypes, recentActions] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    db().auditEvent.count({ where }),
    db().$queryRaw<{ entity_type: string }[]>`
      WITH RECURSIVE t AS (
        (SELECT entity_type FROM audit_event WHERE entity_type IS NOT NULL ORDER BY entity_type LIMIT 1)
        UNION ALL
        SELECT (SELECT a.entity_type FROM audit_event a WHERE a.entity_type > t.entity_type ORDER BY a.entity_type LIMIT 1)
        FROM t WHERE t.entity_type IS NOT NULL
      )
      SELECT entity_type FROM t WHERE entity_type IS NOT NULL`,
    db().auditEvent.findMany({ orderBy: { at: "desc" }, take: 2000, select: { action: true } }),
  ]);
  const actions = [...new Set([...KNOWN_ACTIONS, ...recentActions.map((a) => a.action), ...(opts.action ? [opts.action] : [])])].sort();

  // Names instead of ids, so the log reads "Willow Ward" rather than a cuid. Looked up per page.
  const idsOf = (type: string) => [...new Set(events.filter((e) => e.entityType === type && e.entityId).map((e) => e.entityId!))];
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const [users, trusts, wards, teams] = await Promise.all([
    db().user.findMany({ where: { id: { in: [...new Set([...actorIds, ...idsOf("user")])] } }, select: { id: true, name: true, email: true } }),
    db().trust.findMany({ where: { id: { in: idsOf("trust") } }, select: { id: true, name: true } }),
    db().ward.findMany({ where: { id: { in: idsOf("ward") } }, select: { id: true, name: true, trust: { select: { name: true } } } }),
    db().projectTeam.findMany({ where: { id: { in: idsOf("team") } }, select: { id: true, name: true, trust: { select: { name: true } } } }),
  ]);
  const names = new Map<string, string>();
  for (const u of users) names.set(`user:${u.id}`, `${u.name} (${u.email})`);
  for (const t of trusts) names.set(`trust:${t.id}`, t.name);
  for (const w of wards) names.set(`ward:${w.id}`, `${w.name} (${w.trust.name})`);
  for (const t of teams) names.set(`team:${t.id}`, `${t.name} (${t.trust.name})`);

  return {
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      actor: e.actorId ? (names.get(`user:${e.actorId}`) ?? e.actorEmail ?? "Unknown user") : (e.actorEmail ?? "The system"),
      entityType: e.entityType,
      entityId: e.entityId,
      entity: e.entityType && e.entityId ? (names.get(`${e.entityType}:${e.entityId}`) ?? null) : null,
      before: e.before,
      after: e.after,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entityTypes: entityTypes.map((row) => row.entity_type),
    actions,
  };
}
