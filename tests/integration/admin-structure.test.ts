import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { WARD_CODE_ALPHABET, WARD_CODE_LENGTH } from "@/lib/survey/ward-code";
import { createUser } from "../helpers/auth";
import { testPrisma } from "../../scripts/support/prisma";

// lib/structure against the real database: validation that writes nothing, unique names within a
// trust, a ward in at most one team of its own trust, audit rows with before/after, rotation.


// lib code reads DATABASE_URL when it first opens its client, so it is imported after setting it.
process.env.DATABASE_URL = inject("databaseUrl");
const structure = await import("@/lib/structure");
const { BadRequestError } = await import("@/lib/errors");
const { ForbiddenError } = await import("@/lib/auth/access");
const { findMovedWard, findSurveyWard, recordResponse } = await import("@/lib/survey/record");
const { db } = await import("@/lib/db/client");

let prisma: PrismaClient;
let admin: Actor;
let coach: Actor;
let run = 0;
const unique = (label: string) => `${label} ${process.pid}-${Date.now()}-${++run}`;

function actorOf(user: { id: string; email: string; name: string; role: Actor["role"] }): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: [] };
}

/** The field errors a call was refused with (and fails the test if it was not refused). */
async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestError);
  return (error as InstanceType<typeof BadRequestError>).fields;
}

const auditCount = (actorId: string) => prisma.auditEvent.count({ where: { actorId } });

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  admin = actorOf(await createUser(prisma, { role: "ADMIN" }));
  coach = actorOf(await createUser(prisma, { role: "QI_COACH" }));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db().$disconnect();
});

describe("trusts", () => {
  it("creates a trust with its audit row, tidying the name's spaces", async () => {
    const name = unique("Northbrook Trust");
    const trust = await structure.createTrust(admin, { name: `  ${name.replace(" ", "   ")} ` });
    expect(trust.name).toBe(name);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "trust", entityId: trust.id } });
    expect(event).toMatchObject({ actorId: admin.id, actorEmail: admin.email, action: "trust.create", before: null, after: { name } });
  });

  it("refuses an empty name or a name differing only in capitals, naming the field and writing nothing", async () => {
    const name = unique("Riverside Trust");
    await structure.createTrust(admin, { name });
    const audits = await auditCount(admin.id);
    const trusts = await prisma.trust.count();

    expect(await refusal(structure.createTrust(admin, { name: "   " }))).toEqual({ name: "Enter the trust's name" });
    expect(await refusal(structure.createTrust(admin, {}))).toHaveProperty("name");
    expect((await refusal(structure.createTrust(admin, { name: name.toUpperCase() }))).name).toMatch(/already exists/);
    expect(await refusal(structure.createTrust(admin, { name: "x".repeat(121) }))).toEqual({ name: "Use at most 120 characters" });

    expect(await prisma.trust.count()).toBe(trusts);
    expect(await auditCount(admin.id)).toBe(audits);
  });

  it("renames with before and after in the audit log, and refuses a name another trust has", async () => {
    const a = await structure.createTrust(admin, { name: unique("Trust A") });
    const b = await structure.createTrust(admin, { name: unique("Trust B") });
    const renamed = unique("Trust A renamed");
    await structure.renameTrust(admin, { trustId: a.id, name: renamed });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: a.id, action: "trust.rename" } });
    expect(event.before).toEqual({ name: a.name });
    expect(event.after).toEqual({ name: renamed });

    expect((await refusal(structure.renameTrust(admin, { trustId: b.id, name: renamed }))).name).toMatch(/already exists/);
    expect((await prisma.trust.findUniqueOrThrow({ where: { id: b.id } })).name).toBe(b.name);
  });

  it("deactivating a trust closes its wards and deactivates its teams, each audited; nothing is deleted", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Closing Trust") });
    const team = await structure.createTeam(admin, { trustId: trust.id, name: "Team", targetPercent: "" });
    const w1 = await structure.createWard(admin, { trustId: trust.id, name: "Ward 1", teamId: team.id });
    const w2 = await structure.createWard(admin, { trustId: trust.id, name: "Ward 2" });
    await prisma.surveyResponse.create({ data: { wardId: w1.id, respondent: "STAFF", feltSafe: true, submittedOn: new Date("2026-01-05") } });

    const result = await structure.setTrustActive(admin, { trustId: trust.id, active: "false" });
    expect(result).toMatchObject({ wardsClosed: 2, teamsDeactivated: 1 });
    expect(await prisma.ward.findMany({ where: { trustId: trust.id }, select: { active: true } })).toEqual([{ active: false }, { active: false }]);
    expect((await prisma.projectTeam.findUniqueOrThrow({ where: { id: team.id } })).active).toBe(false);
    expect(await prisma.surveyResponse.count({ where: { wardId: w1.id } })).toBe(1);
    for (const id of [w1.id, w2.id]) {
      const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "ward.deactivate" } });
      expect(event.before).toEqual({ active: true });
      expect(event.after).toMatchObject({ active: false });
    }
    const trustEvent = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: trust.id, action: "trust.deactivate" } });
    expect(trustEvent.after).toEqual({ active: false, wardsClosed: 2, teamsDeactivated: 1 });

    // Inside a deactivated trust nothing reopens or is added until the trust is back.
    expect(await refusal(structure.setWardActive(admin, { wardId: w2.id, active: true }))).toHaveProperty("active");
    expect(await refusal(structure.setTeamActive(admin, { teamId: team.id, active: true }))).toHaveProperty("active");
    expect(await refusal(structure.createWard(admin, { trustId: trust.id, name: "Ward 3" }))).toHaveProperty("trustId");

    await structure.setTrustActive(admin, { trustId: trust.id, active: true });
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: w2.id } })).active).toBe(false);
    await structure.setWardActive(admin, { wardId: w2.id, active: "true" });
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: w2.id } })).active).toBe(true);
  });
});

describe("wards and project teams", () => {
  it("creates a ward with a fresh random survey code and an audit row", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Ward Trust") });
    const ward = await structure.createWard(admin, { trustId: trust.id, name: "Willow Ward", charterContact: "Ask for Sam\r\non 1234 " });
    expect(ward.surveyCode).toHaveLength(WARD_CODE_LENGTH);
    for (const ch of ward.surveyCode) expect(WARD_CODE_ALPHABET).toContain(ch);
    expect(ward.charterContact).toBe("Ask for Sam\non 1234");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: ward.id, action: "ward.create" } });
    expect(event.after).toMatchObject({ name: "Willow Ward", trust: trust.name, team: null, surveyCode: ward.surveyCode });
  });

  it("keeps ward and team names unique within a trust (ignoring capitals), but not across trusts", async () => {
    const a = await structure.createTrust(admin, { name: unique("Names A") });
    const b = await structure.createTrust(admin, { name: unique("Names B") });
    await structure.createWard(admin, { trustId: a.id, name: "Cedar Ward" });
    await structure.createTeam(admin, { trustId: a.id, name: "Acute Team" });
    const wards = await prisma.ward.count();
    const teams = await prisma.projectTeam.count();

    expect((await refusal(structure.createWard(admin, { trustId: a.id, name: "cedar ward" }))).name).toMatch(/already has a ward called "Cedar Ward"/);
    expect((await refusal(structure.createTeam(admin, { trustId: a.id, name: "ACUTE TEAM" }))).name).toMatch(/already has a project team/);
    expect(await prisma.ward.count()).toBe(wards);
    expect(await prisma.projectTeam.count()).toBe(teams);

    await structure.createWard(admin, { trustId: b.id, name: "Cedar Ward" });
    await structure.createTeam(admin, { trustId: b.id, name: "Acute Team" });

    const other = await structure.createWard(admin, { trustId: a.id, name: "Pine Ward" });
    expect(
      (await refusal(structure.updateWard(admin, { wardId: other.id, name: "CEDAR WARD", teamId: "", charterContact: "" }))).name,
    ).toMatch(/already has a ward/);
  });

  it("refuses a project team of another trust, for a new ward, a ward's edit and a team's ward list", async () => {
    const a = await structure.createTrust(admin, { name: unique("Cross A") });
    const b = await structure.createTrust(admin, { name: unique("Cross B") });
    const teamB = await structure.createTeam(admin, { trustId: b.id, name: "B Team" });
    const ward = await structure.createWard(admin, { trustId: a.id, name: "A Ward" });
    const audits = await auditCount(admin.id);

    expect((await refusal(structure.createWard(admin, { trustId: a.id, name: "A Ward 2", teamId: teamB.id }))).teamId).toMatch(/own trust/);
    expect((await refusal(structure.updateWard(admin, { wardId: ward.id, name: "A Ward", teamId: teamB.id, charterContact: "" }))).teamId).toMatch(
      /own trust/,
    );
    expect((await refusal(structure.assignWardToTeam(admin, { teamId: teamB.id, wardId: ward.id }))).wardId).toMatch(/own trust/);
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: ward.id } })).teamId).toBeNull();
    expect(await prisma.ward.count({ where: { name: "A Ward 2" } })).toBe(0);
    expect(await auditCount(admin.id)).toBe(audits);
  });

  it("puts a ward in at most one team: adding it to a second team is refused; moving it from its page is recorded", async () => {
    const trust = await structure.createTrust(admin, { name: unique("One Team Trust") });
    const t1 = await structure.createTeam(admin, { trustId: trust.id, name: "Team One", targetPercent: "90" });
    const t2 = await structure.createTeam(admin, { trustId: trust.id, name: "Team Two" });
    const ward = await structure.createWard(admin, { trustId: trust.id, name: "Hazel Ward" });

    await structure.assignWardToTeam(admin, { teamId: t1.id, wardId: ward.id });
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: ward.id } })).teamId).toBe(t1.id);
    expect((await refusal(structure.assignWardToTeam(admin, { teamId: t2.id, wardId: ward.id }))).wardId).toMatch(
      /already in the project team "Team One"/,
    );
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: ward.id } })).teamId).toBe(t1.id);

    await structure.updateWard(admin, { wardId: ward.id, name: "Hazel Ward", teamId: t2.id, charterContact: "Ask the nurse in charge" });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: ward.id, action: "ward.update" } });
    // Only what changed, with names rather than ids.
    expect(event.before).toEqual({ team: "Team One", charterContact: "" });
    expect(event.after).toEqual({ team: "Team Two", charterContact: "Ask the nurse in charge" });

    await structure.removeWardFromTeam(admin, { teamId: t2.id, wardId: ward.id });
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: ward.id } })).teamId).toBeNull();
    expect(await refusal(structure.removeWardFromTeam(admin, { teamId: t2.id, wardId: ward.id }))).toHaveProperty("wardId");
  });

  it("an unchanged save writes no audit row", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Quiet Trust") });
    const ward = await structure.createWard(admin, { trustId: trust.id, name: "Still Ward" });
    const audits = await auditCount(admin.id);
    await structure.updateWard(admin, { wardId: ward.id, name: " Still  Ward ", teamId: "", charterContact: "" });
    expect(await auditCount(admin.id)).toBe(audits);
  });

  it("validates a team's target: a whole number from 1 to 100, or none", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Target Trust") });
    for (const bad of ["0", "101", "85.5", "ninety"]) {
      expect(await refusal(structure.createTeam(admin, { trustId: trust.id, name: `T ${bad}`, targetPercent: bad }))).toEqual({
        targetPercent: "Enter the target as a whole number from 1 to 100, or leave it blank",
      });
    }
    expect(await prisma.projectTeam.count({ where: { trustId: trust.id } })).toBe(0);
    const team = await structure.createTeam(admin, { trustId: trust.id, name: "Aim", targetPercent: " 85 " });
    expect(team.targetPercent).toBe(85);
    await structure.updateTeam(admin, { teamId: team.id, name: "Aim", targetPercent: "" });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: team.id, action: "team.update" } });
    expect(event.before).toEqual({ targetPercent: 85 });
    expect(event.after).toEqual({ targetPercent: null });
  });

  it("turns the database's unique-name refusal (a race the pre-check missed) into the same field error", async () => {
    const trust = await prisma.trust.create({ data: { name: unique("Race Trust") } });
    const error = await prisma.trust.create({ data: { name: trust.name } }).catch((e: unknown) => e);
    expect(structure.uniqueViolationIndex(error)).toBe("trust_name_key");
    expect(structure.uniqueViolationIndex(new Error("other"))).toBeNull();
  });
});

describe("rotating a ward's survey code", () => {
  it("gives a new code, retires the old one (which then takes no responses) and audits both codes", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Rotate Trust") });
    const ward = await structure.createWard(admin, { trustId: trust.id, name: "Rowan Ward" });
    const oldCode = ward.surveyCode;

    const rotated = await structure.rotateWardCode(admin, { wardId: ward.id });
    expect(rotated.surveyCode).not.toBe(oldCode);
    expect(await prisma.retiredWardCode.findUnique({ where: { code: oldCode } })).toMatchObject({ wardId: ward.id });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: ward.id, action: "ward.rotate-code" } });
    expect(event.before).toEqual({ surveyCode: oldCode });
    expect(event.after).toEqual({ surveyCode: rotated.surveyCode });

    expect(await findSurveyWard(oldCode)).toBeNull();
    expect(await findMovedWard(oldCode.toLowerCase())).toMatchObject({ name: "Rowan Ward", surveyCode: rotated.surveyCode });
    expect(await recordResponse({ ward: oldCode, respondent: "staff", feltSafe: true, ableToSpeakUp: null })).toBe("moved-ward");
    expect(await recordResponse({ ward: "NOSUCHCODE", respondent: "staff", feltSafe: true, ableToSpeakUp: null })).toBe("unknown-ward");
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);
    expect(await recordResponse({ ward: rotated.surveyCode, respondent: "staff", feltSafe: true, ableToSpeakUp: null })).toBe("recorded");

    // A second rotation keeps both earlier codes retired.
    const again = await structure.rotateWardCode(admin, { wardId: ward.id });
    expect(await prisma.retiredWardCode.count({ where: { wardId: ward.id } })).toBe(2);
    expect(again.surveyCode).not.toBe(rotated.surveyCode);
  });
});

describe("users", () => {
  it("invites a user into teams and returns a one-time set-password path; a duplicate email is a field error", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Invite Trust") });
    const team = await structure.createTeam(admin, { trustId: trust.id, name: "Lead Team" });
    const email = `${unique("lead").replace(/\W+/g, "-")}@example.nhs.uk`;
    const { userId, link } = await structure.inviteUserToTeams(admin, { name: "Lee Lead", email: email.toUpperCase(), role: "PROJECT_LEAD", teamIds: team.id });
    expect(link).toMatch(/^\/set-password\/wsp_[A-Za-z0-9_-]{43}$/);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
    expect(user).toMatchObject({ email, role: "PROJECT_LEAD", passwordHash: null });
    expect(user.memberships.map((m) => m.teamId)).toEqual([team.id]);

    expect(await refusal(structure.inviteUserToTeams(admin, { name: "Again", email, role: "QI_COACH" }))).toEqual({
      email: "A user with this email already exists",
    });
    const users = await prisma.user.count();
    expect(await refusal(structure.inviteUserToTeams(admin, { name: "", email: "nope", role: "BOSS" }))).toEqual({
      name: "Enter the person's name",
      email: "Enter a valid email address",
      role: "Choose a role",
    });
    expect(await refusal(structure.inviteUserToTeams(admin, { name: "X", email: "x-unknown-team@example.nhs.uk", role: "PROJECT_LEAD", teamIds: ["nope"] }))).toEqual({
      teamIds: "Choose project teams from the list",
    });
    expect(await prisma.user.count()).toBe(users);
  });

  it("changes a role and teams with before/after; refuses changing one's own role", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Role Trust") });
    const t1 = await structure.createTeam(admin, { trustId: trust.id, name: "Alpha" });
    const t2 = await structure.createTeam(admin, { trustId: trust.id, name: "Beta" });
    const user = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [t1.id] });

    await structure.setUserRole(admin, { userId: user.id, role: "QI_COACH" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("QI_COACH");
    const roleEvent = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.set-role" } });
    expect([roleEvent.before, roleEvent.after]).toEqual([{ role: "PROJECT_LEAD" }, { role: "QI_COACH" }]);

    await structure.setUserTeams(admin, { userId: user.id, teamIds: [t2.id] });
    expect((await prisma.teamMembership.findMany({ where: { userId: user.id } })).map((m) => m.teamId)).toEqual([t2.id]);
    const teamsEvent = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.set-teams" } });
    expect(teamsEvent.before).toEqual({ teams: [`Alpha (${trust.name})`] });
    expect(teamsEvent.after).toEqual({ teams: [`Beta (${trust.name})`] });

    expect(await refusal(structure.setUserTeams(admin, { userId: user.id, teamIds: [t1.id, "missing"] }))).toHaveProperty("teamIds");
    expect((await prisma.teamMembership.findMany({ where: { userId: user.id } })).map((m) => m.teamId)).toEqual([t2.id]);

    expect(await refusal(structure.setUserRole(admin, { userId: admin.id, role: "QI_COACH" }))).toHaveProperty("role");
    expect(await refusal(structure.setUserRole(admin, { userId: user.id, role: "OWNER" }))).toEqual({ role: "Choose a role" });
  });

  it("deactivating a user ends their sessions and cancels their unused set-password links; not oneself", async () => {
    const user = await createUser(prisma, { role: "QI_COACH" });
    const link = await structure.resetLinkForUser(admin, user.id);
    expect(link).toMatch(/^\/set-password\//);
    const before = Date.now();
    await structure.setUserActive(admin, { userId: user.id, active: "false" });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.active).toBe(false);
    expect(after.sessionsValidFrom.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await prisma.passwordToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.deactivate" } });
    expect([event.before, event.after]).toEqual([{ active: true }, { active: false }]);
    expect(await refusal(structure.resetLinkForUser(admin, user.id))).toHaveProperty("active");

    expect(await refusal(structure.setUserActive(admin, { userId: admin.id, active: false }))).toHaveProperty("active");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });
});

describe("only administrators", () => {
  it("refuses every change from a QI coach, writing nothing", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Guarded Trust") });
    const ward = await structure.createWard(admin, { trustId: trust.id, name: "Guarded Ward" });
    const attempts = [
      structure.createTrust(coach, { name: unique("Coach Trust") }),
      structure.renameTrust(coach, { trustId: trust.id, name: "Mine" }),
      structure.createWard(coach, { trustId: trust.id, name: "Coach Ward" }),
      structure.rotateWardCode(coach, { wardId: ward.id }),
      structure.setUserRole(coach, { userId: coach.id, role: "ADMIN" }),
      structure.inviteUserToTeams(coach, { name: "X", email: "coach-invite@example.nhs.uk", role: "ADMIN" }),
      structure.listAuditEvents(coach),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditCount(coach.id)).toBe(0);
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: ward.id } })).surveyCode).toBe(ward.surveyCode);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: coach.id } })).role).toBe("QI_COACH");
  });
});

describe("the audit log listing", () => {
  it("names the teams an event's details hold, and the note it is about, instead of their ids", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Words Trust") });
    const team = await structure.createTeam(admin, { trustId: trust.id, name: "Words Team" });
    const { createNote } = await import("@/lib/charts/chart-changes");
    const note = await createNote(admin, { teamId: team.id }, { date: "2026-03-02", kind: "CHANGE", text: "Safety huddles at every handover" });
    const log = await structure.listAuditEvents(admin, { action: "note.create" });
    const event = log.events.find((e) => e.entityId === note.id)!;
    expect(event.entity).toBe('"Safety huddles at every handover"');
    expect(log.detailNames[`team:${team.id}`]).toBe(`Words Team (${trust.name})`);
  });

  it("lists newest first with names, filters by entity and action, and pages", async () => {
    const trust = await structure.createTrust(admin, { name: unique("Log Trust") });
    await structure.renameTrust(admin, { trustId: trust.id, name: `${trust.name} renamed` });
    const ward = await structure.createWard(admin, { trustId: trust.id, name: "Log Ward" });

    const all = await structure.listAuditEvents(admin);
    const times = all.events.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.entityTypes).toEqual(expect.arrayContaining(["trust", "ward", "user"]));
    expect(all.actions).toEqual(expect.arrayContaining(["trust.create", "trust.rename", "ward.create"]));

    const renames = await structure.listAuditEvents(admin, { entityType: "trust", action: "trust.rename" });
    expect(renames.events.every((e) => e.action === "trust.rename" && e.entityType === "trust")).toBe(true);
    const mine = renames.events.find((e) => e.entityId === trust.id)!;
    expect(mine).toMatchObject({ actor: `${admin.name} (${admin.email})`, entity: `${trust.name} renamed`, before: { name: trust.name } });

    const wardEvents = await structure.listAuditEvents(admin, { entityType: "ward" });
    expect(wardEvents.events.find((e) => e.entityId === ward.id)?.entity).toBe(`Log Ward (${trust.name} renamed)`);

    const page2 = await structure.listAuditEvents(admin, { page: 2 });
    expect(page2.page).toBe(2);
    if (all.total > structure.AUDIT_PAGE_SIZE) {
      expect(page2.events[0]?.id).not.toBe(all.events[0]?.id);
      expect(page2.events[0]!.at.getTime()).toBeLessThanOrEqual(all.events.at(-1)!.at.getTime());
    } else {
      expect(page2.events).toEqual([]);
    }
  });
});
