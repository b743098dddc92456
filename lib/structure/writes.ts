import { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { newWardCode } from "@/lib/survey/ward-code";
import { problem } from "./schemas";

// The collaborative's structure (trusts, wards, project teams) and the people in it, as the
// programme administrators change it. Every change is validated, written in one transaction
// together with its audit row (who, what, when, before/after), and nothing is ever deleted: a
// trust, ward or team that stops is deactivated, so its responses and charts stay. These are the
// helpers every change shares; trusts.ts, wards.ts, teams.ts and users.ts hold the changes.

export type Tx = Prisma.TransactionClient;

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

export async function write<T>(change: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(change);
  } catch (error) {
    const index = uniqueViolationIndex(error);
    const fields = index === null ? undefined : UNIQUE_NAME_ERRORS[index];
    if (fields) throw problem(fields);
    throw error;
  }
}

export function audit(
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
export function changed<T extends Record<string, Prisma.InputJsonValue | null>>(before: T, after: T) {
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

export async function findTrust(tx: Tx, id: string) {
  const trust = await tx.trust.findUnique({ where: { id } });
  if (!trust) throw new NotFoundError("No such trust");
  return trust;
}

export async function findWard(tx: Tx, id: string) {
  const ward = await tx.ward.findUnique({ where: { id }, include: { trust: true, team: true } });
  if (!ward) throw new NotFoundError("No such ward");
  return ward;
}

export async function findTeam(tx: Tx, id: string) {
  const team = await tx.projectTeam.findUnique({ where: { id }, include: { trust: true } });
  if (!team) throw new NotFoundError("No such project team");
  return team;
}

export async function findUser(tx: Tx, id: string) {
  const user = await tx.user.findUnique({ where: { id }, include: { memberships: { include: { team: { include: { trust: true } } } } } });
  if (!user) throw new NotFoundError("No such user");
  return user;
}

// Names differing only in capitals ("Willow ward" / "Willow Ward") would confuse everyone who picks
// from a list, so they count as the same name. The database's unique index catches exact races.
export async function assertTrustNameFree(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.trust.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw problem({ name: `A trust called "${clash.name}" already exists` });
}

export async function assertWardNameFree(tx: Tx, trustId: string, name: string, exceptId?: string) {
  const clash = await tx.ward.findFirst({ where: { trustId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw problem({ name: `This trust already has a ward called "${clash.name}"` });
}

export async function assertTeamNameFree(tx: Tx, trustId: string, name: string, exceptId?: string) {
  const clash = await tx.projectTeam.findFirst({
    where: { trustId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash) throw problem({ name: `This trust already has a project team called "${clash.name}"` });
}

/** The team a ward may join: it must exist, be in the ward's trust, and be active. */
export async function teamForWard(tx: Tx, trustId: string, teamId: string, field = "teamId") {
  const team = await tx.projectTeam.findUnique({ where: { id: teamId } });
  if (!team) throw problem({ [field]: "Choose a project team from the list" });
  if (team.trustId !== trustId) throw problem({ [field]: "A ward can only be in a project team of its own trust" });
  if (!team.active) throw problem({ [field]: `The project team "${team.name}" is deactivated; reactivate it first` });
  return team;
}

/** A code no ward uses now and none used before, so an old poster never reaches the wrong ward. */
export async function unusedWardCode(tx: Tx): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = newWardCode();
    const inUse = await tx.ward.findUnique({ where: { surveyCode: code }, select: { id: true } });
    const retired = inUse ? null : await tx.retiredWardCode.findUnique({ where: { code }, select: { code: true } });
    if (!inUse && !retired) return code;
  }
  throw new Error("Could not find an unused survey code");
}
