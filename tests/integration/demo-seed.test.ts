import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { seedDemoCollaborative } from "@/lib/db/seed";
import { buildDiagram, checkBox, type DiagramBox } from "@/lib/improvement/driver-diagram";
import { cycleSchema } from "@/lib/improvement/pdsa";
import { freshDatabase, type ThrowawayDatabase } from "../../scripts/support/db";
import { testPrisma } from "../../scripts/support/prisma";

// The demo collaborative that `npm start` shows a first-time user: its first team's driver diagram
// and PDSA cycles must obey the same rules a team's own would (the seed writes them directly, not
// through the services), and the cycles must fall inside the demo's year of responses so they
// show on its run charts.

let db: ThrowawayDatabase;
let prisma: PrismaClient;
const TODAY = new Date("2026-11-26T12:00:00Z");

beforeAll(async () => {
  db = await freshDatabase();
  prisma = testPrisma(db.url);
  await seedDemoCollaborative(prisma, { weeks: 52, today: TODAY });
}, 180_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.cleanup();
});

describe("the demo collaborative's Model for Improvement", () => {
  it("gives the first team a diagram every box of which passes the diagram's own rules", async () => {
    const team = await prisma.projectTeam.findFirstOrThrow({ where: { name: "Northbrook Acute Wards" } });
    const rows = await prisma.driverBox.findMany({ where: { teamId: team.id }, include: { parentLinks: true } });
    const boxes: DiagramBox[] = rows.map((r) => ({ id: r.id, kind: r.kind, text: r.text, position: r.position, status: r.status, parentIds: r.parentLinks.map((l) => l.parentId) }));
    const diagram = buildDiagram(boxes);
    expect([diagram.primary.length, diagram.secondary.length, diagram.changeIdeas.length]).toEqual([3, 5, 5]);
    for (const box of boxes) expect(checkBox(diagram, box), box.text).toEqual({});
    expect(new Set(diagram.changeIdeas.map((c) => c.status))).toEqual(new Set(["ADOPTED", "TESTING", "IDEA", "ABANDONED"]));
    expect(team.targetPercent).toBe(90);
    expect(team.targetDate?.toISOString().slice(0, 10)).toBe("2027-05-27");
  });

  it("gives it PDSA cycles that pass the cycle rules, numbered once through the team in the order they started, inside the year of responses", async () => {
    const team = await prisma.projectTeam.findFirstOrThrow({ where: { name: "Northbrook Acute Wards" } });
    const cycles = await prisma.pdsaCycle.findMany({ where: { teamId: team.id }, include: { changeIdea: true }, orderBy: [{ changeIdeaId: "asc" }, { number: "asc" }] });
    expect(cycles).toHaveLength(4);
    const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
    const first = await prisma.surveyResponse.aggregate({ where: { ward: { teamId: team.id } }, _min: { submittedOn: true }, _max: { submittedOn: true } });
    for (const c of cycles) {
      expect(c.changeIdea.kind).toBe("CHANGE_IDEA");
      const checked = cycleSchema.safeParse({ ...c, startDate: iso(c.startDate), endDate: iso(c.endDate), wardId: c.wardId });
      expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
      expect(c.startDate >= first._min.submittedOn!).toBe(true);
      expect((c.endDate ?? c.startDate) <= first._max.submittedOn!).toBe(true);
    }
    const byStart = [...cycles].sort((x, y) => x.startDate.getTime() - y.startDate.getTime());
    expect(byStart.map((c) => c.number)).toEqual([1, 2, 3, 4]);
  });
});

describe("the demo wards' dates", () => {
  it("dates every demo ward from its first answer, so a paper tally for any date its chart shows is accepted", async () => {
    const { readTally, TALLY_CELLS } = await import("@/lib/paper/tally");
    const { londonDateOf } = await import("@/lib/survey/london-date");
    const wards = await prisma.ward.findMany({ select: { name: true, createdAt: true, responses: { orderBy: { submittedOn: "asc" }, take: 1, select: { submittedOn: true } } } });
    expect(wards.length).toBeGreaterThan(0);
    for (const ward of wards) {
      const first = ward.responses[0]!.submittedOn.toISOString().slice(0, 10);
      expect(londonDateOf(ward.createdAt) <= first, ward.name).toBe(true);
      const tally = readTally(
        { collectedOn: first, ...Object.fromEntries(TALLY_CELLS.map((cell) => [cell.key, "1"])) },
        { today: londonDateOf(TODAY), wardSince: londonDateOf(ward.createdAt) },
      );
      expect(tally, ward.name).toMatchObject({ ok: true });
    }
  });
});

describe("the demo's held answers", () => {
  it("holds 8 answers on Willow Ward two days before today, and on no other ward", async () => {
    const held = await prisma.heldResponse.groupBy({ by: ["wardId", "submittedOn"], _count: { _all: true } });
    expect(held).toHaveLength(1);
    const ward = await prisma.ward.findUniqueOrThrow({ where: { id: held[0]!.wardId } });
    expect(ward.name).toBe("Willow Ward");
    expect(held[0]!.submittedOn.toISOString().slice(0, 10)).toBe("2026-11-24");
    expect(held[0]!._count._all).toBe(8);
  });

  it("offers the survey in Welsh, Polish, Urdu and Arabic, and no other language, with Oak Lodge in easy read", async () => {
    const languages = await prisma.surveyLanguage.findMany({ where: { enabled: true }, orderBy: { code: "asc" } });
    expect(languages.map((l) => l.code)).toEqual(["ar", "cy", "pl", "ur"]);
    expect(languages.every((l) => l.checkedTexts === null)).toBe(true);
    const easyRead = await prisma.ward.findMany({ where: { surveyFormat: "EASY_READ" }, select: { name: true } });
    expect(easyRead.map((w) => w.name)).toEqual(["Oak Lodge"]);
  });
});
