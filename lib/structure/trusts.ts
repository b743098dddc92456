import { assertAdmin, NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { createTrustSchema, parse, renameTrustSchema, setTrustActiveSchema } from "./schemas";
import { assertTrustNameFree, audit, findTrust, write } from "./writes";

// Trusts: create, rename, deactivate (closing their wards and teams), and the admin views.

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

export async function listTrustOptions(actor: Actor, opts: { activeOnly?: boolean } = {}) {
  assertAdmin(actor);
  return db().trust.findMany({ where: opts.activeOnly ? { active: true } : {}, orderBy: { name: "asc" }, select: { id: true, name: true, active: true } });
}
