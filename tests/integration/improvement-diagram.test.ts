import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { COLLABORATIVE_AIM } from "@/lib/improvement/aim";
import { allBoxes, type DiagramBox, type DriverDiagram } from "@/lib/improvement/driver-diagram";
import { canEditTeam } from "@/lib/auth/access";
import { actorOf, outcome } from "../helpers/outcome";
import { createUser } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// A project team's driver diagram and aim (lib/improvement/diagram-service), the module the
// improvement pages' server actions and the API call, on the real PostgreSQL. Errors are checked as
// the HTTP status the app maps them to (lib/http/errors errorResponse): 404 outside the actor's
// teams, 403 for a QI coach (who reads every team but changes none), 400 naming the field; and each
// refusal writes nothing, not a box, a link, a cycle or an audit event.

process.env.DATABASE_URL = inject("databaseUrl");
const diagrams = await import("@/lib/improvement/diagram-service");
const pdsa = await import("@/lib/improvement/pdsa-service");
const { runChart } = await import("@/lib/charts/run-chart-service");
const { runChartQuerySchema } = await import("@/lib/charts/query");
const { db } = await import("@/lib/db/client");

let prisma: PrismaClient;
const f = {} as { coach: Actor; admin: Actor };

/** Everything a change to a diagram, a cycle or an aim could write. */
async function written() {
  const teams = await prisma.projectTeam.findMany({ select: { id: true, aimStatement: true, targetPercent: true, targetDate: true }, orderBy: { id: "asc" } });
  return {
    boxes: await prisma.driverBox.findMany({ select: { id: true, text: true, position: true, status: true }, orderBy: { id: "asc" } }),
    links: await prisma.driverLink.count(),
    cycles: await prisma.pdsaCycle.count(),
    audits: await prisma.auditEvent.count(),
    teams,
  };
}

/** A project team of its own (so each test knows its diagram and aim) with a lead who is a member. */
async function newTeam() {
  const { team, ward } = await createWard(prisma, { withTeam: true });
  const lead = actorOf(await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] }), [team!.id]);
  return { id: team!.id, name: team!.name, ward, lead };
}

/** The diagram of the paper template: two primary drivers, two secondary drivers (one serving both), two change ideas. */
async function sampleDiagram(actor: Actor, teamId: string) {
  const p1 = await diagrams.addBox(actor, teamId, { kind: "PRIMARY", text: "Staff know how to respond to a disclosure" });
  const p2 = await diagrams.addBox(actor, teamId, { kind: "PRIMARY", text: "Service users feel able to speak up" });
  const s1 = await diagrams.addBox(actor, teamId, { kind: "SECONDARY", text: "Training on responding to disclosures", parentIds: [p1.id] });
  const s2 = await diagrams.addBox(actor, teamId, { kind: "SECONDARY", text: "Private spaces on the ward", parentIds: [p2.id, p1.id] });
  const c1 = await diagrams.addBox(actor, teamId, { kind: "CHANGE_IDEA", text: "Ten-minute huddle training", parentIds: [s1.id] });
  const c2 = await diagrams.addBox(actor, teamId, { kind: "CHANGE_IDEA", text: "Locks on bedroom doors", parentIds: [s2.id, s1.id] });
  return { p1, p2, s1, s2, c1, c2 };
}

/** The diagram without its database ids: texts, order, statuses and links (by the linked box's text). */
function shape(diagram: DriverDiagram) {
  const text = new Map(allBoxes(diagram).map((n) => [n.id, n.text]));
  const links = (n: DiagramBox) => n.parentIds.map((id) => text.get(id));
  return {
    primary: diagram.primary.map((n) => ({ text: n.text, position: n.position, status: n.status })),
    secondary: diagram.secondary.map((n) => ({ text: n.text, position: n.position, status: n.status, links: links(n) })),
    changeIdeas: diagram.changeIdeas.map((n) => ({ text: n.text, position: n.position, status: n.status, links: links(n) })),
  };
}

const diagramOf = async (teamId: string) => (await diagrams.teamDiagram(f.admin, teamId)).diagram;

const auditsOf = (entityId: string) => prisma.auditEvent.findMany({ where: { entityId }, orderBy: { at: "asc" } });

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  f.coach = actorOf(await createUser(prisma, { role: "QI_COACH" }));
  f.admin = actorOf(await createUser(prisma, { role: "ADMIN" }));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db().$disconnect();
});

describe("who may read and change a driver diagram", () => {
  it("a project lead builds and edits their own team's diagram, each change audited", async () => {
    const a = await newTeam();
    const d = await sampleDiagram(a.lead, a.id);
    // Its links come back in the primary column's order, not the order they were given in.
    expect(d.s2).toEqual({ id: expect.any(String), kind: "SECONDARY", text: "Private spaces on the ward", position: 1, status: null, parentIds: [d.p1.id, d.p2.id] });
    expect(d.c1.status).toBe("IDEA");

    const view = await diagrams.teamDiagram(a.lead, a.id);
    expect(view.canEdit).toBe(true);
    expect(view.team).toMatchObject({ id: a.id, name: a.name });
    expect(view.aim).toEqual({ statement: COLLABORATIVE_AIM, isDefault: true, targetPercent: null, targetDate: null });
    expect(shape(view.diagram)).toEqual({
      primary: [
        { text: "Staff know how to respond to a disclosure", position: 0, status: null },
        { text: "Service users feel able to speak up", position: 1, status: null },
      ],
      secondary: [
        { text: "Training on responding to disclosures", position: 0, status: null, links: ["Staff know how to respond to a disclosure"] },
        { text: "Private spaces on the ward", position: 1, status: null, links: ["Staff know how to respond to a disclosure", "Service users feel able to speak up"] },
      ],
      changeIdeas: [
        { text: "Ten-minute huddle training", position: 0, status: "IDEA", links: ["Training on responding to disclosures"] },
        { text: "Locks on bedroom doors", position: 1, status: "IDEA", links: ["Training on responding to disclosures", "Private spaces on the ward"] },
      ],
    });

    const changed = await diagrams.changeBox(a.lead, d.c1.id, { text: "  Five-minute huddle training ", status: "TESTING", parentIds: [d.s2.id] });
    expect(changed).toEqual({ ...d.c1, text: "Five-minute huddle training", status: "TESTING", parentIds: [d.s2.id] });
    await diagrams.moveBox(a.lead, d.c1.id, { direction: "down" });
    await diagrams.deleteBox(a.lead, d.c1.id);
    expect(await prisma.driverBox.findUnique({ where: { id: d.c1.id } })).toBeNull();
    expect(await prisma.driverLink.count({ where: { childId: d.c1.id } })).toBe(0);

    const audit = await auditsOf(d.c1.id);
    expect(audit.map((e) => [e.action, e.entityType, e.actorId])).toEqual([
      ["driver-box.create", "driver-box", a.lead.id],
      ["driver-box.update", "driver-box", a.lead.id],
      ["driver-box.move", "driver-box", a.lead.id],
      ["driver-box.delete", "driver-box", a.lead.id],
    ]);
    expect(audit[0]!.after).toMatchObject({ teamId: a.id, kind: "CHANGE_IDEA", text: "Ten-minute huddle training", parentIds: [d.s1.id] });
    expect(audit[1]!.before).toMatchObject({ text: "Ten-minute huddle training", status: "IDEA", parentIds: [d.s1.id] });
    expect(audit[1]!.after).toMatchObject({ text: "Five-minute huddle training", status: "TESTING", parentIds: [d.s2.id] });
    expect(audit[2]!.before).toEqual({ order: [d.c1.id, d.c2.id] });
    expect(audit[2]!.after).toEqual({ order: [d.c2.id, d.c1.id] });
    expect(audit[3]!.before).toMatchObject({ teamId: a.id, text: "Five-minute huddle training" });
  });

  it("answers 404 to a project lead for another team's diagram, boxes and aim, and writes nothing", async () => {
    const a = await newTeam();
    const b = await newTeam();
    const other = await sampleDiagram(b.lead, b.id);
    const file = await diagrams.exportDiagram(b.lead, b.id);
    const before = await written();

    const refused = {
      teamDiagram: await outcome(diagrams.teamDiagram(a.lead, b.id)),
      exportDiagram: await outcome(diagrams.exportDiagram(a.lead, b.id)),
      addBox: await outcome(diagrams.addBox(a.lead, b.id, { kind: "PRIMARY", text: "Mine now" })),
      addChild: await outcome(diagrams.addBox(a.lead, b.id, { kind: "SECONDARY", text: "Mine now", parentIds: [other.p1.id] })),
      changeBox: await outcome(diagrams.changeBox(a.lead, other.p1.id, { text: "Mine now" })),
      moveBox: await outcome(diagrams.moveBox(a.lead, other.p2.id, { direction: "top" })),
      deleteBox: await outcome(diagrams.deleteBox(a.lead, other.c1.id)),
      setTeamAim: await outcome(diagrams.setTeamAim(a.lead, b.id, { statement: "Ours", targetPercent: "80", targetDate: "" })),
      importDiagram: await outcome(diagrams.importDiagram(a.lead, b.id, file, { mode: "add", keepStatuses: false, takeAim: false })),
      unknownTeam: await outcome(diagrams.addBox(a.lead, "no-such-team", { kind: "PRIMARY", text: "x" })),
      unknownBox: await outcome(diagrams.changeBox(a.lead, "no-such-box", { text: "x" })),
    };
    expect(Object.values(refused).map((r) => r.status)).toEqual(Object.values(refused).map(() => 404));
    expect(await written()).toEqual(before);
    // The lead's own diagram cannot be linked to another team's boxes either (a 400, see below).
    expect((await outcome(diagrams.addBox(a.lead, a.id, { kind: "SECONDARY", text: "x", parentIds: [other.p1.id] }))).status).toBe(400);
  });

  it("lets a QI coach read every team's diagram and export it, but refuses every change with 403, writing nothing", async () => {
    const a = await newTeam();
    const b = await newTeam();
    const d = await sampleDiagram(a.lead, a.id);
    await sampleDiagram(b.lead, b.id);
    for (const team of [a, b]) {
      const view = await diagrams.teamDiagram(f.coach, team.id);
      expect(view.canEdit).toBe(false);
      expect(shape(view.diagram)).toEqual(shape(await diagramOf(team.id)));
      expect((await diagrams.exportDiagram(f.coach, team.id)).primaryDrivers).toHaveLength(2);
    }
    expect(canEditTeam(f.coach, a.id)).toBe(false);
    expect(canEditTeam(a.lead, a.id)).toBe(true);
    expect(canEditTeam(a.lead, b.id)).toBe(false);

    const file = await diagrams.exportDiagram(f.coach, b.id);
    const before = await written();
    const refused = [
      await outcome(diagrams.addBox(f.coach, a.id, { kind: "PRIMARY", text: "Coach's idea" })),
      await outcome(diagrams.changeBox(f.coach, d.c1.id, { status: "ADOPTED" })),
      await outcome(diagrams.moveBox(f.coach, d.p2.id, { direction: "top" })),
      await outcome(diagrams.deleteBox(f.coach, d.c2.id)),
      await outcome(diagrams.setTeamAim(f.coach, a.id, { statement: "", targetPercent: "80", targetDate: "" })),
      await outcome(diagrams.importDiagram(f.coach, a.id, file, { mode: "add", keepStatuses: false, takeAim: true })),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await written()).toEqual(before);
  });

  it("lets an admin edit any team's diagram and aim", async () => {
    const b = await newTeam();
    const d = await sampleDiagram(f.admin, b.id);
    expect((await diagrams.teamDiagram(f.admin, b.id)).canEdit).toBe(true);
    await diagrams.changeBox(f.admin, d.p1.id, { text: "Staff respond well" });
    await diagrams.moveBox(f.admin, d.p2.id, { direction: "top" });
    await diagrams.setTeamAim(f.admin, b.id, { statement: "", targetPercent: "75", targetDate: "" });
    const view = await diagrams.teamDiagram(b.lead, b.id);
    expect(view.diagram.primary.map((n) => n.text)).toEqual(["Service users feel able to speak up", "Staff respond well"]);
    expect(view.aim.targetPercent).toBe(75);
    const rows = await prisma.driverBox.findMany({ where: { teamId: b.id }, select: { createdById: true } });
    expect(new Set(rows.map((r) => r.createdById))).toEqual(new Set([f.admin.id]));
  });
});

describe("the diagram's rules", () => {
  const fieldsOf = async (call: Promise<unknown>) => {
    const result = await outcome(call);
    expect(result.status).toBe(400);
    return Object.keys(result.fields ?? {});
  };

  it("refuses a box that breaks the diagram's links, naming parentIds, and writes nothing", async () => {
    const a = await newTeam();
    const b = await newTeam();
    const empty = await outcome(diagrams.addBox(a.lead, a.id, { kind: "SECONDARY", text: "Training" }));
    expect(empty).toMatchObject({ status: 400, fields: { parentIds: expect.stringContaining("add a primary driver first") } });

    const d = await sampleDiagram(a.lead, a.id);
    const otherTeams = await sampleDiagram(b.lead, b.id);
    const before = await written();
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "SECONDARY", text: "Training", parentIds: [] }))).toEqual(["parentIds"]);
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "SECONDARY", text: "Training" }))).toEqual(["parentIds"]);
    // Another team's primary driver, even alongside one of the team's own.
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "SECONDARY", text: "Training", parentIds: [d.p1.id, otherTeams.p1.id] }))).toEqual(["parentIds"]);
    // A change idea serves secondary drivers, not primary drivers; a primary driver serves the aim.
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "CHANGE_IDEA", text: "Posters", parentIds: [d.p1.id] }))).toEqual(["parentIds"]);
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "CHANGE_IDEA", text: "Posters" }))).toEqual(["parentIds"]);
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "PRIMARY", text: "Culture", parentIds: [d.p1.id] }))).toEqual(["parentIds"]);
    // Relinking: to nothing, to another team's box, or a secondary driver to a change idea.
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.s1.id, { parentIds: [] }))).toEqual(["parentIds"]);
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.s1.id, { parentIds: [otherTeams.p2.id] }))).toEqual(["parentIds"]);
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.c1.id, { parentIds: [otherTeams.s1.id] }))).toEqual(["parentIds"]);
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.s1.id, { parentIds: [d.c1.id] }))).toEqual(["parentIds"]);
    expect(await written()).toEqual(before);
  });

  it("refuses a status on a driver, bad statuses, kinds and text, naming the field, and writes nothing", async () => {
    const a = await newTeam();
    const d = await sampleDiagram(a.lead, a.id);
    const before = await written();
    const statusOnDriver = await outcome(diagrams.changeBox(a.lead, d.p1.id, { status: "TESTING" }));
    expect(statusOnDriver).toEqual({ status: 400, fields: { status: "Only change ideas have a status" } });
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.s1.id, { status: "ADOPTED" }))).toEqual(["status"]);
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.c1.id, { status: "DONE" }))).toEqual(["status"]);
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "CHANGE_IDEA", text: "Posters", parentIds: [d.s1.id], status: "MAYBE" }))).toEqual(["status"]);
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "TERTIARY", text: "Posters" }))).toEqual(["kind"]);
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "PRIMARY", text: "x".repeat(301) }))).toEqual(["text"]);
    expect(await fieldsOf(diagrams.addBox(a.lead, a.id, { kind: "PRIMARY", text: "   " }))).toEqual(["text"]);
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.c1.id, { text: "x".repeat(301) }))).toEqual(["text"]);
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.c1.id, { text: "" }))).toEqual(["text"]);
    expect(await fieldsOf(diagrams.changeBox(a.lead, d.c1.id, { teamId: "elsewhere" }))).toEqual(["teamId"]);
    expect(await fieldsOf(diagrams.moveBox(a.lead, d.c1.id, { direction: "sideways" }))).toEqual(["direction"]);
    expect(await written()).toEqual(before);
    // 300 characters is the limit, not beyond it.
    expect((await diagrams.addBox(a.lead, a.id, { kind: "PRIMARY", text: "y".repeat(300) })).text).toHaveLength(300);
  });

  it("keeps each column within its limit", async () => {
    const a = await newTeam();
    await prisma.driverBox.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ teamId: a.id, kind: "PRIMARY" as const, text: `Driver ${i}`, position: i })) });
    const before = await written();
    const result = await outcome(diagrams.addBox(a.lead, a.id, { kind: "PRIMARY", text: "One too many" }));
    expect(result).toMatchObject({ status: 400, fields: { text: expect.stringContaining("20 primary drivers") } });
    expect(await written()).toEqual(before);
  });
});

describe("ordering and deleting boxes", () => {
  it("puts each new box at the end of its column and moves boxes up, down, to the top and bottom", async () => {
    const a = await newTeam();
    const added: DiagramBox[] = [];
    for (const text of ["One", "Two", "Three", "Four"]) added.push(await diagrams.addBox(a.lead, a.id, { kind: "PRIMARY", text }));
    expect(added.map((n) => n.position)).toEqual([0, 1, 2, 3]);
    const order = async () => (await diagramOf(a.id)).primary.map((n) => [n.text, n.position]);

    await diagrams.moveBox(a.lead, added[3]!.id, { direction: "top" });
    expect(await order()).toEqual([["Four", 0], ["One", 1], ["Two", 2], ["Three", 3]]);
    await diagrams.moveBox(a.lead, added[0]!.id, { direction: "bottom" });
    expect(await order()).toEqual([["Four", 0], ["Two", 1], ["Three", 2], ["One", 3]]);
    await diagrams.moveBox(a.lead, added[2]!.id, { direction: "up" });
    expect(await order()).toEqual([["Four", 0], ["Three", 1], ["Two", 2], ["One", 3]]);
    await diagrams.moveBox(a.lead, added[3]!.id, { direction: "down" });
    expect(await order()).toEqual([["Three", 0], ["Four", 1], ["Two", 2], ["One", 3]]);
    // At either end a move changes nothing.
    await diagrams.moveBox(a.lead, added[2]!.id, { direction: "up" });
    await diagrams.moveBox(a.lead, added[0]!.id, { direction: "down" });
    expect(await order()).toEqual([["Three", 0], ["Four", 1], ["Two", 2], ["One", 3]]);

    // A new box goes after the last one, and moving in one column leaves the others alone.
    const five = await diagrams.addBox(a.lead, a.id, { kind: "PRIMARY", text: "Five" });
    expect(five.position).toBe(4);
    const s = await diagrams.addBox(a.lead, a.id, { kind: "SECONDARY", text: "S", parentIds: [five.id, added[2]!.id] });
    expect(s.position).toBe(0);
    // Its links follow the primary column's order.
    expect(s.parentIds).toEqual([added[2]!.id, five.id]);
    await diagrams.moveBox(a.lead, five.id, { direction: "top" });
    expect((await diagramOf(a.id)).secondary[0]!.parentIds).toEqual([five.id, added[2]!.id]);
    expect((await diagrams.changeBox(a.lead, s.id, { parentIds: [added[2]!.id, five.id, added[2]!.id] })).parentIds).toEqual([five.id, added[2]!.id]);
  });

  it("refuses to delete a primary driver that a secondary driver links to alone, naming it, and writes nothing", async () => {
    const a = await newTeam();
    const d = await sampleDiagram(a.lead, a.id);
    const before = await written();
    const result = await outcome(diagrams.deleteBox(a.lead, d.p1.id));
    expect(result.status).toBe(400);
    expect(Object.keys(result.fields ?? {})).toEqual(["box"]);
    expect(result.fields!.box).toContain('"Training on responding to disclosures"');
    // The secondary driver that also serves the other primary driver is not in the way.
    expect(result.fields!.box).not.toContain("Private spaces");
    // Likewise a secondary driver with a change idea linked only to it.
    const secondary = await outcome(diagrams.deleteBox(a.lead, d.s1.id));
    expect(secondary.fields?.box).toContain('"Ten-minute huddle training"');
    expect(secondary.fields?.box).not.toContain("Locks on bedroom doors");
    expect(await written()).toEqual(before);

    // Relinked elsewhere, the primary driver can go.
    await diagrams.changeBox(a.lead, d.s1.id, { parentIds: [d.p2.id] });
    await diagrams.deleteBox(a.lead, d.p1.id);
    expect(shape(await diagramOf(a.id)).secondary.map((s) => s.links)).toEqual([["Service users feel able to speak up"], ["Service users feel able to speak up"]]);
  });

  it("deleting a primary driver that a secondary driver also links elsewhere removes only that link", async () => {
    const a = await newTeam();
    const d = await sampleDiagram(a.lead, a.id);
    const linksBefore = await prisma.driverLink.findMany({ where: { child: { teamId: a.id } }, select: { parentId: true, childId: true } });
    await diagrams.deleteBox(a.lead, d.p2.id);
    const linksAfter = await prisma.driverLink.findMany({ where: { child: { teamId: a.id } }, select: { parentId: true, childId: true } });
    expect(linksAfter).toEqual(expect.arrayContaining(linksBefore.filter((l) => l.parentId !== d.p2.id)));
    expect(linksAfter).toHaveLength(linksBefore.length - 1);
    const after = await diagramOf(a.id);
    expect(after.secondary.find((s) => s.id === d.s2.id)!.parentIds).toEqual([d.p1.id]);
    expect(allBoxes(after).map((n) => n.id).sort()).toEqual([d.p1.id, d.s1.id, d.s2.id, d.c1.id, d.c2.id].sort());
    const audit = await auditsOf(d.p2.id);
    expect(audit.map((e) => e.action)).toEqual(["driver-box.create", "driver-box.delete"]);
  });

  it("refuses to delete a change idea with PDSA cycles, and deletes it once they are gone", async () => {
    const a = await newTeam();
    const d = await sampleDiagram(a.lead, a.id);
    const cycle = await pdsa.createCycle(a.lead, a.id, { changeIdeaId: d.c1.id, startDate: "2026-03-02", planWhat: "Huddle on the early shift", prediction: "Four of five days" });
    const before = await written();
    const result = await outcome(diagrams.deleteBox(a.lead, d.c1.id));
    expect(result).toMatchObject({ status: 400, fields: { box: expect.stringContaining("1 PDSA cycle") } });
    expect(await written()).toEqual(before);
    await pdsa.deleteCycle(a.lead, cycle.id);
    await diagrams.deleteBox(a.lead, d.c1.id);
    expect(await prisma.driverBox.findUnique({ where: { id: d.c1.id } })).toBeNull();
  });
});

describe("the team's aim", () => {
  it("a project lead sets the statement, target and date, shown on the diagram and the team's and wards' run charts, audited", async () => {
    const a = await newTeam();
    const aim = await diagrams.setTeamAim(a.lead, a.id, { statement: "  To reduce incidents of sexual harm on Maple ward  ", targetPercent: "85", targetDate: "2027-03-31" });
    expect(aim).toEqual({ statement: "To reduce incidents of sexual harm on Maple ward", isDefault: false, targetPercent: 85, targetDate: "2027-03-31" });
    const row = await prisma.projectTeam.findUniqueOrThrow({ where: { id: a.id } });
    expect([row.aimStatement, row.targetPercent, row.targetDate?.toISOString()]).toEqual(["To reduce incidents of sexual harm on Maple ward", 85, "2027-03-31T00:00:00.000Z"]);
    expect((await diagrams.teamDiagram(f.coach, a.id)).aim).toEqual(aim);
    expect((await diagrams.exportDiagram(a.lead, a.id)).aim).toEqual({ statement: aim.statement, targetPercent: 85, targetDate: "2027-03-31" });

    for (const scope of [`team:${a.id}`, `ward:${a.ward.surveyCode}`]) {
      const chart = await runChart(a.lead, runChartQuerySchema.parse({ scope }));
      expect([chart.target, chart.targetDate], scope).toEqual([0.85, "2027-03-31"]);
    }

    const audit = await prisma.auditEvent.findMany({ where: { entityId: a.id, action: "team.aim" } });
    expect(audit.map((e) => [e.entityType, e.actorId, e.before, e.after])).toEqual([
      ["project-team", a.lead.id, { statement: COLLABORATIVE_AIM, isDefault: true, targetPercent: null, targetDate: null }, aim],
    ]);
  });

  it("stores a blank statement, or the collaborative's own words, as the collaborative's aim", async () => {
    const a = await newTeam();
    await diagrams.setTeamAim(a.lead, a.id, { statement: "Our own aim", targetPercent: 90, targetDate: "2027-01-31" });
    for (const statement of ["   ", COLLABORATIVE_AIM, ` ${COLLABORATIVE_AIM} `, undefined]) {
      await diagrams.setTeamAim(a.lead, a.id, { statement: "Our own aim", targetPercent: 90, targetDate: "2027-01-31" });
      const aim = await diagrams.setTeamAim(a.lead, a.id, { statement, targetPercent: 90, targetDate: "2027-01-31" });
      expect(aim, String(statement)).toEqual({ statement: COLLABORATIVE_AIM, isDefault: true, targetPercent: 90, targetDate: "2027-01-31" });
      expect((await prisma.projectTeam.findUniqueOrThrow({ where: { id: a.id } })).aimStatement).toBeNull();
      expect((await diagrams.teamDiagram(a.lead, a.id)).aim.isDefault).toBe(true);
    }
  });

  it("sets and clears the target, refusing bad values with 400 on targetPercent and changing nothing (what setTeamTarget covered)", async () => {
    const a = await newTeam();
    const b = await newTeam();
    expect((await diagrams.setTeamAim(a.lead, a.id, { targetPercent: "85" })).targetPercent).toBe(85);
    expect((await prisma.projectTeam.findUniqueOrThrow({ where: { id: a.id } })).targetPercent).toBe(85);
    const before = await written();
    for (const bad of ["0", "101", "85.5", "ninety", "-5", 0, 101, 85.5]) {
      const result = await outcome(diagrams.setTeamAim(a.lead, a.id, { targetPercent: bad }));
      expect(result.status, String(bad)).toBe(400);
      expect(Object.keys(result.fields ?? {}), String(bad)).toEqual(["targetPercent"]);
    }
    for (const bad of ["2027-02-30", "31/03/2027", "soon"]) {
      const result = await outcome(diagrams.setTeamAim(a.lead, a.id, { targetPercent: "85", targetDate: bad }));
      expect(result.status, bad).toBe(400);
      expect(Object.keys(result.fields ?? {}), bad).toEqual(["targetDate"]);
    }
    const long = await outcome(diagrams.setTeamAim(a.lead, a.id, { statement: "x".repeat(501), targetPercent: "85" }));
    expect(Object.keys(long.fields ?? {})).toEqual(["statement"]);
    expect(await written()).toEqual(before);

    expect((await diagrams.setTeamAim(a.lead, a.id, { targetPercent: " " })).targetPercent).toBeNull();
    expect((await prisma.projectTeam.findUniqueOrThrow({ where: { id: a.id } })).targetPercent).toBeNull();
    expect((await runChart(a.lead, runChartQuerySchema.parse({ scope: `team:${a.id}` }))).target).toBeNull();
    const audit = await prisma.auditEvent.findMany({ where: { entityType: "project-team", entityId: a.id, action: "team.aim" }, orderBy: { at: "asc" } });
    expect(audit.map((e) => [(e.before as { targetPercent: unknown }).targetPercent, (e.after as { targetPercent: unknown }).targetPercent])).toEqual([
      [null, 85],
      [85, null],
    ]);

    const beforeOther = await written();
    expect((await outcome(diagrams.setTeamAim(a.lead, b.id, { targetPercent: "80" }))).status).toBe(404);
    expect((await outcome(diagrams.setTeamAim(f.coach, a.id, { targetPercent: "80" }))).status).toBe(403);
    expect(await written()).toEqual(beforeOther);
  });
});

describe("exporting and importing a diagram", () => {
  it("copies a diagram to another, empty team exactly, with change ideas back to IDEA, audited", async () => {
    const source = await newTeam();
    const d = await sampleDiagram(source.lead, source.id);
    await diagrams.changeBox(source.lead, d.c1.id, { status: "ADOPTED" });
    await diagrams.changeBox(source.lead, d.c2.id, { status: "ABANDONED" });
    await diagrams.moveBox(source.lead, d.p2.id, { direction: "top" });
    await diagrams.setTeamAim(source.lead, source.id, { statement: "Our aim", targetPercent: "90", targetDate: "2027-03-31" });

    const file = await diagrams.exportDiagram(source.lead, source.id, new Date("2026-06-01T09:00:00Z"));
    expect(file).toEqual({
      format: "wardsafe-driver-diagram",
      version: 1,
      team: source.name,
      exportedAt: "2026-06-01T09:00:00.000Z",
      aim: { statement: "Our aim", targetPercent: 90, targetDate: "2027-03-31" },
      primaryDrivers: [
        { id: "P1", text: "Service users feel able to speak up" },
        { id: "P2", text: "Staff know how to respond to a disclosure" },
      ],
      secondaryDrivers: [
        { id: "S1", text: "Training on responding to disclosures", primaryDrivers: ["P2"] },
        { id: "S2", text: "Private spaces on the ward", primaryDrivers: ["P1", "P2"] },
      ],
      changeIdeas: [
        { id: "C1", text: "Ten-minute huddle training", status: "adopted", secondaryDrivers: ["S1"] },
        { id: "C2", text: "Locks on bedroom doors", status: "abandoned", secondaryDrivers: ["S1", "S2"] },
      ],
    });

    // The copy: a lead of both teams downloads the file and uploads it to the other team.
    const target = await newTeam();
    const both = { ...source.lead, teamIds: [source.id, target.id] };
    const parsed = diagrams.parseDiagramFile(JSON.stringify(file));
    expect(await diagrams.importDiagram(both, target.id, parsed, diagrams.importOptions({}))).toEqual({ added: 6 });

    const original = shape(await diagramOf(source.id));
    const copy = await diagramOf(target.id);
    expect(shape(copy)).toEqual({ ...original, changeIdeas: original.changeIdeas.map((c) => ({ ...c, status: "IDEA" })) });
    const originalIds = new Set(Object.values(d).map((n) => n.id));
    expect(allBoxes(copy).filter((n) => originalIds.has(n.id))).toEqual([]);
    // Without takeAim the team keeps its own (here, the collaborative's) aim.
    expect((await diagrams.teamDiagram(both, target.id)).aim.isDefault).toBe(true);
    // The source is untouched.
    expect(shape(await diagramOf(source.id)).changeIdeas.map((c) => c.status)).toEqual(["ADOPTED", "ABANDONED"]);

    const audit = await prisma.auditEvent.findMany({ where: { entityId: target.id, action: "driver-diagram.import" } });
    expect(audit.map((e) => [e.entityType, e.actorId, e.after])).toEqual([
      ["project-team", both.id, { mode: "add", keepStatuses: false, takeAim: false, from: source.name, added: 6 }],
    ]);
  });

  it("keeps statuses when asked, takes the aim when asked, and adds after the boxes already there", async () => {
    const source = await newTeam();
    const d = await sampleDiagram(source.lead, source.id);
    await diagrams.changeBox(source.lead, d.c2.id, { status: "TESTING" });
    await diagrams.setTeamAim(source.lead, source.id, { statement: "Our aim", targetPercent: "90", targetDate: "2027-03-31" });
    const file = await diagrams.exportDiagram(source.lead, source.id);

    const restored = await newTeam();
    await diagrams.importDiagram(f.admin, restored.id, file, diagrams.importOptions({ keepStatuses: "on", takeAim: "true" }));
    expect(shape(await diagramOf(restored.id))).toEqual(shape(await diagramOf(source.id)));
    expect((await diagrams.teamDiagram(f.admin, restored.id)).aim).toEqual({ statement: "Our aim", isDefault: false, targetPercent: 90, targetDate: "2027-03-31" });

    // A file carrying the collaborative's aim leaves the team on the collaborative's aim.
    const collaborative = await newTeam();
    await diagrams.setTeamAim(f.admin, collaborative.id, { statement: "Something else", targetPercent: "50", targetDate: "" });
    await diagrams.importDiagram(f.admin, collaborative.id, { ...file, aim: { statement: COLLABORATIVE_AIM, targetPercent: 70, targetDate: null } }, diagrams.importOptions({ takeAim: true }));
    expect((await diagrams.teamDiagram(f.admin, collaborative.id)).aim).toEqual({ statement: COLLABORATIVE_AIM, isDefault: true, targetPercent: 70, targetDate: null });

    // Adding to a diagram that has boxes: the file's boxes follow them in each column.
    const existing = await newTeam();
    const own = await diagrams.addBox(existing.lead, existing.id, { kind: "PRIMARY", text: "Our own driver" });
    await diagrams.importDiagram(existing.lead, existing.id, file, diagrams.importOptions({ mode: "add" }));
    const merged = await diagramOf(existing.id);
    expect(merged.primary.map((n) => [n.text, n.position])).toEqual([
      ["Our own driver", 0],
      ["Staff know how to respond to a disclosure", 1],
      ["Service users feel able to speak up", 2],
    ]);
    expect(merged.primary[0]!.id).toBe(own.id);
    expect(merged.changeIdeas.map((c) => c.status)).toEqual(["IDEA", "IDEA"]);
  });

  it("replaces a diagram, unless the team has PDSA cycles", async () => {
    const source = await newTeam();
    await sampleDiagram(source.lead, source.id);
    const file = await diagrams.exportDiagram(source.lead, source.id);

    const team = await newTeam();
    const old = await diagrams.addBox(team.lead, team.id, { kind: "PRIMARY", text: "Old driver" });
    const oldS = await diagrams.addBox(team.lead, team.id, { kind: "SECONDARY", text: "Old secondary", parentIds: [old.id] });
    const oldC = await diagrams.addBox(team.lead, team.id, { kind: "CHANGE_IDEA", text: "Old idea", parentIds: [oldS.id] });
    await diagrams.importDiagram(team.lead, team.id, file, diagrams.importOptions({ mode: "replace" }));
    const replaced = await diagramOf(team.id);
    expect(shape(replaced)).toEqual(shape(await diagramOf(source.id)));
    expect(await prisma.driverBox.count({ where: { id: { in: [old.id, oldS.id, oldC.id] } } })).toBe(0);

    // With a PDSA cycle on one of its ideas, the team's record of tests stays.
    await pdsa.createCycle(team.lead, team.id, { changeIdeaId: replaced.changeIdeas[0]!.id, startDate: "2026-03-02", planWhat: "Try it", prediction: "It helps" });
    const before = await written();
    const refused = await outcome(diagrams.importDiagram(team.lead, team.id, file, diagrams.importOptions({ mode: "replace" })));
    expect(refused).toMatchObject({ status: 400, fields: { mode: expect.stringContaining("1 PDSA cycle") } });
    expect(await written()).toEqual(before);
  });

  it("refuses a file that is not a valid diagram with 400 and creates nothing", async () => {
    const source = await newTeam();
    await sampleDiagram(source.lead, source.id);
    const file = await diagrams.exportDiagram(source.lead, source.id);
    const team = await newTeam();
    const before = await written();

    // A change idea linked to a secondary driver the file does not have: nothing at all is added,
    // not even the valid boxes before it.
    const dangling = { ...file, changeIdeas: [...file.changeIdeas, { id: "C3", text: "Orphan", status: "idea", secondaryDrivers: ["S9"] }] };
    const result = await outcome(diagrams.importDiagram(team.lead, team.id, dangling, diagrams.importOptions({})));
    expect(result.status).toBe(400);
    expect(result.fields).toEqual({ "file.changeIdeas.2.secondaryDrivers": '"S9" is not a secondary driver in this file' });
    expect(await written()).toEqual(before);

    const duplicate = { ...file, secondaryDrivers: [...file.secondaryDrivers, { id: "P1", text: "Twin", primaryDrivers: ["P1"] }] };
    expect((await outcome(diagrams.importDiagram(team.lead, team.id, duplicate, diagrams.importOptions({})))).fields).toHaveProperty(["file.secondaryDrivers.2.id"]);
    const unlinked = { ...file, secondaryDrivers: [{ id: "S1", text: "Alone", primaryDrivers: [] }], changeIdeas: [] };
    expect((await outcome(diagrams.importDiagram(team.lead, team.id, unlinked, diagrams.importOptions({})))).fields).toHaveProperty(["file.secondaryDrivers.0.primaryDrivers"]);

    // A file that would take a column past its limit.
    await prisma.driverBox.createMany({ data: Array.from({ length: 19 }, (_, i) => ({ teamId: team.id, kind: "PRIMARY" as const, text: `Driver ${i}`, position: i })) });
    const full = await written();
    const tooBig = await outcome(diagrams.importDiagram(team.lead, team.id, file, diagrams.importOptions({})));
    expect(tooBig).toMatchObject({ status: 400, fields: { file: expect.stringContaining("21 primary drivers") } });
    expect(await written()).toEqual(full);
  });

  it("reads a file's text, naming what is wrong with it", async () => {
    expect(await outcome(() => diagrams.parseDiagramFile("primary drivers: staff"))).toEqual({ status: 400, fields: { file: "This file is not JSON" } });
    expect(await outcome(() => diagrams.parseDiagramFile(""))).toMatchObject({ status: 400, fields: { file: expect.any(String) } });
    const notOurs = await outcome(() => diagrams.parseDiagramFile(JSON.stringify({ format: "something-else", version: 1, primaryDrivers: [], secondaryDrivers: [], changeIdeas: [] })));
    expect(Object.keys(notOurs.fields ?? {})).toEqual(["file.format"]);
    const laterVersion = await outcome(() => diagrams.parseDiagramFile(JSON.stringify({ format: "wardsafe-driver-diagram", version: 2, primaryDrivers: [], secondaryDrivers: [], changeIdeas: [] })));
    expect(Object.keys(laterVersion.fields ?? {})).toEqual(["file.version"]);
    const parsed = diagrams.parseDiagramFile(
      JSON.stringify({ format: "wardsafe-driver-diagram", version: 1, primaryDrivers: [{ id: "P1", text: " Staff " }], secondaryDrivers: [], changeIdeas: [] }),
    );
    expect(parsed.primaryDrivers).toEqual([{ id: "P1", text: "Staff" }]);

    expect(diagrams.importOptions({})).toEqual({ mode: "add", keepStatuses: false, takeAim: false });
    expect(diagrams.importOptions({ mode: "replace", keepStatuses: "1", takeAim: true })).toEqual({ mode: "replace", keepStatuses: true, takeAim: true });
    expect(diagrams.importOptions({ keepStatuses: "off", takeAim: "false" })).toMatchObject({ keepStatuses: false, takeAim: false });
    expect(await outcome(() => diagrams.importOptions({ mode: "merge" }))).toEqual({ status: 400, fields: { mode: "Choose add or replace" } });
  });
});
