import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { parseCsvText } from "@/lib/csv/parse";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// Charts and exports of one channel (own phone, ward tablet, paper) through real HTTP on the real
// database, with the charts' suppression and one more rule: a channel is withheld when showing it
// would let a suppressed channel be worked out from the all-channels figure. Every expected answer
// is worked out by hand from the responses stored here.

let app: AppServer;
let prisma: PrismaClient;
let lead: string;
let admin: string;
let wardCode: string;
let wardId: string;
let trustId: string;
let coach: string;

type Source = "ONLINE" | "TABLET" | "PAPER";

async function add(wardId: string, date: string, source: Source, yes: number, no: number) {
  const rows = [...Array.from({ length: yes }, () => true), ...Array.from({ length: no }, () => false)].map((feltSafe, i) => ({
    wardId,
    submittedOn: new Date(`${date}T00:00:00Z`),
    source,
    respondent: i % 2 === 0 ? ("SERVICE_USER" as const) : ("STAFF" as const),
    feltSafe,
    ableToSpeakUp: feltSafe,
  }));
  await prisma.surveyResponse.createMany({ data: rows });
}

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
  const { ward, team, trust } = await createWard(prisma, { withTeam: true });
  wardCode = ward.surveyCode;
  wardId = ward.id;
  trustId = trust.id;
  // Week of Mon 2025-03-03: own phone 10 (7 yes), tablet 2 (1 yes), paper 8 (6 yes): 20 in all.
  await add(ward.id, "2025-03-04", "ONLINE", 7, 3);
  await add(ward.id, "2025-03-05", "TABLET", 1, 1);
  await add(ward.id, "2025-03-06", "PAPER", 6, 2);
  // Week of 2025-03-10: own phone 12 (9 yes), paper 6 (3 yes), no tablet.
  await add(ward.id, "2025-03-11", "ONLINE", 9, 3);
  await add(ward.id, "2025-03-12", "PAPER", 3, 3);
  const leadUser = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] });
  const adminUser = await createUser(prisma, { role: "ADMIN" });
  lead = (await signInOverHttp(app.baseUrl, leadUser.email)).cookie;
  admin = (await signInOverHttp(app.baseUrl, adminUser.email)).cookie;
  const coachUser = await createUser(prisma, { role: "QI_COACH" });
  coach = (await signInOverHttp(app.baseUrl, coachUser.email)).cookie;
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await prisma.$disconnect();
});

type Point = { start: string; responses: number; yes: number | null; suppressed: boolean };

async function chart(channel?: string) {
  const query = new URLSearchParams({ scope: `ward:${wardCode}`, interval: "week", from: "2025-03-03", to: "2025-03-16", ...(channel ? { channel } : {}) });
  const res = await fetch(`${app.baseUrl}/api/v1/run-chart?${query}`, { headers: { Cookie: lead } });
  return { status: res.status, body: (await res.json()) as { channel: string; points: Point[]; fields?: Record<string, string> } };
}

const simple = (points: Point[]) => points.map((p) => [p.start, p.responses, p.yes, p.suppressed]);

function table(text: string): Record<string, string>[] {
  const { records, problems } = parseCsvText(text);
  expect(problems).toEqual([]);
  const [header, ...rows] = records.map((r) => r.fields);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe("one channel on the run chart", () => {
  it("all channels: every answer, as before", async () => {
    const { body } = await chart();
    expect(body.channel).toBe("all");
    expect(simple(body.points)).toEqual([
      ["2025-03-03", 20, 14, false],
      ["2025-03-10", 18, 12, false],
    ]);
  });

  it("own phone: shown both weeks (the tablet's 2 and paper's 8 are withheld together in the first, so 20 - 10 gives only their sum)", async () => {
    expect(simple((await chart("own-phone")).body.points)).toEqual([
      ["2025-03-03", 10, 7, false],
      ["2025-03-10", 12, 9, false],
    ]);
  });

  it("paper: withheld in the first week though it has 8 responses, since with the phone's shown it would give away the tablet's 2", async () => {
    expect(simple((await chart("paper")).body.points)).toEqual([
      ["2025-03-03", 8, null, true],
      ["2025-03-10", 6, 3, false],
    ]);
  });

  it("ward tablet: too few to show", async () => {
    expect(simple((await chart("ward-tablet")).body.points)).toEqual([["2025-03-03", 2, null, true]]);
  });

  it("refuses a channel it does not know, naming the field", async () => {
    const { status, body } = await chart("carrier-pigeon");
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('channel must be \\"all\\", \\"own-phone\\", \\"ward-tablet\\" or \\"paper\\"');
  });
});

describe("one channel in the exports", () => {
  it("counts per period for one channel, with the same withholding, and says which channel", async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/export.csv?${new URLSearchParams({ scope: `ward:${wardCode}`, channel: "paper", from: "2025-03-03", to: "2025-03-16" })}`, { headers: { Cookie: lead } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("-paper.csv");
    const rows = table(await res.text()).filter((r) => r.respondent === "all");
    expect(rows.map((r) => [r.period_start, r.channel, r.responses, r.felt_safe_yes, r.felt_safe_suppressed])).toEqual([
      ["2025-03-03", "paper", "8", "", "true"],
      ["2025-03-10", "paper", "6", "3", "false"],
    ]);
  });

  it("every response of one channel, for administrators", async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/export/responses.csv?${new URLSearchParams({ scope: `ward:${wardCode}`, channel: "ward-tablet" })}`, { headers: { Cookie: admin } });
    expect(res.status).toBe(200);
    const rows = table(await res.text());
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.source)).size).toBe(1);
  });
});

describe("one channel in the comparisons", () => {
  const api = async (path: string, params: Record<string, string>) => {
    const res = await fetch(`${app.baseUrl}${path}?${new URLSearchParams(params)}`, { headers: { Cookie: coach } });
    expect(res.status).toBe(200);
    return res.json();
  };

  it("the funnel plot: over the range phone 22, tablet 2, paper 14, so paper is withheld with the tablet and the phone is placed", async () => {
    const range = { level: "ward", from: "2025-03-03", to: "2025-03-16" };
    type Answer = { channel: string; units: { id: string; responses: number; yes: number | null; suppressed: boolean; position: string }[] };
    const paper = (await api("/api/v1/comparison", { ...range, channel: "paper" })) as Answer;
    expect(paper.channel).toBe("paper");
    expect(paper.units.find((u) => u.id === wardId)).toMatchObject({ responses: 14, yes: null, suppressed: true, position: "too-few" });
    const phone = (await api("/api/v1/comparison", { ...range, channel: "own-phone" })) as Answer;
    expect(phone.units.find((u) => u.id === wardId)).toMatchObject({ responses: 22, yes: 16, suppressed: false });
    const all = (await api("/api/v1/comparison", range)) as Answer;
    expect(all.units.find((u) => u.id === wardId)).toMatchObject({ responses: 38, yes: 26, suppressed: false });
  });

  it("the overview: paper's first week withheld (and said so), its second shown", async () => {
    type Row = { id: string; latest: { responses: number; value: number | null } | null; sparkline: { responses: number; suppressed: boolean; withheld?: boolean }[] };
    const answer = (await api("/api/v1/overview", { level: "ward", channel: "paper", interval: "week", trust: trustId })) as { channel: string; units: Row[] };
    expect(answer.channel).toBe("paper");
    const row = answer.units.find((u) => u.id === wardId)!;
    expect(row.latest).toMatchObject({ responses: 6, value: 0.5 });
    const shown = row.sparkline.filter((p) => p.responses > 0);
    expect(shown).toEqual([
      { responses: 8, yes: null, value: null, suppressed: true, withheld: true },
      { responses: 6, yes: 3, value: 0.5, suppressed: false },
    ]);
  });
});
