import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { API_TOKEN_PREFIX, newSecret, secretHash } from "@/lib/auth/secrets";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { newWardCode } from "@/lib/survey/ward-code";

// GET /api/v1/run-chart through real HTTP against `next start` on PostgreSQL. Every expected answer
// below is worked out by hand from the responses the test stores (see the comments), not by
// calling the analytics code.

let app: AppServer;
let prisma: PrismaClient;

type Json = Record<string, unknown> & {
  points: { start: string; end: string; responses: number; yes: number | null; value: number | null; suppressed: boolean; phase: number; signals: string[] }[];
  phases: { start: string; baselinePoints: number; median: number | null; provisional: boolean; reason: string | null }[];
  ihi: { shifts: unknown[]; trends: unknown[]; runs: Record<string, unknown> };
  anhoej: Record<string, unknown>;
  explanations: { ihi: string[]; anhoej: string[] };
  notes: { id: string; date: string; kind: string; text: string }[];
  target: number | null;
};

const fixtures = {} as {
  trustId: string;
  otherTrustId: string;
  teamA: string;
  teamB: string;
  wardA1: { id: string; code: string };
  wardA2: { id: string; code: string };
  wardB1: { id: string; code: string };
  leadCookie: string;
  coachCookie: string;
  leadToken: string;
};

/** Stores `n` responses on `date`, the first `yes` of them answering Yes to question 2. */
async function respond(
  wardId: string,
  date: string,
  n: number,
  yes: number,
  extra: { respondent?: "SERVICE_USER" | "STAFF"; speakUp?: (i: number) => boolean | null } = {},
) {
  await prisma.surveyResponse.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      wardId,
      respondent: extra.respondent ?? ("SERVICE_USER" as const),
      feltSafe: i < yes,
      ableToSpeakUp: extra.speakUp ? extra.speakUp(i) : null,
      submittedOn: new Date(`${date}T00:00:00Z`),
    })),
  });
}

async function newWard(trustId: string, teamId: string | null, name: string) {
  const ward = await prisma.ward.create({ data: { name: `${name} ${Date.now()}-${Math.random()}`, trustId, teamId, surveyCode: newWardCode() } });
  return { id: ward.id, code: ward.surveyCode };
}

function get(query: string, auth: { cookie?: string; token?: string } = { cookie: fixtures.leadCookie }) {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.Cookie = auth.cookie;
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  return fetch(`${app.baseUrl}/api/v1/run-chart?${query}`, { headers });
}

async function getJson(query: string, auth?: { cookie?: string; token?: string }): Promise<Json> {
  const res = await get(query, auth);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Json;
}

/** Monday of week `i` of the A2 series (week 0 is Monday 5 January 2026), as YYYY-MM-DD. */
function week(i: number, dayOffset = 0): string {
  const d = new Date(Date.UTC(2026, 0, 5 + 7 * i + dayOffset));
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });

  const { trust, team, ward } = await createWard(prisma, { withTeam: true });
  const teamB = await prisma.projectTeam.create({ data: { name: `Team B ${Date.now()}`, trustId: trust.id } });
  const other = await createWard(prisma);
  fixtures.trustId = trust.id;
  fixtures.otherTrustId = other.trust.id;
  fixtures.teamA = team!.id;
  fixtures.teamB = teamB.id;
  fixtures.wardA1 = { id: ward.id, code: ward.surveyCode };
  fixtures.wardA2 = await newWard(trust.id, team!.id, "A2");
  fixtures.wardB1 = await newWard(trust.id, teamB.id, "B1");
  await prisma.projectTeam.update({ where: { id: team!.id }, data: { targetPercent: 90 } });

  // Ward A1: the small series for gaps and suppression.
  // Week of 5 Jan: 10 responses, 8 yes (spread over Monday and Sunday, both in the week).
  await respond(ward.id, "2026-01-05", 6, 5);
  await respond(ward.id, "2026-01-11", 4, 3);
  // Week of 12 Jan: 3 responses (fewer than 5: suppressed), 2 yes.
  await respond(ward.id, "2026-01-14", 3, 2);
  // Week of 19 Jan: nobody answered.
  // Week of 26 Jan: 5 responses, all yes.
  await respond(ward.id, "2026-01-30", 5, 5);

  // Ward A2: 19 weeks of 10 responses. Weeks 0-11 alternate 5 and 6 yes (0.5, 0.6: the baseline
  // median is 0.55); weeks 12-18 have 9 yes (0.9).
  for (let i = 0; i < 19; i++) await respond(fixtures.wardA2.id, week(i, 2), 10, i < 12 ? (i % 2 === 0 ? 5 : 6) : 9);

  // Ward B1 (another team): one week.
  await respond(fixtures.wardB1.id, "2026-01-06", 5, 4);

  const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] });
  const coach = await createUser(prisma, { role: "QI_COACH" });
  fixtures.leadCookie = (await signInOverHttp(app.baseUrl, lead.email)).cookie;
  fixtures.coachCookie = (await signInOverHttp(app.baseUrl, coach.email)).cookie;
  fixtures.leadToken = newSecret(API_TOKEN_PREFIX);
  await prisma.apiToken.create({
    data: { userId: lead.id, name: "R script", tokenHash: secretHash(fixtures.leadToken), prefix: fixtures.leadToken.slice(0, 10) },
  });
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

describe("GET /api/v1/run-chart: the answer", () => {
  it("fills empty periods, suppresses small counts (yes null), and reports a provisional median", async () => {
    const json = await getJson(`scope=ward:${fixtures.wardA1.code}`);
    expect(json).toMatchObject({
      scope: `ward:${fixtures.wardA1.code}`,
      measure: "felt-safe",
      respondent: "all",
      interval: "week",
      rules: "ihi",
      minResponses: 5,
      baseline: 12,
      target: 0.9,
    });
    expect(json.points).toEqual([
      { start: "2026-01-05", end: "2026-01-11", responses: 10, yes: 8, value: 0.8, suppressed: false, phase: 0, signals: [], signalDirection: null },
      { start: "2026-01-12", end: "2026-01-18", responses: 3, yes: null, value: null, suppressed: true, phase: 0, signals: [], signalDirection: null },
      { start: "2026-01-19", end: "2026-01-25", responses: 0, yes: 0, value: null, suppressed: false, phase: 0, signals: [], signalDirection: null },
      { start: "2026-01-26", end: "2026-02-01", responses: 5, yes: 5, value: 1, suppressed: false, phase: 0, signals: [], signalDirection: null },
    ]);
    // Two values (0.8 and 1): median 0.9 from 2 of the 12 baseline points, so provisional.
    expect(json.phases).toEqual([{ start: "2026-01-05", baselinePoints: 2, median: 0.9, provisional: true, reason: null }]);
    // Both rule sets are always there. One point below, one above: 2 runs, 1 crossing; the runs
    // rule needs 10 useful points; Anhøj's limits for n = 2: longest run round(log2 2) + 3 = 4,
    // crossings qbinom(0.05, 1, 0.5) = 0.
    expect(json.ihi).toEqual({
      shifts: [],
      trends: [],
      runs: { useful: 2, runs: 2, lower: null, upper: null, verdict: "not-applicable", latestSide: "up" },
    });
    expect(json.anhoej).toMatchObject({ useful: 2, longestRun: 1, longestRunMax: 4, crossings: 1, crossingsMin: 0, signal: false });
    // The suppressed count is nowhere in the answer.
    expect(JSON.stringify(json.points[1])).not.toContain('"yes":2');
  });

  it("finds a shift (IHI) and an unusually long run (Anhøj) and explains both", async () => {
    const json = await getJson(`scope=ward:${fixtures.wardA2.code}&rules=anhoej`);
    expect(json.rules).toBe("anhoej");
    expect(json.points).toHaveLength(19);
    expect(json.phases).toEqual([{ start: "2026-01-05", baselinePoints: 12, median: 0.55, provisional: false, reason: null }]);
    // Week 11 (0.6) and weeks 12-18 (0.9) are 8 points above 0.55: one shift of 8.
    expect(json.ihi.shifts).toEqual([{ from: "2026-03-23", to: "2026-05-11", points: 8, direction: "up" }]);
    // Values 0.5, 0.6 alternate, then 0.9: never 5 rising groups in a row.
    expect(json.ihi.trends).toEqual([]);
    // 19 useful points in 12 runs; Perla's table for 19: fewer than 6 or more than 15.
    expect(json.ihi.runs).toMatchObject({ useful: 19, runs: 12, lower: 6, upper: 15, verdict: "expected" });
    // Anhøj for n = 19: longest-run limit round(log2 19) + 3 = 7, so 8 signals; crossings 11 against
    // a minimum of qbinom(0.05, 18, 0.5) = 6.
    expect(json.anhoej).toMatchObject({ useful: 19, longestRun: 8, longestRunMax: 7, crossings: 11, crossingsMin: 6, signal: true });
    expect(json.points.slice(0, 11).every((p) => p.signals.length === 0)).toBe(true);
    expect(json.points.slice(11).every((p) => p.signals.join() === "shift,anhoej-long-run")).toBe(true);
    expect(json.explanations.ihi).toEqual(["Shift: 8 weeks above the median from 23 March 2026 to 11 May 2026 — improvement"]);
    expect(json.explanations.anhoej).toEqual([
      "Anhøj long run: 8 weeks in a row on one side of the median, longer than the limit of 7 for 19 weeks off the median",
    ]);
    expect(json.status).toBe("improving");
  });

  it("analyses each recorded phase on its own, and removing the phase restores the analysis", async () => {
    const before = await getJson(`scope=ward:${fixtures.wardA2.code}`);
    // A re-phase on Wednesday 1 April: the first week starting on or after it is 6 April (week 13).
    const phase = await prisma.chartPhase.create({
      data: { wardId: fixtures.wardA2.id, startDate: new Date("2026-04-01T00:00:00Z"), reason: "Safety huddles adopted" },
    });
    try {
      const json = await getJson(`scope=ward:${fixtures.wardA2.code}`);
      // Phase 1: weeks 0-12; its median still comes from the first 12 values (0.55).
      // Phase 2: weeks 13-18, six values of 0.9: median 0.9, provisional (6 of 12).
      expect(json.phases).toEqual([
        { start: "2026-01-05", baselinePoints: 12, median: 0.55, provisional: false, reason: null },
        { start: "2026-04-01", baselinePoints: 6, median: 0.9, provisional: true, reason: "Safety huddles adopted" },
      ]);
      expect(json.points.map((p) => p.phase)).toEqual([...Array(13).fill(0), ...Array(6).fill(1)]);
      // The latest phase sits entirely on its median: no useful points, nothing to signal.
      expect(json.ihi).toMatchObject({ shifts: [], trends: [], runs: { useful: 0, verdict: "not-applicable" } });
      expect(json.anhoej).toMatchObject({ useful: 0, signal: false });
      // Phase 1 alone: weeks 11 and 12 above the median make 2, no shift.
      expect(json.points.every((p) => !p.signals.includes("shift"))).toBe(true);

      // A `from` inside phase 2 reads phase 2 whole: same median, and only the asked-for weeks.
      const later = await getJson(`scope=ward:${fixtures.wardA2.code}&from=2026-04-22`);
      expect(later.points.map((p) => p.start)).toEqual(["2026-04-20", "2026-04-27", "2026-05-04", "2026-05-11"]);
      expect(later.phases).toEqual([{ start: "2026-04-01", baselinePoints: 6, median: 0.9, provisional: true, reason: "Safety huddles adopted" }]);
      expect(later.points.every((p) => p.phase === 0)).toBe(true);

      // A `from` inside phase 1 does not move its median: weeks 6-12 alone would give 0.6.
      const middle = await getJson(`scope=ward:${fixtures.wardA2.code}&from=2026-02-16`);
      expect(middle.points[0]!.start).toBe("2026-02-16");
      expect(middle.points).toHaveLength(13);
      expect(middle.phases.map((p) => p.median)).toEqual([0.55, 0.9]);
    } finally {
      await prisma.chartPhase.delete({ where: { id: phase.id } });
    }
    const after = await getJson(`scope=ward:${fixtures.wardA2.code}`);
    expect(after).toEqual(before);
  });

  it("`to` gives the chart as it was then: nothing later is read", async () => {
    // Weeks 0-7 (to a Sunday, the end of week 7): 8 values, four 0.5 and four 0.6.
    const json = await getJson(`scope=ward:${fixtures.wardA2.code}&to=2026-03-01`);
    expect(json.points.map((p) => p.start)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => week(i)));
    expect(json.phases).toEqual([{ start: "2026-01-05", baselinePoints: 8, median: 0.55, provisional: true, reason: null }]);
    expect(json.to).toBe("2026-03-01");
  });

  it("counts speak-up over the responses that answered question 3, and filters by respondent", async () => {
    const { ward } = await createWard(prisma);
    // 5 service users: 4 felt safe; question 3: yes, yes, yes, no, unanswered.
    await respond(ward.id, "2026-01-07", 5, 4, { respondent: "SERVICE_USER", speakUp: (i) => (i < 3 ? true : i === 3 ? false : null) });
    // 3 staff: 1 felt safe; question 3: yes, yes, unanswered.
    await respond(ward.id, "2026-01-08", 3, 1, { respondent: "STAFF", speakUp: (i) => (i < 2 ? true : null) });
    const scope = `scope=ward:${ward.surveyCode}`;
    const point = async (q: string, cookie = fixtures.coachCookie) => (await getJson(`${scope}&${q}`, { cookie })).points;

    expect(await point("measure=felt-safe")).toMatchObject([{ responses: 8, yes: 5, value: 0.625, suppressed: false }]);
    // Answered question 3: 4 + 2 = 6, of whom 3 + 2 = 5 said yes.
    expect(await point("measure=speak-up")).toMatchObject([{ responses: 6, yes: 5, value: 0.8333, suppressed: false }]);
    expect(await point("respondent=service-user")).toMatchObject([{ responses: 5, yes: 4, value: 0.8, suppressed: false }]);
    expect(await point("respondent=staff")).toMatchObject([{ responses: 3, yes: null, value: null, suppressed: true }]);
    // Service users who answered question 3: 4, of whom 3 yes.
    expect(await point("measure=speak-up&respondent=service-user")).toMatchObject([{ responses: 4, yes: null, suppressed: true }]);
  });

  it("buckets by fortnight (anchored on Monday 3 January 2000) and by calendar month", async () => {
    const { ward } = await createWard(prisma);
    // Fortnights here: 29 Dec-11 Jan, 12-25 Jan, 26 Jan-8 Feb.
    await respond(ward.id, "2025-12-29", 3, 3);
    await respond(ward.id, "2026-01-11", 3, 2);
    await respond(ward.id, "2026-01-12", 5, 5);
    await respond(ward.id, "2026-01-25", 2, 0);
    await respond(ward.id, "2026-02-08", 5, 4);
    const scope = `scope=ward:${ward.surveyCode}`;
    const fortnights = await getJson(`${scope}&interval=fortnight`, { cookie: fixtures.coachCookie });
    expect(fortnights.points.map(({ start, end, responses, yes }) => ({ start, end, responses, yes }))).toEqual([
      { start: "2025-12-29", end: "2026-01-11", responses: 6, yes: 5 },
      { start: "2026-01-12", end: "2026-01-25", responses: 7, yes: 5 },
      { start: "2026-01-26", end: "2026-02-08", responses: 5, yes: 4 },
    ]);
    const months = await getJson(`${scope}&interval=month`, { cookie: fixtures.coachCookie });
    expect(months.points.map(({ start, end, responses, yes, suppressed }) => ({ start, end, responses, yes, suppressed }))).toEqual([
      { start: "2025-12-01", end: "2025-12-31", responses: 3, yes: null, suppressed: true },
      { start: "2026-01-01", end: "2026-01-31", responses: 10, yes: 7, suppressed: false },
      { start: "2026-02-01", end: "2026-02-28", responses: 5, yes: 4, suppressed: false },
    ]);
    // ISO weeks split the same responses differently: 29 Dec-4 Jan has only the 3 of 29 December.
    const weeks = await getJson(scope, { cookie: fixtures.coachCookie });
    expect(weeks.points.map((p) => [p.start, p.responses])).toEqual([
      ["2025-12-29", 3],
      ["2026-01-05", 3],
      ["2026-01-12", 5],
      ["2026-01-19", 2],
      ["2026-01-26", 0],
      ["2026-02-02", 5],
    ]);
  });

  it("adds up a team's wards, with the team's phases, notes and target", async () => {
    const note = await prisma.note.create({
      data: { teamId: fixtures.teamA, date: new Date("2026-01-20T00:00:00Z"), kind: "CHANGE", text: "=HYPERLINK(\"x\") first huddle" },
    });
    try {
      const json = await getJson(`scope=team:${fixtures.teamA}`);
      // Week of 5 Jan: A1 10 (8 yes) + A2 10 (5 yes) = 20, 13 yes. Week of 12 Jan: 3 (2) + 10 (6).
      expect(json.points[0]).toMatchObject({ start: "2026-01-05", responses: 20, yes: 13, value: 0.65 });
      expect(json.points[1]).toMatchObject({ start: "2026-01-12", responses: 13, yes: 8, value: 0.6154 });
      expect(json.points[2]).toMatchObject({ start: "2026-01-19", responses: 10, yes: 5 });
      expect(json.points[3]).toMatchObject({ start: "2026-01-26", responses: 15, yes: 11 });
      expect(json.points).toHaveLength(19);
      expect(json.target).toBe(0.9);
      expect(json.notes).toEqual([{ id: note.id, date: "2026-01-20", kind: "change", text: note.text, teamNote: false }]);
    } finally {
      await prisma.note.delete({ where: { id: note.id } });
    }
  });

  it("exports the points as CSV with suppression kept", async () => {
    const res = await get(`scope=ward:${fixtures.wardA1.code}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+-felt-safe-all-week\.csv"$/);
    expect(await res.text()).toBe(
      [
        "start,end,responses,yes,value,suppressed,phase,signals,notes,pdsa_cycles",
        "2026-01-05,2026-01-11,10,8,0.8,false,0,,,",
        "2026-01-12,2026-01-18,3,,,true,0,,,",
        "2026-01-19,2026-01-25,0,0,,false,0,,,",
        "2026-01-26,2026-02-01,5,5,1,false,0,,,",
        "",
      ].join("\r\n"),
    );
  });
});

describe("GET /api/v1/run-chart: who may ask, and bad parameters", () => {
  const bad: [string, string, string][] = [
    ["a missing scope", "", "scope"],
    ["an unknown scope", "scope=ward", "scope"],
    ["a scope with a bad id", "scope=team:a%20b", "scope"],
    ["an unknown measure", "measure=happy", "measure"],
    ["an unknown respondent group", "respondent=visitor", "respondent"],
    ["an unknown interval", "interval=day", "interval"],
    ["an unknown rule set", "rules=westgard", "rules"],
    ["a baseline of 0", "baseline=0", "baseline"],
    ["a baseline that is not a number", "baseline=twelve", "baseline"],
    ["a baseline that is too long", "baseline=101", "baseline"],
    ["a from that is not a date", "from=yesterday", "from"],
    ["a to that is not a real date", "to=2026-02-30", "to"],
    ["a to before from", "from=2026-03-01&to=2026-02-01", "to"],
    ["a repeated measure", "measure=felt-safe&measure=speak-up", "measure"],
    ["an unknown format", "format=xlsx", "format"],
  ];
  for (const [label, query, field] of bad) {
    it(`answers 400 naming "${field}" for ${label}`, async () => {
      const scope = field === "scope" ? "" : `scope=ward:${fixtures.wardA1.code}&`;
      const res = await get(`${scope}${query}`);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { fields: Record<string, string> };
      expect(Object.keys(json.fields)).toEqual([field]);
      expect(json.fields[field]).toContain(field);
    });
  }

  it("answers 401 without a session or with an unknown token", async () => {
    expect((await get(`scope=ward:${fixtures.wardA1.code}`, {})).status).toBe(401);
    expect((await get(`scope=ward:${fixtures.wardA1.code}`, { token: `${API_TOKEN_PREFIX}nonsense` })).status).toBe(401);
  });

  it("answers 404 to a project lead for another team's ward and team, any trust, all wards, and unknown codes", async () => {
    for (const scope of [
      `ward:${fixtures.wardB1.code}`,
      `team:${fixtures.teamB}`,
      `trust:${fixtures.trustId}`,
      `trust:${fixtures.otherTrustId}`,
      "all",
      "ward:NOSUCHWARD",
      "team:nosuchteam",
    ]) {
      const res = await get(`scope=${encodeURIComponent(scope)}`);
      expect(res.status, scope).toBe(404);
      expect(await res.json()).toEqual({ error: "Not found" });
    }
    // Their own team's wards and team are fine, and the ward code is not case-sensitive.
    expect((await get(`scope=ward:${fixtures.wardA2.code.toLowerCase()}`)).status).toBe(200);
    expect((await get(`scope=team:${fixtures.teamA}`)).status).toBe(200);
  });

  it("lets a QI coach see every ward, team, trust and the whole collaborative", async () => {
    const coach = { cookie: fixtures.coachCookie };
    expect((await getJson(`scope=ward:${fixtures.wardB1.code}`, coach)).points).toMatchObject([{ start: "2026-01-05", responses: 5, yes: 4 }]);
    expect((await getJson(`scope=team:${fixtures.teamB}`, coach)).points).toHaveLength(1);
    // The trust: A1, A2 and B1 together; week of 5 Jan is 10 + 10 + 5 = 25 responses, 8 + 5 + 4 = 17 yes.
    const trust = await getJson(`scope=trust:${fixtures.trustId}`, coach);
    expect(trust.points[0]).toMatchObject({ start: "2026-01-05", responses: 25, yes: 17 });
    expect(trust.target).toBeNull();
    const all = await getJson("scope=all", coach);
    expect(all.scope).toBe("all");
    expect(all.points.find((p) => p.start === "2026-01-05")!.responses).toBeGreaterThanOrEqual(25);
  });

  it("accepts a project lead's API token, with the lead's scope", async () => {
    const json = await getJson(`scope=team:${fixtures.teamA}`, { token: fixtures.leadToken });
    expect(json.points[0]).toMatchObject({ responses: 20, yes: 13 });
    expect((await get(`scope=team:${fixtures.teamB}`, { token: fixtures.leadToken })).status).toBe(404);
  });
});

describe("status now (issue 16)", () => {
  // Eight baseline weeks alternating 6 and 4 of 10 (median 0.5), seven weeks of 7 of 10 (a shift
  // up from week 8), then, on the first ward only, four weeks of 4, 6, 4, 6: the shift is over.
  async function wardWith(tail: number[]) {
    const ward = await newWard(fixtures.trustId, fixtures.teamA, "Status");
    const values = [6, 4, 6, 4, 6, 4, 6, 4, 7, 7, 7, 7, 7, 7, 7, ...tail];
    for (const [i, yes] of values.entries()) await respond(ward.id, week(i, 2), 10, yes);
    return ward;
  }

  it("an old signal with common-cause variation since is no signal now, and is given as the last signal", async () => {
    const ward = await wardWith([4, 6, 4, 6]);
    const body = await getJson(`scope=ward:${ward.code}&baseline=8`);
    expect(body.status).toBe("no-signal");
    expect(body.statusSince).toBeNull();
    expect(body.lastSignal).toEqual({ direction: "up", kind: "shift", from: week(8), to: week(14) });
  });

  it("a shift running at the latest week is improving since its first week", async () => {
    const ward = await wardWith([]);
    const body = await getJson(`scope=ward:${ward.code}&baseline=8`);
    expect(body).toMatchObject({ status: "improving", statusSince: week(8), lastSignal: null, suggestedPhase: null });
  });

  it("suggests a new phase once the running shift has covered 8 weeks, and not for an ended one", async () => {
    const running = await getJson(`scope=ward:${(await wardWith([7])).code}&baseline=8`);
    expect(running.suggestedPhase).toEqual({ startDate: week(8), direction: "up", points: 8 });
    const ended = await getJson(`scope=ward:${(await wardWith([7, 4, 6, 4, 6])).code}&baseline=8`);
    expect(ended.suggestedPhase).toBeNull();
  });
});

describe("what a chart shows besides its points (issue 16)", () => {
  it("a ward's chart shows its team's notes, marked as team notes; the aim is drawn on the felt-safe chart only", async () => {
    const ward = await newWard(fixtures.trustId, fixtures.teamA, "Team notes");
    for (let i = 0; i < 3; i++) await respond(ward.id, week(i, 1), 10, 7, { speakUp: () => true });
    const teamNote = await prisma.note.create({ data: { teamId: fixtures.teamA, date: new Date(`${week(1)}T00:00:00Z`), kind: "CHANGE", text: `Team huddles ${Date.now()}` } });
    const wardNote = await prisma.note.create({ data: { wardId: ward.id, date: new Date(`${week(2)}T00:00:00Z`), kind: "NOTE", text: "Ward's own note" } });
    await prisma.projectTeam.update({ where: { id: fixtures.teamA }, data: { targetPercent: 90 } });

    const felt = await getJson(`scope=ward:${ward.code}`);
    expect(felt.notes.map((n) => [n.id, (n as { teamNote?: boolean }).teamNote])).toEqual([
      [teamNote.id, true],
      [wardNote.id, false],
    ]);
    expect(felt.target).toBe(0.9);
    const speak = await getJson(`scope=ward:${ward.code}&measure=speak-up`);
    expect(speak.target).toBeNull();
    // On the team's own chart the note is the team's, not a "team note" from elsewhere.
    const team = await getJson(`scope=team:${fixtures.teamA}`);
    expect(team.notes.find((n) => n.id === teamNote.id)).toMatchObject({ teamNote: false });
    expect(team.notes.find((n) => n.id === wardNote.id)).toBeUndefined();
  });
});
