import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import type { CycleView } from "@/lib/improvement/pdsa-service";
import { newWardCode } from "@/lib/survey/ward-code";
import { actorOf, outcome } from "../helpers/outcome";
import { createUser } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// PDSA cycles (lib/improvement/pdsa-service), the module the cycle pages' server actions and the
// API call, on the real PostgreSQL: who may record them, the rules for their fields, their numbers,
// what an act decision does to the change idea, and which cycles each run chart shows. Errors are
// checked as the HTTP status the app maps them to (lib/http/errors errorResponse), and each refusal
// writes nothing, not a cycle, a status or an audit event.

process.env.DATABASE_URL = inject("databaseUrl");
const pdsa = await import("@/lib/improvement/pdsa-service");
const diagrams = await import("@/lib/improvement/diagram-service");
const { chartView, runChart } = await import("@/lib/charts/run-chart-service");
const { chartOptionsSchema, runChartQuerySchema } = await import("@/lib/charts/query");
const { db } = await import("@/lib/db/client");

let prisma: PrismaClient;
const f = {} as { coach: Actor; admin: Actor };

/** Everything a change to a cycle could write, including the change ideas' statuses. */
async function written() {
  return {
    cycles: await prisma.pdsaCycle.findMany({ orderBy: { id: "asc" } }),
    statuses: await prisma.driverBox.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    audits: await prisma.auditEvent.count(),
  };
}

/**
 * A project team with two wards, a lead, and a small driver diagram: one primary driver, one
 * secondary driver and two change ideas.
 */
async function newTeam() {
  const { trust, team, ward } = await createWard(prisma, { withTeam: true, name: `Maple ${process.pid}-${Date.now()}-${Math.random()}` });
  const second = await prisma.ward.create({ data: { name: `Oak ${process.pid}-${Date.now()}-${Math.random()}`, trustId: trust.id, teamId: team!.id, surveyCode: newWardCode() } });
  const lead = actorOf(await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] }), [team!.id]);
  const primary = await diagrams.addBox(lead, team!.id, { kind: "PRIMARY", text: "Staff know how to respond" });
  const secondary = await diagrams.addBox(lead, team!.id, { kind: "SECONDARY", text: "Training on responding", parentIds: [primary.id] });
  const huddles = await diagrams.addBox(lead, team!.id, { kind: "CHANGE_IDEA", text: "Daily safety huddles", parentIds: [secondary.id] });
  const locks = await diagrams.addBox(lead, team!.id, { kind: "CHANGE_IDEA", text: "Locks on bedroom doors", parentIds: [secondary.id] });
  return { id: team!.id, name: team!.name, trustName: trust.name, lead, wards: [ward, second] as const, primary, secondary, huddles, locks };
}

/** A new cycle's plan, as the form sends it. */
const plan = (changeIdeaId: string, extra: Record<string, unknown> = {}) => ({
  changeIdeaId,
  startDate: "2026-03-02",
  planWhat: "A huddle at the start of the early shift",
  prediction: "Staff will attend on four days out of five",
  ...extra,
});

/** The whole cycle as the edit form sends it back, with some fields changed. */
const edited = (cycle: CycleView, changes: Record<string, unknown>) => ({
  wardId: cycle.ward?.id ?? "",
  startDate: cycle.startDate,
  endDate: cycle.endDate ?? "",
  planWhat: cycle.planWhat,
  planWho: cycle.planWho,
  planWhere: cycle.planWhere,
  prediction: cycle.prediction,
  doNotes: cycle.doNotes,
  studyNotes: cycle.studyNotes,
  actDecision: cycle.actDecision ?? "",
  actNotes: cycle.actNotes,
  ...changes,
});

const statusOf = async (id: string) => (await prisma.driverBox.findUniqueOrThrow({ where: { id } })).status;

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  f.coach = actorOf(await createUser(prisma, { role: "QI_COACH" }));
  f.admin = actorOf(await createUser(prisma, { role: "ADMIN" }));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db().$disconnect();
});

describe("who may read and record PDSA cycles", () => {
  it("a project lead records, edits and deletes their own team's cycles, each audited", async () => {
    const a = await newTeam();
    const created = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { wardId: a.wards[0].id, planWho: " Ward manager ", planWhere: "Day room" }));
    expect(created).toEqual({
      id: expect.any(String),
      number: 1,
      team: { id: a.id, name: a.name, trustName: a.trustName },
      changeIdea: { id: a.huddles.id, text: "Daily safety huddles", status: "TESTING" },
      ward: { id: a.wards[0].id, name: a.wards[0].name },
      startDate: "2026-03-02",
      endDate: null,
      planWhat: "A huddle at the start of the early shift",
      planWho: "Ward manager",
      planWhere: "Day room",
      prediction: "Staff will attend on four days out of five",
      doNotes: "",
      studyNotes: "",
      actDecision: null,
      actNotes: "",
      stage: expect.any(String),
    });
    const row = await prisma.pdsaCycle.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ teamId: a.id, changeIdeaId: a.huddles.id, wardId: a.wards[0].id, createdById: a.lead.id });

    const updated = await pdsa.updateCycle(a.lead, created.id, edited(created, { wardId: "", endDate: "2026-03-27", doNotes: "Held on 18 of 20 days", studyNotes: "Attendance beat the prediction" }));
    expect(updated).toMatchObject({ id: created.id, number: 1, ward: null, endDate: "2026-03-27", doNotes: "Held on 18 of 20 days", actDecision: null });
    expect((await pdsa.cycleDetail(a.lead, created.id)).canEdit).toBe(true);
    expect((await pdsa.teamCycles(a.lead, a.id)).map((c) => c.id)).toEqual([created.id]);

    expect(await pdsa.deleteCycle(a.lead, created.id)).toEqual({ teamId: a.id });
    expect(await prisma.pdsaCycle.findUnique({ where: { id: created.id } })).toBeNull();

    const audit = await prisma.auditEvent.findMany({ where: { entityType: "pdsa-cycle", entityId: created.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["pdsa-cycle.create", a.lead.id],
      ["pdsa-cycle.update", a.lead.id],
      ["pdsa-cycle.delete", a.lead.id],
    ]);
    expect(audit[0]!.after).toMatchObject({ teamId: a.id, changeIdeaId: a.huddles.id, wardId: a.wards[0].id, number: 1, startDate: "2026-03-02" });
    expect(audit[1]!.before).toMatchObject({ wardId: a.wards[0].id, endDate: null, doNotes: "" });
    expect(audit[1]!.after).toMatchObject({ wardId: null, endDate: "2026-03-27", doNotes: "Held on 18 of 20 days" });
    expect(audit[2]!.before).toMatchObject({ id: created.id, changeIdeaId: a.huddles.id, endDate: "2026-03-27" });
    // The idea's move to "testing" is audited on the idea.
    const ideaAudit = await prisma.auditEvent.findMany({ where: { entityId: a.huddles.id, action: "driver-box.update" } });
    expect(ideaAudit.map((e) => [e.before, e.after])).toEqual([[{ status: "IDEA" }, { status: "TESTING" }]]);
  });

  it("answers 404 to a project lead for another team's cycles, and writes nothing", async () => {
    const a = await newTeam();
    const b = await newTeam();
    const theirs = await pdsa.createCycle(b.lead, b.id, plan(b.huddles.id));
    const before = await written();
    const refused = {
      teamCycles: await outcome(pdsa.teamCycles(a.lead, b.id)),
      cycleDetail: await outcome(pdsa.cycleDetail(a.lead, theirs.id)),
      createCycle: await outcome(pdsa.createCycle(a.lead, b.id, plan(b.huddles.id))),
      updateCycle: await outcome(pdsa.updateCycle(a.lead, theirs.id, edited(theirs, { planWhat: "Ours now" }))),
      deleteCycle: await outcome(pdsa.deleteCycle(a.lead, theirs.id)),
      unknownCycle: await outcome(pdsa.updateCycle(a.lead, "no-such-cycle", edited(theirs, {}))),
      unknownTeam: await outcome(pdsa.createCycle(a.lead, "no-such-team", plan(a.huddles.id))),
    };
    expect(Object.values(refused).map((r) => r.status)).toEqual(Object.values(refused).map(() => 404));
    expect(await written()).toEqual(before);
  });

  it("lets a QI coach read every team's cycles but refuses every change with 403, writing nothing", async () => {
    const a = await newTeam();
    const b = await newTeam();
    const ours = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id));
    const theirs = await pdsa.createCycle(b.lead, b.id, plan(b.locks.id));
    expect((await pdsa.teamCycles(f.coach, a.id)).map((c) => c.id)).toEqual([ours.id]);
    expect((await pdsa.teamCycles(f.coach, b.id)).map((c) => c.id)).toEqual([theirs.id]);
    const detail = await pdsa.cycleDetail(f.coach, theirs.id);
    expect(detail).toMatchObject({ id: theirs.id, canEdit: false, changeIdea: { text: "Locks on bedroom doors" } });

    const before = await written();
    const refused = [
      await outcome(pdsa.createCycle(f.coach, a.id, plan(a.huddles.id))),
      await outcome(pdsa.updateCycle(f.coach, ours.id, edited(ours, { endDate: "2026-03-20", actDecision: "ADOPT" }))),
      await outcome(pdsa.deleteCycle(f.coach, theirs.id)),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(await written()).toEqual(before);
  });

  it("lets an admin record cycles for any team", async () => {
    const b = await newTeam();
    const cycle = await pdsa.createCycle(f.admin, b.id, plan(b.locks.id, { wardId: b.wards[1].id }));
    expect(cycle).toMatchObject({ number: 1, team: { id: b.id }, ward: { id: b.wards[1].id } });
    expect((await pdsa.cycleDetail(f.admin, cycle.id)).canEdit).toBe(true);
    await pdsa.updateCycle(f.admin, cycle.id, edited(cycle, { endDate: "2026-03-20", actDecision: "ADOPT" }));
    expect(await statusOf(b.locks.id)).toBe("ADOPTED");
    await pdsa.deleteCycle(f.admin, cycle.id);
    expect(await prisma.pdsaCycle.count({ where: { teamId: b.id } })).toBe(0);
  });

  it("lists the change ideas across teams: a project lead's own teams', every team's for a coach", async () => {
    const a = await newTeam();
    const b = await newTeam();
    await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { endDate: "2026-03-13", actDecision: "ADAPT" }));
    const second = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate: "2026-03-16" }));

    const forLead = await pdsa.changeIdeasAcrossTeams(a.lead);
    expect(new Set(forLead.map((i) => i.team.id))).toEqual(new Set([a.id]));
    expect(forLead).toEqual([
      {
        id: a.huddles.id,
        text: "Daily safety huddles",
        status: "TESTING",
        team: { id: a.id, name: a.name, trustName: a.trustName },
        secondaryDrivers: ["Training on responding"],
        cycles: 2,
        latestCycle: { id: second.id, number: 2, startDate: "2026-03-16", endDate: null, decision: null },
      },
      {
        id: a.locks.id,
        text: "Locks on bedroom doors",
        status: "IDEA",
        team: { id: a.id, name: a.name, trustName: a.trustName },
        secondaryDrivers: ["Training on responding"],
        cycles: 0,
        latestCycle: null,
      },
    ]);

    const forCoach = await pdsa.changeIdeasAcrossTeams(f.coach);
    const ids = forCoach.map((i) => i.id);
    for (const idea of [a.huddles, a.locks, b.huddles, b.locks]) expect(ids).toContain(idea.id);
    expect(forCoach.find((i) => i.id === a.huddles.id)).toEqual(forLead[0]);
    // Only change ideas, never drivers.
    expect(ids).not.toContain(a.secondary.id);
    expect(ids).not.toContain(a.primary.id);
    // A lead of another team sees none of these.
    const bIds = (await pdsa.changeIdeasAcrossTeams(b.lead)).map((i) => i.id);
    expect(bIds.sort()).toEqual([b.huddles.id, b.locks.id].sort());
  });
});

describe("a cycle's rules", () => {
  it("refuses dates out of order, a decision without an end, and missing or bad fields, naming the field and writing nothing", async () => {
    const a = await newTeam();
    const existing = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id));
    const before = await written();
    // Called one at a time, so each refusal is checked against an unchanged database.
    const cases: [string, () => Promise<unknown>, string][] = [
      ["end before start", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { endDate: "2026-03-01" })), "endDate"],
      ["a decision without an end date", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { actDecision: "ADOPT" })), "endDate"],
      ["an update ending before it starts", () => pdsa.updateCycle(a.lead, existing.id, edited(existing, { endDate: "2026-02-27" })), "endDate"],
      ["an update deciding without an end", () => pdsa.updateCycle(a.lead, existing.id, edited(existing, { actDecision: "ABANDON" })), "endDate"],
      ["an unknown decision", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { endDate: "2026-03-20", actDecision: "KEEP" })), "actDecision"],
      ["no plan", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { planWhat: "  " })), "planWhat"],
      ["no prediction", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { prediction: undefined })), "prediction"],
      ["an impossible start date", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { startDate: "2026-02-30" })), "startDate"],
      ["a start date in another format", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { startDate: "02/03/2026" })), "startDate"],
      ["notes that are too long", () => pdsa.updateCycle(a.lead, existing.id, edited(existing, { doNotes: "x".repeat(4001) })), "doNotes"],
      ["a who that is too long", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { planWho: "x".repeat(301) })), "planWho"],
      ["no change idea", () => pdsa.createCycle(a.lead, a.id, plan("")), "changeIdeaId"],
    ];
    for (const [label, call, field] of cases) {
      const result = await outcome(call);
      expect(result.status, label).toBe(400);
      expect(Object.keys(result.fields ?? {}), label).toEqual([field]);
    }
    expect(await written()).toEqual(before);
  });

  it("refuses a change idea or ward that is not the team's, naming the field and writing nothing", async () => {
    const a = await newTeam();
    const b = await newTeam();
    const existing = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id));
    const before = await written();
    const cases: [string, () => Promise<unknown>, string][] = [
      ["another team's change idea", () => pdsa.createCycle(a.lead, a.id, plan(b.huddles.id)), "changeIdeaId"],
      ["a secondary driver", () => pdsa.createCycle(a.lead, a.id, plan(a.secondary.id)), "changeIdeaId"],
      ["a primary driver", () => pdsa.createCycle(a.lead, a.id, plan(a.primary.id)), "changeIdeaId"],
      ["an unknown id", () => pdsa.createCycle(a.lead, a.id, plan("no-such-idea")), "changeIdeaId"],
      ["another team's ward", () => pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { wardId: b.wards[0].id })), "wardId"],
      // On an idea not yet tested: the refusal must not leave it marked "testing".
      ["another team's ward for a new idea", () => pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { wardId: b.wards[0].id })), "wardId"],
      ["an unknown ward", () => pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { wardId: "no-such-ward" })), "wardId"],
      ["moving a cycle to another team's ward", () => pdsa.updateCycle(a.lead, existing.id, edited(existing, { wardId: b.wards[1].id })), "wardId"],
      // An admin may edit both teams, but a cycle still tests one team's idea on that team's wards.
      ["an admin mixing teams", () => pdsa.createCycle(f.admin, a.id, plan(b.locks.id)), "changeIdeaId"],
    ];
    for (const [label, call, field] of cases) {
      const result = await outcome(call);
      expect(result.status, label).toBe(400);
      expect(Object.keys(result.fields ?? {}), label).toEqual([field]);
    }
    expect(await written()).toEqual(before);
    expect(await statusOf(b.huddles.id)).toBe("IDEA");
  });
});

describe("numbers, stages and the change idea's status", () => {
  it("numbers cycles 1, 2, 3 through the team, whatever their change idea, also when they are recorded at the same moment", async () => {
    const a = await newTeam();
    const numbers = [];
    for (const startDate of ["2026-01-05", "2026-02-02", "2026-03-02"]) numbers.push((await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate }))).number);
    expect(numbers).toEqual([1, 2, 3]);
    // Another idea goes on from the team's numbers (one "PDSA 4" on the team's charts), and
    // deleting a cycle does not renumber the others.
    expect((await pdsa.createCycle(a.lead, a.id, plan(a.locks.id))).number).toBe(4);
    const second = (await pdsa.teamCycles(a.lead, a.id)).find((c) => c.number === 2)!;
    await pdsa.deleteCycle(a.lead, second.id);
    expect((await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id))).number).toBe(5);

    const b = await newTeam();
    const together = await Promise.all([1, 2, 3, 4].map((i) => pdsa.createCycle(b.lead, b.id, plan(b.huddles.id, { planWhat: `Test ${i}` }))));
    expect(together.map((c) => c.number).sort()).toEqual([1, 2, 3, 4]);
    const rows = await prisma.pdsaCycle.findMany({ where: { changeIdeaId: b.huddles.id }, orderBy: { number: "asc" } });
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    // The idea moved to "testing" once, not four times.
    expect(await prisma.auditEvent.count({ where: { entityId: b.huddles.id, action: "driver-box.update" } })).toBe(1);
  });

  it("lists a team's cycles newest first, each with its stage", async () => {
    const a = await newTeam();
    const done = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate: "2020-01-06", endDate: "2020-01-31", actDecision: "ADAPT" }));
    const ended = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate: "2020-02-03", endDate: "2020-02-28" }));
    const running = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate: "2020-03-02" }));
    const planned = await pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { startDate: "2099-01-05" }));
    const listed = await pdsa.teamCycles(a.lead, a.id);
    expect(listed.map((c) => [c.id, c.stage])).toEqual([
      [planned.id, "planned"],
      [running.id, "doing"],
      [ended.id, "study"],
      [done.id, "decided"],
    ]);
  });

  it("moves an idea to testing when a cycle starts, and to adopted, adapted or abandoned by the act decision", async () => {
    const a = await newTeam();
    expect(await statusOf(a.huddles.id)).toBe("IDEA");
    const first = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id));
    expect([first.changeIdea.status, await statusOf(a.huddles.id)]).toEqual(["TESTING", "TESTING"]);

    const adapted = await pdsa.updateCycle(a.lead, first.id, edited(first, { endDate: "2026-03-27", actDecision: "ADAPT", actNotes: "Move it to the late shift" }));
    expect([adapted.changeIdea.status, await statusOf(a.huddles.id)]).toEqual(["ADAPTED", "ADAPTED"]);
    // The next cycle on an adapted idea tests it again.
    const next = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate: "2026-03-30" }));
    expect(await statusOf(a.huddles.id)).toBe("TESTING");
    await pdsa.updateCycle(a.lead, next.id, edited(next, { endDate: "2026-04-24", actDecision: "ADOPT" }));
    expect(await statusOf(a.huddles.id)).toBe("ADOPTED");
    // Saving the cycle again without changing the decision leaves a status set since by hand.
    await diagrams.changeBox(a.lead, a.huddles.id, { status: "TESTING" });
    await pdsa.updateCycle(a.lead, next.id, edited(next, { endDate: "2026-04-24", actDecision: "ADOPT", studyNotes: "Added later" }));
    expect(await statusOf(a.huddles.id)).toBe("TESTING");

    // A cycle recorded after the fact, already decided.
    const abandoned = await pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { endDate: "2026-03-13", actDecision: "ABANDON" }));
    expect([abandoned.changeIdea.status, await statusOf(a.locks.id)]).toEqual(["ABANDONED", "ABANDONED"]);

    const audit = await prisma.auditEvent.findMany({ where: { entityId: a.huddles.id, action: "driver-box.update" }, orderBy: { at: "asc" } });
    expect(audit.map((e) => (e.after as { status: string }).status)).toEqual(["TESTING", "ADAPTED", "TESTING", "ADOPTED", "TESTING"]);
    const cycleAudit = await prisma.auditEvent.findMany({ where: { entityId: next.id }, orderBy: { at: "asc" } });
    expect(cycleAudit.map((e) => e.action)).toEqual(["pdsa-cycle.create", "pdsa-cycle.update", "pdsa-cycle.update"]);
    expect(cycleAudit[1]!.before).toMatchObject({ actDecision: null, endDate: null });
    expect(cycleAudit[1]!.after).toMatchObject({ actDecision: "ADOPT", endDate: "2026-04-24" });
  });

  it("leaves an adopted idea adopted when another cycle starts on it", async () => {
    const a = await newTeam();
    await diagrams.changeBox(a.lead, a.locks.id, { status: "ADOPTED" });
    await pdsa.createCycle(a.lead, a.id, plan(a.locks.id));
    expect(await statusOf(a.locks.id)).toBe("ADOPTED");
  });
});

describe("cycles on the run charts", () => {
  /**
   * Three cycles on team A: January on the first ward, February on the second ward, and one on
   * all wards from March with no end yet; and one on team B, which A's charts never show.
   */
  async function chartFixture() {
    const a = await newTeam();
    const b = await newTeam();
    const january = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate: "2026-01-05", endDate: "2026-01-30", wardId: a.wards[0].id }));
    const february = await pdsa.createCycle(a.lead, a.id, plan(a.huddles.id, { startDate: "2026-02-02", endDate: "2026-02-27", wardId: a.wards[1].id, actDecision: "ADOPT" }));
    const march = await pdsa.createCycle(a.lead, a.id, plan(a.locks.id, { startDate: "2026-03-02" }));
    const elsewhere = await pdsa.createCycle(b.lead, b.id, plan(b.huddles.id, { startDate: "2026-01-05" }));
    return { a, b, january, february, march, elsewhere };
  }

  const ids = (cycles: { id: string }[]) => cycles.map((c) => c.id);

  it("shows all the team's cycles on its chart, and on a ward's chart that ward's and the team-wide ones", async () => {
    const { a, january, february, march } = await chartFixture();
    const team = await pdsa.cyclesOnChart({ teamId: a.id }, null, null);
    expect(team).toEqual([
      { id: january.id, teamId: a.id, number: 1, changeIdea: "Daily safety huddles", start: "2026-01-05", end: "2026-01-30", decision: null, ward: a.wards[0].name },
      { id: february.id, teamId: a.id, number: 2, changeIdea: "Daily safety huddles", start: "2026-02-02", end: "2026-02-27", decision: "ADOPT", ward: a.wards[1].name },
      { id: march.id, teamId: a.id, number: 3, changeIdea: "Locks on bedroom doors", start: "2026-03-02", end: null, decision: null, ward: null },
    ]);
    expect(ids(await pdsa.cyclesOnChart({ wardId: a.wards[0].id, teamId: a.id }, null, null))).toEqual([january.id, march.id]);
    expect(ids(await pdsa.cyclesOnChart({ wardId: a.wards[1].id, teamId: a.id }, null, null))).toEqual([february.id, march.id]);
  });

  it("shows the cycles that overlap the chart's dates, an unfinished one in any later range", async () => {
    const { a, january, february, march } = await chartFixture();
    const between = (from: string | null, to: string | null) => pdsa.cyclesOnChart({ teamId: a.id }, from, to).then(ids);
    expect(await between("2026-04-01", null)).toEqual([march.id]);
    expect(await between("2027-06-01", "2027-12-31")).toEqual([march.id]);
    expect(await between(null, "2026-01-31")).toEqual([january.id]);
    // Both ends count: a cycle ending on `from` or starting on `to` is in the range.
    expect(await between("2026-01-30", "2026-02-02")).toEqual([january.id, february.id]);
    expect(await between("2026-01-31", "2026-02-01")).toEqual([]);
    expect(await between("2026-02-15", "2026-03-02")).toEqual([february.id, march.id]);
    expect(await between(null, "2025-12-31")).toEqual([]);
  });

  it("puts the cycles in the run chart's answer for the team's and wards' charts, within from and to", async () => {
    const { a, b, january, february, march, elsewhere } = await chartFixture();
    const chart = (actor: Actor, scope: string, range: { from?: string; to?: string } = {}) => runChart(actor, runChartQuerySchema.parse({ scope, ...range }));

    const team = await chart(a.lead, `team:${a.id}`);
    expect(team.cycles).toEqual(await pdsa.cyclesOnChart({ teamId: a.id }, null, null));
    expect(ids(team.cycles)).toEqual([january.id, february.id, march.id]);
    expect(ids((await chart(a.lead, `ward:${a.wards[0].surveyCode}`)).cycles)).toEqual([january.id, march.id]);
    expect(ids((await chart(f.coach, `ward:${a.wards[1].surveyCode}`)).cycles)).toEqual([february.id, march.id]);
    expect(ids((await chart(a.lead, `team:${a.id}`, { from: "2026-04-06" })).cycles)).toEqual([march.id]);
    expect(ids((await chart(a.lead, `team:${a.id}`, { from: "2026-01-01", to: "2026-01-31" })).cycles)).toEqual([january.id]);
    expect(ids((await chart(f.coach, `team:${b.id}`)).cycles)).toEqual([elsewhere.id]);
    // Trust charts and the whole collaborative have no team, so no cycles.
    const trustId = (await prisma.ward.findUniqueOrThrow({ where: { id: a.wards[0].id } })).trustId;
    expect((await chart(f.coach, `trust:${trustId}`)).cycles).toEqual([]);
    expect((await chart(f.coach, "all")).cycles).toEqual([]);
    // Another team's chart is still not found to the lead, cycles and all.
    expect((await outcome(chart(a.lead, `team:${b.id}`))).status).toBe(404);

    // The pages' chartView answers the same: January ran on the other ward, so the second ward's
    // chart has no cycle before February.
    const chartTo = async (to: string) => ids((await chartView(a.lead, { kind: "ward", wardId: a.wards[1].id }, chartOptionsSchema.parse({ to }))).answer.cycles);
    expect(await chartTo("2026-02-01")).toEqual([]);
    expect(await chartTo("2026-02-10")).toEqual([february.id]);
  });
});
