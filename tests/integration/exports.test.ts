import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { parseCsvText } from "@/lib/csv/parse";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { freshDatabase, type ThrowawayDatabase } from "../../scripts/support/db";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// The exports through real HTTP on `next start`: counts per period for everyone who can see the
// scope (with the charts' suppression), the admin-only response-level export (audited), formula
// injection defused, and the round trip: a ward's responses exported, imported into an empty
// database, give the run-chart API identical answers.

let app: AppServer;
let prisma: PrismaClient;
const f = {} as {
  admin: string;
  lead: string;
  otherLead: string;
  coach: string;
  ward: { id: string; code: string; name: string };
};

const FORMULA_NAME = '=HYPERLINK("http://evil.example","Maple")';

async function get(cookie: string, path: string) {
  const res = await fetch(`${app.baseUrl}${path}`, { headers: { Cookie: cookie } });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), text: await res.text() };
}

/** The CSV as objects keyed by the header line. */
function table(text: string): Record<string, string>[] {
  const { records, problems } = parseCsvText(text);
  expect(problems).toEqual([]);
  const [header, ...rows] = records.map((r) => r.fields);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

type Answer = { respondent: "SERVICE_USER" | "STAFF"; feltSafe: boolean; ableToSpeakUp: boolean | null; source?: "ONLINE" | "PAPER" };

async function addResponses(wardId: string, date: string, answers: Answer[]) {
  await prisma.surveyResponse.createMany({
    data: answers.map((a) => ({ wardId, submittedOn: new Date(`${date}T00:00:00Z`), source: a.source ?? "ONLINE", ...a })),
  });
}

const su = (feltSafe: boolean, ableToSpeakUp: boolean | null = null): Answer => ({ respondent: "SERVICE_USER", feltSafe, ableToSpeakUp });
const st = (feltSafe: boolean, ableToSpeakUp: boolean | null = null): Answer => ({ respondent: "STAFF", feltSafe, ableToSpeakUp });

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  const { ward, team } = await createWard(prisma, { withTeam: true, name: `${FORMULA_NAME} ${Date.now()}` });
  const other = await createWard(prisma, { withTeam: true });
  f.ward = { id: ward.id, code: ward.surveyCode, name: ward.name };
  // Week of Mon 2025-01-06: 3 responses (too few to show). Week of 2025-01-13: 6 responses, 4 of them
  // answered question 3 (felt safe shown, speak up too few). 2025-01-20: nobody. 2025-01-27: 5.
  await addResponses(ward.id, "2025-01-07", [su(true), su(true), st(false)]);
  await addResponses(ward.id, "2025-01-14", [su(true, true), su(true, true), su(true, false), st(true, true), st(true), st(false)]);
  await addResponses(ward.id, "2025-01-30", [su(true), su(false), su(true), su(true), su(true)]);
  const [admin, lead, otherLead, coach] = await Promise.all([
    createUser(prisma, { role: "ADMIN" }),
    createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] }),
    createUser(prisma, { role: "PROJECT_LEAD", teamIds: [other.team!.id] }),
    createUser(prisma, { role: "QI_COACH" }),
  ]);
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
  f.admin = (await signInOverHttp(app.baseUrl, admin.email)).cookie;
  f.lead = (await signInOverHttp(app.baseUrl, lead.email)).cookie;
  f.otherLead = (await signInOverHttp(app.baseUrl, otherLead.email)).cookie;
  f.coach = (await signInOverHttp(app.baseUrl, coach.email)).cookie;
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

describe("GET /api/v1/export.csv (counts per period)", () => {
  it("gives every period with counts for everyone, service users and staff, suppressing as the charts do", async () => {
    const res = await get(f.lead, `/api/v1/export.csv?scope=ward:${f.ward.code}&interval=week`);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/csv; charset=utf-8");
    expect(res.disposition).toMatch(/^attachment; filename=".*-counts-per-week\.csv"$/);
    const rows = table(res.text);
    const all = rows.filter((r) => r.respondent === "all");
    expect(all.map((r) => [r.period_start, r.period_end])).toEqual([
      ["2025-01-06", "2025-01-12"],
      ["2025-01-13", "2025-01-19"],
      ["2025-01-20", "2025-01-26"],
      ["2025-01-27", "2025-02-02"],
    ]);
    // Too few responses: the count is shown, the yes count and percentage are not.
    expect(all[0]).toMatchObject({ responses: "3", felt_safe_yes: "", felt_safe_percent: "", felt_safe_suppressed: "true" });
    expect(all[1]).toMatchObject({
      responses: "6",
      felt_safe_yes: "5",
      felt_safe_percent: "83.3",
      felt_safe_suppressed: "false",
      speak_up_answered: "4",
      speak_up_yes: "",
      speak_up_percent: "",
      speak_up_suppressed: "true",
    });
    // A period nobody answered in is a row of zeros, not suppressed and with no percentage.
    expect(all[2]).toMatchObject({ responses: "0", felt_safe_yes: "0", felt_safe_percent: "", felt_safe_suppressed: "false" });
    expect(all[3]).toMatchObject({ responses: "5", felt_safe_yes: "4", felt_safe_percent: "80" });
    const staff = rows.filter((r) => r.respondent === "staff");
    expect(staff.map((r) => r.responses)).toEqual(["1", "3", "0", "0"]);
    expect(staff.every((r) => r.felt_safe_yes === "" || r.responses === "0")).toBe(true);
    expect(rows.filter((r) => r.respondent === "service_user")[3]).toMatchObject({ responses: "5", felt_safe_yes: "4" });
  });

  it("agrees with the run-chart API point for point, suppression included", async () => {
    const exported = table((await get(f.coach, `/api/v1/export.csv?scope=ward:${f.ward.code}&interval=week`)).text).filter((r) => r.respondent === "all");
    const chart = (await (await fetch(`${app.baseUrl}/api/v1/run-chart?scope=ward:${f.ward.code}&interval=week`, { headers: { Cookie: f.coach } })).json()) as {
      points: { start: string; responses: number; yes: number | null }[];
    };
    expect(exported.map((r) => [r.period_start, Number(r.responses), r.felt_safe_yes === "" ? null : Number(r.felt_safe_yes)])).toEqual(
      chart.points.map((p) => [p.start, p.responses, p.yes]),
    );
  });

  it("counts whole periods within from/to, and by month", async () => {
    const weeks = table((await get(f.coach, `/api/v1/export.csv?scope=ward:${f.ward.code}&interval=week&from=2025-01-15&to=2025-01-15`)).text);
    expect(weeks.filter((r) => r.respondent === "all")).toEqual([expect.objectContaining({ period_start: "2025-01-13", responses: "6" })]);
    const months = table((await get(f.coach, `/api/v1/export.csv?scope=ward:${f.ward.code}&interval=month`)).text);
    expect(months.filter((r) => r.respondent === "all")).toEqual([expect.objectContaining({ period_start: "2025-01-01", period_end: "2025-01-31", responses: "14" })]);
  });

  it("defuses formula injection: a ward name starting with = is written as text", async () => {
    const res = await get(f.lead, `/api/v1/export.csv?scope=ward:${f.ward.code}&interval=week`);
    const name = table(res.text)[0]!.name!;
    expect(name).toBe(`'${f.ward.name}`);
    expect(res.text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(res.text).toMatch(/,"'=HYPERLINK\(""http:\/\/evil\.example""/);
  });

  it("is for everyone who can see the scope: 404 for another team's lead, 401 signed out, 400 for a bad query", async () => {
    expect((await get(f.otherLead, `/api/v1/export.csv?scope=ward:${f.ward.code}`)).status).toBe(404);
    expect((await get("", `/api/v1/export.csv?scope=ward:${f.ward.code}`)).status).toBe(401);
    const bad = await get(f.coach, `/api/v1/export.csv?scope=ward:${f.ward.code}&interval=year&from=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(Object.keys((JSON.parse(bad.text) as { fields: Record<string, string> }).fields).sort()).toEqual(["from", "interval"]);
    expect((await get(f.coach, `/api/v1/export.csv?scope=nonsense`)).status).toBe(400);
  });
});

describe("GET /api/v1/export/responses.csv (every response)", () => {
  it("streams one line per response for admins, in the import's format, and records the export in the audit log", async () => {
    const audits = await prisma.auditEvent.count({ where: { action: "responses.export" } });
    const res = await get(f.admin, `/api/v1/export/responses.csv?scope=ward:${f.ward.code}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/csv; charset=utf-8");
    const rows = table(res.text);
    expect(Object.keys(rows[0]!)).toEqual(["ward_code", "date", "respondent", "felt_safe", "able_to_speak_up", "source"]);
    expect(rows).toHaveLength(14);
    expect(rows.filter((r) => r.date === "2025-01-14" && r.respondent === "service_user" && r.felt_safe === "yes" && r.able_to_speak_up === "yes")).toHaveLength(2);
    expect(rows.every((r) => r.ward_code === f.ward.code && r.source === "online")).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: "responses.export" } })).toBe(audits + 1);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "responses.export" }, orderBy: { at: "desc" } });
    expect(audit.after).toMatchObject({ scope: `ward:${f.ward.code}`, from: null, to: null });
  });

  it("pages through more responses than fit in one query, in order, missing none", async () => {
    const { ward } = await createWard(prisma);
    const many = Array.from({ length: 25_003 }, (_, i) => (i % 3 === 0 ? st(i % 2 === 0, i % 5 === 0 ? null : true) : su(true, false)));
    await addResponses(ward.id, "2025-02-03", many.slice(0, 12_000));
    await addResponses(ward.id, "2025-02-04", many.slice(12_000));
    const rows = table((await get(f.admin, `/api/v1/export/responses.csv?scope=ward:${ward.surveyCode}&from=2025-02-01`)).text);
    expect(rows).toHaveLength(25_003);
    expect(rows.filter((r) => r.date === "2025-02-03")).toHaveLength(12_000);
    expect(rows.filter((r) => r.respondent === "staff")).toHaveLength(many.filter((a) => a.respondent === "STAFF").length);
  });

  it("is for admins only: 403 for QI coaches and project leads, with nothing recorded", async () => {
    const audits = await prisma.auditEvent.count({ where: { action: "responses.export" } });
    expect((await get(f.coach, `/api/v1/export/responses.csv?scope=ward:${f.ward.code}`)).status).toBe(403);
    expect((await get(f.lead, `/api/v1/export/responses.csv?scope=ward:${f.ward.code}`)).status).toBe(403);
    expect((await get("", `/api/v1/export/responses.csv?scope=ward:${f.ward.code}`)).status).toBe(401);
    expect(await prisma.auditEvent.count({ where: { action: "responses.export" } })).toBe(audits);
  });
});

describe("round trip", () => {
  let empty: ThrowawayDatabase | undefined;
  let second: AppServer | undefined;
  afterAll(async () => {
    await second?.stop();
    await empty?.cleanup();
  });

  it("a ward's exported responses, imported into an empty database, give identical run-chart answers", async () => {
    // A ward with a year of mixed responses: both respondent types, unanswered question 3, paper, online and ward tablet.
    const { ward, trust } = await createWard(prisma);
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const data: { wardId: string; submittedOn: Date; respondent: "SERVICE_USER" | "STAFF"; feltSafe: boolean; ableToSpeakUp: boolean | null; source: "ONLINE" | "PAPER" | "TABLET" }[] = [];
    for (let i = 0; i < 1500; i++) {
      data.push({
        wardId: ward.id,
        submittedOn: new Date(Date.UTC(2025, 0, 1) + (next() % 365) * 86_400_000),
        respondent: next() % 3 === 0 ? "STAFF" : "SERVICE_USER",
        feltSafe: next() % 10 < 7,
        ableToSpeakUp: [true, false, null][next() % 3]!,
        source: (["PAPER", "ONLINE", "ONLINE", "TABLET"] as const)[next() % 4]!,
      });
    }
    await prisma.surveyResponse.createMany({ data });

    const exported = await get(f.admin, `/api/v1/export/responses.csv?scope=ward:${ward.surveyCode}`);
    expect(exported.status).toBe(200);

    empty = await freshDatabase();
    const other = testPrisma(empty.url);
    try {
      const newTrust = await other.trust.create({ data: { name: trust.name } });
      await other.ward.create({ data: { name: ward.name, trustId: newTrust.id, surveyCode: ward.surveyCode } });
      const admin = await createUser(other, { role: "ADMIN" });
      second = await startAppServer({ databaseUrl: empty.url });
      const cookie = (await signInOverHttp(second.baseUrl, admin.email)).cookie;
      const imported = await fetch(`${second.baseUrl}/api/v1/imports?fileName=roundtrip.csv`, {
        method: "POST",
        headers: { "Content-Type": "text/csv", Cookie: cookie },
        body: exported.text,
      });
      expect(imported.status).toBe(201);
      expect(await other.surveyResponse.count()).toBe(1500);
      const bySource = async (client: typeof prisma, wardId?: string) =>
        (await client.surveyResponse.groupBy({ by: ["source"], where: wardId ? { wardId } : {}, _count: { _all: true }, orderBy: { source: "asc" } })).map((g) => [g.source, g._count._all]);
      expect(await bySource(other)).toEqual(await bySource(prisma, ward.id));

      const queries = [
        "interval=week",
        "interval=fortnight&measure=speak-up",
        "interval=month&respondent=staff",
        "interval=week&respondent=service-user&measure=speak-up&rules=anhoej",
        "interval=month&from=2025-03-10&to=2025-09-20",
      ];
      for (const q of queries) {
        const path = `/api/v1/run-chart?scope=ward:${ward.surveyCode}&${q}`;
        const original = await fetch(`${app.baseUrl}${path}`, { headers: { Cookie: f.admin } });
        const copy = await fetch(`${second.baseUrl}${path}`, { headers: { Cookie: cookie } });
        expect(original.status).toBe(200);
        expect(copy.status).toBe(200);
        const [a, b] = [await original.json(), await copy.json()];
        expect((a as { points: unknown[] }).points.length).toBeGreaterThan(0);
        expect(b, q).toEqual(a);
      }

      // And the copy exports the same responses (as a multiset: row ids, and so order within a day, differ).
      const again = await fetch(`${second.baseUrl}/api/v1/export/responses.csv?scope=ward:${ward.surveyCode}`, { headers: { Cookie: cookie } });
      const sorted = (text: string) => text.trim().split("\r\n").sort();
      expect(sorted(await again.text())).toEqual(sorted(exported.text));
    } finally {
      await other.$disconnect();
    }
  });
});
