import { assertAdmin, NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { createWardSchema, parse, problem, rotateWardCodeSchema, setWardActiveSchema, updateWardSchema } from "./schemas";
import { assertWardNameFree, audit, changed, findWard, teamForWard, unusedWardCode, write } from "./writes";

// Wards: create, update, close and reopen, a new survey code, and the admin view of one ward.

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

/** Name, project team, charter contact and survey format. Moving a ward to another team of its trust is allowed here, where its current team is in view. */
export async function updateWard(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const data = parse(updateWardSchema, input);
  return write(async (tx) => {
    const ward = await findWard(tx, data.wardId);
    if (data.name !== ward.name) await assertWardNameFree(tx, ward.trustId, data.name, ward.id);
    const team = data.teamId === ward.teamId ? ward.team : data.teamId ? await teamForWard(tx, ward.trustId, data.teamId) : null;
    const surveyFormat = data.surveyFormat ?? ward.surveyFormat;
    const diff = changed(
      { name: ward.name, team: ward.team?.name ?? null, charterContact: ward.charterContact, surveyFormat: ward.surveyFormat },
      { name: data.name, team: team?.name ?? null, charterContact: data.charterContact, surveyFormat },
    );
    if (!diff) return ward;
    const updated = await tx.ward.update({
      where: { id: ward.id },
      data: { name: data.name, teamId: team?.id ?? null, charterContact: data.charterContact, surveyFormat },
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
      surveyFormat: true,
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
