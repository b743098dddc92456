import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { API_TOKEN_PREFIX, newSecret, secretHash } from "@/lib/auth/secrets";
import { newWardCode } from "@/lib/survey/ward-code";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { testPrisma } from "../../scripts/support/prisma";

// GET /api/v1/comparison, /api/v1/overview and /api/v1/spc, and the comparison pages, through real
// HTTP against `next start` on PostgreSQL. The expected numbers are worked out by hand from the
// responses stored below (see the comments), not by calling the analytics code. The database is
// shared with the other integration tests, so the funnel's range (2031) and the overview's trust
// filter keep this file's numbers to its own wards.
//
// Trust 1: team A (aim 90%) with wards A1 and A2, team B with ward B1 (staff only), ward N1 in no team.
// Trust 2: team C with ward C1 (no responses), team D (aim 95%) with ward D1 (2030 only, before the rest).
// Weeks are numbered from Monday 6 January 2031 (week 0); week 18 starts on 12 May 2031.
//   A1: weeks 0–4, 20 responses a week, 19 yes                  → 100 responses, 95 yes
//   A2: weeks 0–18, 10 a week; weeks 0–11 alternate 5 and 6 yes (median 0.55), weeks 12–18 9 yes
//                                                                 → 190 responses, 129 yes; improving
//   B1: weeks 0–18, 10 a week; weeks 0–11 alternate 9 and 8 yes (median 0.85), weeks 12–18 5 yes
//                                                                 → 190 responses, 137 yes; deteriorating
//   N1: week 18, 3 responses, all yes (too few to show)
//   D1: 12 weeks from 7 January 2030, 100 a week, alternating 76 and 84 yes (over-dispersed)

let app: AppServer;
let prisma: PrismaClient;
const ids = {} as Record<"trust1" | "trust2" | "teamA" | "teamB" | "teamC" | "teamD" | "A1" | "A2" | "B1" | "N1" | "C1" | "D1", string>;
const codes = {} as Record<"A1" | "A2" | "B1" | "N1", string>;
const names = {} as Record<string, string>;
const auth = {} as Record<"coach" | "admin" | "lead" | "coachToken" | "leadToken", string>;

function week(i: number, base = "2031-01-06", day = 2): Date {
  const [y, m, d] = base.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 7 * i + day));
}
const weekStart = (i: number) => week(i, "2031-01-06", 0).toISOString().slice(0, 10);

async function respond(wardId: string, date: Date, n: number, yes: number, respondent: "SERVICE_USER" | "STAFF" = "SERVICE_USER") {
  await prisma.surveyResponse.createMany({
    data: Array.from({ length: n }, (_, k) => ({ wardId, respondent, feltSafe: k < yes, ableToSpeakUp: null, submittedOn: date })),
  });
}

type Who = "coach" | "admin" | "lead" | "anonymous" | "coachToken" | "leadToken";

function request(path: string, who: Who = "coach", init: RequestInit = {}) {
  const headers: Record<string, string> = {};
  if (who === "coach" || who === "admin" || who === "lead") headers.Cookie = auth[who];
  if (who === "coachToken" || who === "leadToken") headers.Authorization = `Bearer ${auth[who]}`;
  return fetch(`${app.baseUrl}${path}`, { redirect: "manual", ...init, headers });
}

async function json<T = Record<string, unknown>>(path: string, who: Who = "coach"): Promise<T> {
  const res = await request(path, who);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

type Unit = { id: string; name: string; trust: string | null; team: string | null; responses: number; yes: number | null; value: number | null; suppressed: boolean; limits: Record<string, number> | null; position: string; position95: string };
type Comparison = { overall: { responses: number; yes: number; value: number | null }; units: Unit[]; level: string; minResponses: number };
type Period = { responses: number; yes: number | null; value: number | null; suppressed: boolean };
type Row = { id: string; name: string; trust: string | null; team: string | null; wards: number; latest: Period | null; sparkline: Period[]; status: string; median: number | null; medianProvisional: boolean };
type Overview = { latestPeriod: { start: string; end: string } | null; periods: { start: string }[]; units: Row[]; filters: { trust: { id: string } | null } };

const RANGE = "from=2031-01-01&to=2031-12-31";
const unitOf = (answer: Comparison, id: string) => answer.units.find((u) => u.id === id);

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
  const suffix = `${process.pid}-${Date.now()}`;
  const trust1 = await prisma.trust.create({ data: { name: `Compare Trust One ${suffix}` } });
  const trust2 = await prisma.trust.create({ data: { name: `Compare Trust Two ${suffix}` } });
  const team = (name: string, trustId: string, targetPercent: number | null = null) =>
    prisma.projectTeam.create({ data: { name: `${name} ${suffix}`, trustId, targetPercent } });
  const [teamA, teamB, teamC, teamD] = await Promise.all([team("Team A", trust1.id, 90), team("Team B", trust1.id), team("Team C", trust2.id), team("Team D", trust2.id, 95)]);
  const ward = async (key: "A1" | "A2" | "B1" | "N1" | "C1" | "D1", trustId: string, teamId: string | null) => {
    const w = await prisma.ward.create({ data: { name: `${key} Ward ${suffix}`, trustId, teamId, surveyCode: newWardCode() } });
    ids[key] = w.id;
    names[key] = w.name;
    if (key !== "C1" && key !== "D1") codes[key] = w.surveyCode;
    return w;
  };
  await ward("A1", trust1.id, teamA.id);
  await ward("A2", trust1.id, teamA.id);
  await ward("B1", trust1.id, teamB.id);
  await ward("N1", trust1.id, null);
  await ward("C1", trust2.id, teamC.id);
  await ward("D1", trust2.id, teamD.id);
  Object.assign(ids, { trust1: trust1.id, trust2: trust2.id, teamA: teamA.id, teamB: teamB.id, teamC: teamC.id, teamD: teamD.id });
  Object.assign(names, { teamA: teamA.name, teamB: teamB.name, trust1: trust1.name });

  for (let i = 0; i < 5; i++) await respond(ids.A1, week(i), 20, 19);
  for (let i = 0; i < 19; i++) await respond(ids.A2, week(i), 10, i < 12 ? (i % 2 === 0 ? 5 : 6) : 9);
  for (let i = 0; i < 19; i++) await respond(ids.B1, week(i), 10, i < 12 ? (i % 2 === 0 ? 9 : 8) : 5, "STAFF");
  await respond(ids.N1, week(18), 3, 3);
  for (let j = 0; j < 12; j++) await respond(ids.D1, week(j, "2030-01-07"), 100, j % 2 === 0 ? 76 : 84);

  const coach = await createUser(prisma, { role: "QI_COACH" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [teamA.id] });
  for (const [who, user] of [["coach", coach], ["admin", admin], ["lead", lead]] as const) {
    const signedIn = await signInOverHttp(app.baseUrl, user.email);
    expect(signedIn.ok).toBe(true);
    auth[who] = signedIn.cookie;
  }
  for (const [who, user] of [["coachToken", coach], ["leadToken", lead]] as const) {
    auth[who] = newSecret(API_TOKEN_PREFIX);
    await prisma.apiToken.create({ data: { userId: user.id, name: who, tokenHash: secretHash(auth[who]), prefix: auth[who].slice(0, 12) } });
  }
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

describe("GET /api/v1/comparison (the funnel plot)", () => {
  it("places each ward around the overall proportion, with hand-computed limits", async () => {
    const answer = await json<Comparison>(`/api/v1/comparison?level=ward&${RANGE}`);
    // Placed: A1 100/95, A2 190/129, B1 190/137 → p̄ = 361/480 = 0.7521. N1's 3 are left out.
    expect(answer.overall).toEqual({ responses: 480, yes: 361, value: 0.7521 });
    expect(answer).toMatchObject({ level: "ward", minResponses: 5 });
    // n = 100: 99.8% limits 0.7521 ± 3.09 × 0.04318 = 0.6187 to 0.8855; 0.95 is above.
    expect(unitOf(answer, ids.A1)).toEqual({
      id: ids.A1,
      name: names.A1,
      trust: names.trust1,
      team: names.teamA,
      responses: 100,
      yes: 95,
      value: 0.95,
      suppressed: false,
      limits: { lower95: 0.6674, upper95: 0.8367, lower998: 0.6187, upper998: 0.8855 },
      position: "above",
      position95: "above",
      href: `/wards/${ids.A1}`,
    });
    // n = 190: 0.6789 is below the 95% limit 0.6907 but inside the 99.8% limit 0.6553.
    expect(unitOf(answer, ids.A2)).toMatchObject({ responses: 190, yes: 129, value: 0.6789, position: "within", position95: "below" });
    expect(unitOf(answer, ids.B1)).toMatchObject({ responses: 190, yes: 137, value: 0.7211, position: "within", position95: "within", team: names.teamB });
    expect(unitOf(answer, ids.N1)).toMatchObject({ responses: 3, yes: null, value: null, suppressed: true, position: "too-few", team: null });
    expect(unitOf(answer, ids.C1)).toMatchObject({ responses: 0, yes: null, value: null, suppressed: false, position: "too-few", limits: null });
    expect(unitOf(answer, ids.D1)).toMatchObject({ responses: 0, position: "too-few" });
  });

  it("adds wards up for teams and trusts", async () => {
    const teams = await json<Comparison>(`/api/v1/comparison?level=team&${RANGE}`);
    expect(teams.overall).toEqual({ responses: 480, yes: 361, value: 0.7521 });
    expect(unitOf(teams, ids.teamA)).toMatchObject({ name: names.teamA, trust: names.trust1, responses: 290, yes: 224, value: 0.7724, position: "within", href: `/teams/${ids.teamA}` });
    expect(unitOf(teams, ids.teamB)).toMatchObject({ responses: 190, yes: 137, position: "within" });
    expect(unitOf(teams, ids.teamC)).toMatchObject({ responses: 0, yes: null, position: "too-few" });
    expect(teams.units.some((u) => u.id === ids.A1)).toBe(false);

    // Trust 1 counts N1's 3 as well: 483 responses, 364 yes; trust 2 has none in 2031.
    const trusts = await json<Comparison>(`/api/v1/comparison?level=trust&${RANGE}`);
    expect(trusts.overall).toEqual({ responses: 483, yes: 364, value: 0.7536 });
    expect(unitOf(trusts, ids.trust1)).toMatchObject({ responses: 483, yes: 364, value: 0.7536, position: "within", team: null, href: `/compare/trusts/${ids.trust1}` });
    expect(unitOf(trusts, ids.trust2)).toMatchObject({ responses: 0, position: "too-few" });
  });

  it("filters by respondent group and measure", async () => {
    const staff = await json<Comparison>(`/api/v1/comparison?level=ward&respondent=staff&${RANGE}`);
    expect(staff.overall).toEqual({ responses: 190, yes: 137, value: 0.7211 });
    expect(unitOf(staff, ids.A1)).toMatchObject({ responses: 0, position: "too-few" });
    // Nobody answered question 3: nothing to compare for "able to speak up".
    const speakUp = await json<Comparison>(`/api/v1/comparison?level=ward&measure=speak-up&${RANGE}`);
    expect(unitOf(speakUp, ids.A1)).toMatchObject({ responses: 0, position: "too-few" });
  });

  it("reads only the date range asked for", async () => {
    // Weeks 12–18 only (31 March to 18 May 2031): A2 70/63, B1 70/35, N1 3/3 (too few).
    const answer = await json<Comparison>(`/api/v1/comparison?level=ward&from=2031-03-31&to=2031-05-18`);
    expect(unitOf(answer, ids.A2)).toMatchObject({ responses: 70, yes: 63 });
    expect(unitOf(answer, ids.B1)).toMatchObject({ responses: 70, yes: 35 });
    expect(unitOf(answer, ids.A1)).toMatchObject({ responses: 0 });
    expect(answer.overall).toEqual({ responses: 140, yes: 98, value: 0.7 });
  });

  it("refuses bad parameters, naming them", async () => {
    for (const [query, field] of [
      ["level=region", "level"],
      ["from=2031-13-01", "from"],
      ["from=2031-05-01&to=2031-04-01", "to"],
      ["measure=happiness", "measure"],
      ["respondent=visitor", "respondent"],
    ] as const) {
      const res = await request(`/api/v1/comparison?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { fields: Record<string, string> }).fields).toHaveProperty(field);
    }
  });
});

describe("GET /api/v1/overview", () => {
  it("gives each ward its latest week, sparkline, run-chart status and median, suppression kept", async () => {
    const answer = await json<Overview>(`/api/v1/overview?trust=${ids.trust1}`);
    expect(answer.filters.trust?.id).toBe(ids.trust1);
    expect(answer.latestPeriod).toEqual({ start: weekStart(18), end: "2031-05-18" });
    expect(answer.periods.map((p) => p.start)).toEqual(Array.from({ length: 12 }, (_, i) => weekStart(7 + i)));
    // Sorted by trust, then name.
    expect(answer.units.map((u) => u.id)).toEqual([ids.A1, ids.A2, ids.B1, ids.N1]);
    const [a1, a2, b1, n1] = answer.units as [Row, Row, Row, Row];
    expect(a2).toMatchObject({ trust: names.trust1, team: names.teamA, wards: 1, status: "improving", median: 0.55, medianProvisional: false });
    expect(a2.latest).toEqual({ responses: 10, yes: 9, value: 0.9, suppressed: false });
    expect(a2.sparkline.map((p) => p.value)).toEqual([0.6, 0.5, 0.6, 0.5, 0.6, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]);
    expect(b1).toMatchObject({ status: "deteriorating", median: 0.85, latest: { responses: 10, yes: 5, value: 0.5, suppressed: false } });
    // A1 stopped after week 4: no responses in the latest week; five equal values are all on the median.
    expect(a1).toMatchObject({ status: "not-enough-data", median: 0.95, medianProvisional: true, latest: { responses: 0, yes: null, value: null, suppressed: false } });
    expect(a1.sparkline.every((p) => p.responses === 0)).toBe(true);
    // N1: 3 responses in the latest week: the count is shown, the answers are not.
    expect(n1).toMatchObject({ status: "not-enough-data", median: null, team: null, latest: { responses: 3, yes: null, value: null, suppressed: true } });
    expect(n1.sparkline[11]).toEqual({ responses: 3, yes: null, value: null, suppressed: true });
  });

  it("adds wards up for teams and trusts, and sorts without revealing hidden values", async () => {
    const teams = await json<Overview>(`/api/v1/overview?level=team&trust=${ids.trust1}`);
    // Team A: weeks 0–4 are A1 + A2 (0.8 or 0.833), weeks 5–11 A2 alone; baseline median 0.6, then 7 weeks at 0.9.
    expect(teams.units.map((u) => [u.id, u.wards, u.status, u.median])).toEqual([
      [ids.teamA, 2, "improving", 0.6],
      [ids.teamB, 1, "deteriorating", 0.85],
    ]);
    const trusts = await json<Overview>(`/api/v1/overview?level=trust&trust=${ids.trust1}`);
    expect(trusts.units).toHaveLength(1);
    expect(trusts.units[0]).toMatchObject({ id: ids.trust1, wards: 4, latest: { responses: 23, yes: 17, value: 0.7391 } });

    const byValue = await json<Overview>(`/api/v1/overview?trust=${ids.trust1}&sort=value&dir=desc`);
    expect(byValue.units.map((u) => u.id)).toEqual([ids.A2, ids.B1, ids.A1, ids.N1]);
    const byTeam = await json<Overview>(`/api/v1/overview?team=${ids.teamA}`);
    expect(byTeam.units.map((u) => u.id)).toEqual([ids.A1, ids.A2]);
  });

  it("gives every row the status and median of its run chart (GET /api/v1/run-chart)", async () => {
    const wardRows = `/api/v1/overview?trust=${ids.trust1}`;
    const scopes: [scope: string, overviewPath: string, id: string][] = [
      ...(["A1", "A2", "B1", "N1"] as const).map((k): [string, string, string] => [`ward:${codes[k]}`, wardRows, ids[k]]),
      [`team:${ids.teamA}`, `/api/v1/overview?level=team&trust=${ids.trust1}`, ids.teamA],
      [`team:${ids.teamB}`, `/api/v1/overview?level=team&trust=${ids.trust1}`, ids.teamB],
      [`trust:${ids.trust1}`, `/api/v1/overview?level=trust&trust=${ids.trust1}`, ids.trust1],
    ];
    for (const interval of ["week", "month"]) {
      for (const [scope, overviewPath, id] of scopes) {
        const chart = await json<{ status: string; phases: { median: number | null }[] }>(`/api/v1/run-chart?scope=${scope}&interval=${interval}`);
        const overview = await json<Overview>(`${overviewPath}&interval=${interval}`);
        const row = overview.units.find((u) => u.id === id);
        expect(row, scope).toBeDefined();
        expect([scope, interval, row?.status, row?.median]).toEqual([scope, interval, chart.status, chart.phases.at(-1)?.median ?? null]);
      }
    }
  });

  it("shows a new response at once, and a deleted one is gone at once", async () => {
    const before = await json<Overview>(`/api/v1/overview?trust=${ids.trust1}`);
    expect(before.units.find((u) => u.id === ids.A1)?.latest).toMatchObject({ responses: 0 });
    await respond(ids.A1, week(18), 5, 4);
    const after = await json<Overview>(`/api/v1/overview?trust=${ids.trust1}`);
    expect(after.units.find((u) => u.id === ids.A1)?.latest).toEqual({ responses: 5, yes: 4, value: 0.8, suppressed: false });
    const everyWard = await json<Overview>(`/api/v1/overview`);
    expect(everyWard.units.find((u) => u.id === ids.A1)?.latest).toMatchObject({ responses: 5 });
    await prisma.surveyResponse.deleteMany({ where: { wardId: ids.A1, submittedOn: week(18) } });
    const deleted = await json<Overview>(`/api/v1/overview`);
    expect(deleted.units.find((u) => u.id === ids.A1)?.latest).toMatchObject({ responses: 0 });
    expect(deleted.units.find((u) => u.id === ids.A2)?.latest).toMatchObject({ responses: 10, yes: 9 });
  });

  it("refuses bad parameters and unknown trusts or teams, naming them", async () => {
    for (const [query, field] of [
      ["level=region", "level"],
      ["sort=size", "sort"],
      ["dir=up", "dir"],
      ["interval=day", "interval"],
      ["trust=no-such-trust", "trust"],
      ["team=no-such-team", "team"],
      ["trust=a%20b", "trust"],
    ] as const) {
      const res = await request(`/api/v1/overview?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { fields: Record<string, string> }).fields).toHaveProperty(field);
    }
  });
});

type Spc = {
  scope: string;
  chart: string;
  choice: { used: string; sigmaZ: number | null; overdispersed: boolean; explanation: string };
  target: number | null;
  points: { start: string; responses: number; yes: number | null; value: number | null; suppressed: boolean; centre: number | null; limits: Record<string, number> | null; signals: string[]; variation: string | null }[];
  phases: { centre: number | null; trialLimits: boolean; responsesForUpperLimitBelow100: number | null }[];
  trialLimits: boolean;
  icons: { variation: string | null; assurance: string | null };
  explanations: string[];
  limitsNote: { responsesNeeded: number | null; periodsWithEnough: number; periods: number } | null;
  smallNumbersNote: string;
};

describe("GET /api/v1/spc", () => {
  it("draws Laney's p′ for over-dispersed data, with hand-computed limits, trial limits and icons", async () => {
    const answer = await json<Spc>(`/api/v1/spc?scope=team:${ids.teamD}`);
    // n = 100, 76 and 84 alternating: p̄ = 0.8, σt = 0.04, σz = 2 / 1.128 = 1.773.
    expect(answer).toMatchObject({ scope: `team:${ids.teamD}`, chart: "pprime", target: 0.95, trialLimits: true });
    expect(answer.choice).toMatchObject({ used: "pprime", sigmaZ: 1.773, overdispersed: true });
    expect(answer.points).toHaveLength(12);
    expect(answer.points[0]).toMatchObject({ responses: 100, yes: 76, value: 0.76, centre: 0.8, limits: { lower3: 0.5872, upper3: 1, lower2: 0.6582, upper2: 0.9418 } });
    // The aim (95%) is inside 0.5872 to 100%: hit and miss; nothing unusual: common cause.
    expect(answer.icons).toEqual({ variation: "common-cause", assurance: "hit-and-miss" });
    expect(answer.smallNumbersNote).toContain("at least 37 responses");
  });

  it("draws the p-chart when asked (limits 0.8 ± 0.12), and says the data look over-dispersed", async () => {
    const answer = await json<Spc>(`/api/v1/spc?scope=team:${ids.teamD}&chart=p`);
    expect(answer.chart).toBe("p");
    expect(answer.choice.explanation).toContain("over-dispersed");
    expect(answer.points[0]?.limits).toEqual({ lower3: 0.68, upper3: 0.92, lower2: 0.72, upper2: 0.88 });
    // 95% is above the upper limit 92%.
    expect(answer.icons.assurance).toBe("consistently-failing");
  });

  it("flags shifts above and below the mean, and says what the limits can show", async () => {
    const answer = await json<Spc>(`/api/v1/spc?scope=team:${ids.teamB}&chart=p&interval=week`);
    // p̄ = 137/190 = 0.7211 over 19 weeks: not trial limits. Weeks 0–11 (0.9 and 0.8) are twelve above
    // it, weeks 12–18 (0.5) seven below: two shifts; the latest point is concern.
    expect(answer).toMatchObject({ chart: "p", trialLimits: false, target: null, icons: { variation: "concern", assurance: null } });
    expect(answer.points[0]?.centre).toBe(0.7211);
    expect(answer.points.every((p) => p.signals.includes("spc-shift"))).toBe(true);
    expect(answer.points.map((p) => p.variation)).toEqual([...Array(12).fill("improvement"), ...Array(7).fill("concern")]);
    expect(answer.explanations).toEqual([
      "Shift (7 or more in a row on one side of the centre line): 12 weeks from 6 January 2031 to 24 March 2031 — improvement (higher).",
      "Shift (7 or more in a row on one side of the centre line): 7 weeks from 31 March 2031 to 12 May 2031 — concern (lower).",
    ]);
    // Upper limit below 100% only when n > 9 × 137 / 53 = 23.3, i.e. from 24; every week here has 10.
    expect(answer.limitsNote).toMatchObject({ responsesNeeded: 24, periodsWithEnough: 0, periods: 19 });
  });

  it("keeps small periods suppressed, marks a short range as trial limits, and reads only the range", async () => {
    const ward = await json<Spc>(`/api/v1/spc?scope=ward:${codes.N1}`);
    expect(ward.points).toEqual([expect.objectContaining({ responses: 3, yes: null, value: null, suppressed: true })]);
    const short = await json<Spc>(`/api/v1/spc?scope=team:${ids.teamB}&from=2031-03-31&chart=p`);
    expect(short.points.map((p) => p.start)).toEqual(Array.from({ length: 7 }, (_, i) => weekStart(12 + i)));
    expect(short).toMatchObject({ trialLimits: true });
    expect(short.points[0]?.centre).toBe(0.5);
  });

  it("refuses bad parameters, naming them, and an unknown team is not found", async () => {
    for (const [query, field] of [
      ["scope=region:1", "scope"],
      ["chart=c", "chart"],
      ["interval=day", "interval"],
    ] as const) {
      const res = await request(`/api/v1/spc?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { fields: Record<string, string> }).fields).toHaveProperty(field);
    }
    expect((await request(`/api/v1/spc?scope=team:no-such-team`)).status).toBe(404);
  });
});

describe("who may compare", () => {
  const apis = () => [
    `/api/v1/comparison?level=ward&${RANGE}`,
    `/api/v1/comparison?level=trust`,
    `/api/v1/overview?level=team`,
    `/api/v1/spc?scope=team:${ids.teamA}`,
    `/api/v1/spc?scope=all`,
    // Even a bad parameter must not reveal that the API exists.
    `/api/v1/comparison?level=region`,
  ];
  const pages = () => ["/compare", "/compare?level=team", "/compare/funnel", "/compare/small-multiples", "/compare/spc", `/compare/trusts/${ids.trust1}`];

  it("QI coaches and administrators get the APIs, by session or API token", async () => {
    for (const path of apis().slice(0, 5)) {
      for (const who of ["coach", "admin", "coachToken"] as const) expect((await request(path, who)).status, `${who} ${path}`).toBe(200);
    }
  });

  it("a project lead gets 404 from every comparison API, even for their own team; no one signed in gets 401", async () => {
    for (const path of apis()) {
      for (const who of ["lead", "leadToken"] as const) {
        const res = await request(path, who);
        expect(res.status, `${who} ${path}`).toBe(404);
        expect(JSON.stringify(await res.json())).not.toContain(ids.teamA);
      }
      expect((await request(path, "anonymous")).status, path).toBe(401);
    }
  });

  it("a project lead gets 404 for the comparison pages; coaches and administrators see them", async () => {
    for (const path of pages()) {
      expect((await request(path, "lead")).status, `lead ${path}`).toBe(404);
      for (const who of ["coach", "admin"] as const) expect((await request(path, who)).status, `${who} ${path}`).toBe(200);
      const anonymous = await request(path, "anonymous");
      expect(anonymous.status, path).toBe(307);
      expect(anonymous.headers.get("location")).toContain("/signin");
    }
    expect((await request(`/compare/trusts/no-such-trust`, "coach")).status).toBe(404);
  });

  it("the overview page lists the trust's wards with their status in words", async () => {
    const res = await request(`/compare?trust=${ids.trust1}`);
    const html = await res.text();
    for (const key of ["A1", "A2", "B1", "N1"]) expect(html).toContain(names[key]);
    expect(html).toContain("Improving");
    expect(html).toContain("Deteriorating");
    expect(html).toContain("Too few");
    // The hidden count never reaches the page: N1's "3 of 3" would give it away.
    expect(html).not.toContain("3 of 3");
  });
});
