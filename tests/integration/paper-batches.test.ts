import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { TALLY_CELLS } from "@/lib/paper/tally";
import { actorOf, outcome } from "../helpers/outcome";
import { createUser } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { FORM_VERSION } from "@/lib/survey/instrument";

// Paper tally batches through lib/paper/service (what the page's server actions call) on the real
// PostgreSQL: stored as individual paper responses plus a batch record, validated, restricted to
// the ward's own project team and admins, and deletable as a whole within 30 days, all audited.
// Refusals are checked as the HTTP status the app maps them to (lib/http/errors errorResponse).

process.env.DATABASE_URL = inject("databaseUrl");
const paper = await import("@/lib/paper/service");

let prisma: PrismaClient;
const f = {} as { wardA: string; wardB: string; wardACreated: Date; lead: Actor; coach: Actor; admin: Actor };

const key = (respondent: string, felt: string, speak: string) => `count-${respondent}-${felt}-${speak}`;
const NOW = new Date("2026-03-10T12:00:00Z");

async function snapshot() {
  const [responses, batches, audits] = await Promise.all([prisma.surveyResponse.count(), prisma.paperBatch.count(), prisma.auditEvent.count()]);
  return { responses, batches, audits };
}

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  const a = await createWard(prisma, { withTeam: true });
  const b = await createWard(prisma, { withTeam: true });
  // The ward was set up in Wardsafe at the start of the year, so earlier dates are refused.
  f.wardACreated = new Date("2026-01-05T09:00:00Z");
  await prisma.ward.update({ where: { id: a.ward.id }, data: { createdAt: f.wardACreated } });
  await prisma.ward.update({ where: { id: b.ward.id }, data: { createdAt: f.wardACreated } });
  f.wardA = a.ward.id;
  f.wardB = b.ward.id;
  f.lead = actorOf(await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [a.team!.id] }), [a.team!.id]);
  f.coach = actorOf(await createUser(prisma, { role: "QI_COACH" }));
  f.admin = actorOf(await createUser(prisma, { role: "ADMIN" }));
});

afterAll(async () => {
  await prisma?.$disconnect();
});

describe("entering a paper batch", () => {
  it("stores one paper response per form, a batch record with totals, and an audit event", async () => {
    const counts = { [key("service_user", "yes", "yes")]: "4", [key("service_user", "no", "blank")]: "1", [key("staff", "yes", "no")]: " 2 " };
    const checked = await paper.checkPaperBatch(f.lead, f.wardA, { collectedOn: "2026-03-02", ...counts }, NOW);
    expect(checked).toMatchObject({ ok: true, batch: { totals: { all: { responses: 7, feltSafeYes: 6, speakUpAnswered: 6, speakUpYes: 4 } } } });

    const batch = await paper.createPaperBatch(f.lead, f.wardA, { collectedOn: "2026-03-02", formVersion: "original", ...counts }, NOW);
    expect(batch).toMatchObject({ wardId: f.wardA, responseCount: 7, serviceUserCount: 5, staffCount: 2, createdById: f.lead.id, formVersion: "original" });
    const rows = await prisma.surveyResponse.findMany({ where: { paperBatchId: batch.id } });
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row).toMatchObject({ wardId: f.wardA, source: "PAPER", submittedOn: new Date("2026-03-02T00:00:00Z"), importId: null, submissionKey: null });
    }
    const combos = rows.map((r) => `${r.respondent}/${r.feltSafe}/${r.ableToSpeakUp}`).sort();
    expect(combos).toEqual([
      "SERVICE_USER/false/null",
      "SERVICE_USER/true/true",
      "SERVICE_USER/true/true",
      "SERVICE_USER/true/true",
      "SERVICE_USER/true/true",
      "STAFF/true/false",
      "STAFF/true/false",
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "paper_batch.create", entityId: batch.id } });
    expect(audit).toMatchObject({ actorId: f.lead.id, actorEmail: f.lead.email, entityType: "paper_batch" });
    expect(audit.after).toMatchObject({ wardId: f.wardA, collectedOn: "2026-03-02", formVersion: "original", totals: { all: { responses: 7 } } });

    const list = await paper.listPaperBatches(f.lead, f.wardA, NOW);
    expect(list.find((b) => b.id === batch.id)).toMatchObject({ collectedOn: "2026-03-02", formVersion: "original", responses: 7, serviceUsers: 5, staff: 2, canDelete: true });
  });

  it("lets an admin enter a batch for any ward", async () => {
    const batch = await paper.createPaperBatch(f.admin, f.wardB, { collectedOn: "2026-03-01", [key("staff", "no", "no")]: "3" }, NOW);
    expect(batch.responseCount).toBe(3);
    expect(batch.formVersion).toBe(FORM_VERSION); // not said: the form Wardsafe prints now
  });

  const invalid: [string, Record<string, string>, string, RegExp][] = [
    ["a count over 500", { collectedOn: "2026-03-02", [key("staff", "yes", "yes")]: "501" }, key("staff", "yes", "yes"), /whole number from 0 to 500/],
    ["a negative count", { collectedOn: "2026-03-02", [key("staff", "yes", "yes")]: "-1" }, key("staff", "yes", "yes"), /whole number/],
    ["a fractional count", { collectedOn: "2026-03-02", [key("staff", "no", "yes")]: "1.5" }, key("staff", "no", "yes"), /whole number/],
    ["a count that is not a number", { collectedOn: "2026-03-02", [key("service_user", "no", "no")]: "five" }, key("service_user", "no", "no"), /whole number/],
    ["all counts zero", { collectedOn: "2026-03-02", [key("staff", "yes", "yes")]: "0" }, key("service_user", "yes", "yes"), /at least one count/],
    ["no counts at all", { collectedOn: "2026-03-02" }, key("service_user", "yes", "yes"), /at least one count/],
    ["a date in the future", { collectedOn: "2026-03-11", [key("staff", "yes", "yes")]: "1" }, "collectedOn", /cannot be in the future/],
    ["a date before the ward existed", { collectedOn: "2026-01-04", [key("staff", "yes", "yes")]: "1" }, "collectedOn", /before the ward was set up in Wardsafe \(2026-01-05\)/],
    ["a date that does not exist", { collectedOn: "2026-02-30", [key("staff", "yes", "yes")]: "1" }, "collectedOn", /real date/],
    ["no date", { [key("staff", "yes", "yes")]: "1" }, "collectedOn", /Enter the date/],
    ["a paper form version that does not exist", { collectedOn: "2026-03-02", formVersion: "2.0", [key("staff", "yes", "yes")]: "1" }, "formVersion", /Choose which paper form/],
  ];
  for (const [what, input, field, message] of invalid) {
    it(`refuses ${what} (400 naming the field), writing nothing`, async () => {
      const before = await snapshot();
      const result = await outcome(paper.createPaperBatch(f.lead, f.wardA, input, NOW));
      expect(result.status).toBe(400);
      expect(result.fields?.[field]).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("accepts the collection date on the day the ward was set up, and 500 in a box", async () => {
    const batch = await paper.createPaperBatch(f.lead, f.wardA, { collectedOn: "2026-01-05", [key("staff", "yes", "blank")]: "500" }, NOW);
    expect(batch.responseCount).toBe(500);
    expect(await prisma.surveyResponse.count({ where: { paperBatchId: batch.id } })).toBe(500);
  });

  it("refuses a project lead another team's ward (404) and a QI coach any ward (403), writing nothing", async () => {
    const before = await snapshot();
    const input = { collectedOn: "2026-03-02", [key("staff", "yes", "yes")]: "1" };
    expect((await outcome(paper.createPaperBatch(f.lead, f.wardB, input, NOW))).status).toBe(404);
    expect((await outcome(paper.createPaperBatch(f.coach, f.wardA, input, NOW))).status).toBe(403);
    expect((await outcome(paper.listPaperBatches(f.lead, f.wardB, NOW))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    // A coach may read the list, but may not delete.
    const list = await paper.listPaperBatches(f.coach, f.wardA, NOW);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((b) => !b.canDelete)).toBe(true);
  });

  it("has a box for every answer combination: 2 respondent types × felt safe yes/no × speak up yes/no/blank", () => {
    expect(TALLY_CELLS).toHaveLength(12);
    expect(new Set(TALLY_CELLS.map((c) => `${c.respondent}/${c.feltSafe}/${c.ableToSpeakUp}`)).size).toBe(12);
  });
});

describe("deleting a paper batch", () => {
  it("removes the batch and all its responses (and only them) within 30 days, with an audit event", async () => {
    const batch = await paper.createPaperBatch(f.lead, f.wardA, { collectedOn: "2026-03-03", [key("service_user", "yes", "no")]: "6" }, NOW);
    // An online response on the same ward and day is not part of the batch.
    await prisma.surveyResponse.create({ data: { wardId: f.wardA, respondent: "STAFF", feltSafe: true, submittedOn: new Date("2026-03-03T00:00:00Z") } });
    const before = await snapshot();

    const in29Days = new Date(batch.createdAt.getTime() + 29 * 86_400_000);
    expect(await paper.deletePaperBatch(f.lead, batch.id, in29Days)).toEqual({ wardId: f.wardA, responses: 6 });
    expect(await prisma.paperBatch.findUnique({ where: { id: batch.id } })).toBeNull();
    expect(await prisma.surveyResponse.count({ where: { paperBatchId: batch.id } })).toBe(0);
    expect(await snapshot()).toEqual({ responses: before.responses - 6, batches: before.batches - 1, audits: before.audits + 1 });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "paper_batch.delete", entityId: batch.id } });
    expect(audit).toMatchObject({ actorId: f.lead.id, entityType: "paper_batch" });
    expect(audit.before).toMatchObject({ wardId: f.wardA, collectedOn: "2026-03-03", responses: 6, enteredById: f.lead.id });

    expect((await outcome(paper.deletePaperBatch(f.lead, batch.id, in29Days))).status).toBe(404);
  });

  it("refuses after 30 days (400), and refuses a coach (403) and another team's lead (404), deleting nothing", async () => {
    const batch = await paper.createPaperBatch(f.admin, f.wardB, { collectedOn: "2026-03-04", [key("staff", "no", "yes")]: "2" }, NOW);
    const before = await snapshot();
    const after31Days = new Date(batch.createdAt.getTime() + 31 * 86_400_000);
    const late = await outcome(paper.deletePaperBatch(f.admin, batch.id, after31Days));
    expect(late.status).toBe(400);
    expect(late.fields?.batch).toMatch(/more than 30 days ago/);
    expect((await outcome(paper.deletePaperBatch(f.coach, batch.id, NOW))).status).toBe(403);
    expect((await outcome(paper.deletePaperBatch(f.lead, batch.id, NOW))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    const list = await paper.listPaperBatches(f.admin, f.wardB, after31Days);
    expect(list.find((b) => b.id === batch.id)?.canDelete).toBe(false);
  });
});
