import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { actorOf, outcome } from "../helpers/outcome";
import { createUser } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// Changing a run chart (notes, phases, the team's aim) through lib/charts/chart-changes, the module
// the pages' server actions call, on the real PostgreSQL. Errors are checked as the HTTP status the
// app maps them to (lib/http/errors errorResponse): 404 outside the actor's scope, 403 for a role that
// may only read, 400 naming the field; and each refusal writes nothing, not even an audit event.


process.env.DATABASE_URL = inject("databaseUrl");
const charts = await import("@/lib/charts/chart-changes");
const { db } = await import("@/lib/db/client");

let prisma: PrismaClient;
const f = {} as {
  teamA: string;
  teamB: string;
  wardA: string;
  wardB: string;
  wardNoTeam: string;
  lead: Actor;
  coach: Actor;
  admin: Actor;
};

const noteCount = () => prisma.note.count();
const auditCount = () => prisma.auditEvent.count();

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  const a = await createWard(prisma, { withTeam: true });
  const b = await createWard(prisma, { withTeam: true });
  const loose = await createWard(prisma);
  f.teamA = a.team!.id;
  f.teamB = b.team!.id;
  f.wardA = a.ward.id;
  f.wardB = b.ward.id;
  f.wardNoTeam = loose.ward.id;
  f.lead = actorOf(await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [f.teamA] }), [f.teamA]);
  f.coach = actorOf(await createUser(prisma, { role: "QI_COACH" }));
  f.admin = actorOf(await createUser(prisma, { role: "ADMIN" }));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db().$disconnect();
});

const note = { date: "2026-03-03", kind: "CHANGE", text: "Started daily safety huddles" };

describe("notes", () => {
  it("a project lead adds, edits and deletes notes on their team's chart and their ward's chart, each audited", async () => {
    for (const chart of [{ teamId: f.teamA }, { wardId: f.wardA }]) {
      const created = await charts.createNote(f.lead, chart, { ...note, text: "  Started daily safety huddles  " });
      expect(created).toEqual({ id: expect.any(String), date: "2026-03-03", kind: "CHANGE", text: "Started daily safety huddles" });
      const row = await prisma.note.findUniqueOrThrow({ where: { id: created.id } });
      expect(row).toMatchObject({ teamId: "teamId" in chart ? f.teamA : null, wardId: "wardId" in chart ? f.wardA : null, createdById: f.lead.id });

      const updated = await charts.updateNote(f.lead, created.id, { date: "2026-03-10", kind: "ASTRONOMICAL", text: "Ward closed for a week" });
      expect(updated).toEqual({ id: created.id, date: "2026-03-10", kind: "ASTRONOMICAL", text: "Ward closed for a week" });

      await charts.deleteNote(f.lead, created.id);
      expect(await prisma.note.findUnique({ where: { id: created.id } })).toBeNull();

      const audit = await prisma.auditEvent.findMany({ where: { entityType: "note", entityId: created.id }, orderBy: { at: "asc" } });
      expect(audit.map((e) => [e.action, e.actorId])).toEqual([
        ["note.create", f.lead.id],
        ["note.update", f.lead.id],
        ["note.delete", f.lead.id],
      ]);
      expect(audit[1]!.before).toMatchObject({ date: "2026-03-03", text: "Started daily safety huddles" });
      expect(audit[1]!.after).toMatchObject({ date: "2026-03-10", kind: "ASTRONOMICAL" });
      expect(audit[2]!.before).toMatchObject({ ...chart, text: "Ward closed for a week" });
    }
  });

  it("answers 404 to a project lead for another team's chart or note, and writes nothing", async () => {
    const other = await charts.createNote(f.admin, { teamId: f.teamB }, note);
    const [notes, audits] = [await noteCount(), await auditCount()];
    expect((await outcome(charts.createNote(f.lead, { teamId: f.teamB }, note))).status).toBe(404);
    expect((await outcome(charts.createNote(f.lead, { wardId: f.wardB }, note))).status).toBe(404);
    expect((await outcome(charts.createNote(f.lead, { wardId: f.wardNoTeam }, note))).status).toBe(404);
    expect((await outcome(charts.updateNote(f.lead, other.id, { ...note, text: "changed" }))).status).toBe(404);
    expect((await outcome(charts.deleteNote(f.lead, other.id))).status).toBe(404);
    expect((await outcome(charts.deleteNote(f.lead, "no-such-note"))).status).toBe(404);
    expect([await noteCount(), await auditCount()]).toEqual([notes, audits]);
    expect((await prisma.note.findUniqueOrThrow({ where: { id: other.id } })).text).toBe(note.text);
  });

  it("lets a QI coach read but not change any chart (403), and writes nothing", async () => {
    const own = await charts.createNote(f.lead, { teamId: f.teamA }, note);
    const [notes, audits] = [await noteCount(), await auditCount()];
    expect((await outcome(charts.createNote(f.coach, { teamId: f.teamA }, note))).status).toBe(403);
    expect((await outcome(charts.createNote(f.coach, { wardId: f.wardA }, note))).status).toBe(403);
    expect((await outcome(charts.updateNote(f.coach, own.id, { ...note, text: "changed" }))).status).toBe(403);
    expect((await outcome(charts.deleteNote(f.coach, own.id))).status).toBe(403);
    expect((await outcome(charts.addPhase(f.coach, { teamId: f.teamA }, { startDate: "2026-04-01", reason: "x" }))).status).toBe(403);
    expect([await noteCount(), await auditCount()]).toEqual([notes, audits]);
    expect(await charts.canEditChart(f.coach, { teamId: f.teamA })).toBe(false);
    expect(await charts.canEditChart(f.lead, { teamId: f.teamA })).toBe(true);
    expect(await charts.canEditChart(f.lead, { wardId: f.wardA })).toBe(true);
    expect(await charts.canEditChart(f.lead, { teamId: f.teamB })).toBe(false);
  });

  it("lets an admin edit any chart, including a ward without a team (which only admins can)", async () => {
    const created = await charts.createNote(f.admin, { wardId: f.wardNoTeam }, note);
    expect(created.text).toBe(note.text);
    expect((await outcome(charts.createNote(f.coach, { wardId: f.wardNoTeam }, note))).status).toBe(403);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a missing date", { ...note, date: "" }, "date"],
    ["an impossible date", { ...note, date: "2026-02-30" }, "date"],
    ["a date in another format", { ...note, date: "03/03/2026" }, "date"],
    ["an unknown kind", { ...note, kind: "IDEA" }, "kind"],
    ["empty text", { ...note, text: "   " }, "text"],
    ["text over 500 characters", { ...note, text: "x".repeat(501) }, "text"],
  ];
  for (const [label, input, field] of invalid) {
    it(`refuses ${label} with 400 naming "${field}", writing nothing`, async () => {
      const [notes, audits] = [await noteCount(), await auditCount()];
      const result = await outcome(charts.createNote(f.lead, { teamId: f.teamA }, input));
      expect(result.status).toBe(400);
      expect(Object.keys(result.fields ?? {})).toEqual([field]);
      expect([await noteCount(), await auditCount()]).toEqual([notes, audits]);
    });
  }
});

describe("phases", () => {
  it("a project lead starts a phase with a reason and removes it; a second phase on the same date is refused", async () => {
    const phase = await charts.addPhase(f.lead, { wardId: f.wardA }, { startDate: "2026-04-01", reason: " Huddles adopted " });
    expect(phase).toEqual({ id: expect.any(String), startDate: "2026-04-01", reason: "Huddles adopted" });
    const again = await outcome(charts.addPhase(f.lead, { wardId: f.wardA }, { startDate: "2026-04-01", reason: "Again" }));
    expect(again.status).toBe(400);
    expect(Object.keys(again.fields ?? {})).toEqual(["startDate"]);
    // The same date on another chart is a different phase.
    const teamPhase = await charts.addPhase(f.lead, { teamId: f.teamA }, { startDate: "2026-04-01", reason: "Team-wide change" });

    await charts.removePhase(f.lead, phase.id);
    expect(await prisma.chartPhase.findUnique({ where: { id: phase.id } })).toBeNull();
    const audit = await prisma.auditEvent.findMany({ where: { entityType: "chart-phase", entityId: phase.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["chart-phase.create", "chart-phase.delete"]);
    expect(audit[1]!.before).toMatchObject({ wardId: f.wardA, startDate: "2026-04-01", reason: "Huddles adopted" });

    expect((await outcome(charts.removePhase(f.coach, teamPhase.id))).status).toBe(403);
    const lead2 = { ...f.lead, id: f.lead.id, teamIds: [f.teamB] };
    expect((await outcome(charts.removePhase(lead2, teamPhase.id))).status).toBe(404);
    await charts.removePhase(f.admin, teamPhase.id);
  });

  it("requires a real date and a reason", async () => {
    const before = await prisma.chartPhase.count();
    const noReason = await outcome(charts.addPhase(f.lead, { teamId: f.teamA }, { startDate: "2026-05-01", reason: "" }));
    expect(noReason).toMatchObject({ status: 400, fields: { reason: expect.stringContaining("reason") } });
    const badDate = await outcome(charts.addPhase(f.lead, { teamId: f.teamA }, { startDate: "2026-13-01", reason: "x" }));
    expect(Object.keys(badDate.fields ?? {})).toEqual(["startDate"]);
    expect(await prisma.chartPhase.count()).toBe(before);
  });
});
