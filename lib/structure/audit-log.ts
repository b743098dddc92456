import type { Prisma } from "@/generated/prisma/client";
import { idsInDetails, KNOWN_ACTIONS } from "@/lib/audit-diff";
import { surveyLanguage } from "@/lib/survey/instrument";
import { assertAdmin } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";

// The administration overview counts and the audit log, with names instead of ids.

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

  // Names instead of ids, so the log reads "Willow Ward" rather than a cuid: the thing each event is
  // about, and every trust, ward, team or user its details name. Looked up per page.
  const idsOf = (...types: string[]) => events.filter((e) => e.entityType && types.includes(e.entityType) && e.entityId).map((e) => e.entityId!);
  const inDetails = idsInDetails(events.flatMap((e) => [e.before, e.after]));
  const actorIds = events.map((e) => e.actorId).filter((id): id is string => id !== null);
  const unique = (...lists: Iterable<string>[]) => [...new Set(lists.flatMap((list) => [...list]))];
  const [users, trusts, wards, teams, boxes, cycles, notes] = await Promise.all([
    db().user.findMany({ where: { id: { in: unique(actorIds, idsOf("user"), inDetails.user) } }, select: { id: true, name: true, email: true } }),
    db().trust.findMany({ where: { id: { in: unique(idsOf("trust"), inDetails.trust) } }, select: { id: true, name: true } }),
    db().ward.findMany({ where: { id: { in: unique(idsOf("ward"), inDetails.ward) } }, select: { id: true, name: true, trust: { select: { name: true } } } }),
    db().projectTeam.findMany({ where: { id: { in: unique(idsOf("team", "project-team"), inDetails.team) } }, select: { id: true, name: true, trust: { select: { name: true } } } }),
    db().driverBox.findMany({ where: { id: { in: idsOf("driver-box") } }, select: { id: true, text: true, team: { select: { name: true } } } }),
    db().pdsaCycle.findMany({ where: { id: { in: idsOf("pdsa-cycle") } }, select: { id: true, number: true, team: { select: { name: true } } } }),
    db().note.findMany({ where: { id: { in: idsOf("note") } }, select: { id: true, text: true } }),
  ]);
  const names = new Map<string, string>();
  const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  for (const u of users) names.set(`user:${u.id}`, `${u.name} (${u.email})`);
  for (const t of trusts) names.set(`trust:${t.id}`, t.name);
  for (const w of wards) names.set(`ward:${w.id}`, `${w.name} (${w.trust.name})`);
  for (const t of teams) {
    names.set(`team:${t.id}`, `${t.name} (${t.trust.name})`);
    names.set(`project-team:${t.id}`, `${t.name} (${t.trust.name})`);
  }
  for (const b of boxes) names.set(`driver-box:${b.id}`, `"${excerpt(b.text)}" in ${b.team.name}`);
  for (const c of cycles) names.set(`pdsa-cycle:${c.id}`, `PDSA ${c.number} of ${c.team.name}`);
  for (const n of notes) names.set(`note:${n.id}`, `"${excerpt(n.text)}"`);
  for (const e of events) {
    const language = e.entityType === "survey_language" && e.entityId ? surveyLanguage(e.entityId) : undefined;
    if (language) names.set(`survey_language:${language.code}`, `${language.englishName} (${language.code})`);
  }
  const detailNames = Object.fromEntries([...names].filter(([key]) => /^(trust|ward|team|user):/.test(key)));

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
    /** "team:<id>" → name, for the ids inside events' details. */
    detailNames,
  };
}
