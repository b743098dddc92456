import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { API_TOKEN_PREFIX, newSecret, secretHash } from "@/lib/auth/secrets";
import { COLLABORATIVE_AIM } from "@/lib/improvement/aim";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { newWardCode } from "@/lib/survey/ward-code";

// The Model for Improvement's API (a team's driver diagram, its boxes, PDSA cycles, change ideas
// across teams) over real HTTP against `next start` on PostgreSQL, as the browser (session cookie)
// and an analyst's script (API token) call it. Every refusal is checked to have written nothing:
// not a box, a link, a cycle, an aim or an audit event.

let app: AppServer;
let prisma: PrismaClient;

type Caller = { cookie?: string; token?: string };
type Box = { id: string; kind: string; text: string; position: number; status: string | null; parentIds: string[] };
type Cycle = Record<string, unknown> & { id: string; number: number; stage: string; changeIdea: { id: string; text: string; status: string | null } };
type DiagramFile = {
  format: string;
  version: number;
  team: string;
  exportedAt: string;
  aim: { statement: string; targetPercent: number | null; targetDate: string | null };
  primaryDrivers: { id: string; text: string }[];
  secondaryDrivers: { id: string; text: string; primaryDrivers: string[] }[];
  changeIdeas: { id: string; text: string; status: string; secondaryDrivers: string[] }[];
};

const f = {} as {
  trustId: string;
  leadId: string;
  lead: Caller;
  leadToken: Caller;
  coach: Caller;
  /** Another trust's team, with a diagram and a cycle, that the lead is not a member of. */
  other: { id: string; wardId: string; primaryId: string; secondaryId: string; ideaId: string; cycleId: string };
};

let counter = 0;

/** A new project team, with one ward, of which the lead is a member (the lead's actor is loaded per request). */
async function newTeam(name = `Team ${process.pid}-${Date.now()}-${++counter}`) {
  const team = await prisma.projectTeam.create({ data: { name, trustId: f.trustId } });
  const ward = await prisma.ward.create({ data: { name: `Ward of ${name}`, trustId: f.trustId, teamId: team.id, surveyCode: newWardCode() } });
  await prisma.teamMembership.create({ data: { userId: f.leadId, teamId: team.id } });
  return { id: team.id, name, ward: { id: ward.id, name: ward.name, code: ward.surveyCode } };
}

function headers(caller: Caller, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { ...extra };
  if (caller.cookie) out.Cookie = caller.cookie;
  if (caller.token) out.Authorization = `Bearer ${caller.token}`;
  return out;
}

/** A request; `body` is sent as JSON, or as it is when it is a string. */
function call(method: string, path: string, caller: Caller, body?: unknown): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, {
    method,
    redirect: "manual",
    headers: headers(caller, body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function expectJson<T>(res: Response, status: number): Promise<T> {
  expect(res.status, `${res.url}: ${await res.clone().text()}`).toBe(status);
  return (await res.json()) as T;
}

const addBox = async (teamId: string, caller: Caller, body: Record<string, unknown>) =>
  expectJson<Box>(await call("POST", `/api/v1/teams/${teamId}/driver-diagram/boxes`, caller, body), 201);

/** A diagram file without what differs between exports of the same diagram (the team's name, the time). */
const structureOf = ({ format, version, aim, primaryDrivers, secondaryDrivers, changeIdeas }: DiagramFile) => ({ format, version, aim, primaryDrivers, secondaryDrivers, changeIdeas });

const exported = async (teamId: string, caller: Caller = f.lead) => expectJson<DiagramFile>(await call("GET", `/api/v1/teams/${teamId}/driver-diagram?format=json`, caller), 200);

/** The paper template's diagram, added through the API: two primary drivers, two secondary drivers (one serving both), two change ideas. */
async function sampleDiagram(teamId: string, caller: Caller = f.lead) {
  const p1 = await addBox(teamId, caller, { kind: "PRIMARY", text: "Staff know how to respond to a disclosure" });
  const p2 = await addBox(teamId, caller, { kind: "PRIMARY", text: "Service users feel able to speak up" });
  const s1 = await addBox(teamId, caller, { kind: "SECONDARY", text: "Training on responding to disclosures", parentIds: [p1.id] });
  const s2 = await addBox(teamId, caller, { kind: "SECONDARY", text: "Private spaces on the ward", parentIds: [p2.id, p1.id] });
  const c1 = await addBox(teamId, caller, { kind: "CHANGE_IDEA", text: "Ten-minute huddle training", parentIds: [s1.id] });
  const c2 = await addBox(teamId, caller, { kind: "CHANGE_IDEA", text: "Locks on bedroom doors", parentIds: [s2.id, s1.id], status: "TESTING" });
  return { p1, p2, s1, s2, c1, c2 };
}

function plan(changeIdeaId: string, extra: Record<string, unknown> = {}) {
  return { changeIdeaId, startDate: "2025-03-03", planWhat: "A huddle at the start of the early shift", prediction: "Staff will attend on four days out of five", ...extra };
}

/** Everything a change to a diagram, a cycle or an aim could write. */
async function written() {
  return {
    boxes: await prisma.driverBox.findMany({ select: { id: true, teamId: true, kind: true, text: true, position: true, status: true }, orderBy: { id: "asc" } }),
    links: await prisma.driverLink.findMany({ orderBy: [{ parentId: "asc" }, { childId: "asc" }] }),
    cycles: await prisma.pdsaCycle.findMany({ orderBy: { id: "asc" } }),
    audits: await prisma.auditEvent.count(),
    teams: await prisma.projectTeam.findMany({ select: { id: true, aimStatement: true, targetPercent: true, targetDate: true }, orderBy: { id: "asc" } }),
  };
}

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
  const own = await createWard(prisma);
  f.trustId = own.trust.id;

  const lead = await createUser(prisma, { role: "PROJECT_LEAD" });
  const coach = await createUser(prisma, { role: "QI_COACH" });
  f.leadId = lead.id;
  for (const [key, user] of [["lead", lead], ["coach", coach]] as const) {
    const signedIn = await signInOverHttp(app.baseUrl, user.email);
    expect(signedIn.ok).toBe(true);
    f[key] = { cookie: signedIn.cookie };
  }
  const token = newSecret(API_TOKEN_PREFIX);
  await prisma.apiToken.create({ data: { userId: lead.id, name: "R script", tokenHash: secretHash(token), prefix: token.slice(0, 12) } });
  f.leadToken = { token };

  // Another trust's team, built by its own lead, so its boxes and cycle are real ones.
  const other = await createWard(prisma, { withTeam: true });
  const otherLead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [other.team!.id] });
  const otherCaller = { cookie: (await signInOverHttp(app.baseUrl, otherLead.email)).cookie };
  const theirs = await sampleDiagram(other.team!.id, otherCaller);
  const cycle = await expectJson<Cycle>(await call("POST", `/api/v1/teams/${other.team!.id}/pdsa-cycles`, otherCaller, plan(theirs.c1.id)), 201);
  f.other = { id: other.team!.id, wardId: other.ward.id, primaryId: theirs.p1.id, secondaryId: theirs.s1.id, ideaId: theirs.c2.id, cycleId: cycle.id };
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

describe("a project lead builds a driver diagram through the API", () => {
  it("adds, links, re-orders, sets statuses and deletes boxes, by session and by API token, each change stored and audited", async () => {
    const team = await newTeam();
    const p1 = await addBox(team.id, f.lead, { kind: "PRIMARY", text: "  Staff know how to respond to a disclosure " });
    expect(p1).toEqual({ id: expect.any(String), kind: "PRIMARY", text: "Staff know how to respond to a disclosure", position: 0, status: null, parentIds: [] });
    const p2 = await addBox(team.id, f.leadToken, { kind: "PRIMARY", text: "Service users feel able to speak up" });
    expect(p2.position).toBe(1);
    const s1 = await addBox(team.id, f.lead, { kind: "SECONDARY", text: "Training on responding to disclosures", parentIds: [p1.id] });
    const s2 = await addBox(team.id, f.leadToken, { kind: "SECONDARY", text: "Private spaces on the ward", parentIds: [p2.id] });
    const c1 = await addBox(team.id, f.lead, { kind: "CHANGE_IDEA", text: "Ten-minute huddle training", parentIds: [s1.id] });
    expect(c1).toMatchObject({ kind: "CHANGE_IDEA", position: 0, status: "IDEA", parentIds: [s1.id] });
    const c2 = await addBox(team.id, f.lead, { kind: "CHANGE_IDEA", text: "Locks on bedroom doors", parentIds: [s2.id], status: "TESTING" });
    const c3 = await addBox(team.id, f.lead, { kind: "CHANGE_IDEA", text: "A poster in the day room", parentIds: [s1.id] });
    expect(c3.position).toBe(2);

    // Links come back in their column's order, whatever order they were sent in.
    const relinked = await expectJson<Box>(await call("PATCH", `/api/v1/driver-diagram-boxes/${s2.id}`, f.lead, { parentIds: [p2.id, p1.id] }), 200);
    expect(relinked).toEqual({ ...s2, parentIds: [p1.id, p2.id] });
    const adopted = await expectJson<Box>(await call("PATCH", `/api/v1/driver-diagram-boxes/${c1.id}`, f.leadToken, { status: "ADOPTED", text: " Daily ten-minute huddle training " }), 200);
    expect(adopted).toEqual({ ...c1, text: "Daily ten-minute huddle training", status: "ADOPTED" });

    const moved = await call("PATCH", `/api/v1/driver-diagram-boxes/${c3.id}`, f.lead, { move: "top" });
    expect(moved.status).toBe(204);
    expect(await moved.text()).toBe("");
    const order = async () => (await prisma.driverBox.findMany({ where: { teamId: team.id, kind: "CHANGE_IDEA" }, orderBy: { position: "asc" } })).map((n) => n.id);
    expect(await order()).toEqual([c3.id, c1.id, c2.id]);
    expect((await call("PATCH", `/api/v1/driver-diagram-boxes/${c3.id}`, f.leadToken, { move: "down" })).status).toBe(204);
    expect(await order()).toEqual([c1.id, c3.id, c2.id]);
    // To a place, as dragging a box does: second of three.
    expect((await call("PATCH", `/api/v1/driver-diagram-boxes/${c2.id}`, f.lead, { move: 2 })).status).toBe(204);
    expect(await order()).toEqual([c1.id, c2.id, c3.id]);

    const deleted = await call("DELETE", `/api/v1/driver-diagram-boxes/${c3.id}`, f.lead);
    expect(deleted.status).toBe(204);
    expect(await prisma.driverBox.findUnique({ where: { id: c3.id } })).toBeNull();
    expect(await prisma.driverLink.count({ where: { OR: [{ childId: c3.id }, { parentId: c3.id }] } })).toBe(0);

    // Deleting the only primary driver a secondary driver serves would leave it linked to nothing.
    const before = await written();
    const orphaning = await expectJson<{ fields: Record<string, string> }>(await call("DELETE", `/api/v1/driver-diagram-boxes/${p1.id}`, f.lead), 400);
    expect(orphaning.fields.box).toContain("Training on responding to disclosures");
    expect(await written()).toEqual(before);

    const file = await exported(team.id);
    expect(file).toEqual({
      format: "wardsafe-driver-diagram",
      version: 1,
      team: team.name,
      exportedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      aim: { statement: COLLABORATIVE_AIM, targetPercent: null, targetDate: null },
      primaryDrivers: [
        { id: "P1", text: "Staff know how to respond to a disclosure" },
        { id: "P2", text: "Service users feel able to speak up" },
      ],
      secondaryDrivers: [
        { id: "S1", text: "Training on responding to disclosures", primaryDrivers: ["P1"] },
        { id: "S2", text: "Private spaces on the ward", primaryDrivers: ["P1", "P2"] },
      ],
      changeIdeas: [
        { id: "C1", text: "Daily ten-minute huddle training", status: "adopted", secondaryDrivers: ["S1"] },
        { id: "C2", text: "Locks on bedroom doors", status: "testing", secondaryDrivers: ["S2"] },
      ],
    });

    const boxIds = [p1.id, p2.id, s1.id, s2.id, c1.id, c2.id, c3.id];
    const audit = await prisma.auditEvent.findMany({ where: { entityId: { in: boxIds } }, orderBy: { at: "asc" } });
    const actions = (action: string) => audit.filter((e) => e.action === action).map((e) => e.entityId);
    expect(new Set(actions("driver-box.create"))).toEqual(new Set(boxIds));
    expect(actions("driver-box.update").sort()).toEqual([s2.id, c1.id].sort());
    expect(actions("driver-box.move")).toEqual([c3.id, c3.id, c2.id]);
    expect(actions("driver-box.delete")).toEqual([c3.id]);
    expect(audit.every((e) => e.actorId === f.leadId)).toBe(true);
  });

  it("links a box once when the same driver is sent twice (for adding and for changing it)", async () => {
    const team = await newTeam();
    const p1 = await addBox(team.id, f.lead, { kind: "PRIMARY", text: "Staff respond well" });
    const p2 = await addBox(team.id, f.lead, { kind: "PRIMARY", text: "Service users speak up" });
    const s1 = await addBox(team.id, f.lead, { kind: "SECONDARY", text: "Training", parentIds: [p1.id, p1.id] });
    expect(s1.parentIds).toEqual([p1.id]);
    const changed = await expectJson<Box>(await call("PATCH", `/api/v1/driver-diagram-boxes/${s1.id}`, f.lead, { parentIds: [p2.id, p1.id, p2.id] }), 200);
    expect(changed.parentIds).toEqual([p1.id, p2.id]);
    expect(await prisma.driverLink.count({ where: { childId: s1.id } })).toBe(2);
  });

  it("serves the diagram as an SVG picture with its text escaped, and as a download when asked", async () => {
    const team = await newTeam(`Rose & "Oak" <North> ${Date.now()}`);
    await prisma.projectTeam.update({ where: { id: team.id }, data: { aimStatement: "Fewer <incidents> & more trust", targetPercent: 90, targetDate: new Date("2027-03-31T00:00:00Z") } });
    const p1 = await addBox(team.id, f.lead, { kind: "PRIMARY", text: `Staff & 'all' say "<no>"` });
    const s1 = await addBox(team.id, f.lead, { kind: "SECONDARY", text: "Training", parentIds: [p1.id] });
    await addBox(team.id, f.lead, { kind: "CHANGE_IDEA", text: "Huddles", parentIds: [s1.id], status: "ADAPTED" });
    const path = `/api/v1/teams/${team.id}/driver-diagram`;

    const res = await call("GET", `${path}?format=svg`, f.lead);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get("content-disposition")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    const svg = await res.text();
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain(`>Staff &amp; &apos;all&apos; say &quot;&lt;no&gt;&quot;</text>`);
    expect(svg).toContain(`<title id="dd-title">Rose &amp; &quot;Oak&quot; &lt;North&gt;`);
    expect(svg).toContain("&lt;incidents&gt; &amp;");
    expect(svg).toContain(">Adapted</text>");
    // Nothing the team typed reaches the document as markup.
    for (const raw of ["<no>", "<North>", "<incidents>", `"Oak"`, "'all'"]) expect(svg).not.toContain(raw);
    // The aim and the three boxes, each drawn once.
    expect(svg.match(/<g data-box=/g)).toHaveLength(4);

    const download = await call("GET", `${path}?format=svg&download=1`, f.leadToken);
    expect(download.status).toBe(200);
    const slug = team.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-driver-diagram.svg"`);
    expect(await download.text()).toBe(svg);

    const json = await call("GET", `${path}?download=1`, f.lead);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-driver-diagram.json"`);
    expect(((await json.json()) as DiagramFile).aim).toEqual({ statement: "Fewer <incidents> & more trust", targetPercent: 90, targetDate: "2027-03-31" });

    const bad = await expectJson<{ fields: Record<string, string> }>(await call("GET", `${path}?format=png`, f.lead), 400);
    expect(Object.keys(bad.fields)).toEqual(["format"]);
  });

  it("copies a diagram into another of the lead's teams by importing its file, with the same structure", async () => {
    const from = await newTeam();
    const to = await newTeam();
    await prisma.projectTeam.update({ where: { id: from.id }, data: { aimStatement: "Every service user feels safe at night", targetPercent: 85, targetDate: new Date("2027-06-30T00:00:00Z") } });
    const boxes = await sampleDiagram(from.id);
    await call("PATCH", `/api/v1/driver-diagram-boxes/${boxes.c1.id}`, f.lead, { status: "ADOPTED" });
    const file = await exported(from.id);
    const structure = structureOf(file);

    // A copy starts the team's own tests: every change idea an idea, the team's aim its own.
    const added = await expectJson<{ added: number }>(await call("POST", `/api/v1/teams/${to.id}/driver-diagram`, f.lead, { file, mode: "add" }), 201);
    expect(added).toEqual({ added: 6 });
    const copy = await exported(to.id);
    expect(copy).toMatchObject({
      team: to.name,
      aim: { statement: COLLABORATIVE_AIM, targetPercent: null, targetDate: null },
      primaryDrivers: structure.primaryDrivers,
      secondaryDrivers: structure.secondaryDrivers,
      changeIdeas: structure.changeIdeas.map((c) => ({ ...c, status: "idea" })),
    });

    // Replacing, keeping the statuses and taking the aim, makes the same diagram as the original.
    const replaced = await call("POST", `/api/v1/teams/${to.id}/driver-diagram`, f.leadToken, { file, mode: "replace", keepStatuses: true, takeAim: true });
    expect(replaced.status).toBe(201);
    const copied = await exported(to.id);
    expect(copied.team).toBe(to.name);
    expect(structureOf(copied)).toEqual(structure);
    expect(copied.changeIdeas.map((c) => c.status)).toEqual(["adopted", "testing"]);
    expect(await prisma.driverBox.count({ where: { teamId: to.id } })).toBe(6);
    // The original is untouched.
    expect(structureOf(await exported(from.id))).toEqual(structure);

    const audit = await prisma.auditEvent.findMany({ where: { action: "driver-diagram.import", entityId: to.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => e.after)).toEqual([
      { mode: "add", keepStatuses: false, takeAim: false, from: from.name, added: 6 },
      { mode: "replace", keepStatuses: true, takeAim: true, from: from.name, added: 6 },
    ]);
  });
});

describe("PDSA cycles through the API", () => {
  it("plans a cycle, updates it through its stages, and shows it on the team's and the ward's run charts", async () => {
    const team = await newTeam();
    const { c1, c2 } = await sampleDiagram(team.id);
    const created = await expectJson<Cycle>(
      await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(c1.id, { wardId: team.ward.id, planWho: " Ward manager ", planWhere: "Day room" })),
      201,
    );
    expect(created).toEqual({
      id: expect.any(String),
      number: 1,
      team: { id: team.id, name: team.name, trustName: expect.any(String) },
      changeIdea: { id: c1.id, text: c1.text, status: "TESTING" },
      ward: { id: team.ward.id, name: team.ward.name },
      startDate: "2025-03-03",
      endDate: null,
      planWhat: "A huddle at the start of the early shift",
      planWho: "Ward manager",
      planWhere: "Day room",
      prediction: "Staff will attend on four days out of five",
      doNotes: "",
      studyNotes: "",
      actDecision: null,
      actNotes: "",
      stage: "doing",
    });
    expect((await exported(team.id)).changeIdeas[0]).toMatchObject({ text: c1.text, status: "testing" });

    const change = {
      startDate: "2025-03-03",
      endDate: "2025-03-28",
      planWhat: "A huddle at the start of the early shift",
      planWho: "Ward manager",
      planWhere: "Day room",
      prediction: "Staff will attend on four days out of five",
      doNotes: "Held on 18 of 20 days",
      studyNotes: "Attendance beat the prediction",
      actDecision: "ADOPT",
      actNotes: "Make it part of the early shift",
    };
    const updated = await expectJson<Cycle>(await call("PUT", `/api/v1/pdsa-cycles/${created.id}`, f.leadToken, { ...change, wardId: team.ward.id }), 200);
    expect(updated).toEqual({ ...created, ...change, changeIdea: { ...created.changeIdea, status: "ADOPTED" }, stage: "decided" });
    expect((await exported(team.id)).changeIdeas[0]).toMatchObject({ text: c1.text, status: "adopted" });

    const read = await expectJson<Cycle>(await call("GET", `/api/v1/pdsa-cycles/${created.id}`, f.lead), 200);
    expect(read).toEqual(updated);
    expect(read).not.toHaveProperty("canEdit");

    // A second cycle of the same idea, on all the team's wards; another on a second idea.
    const second = await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(c1.id, { startDate: "2025-04-07" })), 201);
    // An adopted idea tested again stays adopted until a cycle decides otherwise.
    expect(second).toMatchObject({ number: 2, ward: null, stage: "doing", changeIdea: { status: "ADOPTED" } });
    const other = await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.leadToken, plan(c2.id, { startDate: "2025-02-03", endDate: "2025-02-28" })), 201);
    // Numbers run through the team: the second idea's first cycle is PDSA 3, not a second "PDSA 1".
    expect(other).toMatchObject({ number: 3, stage: "study" });

    const listed = await expectJson<{ cycles: Cycle[] }>(await call("GET", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead), 200);
    expect(listed.cycles.map((c) => c.id)).toEqual([second.id, created.id, other.id]);

    const onChart = { id: created.id, teamId: team.id, number: 1, changeIdea: c1.text, start: "2025-03-03", end: "2025-03-28", decision: "ADOPT", ward: team.ward.name };
    const teamChart = await expectJson<{ cycles: unknown[] }>(await call("GET", `/api/v1/run-chart?scope=team:${team.id}`, f.lead), 200);
    expect(teamChart.cycles).toEqual([
      { id: other.id, teamId: team.id, number: 3, changeIdea: c2.text, start: "2025-02-03", end: "2025-02-28", decision: null, ward: null },
      onChart,
      { id: second.id, teamId: team.id, number: 2, changeIdea: c1.text, start: "2025-04-07", end: null, decision: null, ward: null },
    ]);
    const wardChart = await expectJson<{ cycles: { id: string }[] }>(await call("GET", `/api/v1/run-chart?scope=ward:${team.ward.code}&from=2025-03-01&to=2025-03-31`, f.leadToken), 200);
    // The ward's chart in March: the cycle on that ward; the team-wide ones fall outside the month.
    expect(wardChart.cycles.map((c) => c.id)).toEqual([created.id]);
    const wardAll = await expectJson<{ cycles: { id: string }[] }>(await call("GET", `/api/v1/run-chart?scope=ward:${team.ward.code}`, f.lead), 200);
    expect(wardAll.cycles.map((c) => c.id)).toEqual([other.id, created.id, second.id]);

    // The chart's CSV names the cycles running in each period (responses on the ward in March).
    await prisma.surveyResponse.createMany({
      data: ["2025-03-04", "2025-03-12", "2025-03-19"].map((day) => ({ wardId: team.ward.id, respondent: "STAFF" as const, feltSafe: true, submittedOn: new Date(`${day}T00:00:00Z`) })),
    });
    const csv = await call("GET", `/api/v1/run-chart?scope=ward:${team.ward.code}&from=2025-03-01&to=2025-03-31&interval=month&format=csv`, f.leadToken);
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\r\n")).toEqual([
      "start,end,responses,yes,value,suppressed,phase,signals,notes,pdsa_cycles",
      `2025-03-01,2025-03-31,3,,,true,0,,,"PDSA 1: ${c1.text} (2025-03-03 to 2025-03-28, ${team.ward.name})"`,
      "",
    ]);

    expect((await call("DELETE", `/api/v1/pdsa-cycles/${second.id}`, f.lead)).status).toBe(204);
    expect((await call("GET", `/api/v1/pdsa-cycles/${second.id}`, f.lead)).status).toBe(404);
    const after = await expectJson<{ cycles: { id: string }[] }>(await call("GET", `/api/v1/run-chart?scope=team:${team.id}`, f.lead), 200);
    expect(after.cycles.map((c) => c.id)).toEqual([other.id, created.id]);

    // The cycles are the team's record of what was tested: their idea cannot be deleted.
    const before = await written();
    const refused = await expectJson<{ fields: Record<string, string> }>(await call("DELETE", `/api/v1/driver-diagram-boxes/${c1.id}`, f.lead), 400);
    expect(refused.fields.box).toMatch(/PDSA cycle/);
    expect(await written()).toEqual(before);
  });
});

describe("a QI coach reads every team's improvement work but changes none of it", () => {
  it("answers 403 to every write, and writes nothing", async () => {
    const team = await newTeam();
    const { p1, s1, c1, c2 } = await sampleDiagram(team.id);
    const cycle = await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(c1.id)), 201);
    const file = await exported(team.id);

    for (const path of [`/api/v1/teams/${team.id}/driver-diagram`, `/api/v1/teams/${team.id}/driver-diagram?format=svg`, `/api/v1/teams/${team.id}/pdsa-cycles`, `/api/v1/pdsa-cycles/${cycle.id}`]) {
      expect((await call("GET", path, f.coach)).status, path).toBe(200);
    }
    expect((await exported(team.id, f.coach)).changeIdeas).toEqual(file.changeIdeas);

    const before = await written();
    const writes: [string, string, unknown?][] = [
      ["POST", `/api/v1/teams/${team.id}/driver-diagram/boxes`, { kind: "CHANGE_IDEA", text: "A coach's idea", parentIds: [s1.id] }],
      ["PATCH", `/api/v1/driver-diagram-boxes/${p1.id}`, { text: "Rewritten by a coach" }],
      ["PATCH", `/api/v1/driver-diagram-boxes/${c2.id}`, { status: "ABANDONED" }],
      ["PATCH", `/api/v1/driver-diagram-boxes/${c2.id}`, { move: "top" }],
      ["DELETE", `/api/v1/driver-diagram-boxes/${c2.id}`],
      ["POST", `/api/v1/teams/${team.id}/driver-diagram`, { file, mode: "add" }],
      ["POST", `/api/v1/teams/${team.id}/driver-diagram`, { file, mode: "replace", keepStatuses: true, takeAim: true }],
      ["POST", `/api/v1/teams/${team.id}/pdsa-cycles`, plan(c2.id)],
      ["PUT", `/api/v1/pdsa-cycles/${cycle.id}`, { ...plan(c1.id), changeIdeaId: undefined, endDate: "2025-03-28", actDecision: "ABANDON" }],
      ["DELETE", `/api/v1/pdsa-cycles/${cycle.id}`],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(method, path, f.coach, body);
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(403);
    }
    expect(await written()).toEqual(before);
  });
});

describe("a project lead and another team's ids", () => {
  it("answers 404 on every method for another team's team, box and cycle ids, as for ids that do not exist, and writes nothing", async () => {
    const own = await newTeam();
    const ours = await sampleDiagram(own.id);
    const file = await exported(own.id);
    const o = f.other;
    const before = await written();
    const cycleChange = { startDate: "2025-03-03", endDate: "2025-03-28", planWhat: "Ours now", prediction: "Nothing", actDecision: "ABANDON" };
    const requests = (team: string, box: string, cycle: string): [string, string, unknown?][] => [
      ["GET", `/api/v1/teams/${team}/driver-diagram`],
      ["GET", `/api/v1/teams/${team}/driver-diagram?format=svg&download=1`],
      ["POST", `/api/v1/teams/${team}/driver-diagram`, { file, mode: "add" }],
      ["POST", `/api/v1/teams/${team}/driver-diagram/boxes`, { kind: "PRIMARY", text: "Ours now" }],
      ["PATCH", `/api/v1/driver-diagram-boxes/${box}`, { text: "Ours now" }],
      ["PATCH", `/api/v1/driver-diagram-boxes/${box}`, { move: "top" }],
      ["DELETE", `/api/v1/driver-diagram-boxes/${box}`],
      ["GET", `/api/v1/teams/${team}/pdsa-cycles`],
      ["POST", `/api/v1/teams/${team}/pdsa-cycles`, plan(o.ideaId)],
      ["GET", `/api/v1/pdsa-cycles/${cycle}`],
      ["PUT", `/api/v1/pdsa-cycles/${cycle}`, cycleChange],
      ["DELETE", `/api/v1/pdsa-cycles/${cycle}`],
    ];
    for (const caller of [f.lead, f.leadToken]) {
      const theirs = requests(o.id, o.ideaId, o.cycleId);
      const missing = requests("no-such-team", "no-such-box", "no-such-cycle");
      for (const [i, [method, path, body]] of theirs.entries()) {
        const res = await call(method, path, caller, body);
        const text = await res.text();
        expect(res.status, `${method} ${path}: ${text}`).toBe(404);
        // The same answer as for an id that does not exist: nothing says the team, box or cycle is there.
        const [, missingPath, missingBody] = missing[i]!;
        expect(text).toBe(await (await call(method, missingPath, caller, missingBody)).text());
      }
    }
    expect(await written()).toEqual(before);

    // Nor can another team's boxes, ideas or wards be reached through the lead's own team.
    const crossing: [string, string, unknown, string][] = [
      ["POST", `/api/v1/teams/${own.id}/driver-diagram/boxes`, { kind: "SECONDARY", text: "Linked across", parentIds: [o.primaryId] }, "parentIds"],
      ["POST", `/api/v1/teams/${own.id}/driver-diagram/boxes`, { kind: "CHANGE_IDEA", text: "Linked across", parentIds: [ours.s1.id, o.secondaryId] }, "parentIds"],
      ["PATCH", `/api/v1/driver-diagram-boxes/${ours.c1.id}`, { parentIds: [o.secondaryId] }, "parentIds"],
      ["POST", `/api/v1/teams/${own.id}/pdsa-cycles`, plan(o.ideaId), "changeIdeaId"],
      ["POST", `/api/v1/teams/${own.id}/pdsa-cycles`, plan(ours.c1.id, { wardId: o.wardId }), "wardId"],
    ];
    for (const [method, path, body, field] of crossing) {
      const res = await expectJson<{ fields: Record<string, string> }>(await call(method, path, f.lead, body), 400);
      expect(Object.keys(res.fields), `${method} ${path}`).toEqual([field]);
    }
    expect(await written()).toEqual(before);
  });
});

describe("bad input", () => {
  it("answers 400 naming the field, and writes nothing", async () => {
    const team = await newTeam();
    const { p1, s1, c1 } = await sampleDiagram(team.id);
    const cycle = await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(c1.id)), 201);
    const file = await exported(team.id);
    const boxes = `/api/v1/teams/${team.id}/driver-diagram/boxes`;
    const box = (id: string) => `/api/v1/driver-diagram-boxes/${id}`;
    const diagram = `/api/v1/teams/${team.id}/driver-diagram`;
    const cycles = `/api/v1/teams/${team.id}/pdsa-cycles`;
    const whole = { startDate: "2025-03-03", planWhat: "Huddles", prediction: "Attendance" };
    const before = await written();
    const cases: [string, string, unknown, string][] = [
      ["POST", boxes, { kind: "SECONDARY", text: "Linked to nothing" }, "parentIds"],
      ["POST", boxes, { kind: "SECONDARY", text: "Linked to a secondary driver", parentIds: [s1.id] }, "parentIds"],
      ["POST", boxes, { kind: "CHANGE_IDEA", text: "Linked to a primary driver", parentIds: [p1.id] }, "parentIds"],
      ["POST", boxes, { kind: "PRIMARY", text: "Linked to a box", parentIds: [p1.id] }, "parentIds"],
      ["POST", boxes, { kind: "PRIMARY", text: "   " }, "text"],
      ["POST", boxes, { kind: "PRIMARY", text: "x".repeat(301) }, "text"],
      ["POST", boxes, { kind: "GOAL", text: "Not a kind of box" }, "kind"],
      ["POST", boxes, { kind: "CHANGE_IDEA", text: "Done", parentIds: [s1.id], status: "DONE" }, "status"],
      ["POST", boxes, { kind: "PRIMARY", text: "Coloured", colour: "red" }, "colour"],
      ["PATCH", box(p1.id), { status: "ADOPTED" }, "status"],
      ["PATCH", box(s1.id), { parentIds: [] }, "parentIds"],
      ["PATCH", box(c1.id), { parentIds: [p1.id] }, "parentIds"],
      ["PATCH", box(c1.id), { parentIds: "not a list" }, "parentIds"],
      ["PATCH", box(c1.id), { text: "" }, "text"],
      ["PATCH", box(c1.id), {}, "body"],
      ["PATCH", box(c1.id), { move: "up", text: "Moved and renamed at once" }, "text"],
      ["GET", `${diagram}?format=pdf`, undefined, "format"],
      ["POST", diagram, { mode: "add" }, "file"],
      ["POST", diagram, { file, mode: "merge" }, "mode"],
      ["POST", diagram, { file: { ...file, format: "somebody-elses-diagram" } }, "file.format"],
      ["POST", diagram, { file: { ...file, changeIdeas: [{ id: "C1", text: "Unlinked", secondaryDrivers: ["S9"] }] } }, "file.changeIdeas.0.secondaryDrivers"],
      // The team has a cycle, so its diagram is the record of what was tested and cannot be replaced.
      ["POST", diagram, { file, mode: "replace" }, "mode"],
      ["POST", cycles, plan(c1.id, { endDate: "2025-03-02" }), "endDate"],
      ["POST", cycles, plan(c1.id, { endDate: "", actDecision: "ADOPT" }), "endDate"],
      ["POST", cycles, plan(c1.id, { startDate: "2025-02-30" }), "startDate"],
      ["POST", cycles, plan(c1.id, { startDate: "3 March" }), "startDate"],
      ["POST", cycles, plan(c1.id, { prediction: " " }), "prediction"],
      ["POST", cycles, plan(c1.id, { actDecision: "KEEP", endDate: "2025-03-28" }), "actDecision"],
      ["POST", cycles, plan(p1.id), "changeIdeaId"],
      ["POST", cycles, plan(""), "changeIdeaId"],
      ["PUT", `/api/v1/pdsa-cycles/${cycle.id}`, { ...whole, endDate: "2025-01-31" }, "endDate"],
      ["PUT", `/api/v1/pdsa-cycles/${cycle.id}`, { ...whole, planWhat: "" }, "planWhat"],
      ["PUT", `/api/v1/pdsa-cycles/${cycle.id}`, { ...whole, wardId: "no-such-ward" }, "wardId"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await expectJson<{ error: string; fields: Record<string, string> }>(await call(method, path, f.lead, body), 400);
      expect(Object.keys(res.fields), `${method} ${path} ${JSON.stringify(body)}`).toContain(field);
      expect(res.error).not.toBe("");
    }
    expect(await written()).toEqual(before);
  });

  it("names the move a box was sent, not the service's own word for it", async () => {
    const team = await newTeam();
    const { c1 } = await sampleDiagram(team.id);
    const before = await written();
    for (const move of ["sideways", 0, 2.5]) {
      const res = await expectJson<{ fields: Record<string, string> }>(await call("PATCH", `/api/v1/driver-diagram-boxes/${c1.id}`, f.lead, { move }), 400);
      expect(res.fields).toEqual({ move: 'move must be "up", "down", "top", "bottom" or a place in the column from 1' });
    }
    expect(await written()).toEqual(before);
  });

  it("answers 400 to a body that is not JSON, on every write, and writes nothing", async () => {
    const team = await newTeam();
    const { c1 } = await sampleDiagram(team.id);
    const cycle = await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(c1.id)), 201);
    const before = await written();
    const writes: [string, string][] = [
      ["POST", `/api/v1/teams/${team.id}/driver-diagram/boxes`],
      ["PATCH", `/api/v1/driver-diagram-boxes/${c1.id}`],
      ["POST", `/api/v1/teams/${team.id}/driver-diagram`],
      ["POST", `/api/v1/teams/${team.id}/pdsa-cycles`],
      ["PUT", `/api/v1/pdsa-cycles/${cycle.id}`],
    ];
    for (const [method, path] of writes) {
      for (const body of [`{"kind": "PRIMARY", "text": `, "kind=PRIMARY&text=Huddles", ""]) {
        const res = await expectJson<{ error: string; fields: Record<string, string> }>(await call(method, path, f.leadToken, body), 400);
        expect(Object.keys(res.fields).length, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThan(0);
      }
    }
    expect(await written()).toEqual(before);
  });
});

describe("GET /api/v1/change-ideas", () => {
  it("lists a project lead's own teams' change ideas only, and every team's to a QI coach", async () => {
    const team = await newTeam();
    const { s1, c1, c2 } = await sampleDiagram(team.id);
    await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(c1.id)), 201);
    const latest = await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(c1.id, { startDate: "2025-04-07", endDate: "2025-04-30", actDecision: "ADAPT" })), 201);

    type Idea = { id: string; text: string; status: string; team: { id: string; name: string; trustName: string }; secondaryDrivers: string[]; cycles: number; latestCycle: unknown };
    const leads = await expectJson<{ changeIdeas: Idea[] }>(await call("GET", "/api/v1/change-ideas", f.lead), 200);
    const leadTeams = (await prisma.teamMembership.findMany({ where: { userId: f.leadId }, select: { teamId: true } })).map((m) => m.teamId);
    const ownIdeas = await prisma.driverBox.findMany({ where: { kind: "CHANGE_IDEA", teamId: { in: leadTeams } }, select: { id: true } });
    expect(new Set(leads.changeIdeas.map((i) => i.id))).toEqual(new Set(ownIdeas.map((i) => i.id)));
    expect(leads.changeIdeas.every((i) => leadTeams.includes(i.team.id))).toBe(true);
    expect(leads.changeIdeas.map((i) => i.id)).not.toContain(f.other.ideaId);
    expect((await expectJson<{ changeIdeas: Idea[] }>(await call("GET", "/api/v1/change-ideas", f.leadToken), 200)).changeIdeas).toEqual(leads.changeIdeas);

    const coach = await expectJson<{ changeIdeas: Idea[] }>(await call("GET", "/api/v1/change-ideas", f.coach), 200);
    const coachIds = coach.changeIdeas.map((i) => i.id);
    expect(coachIds).toContain(f.other.ideaId);
    for (const id of ownIdeas.map((i) => i.id)) expect(coachIds).toContain(id);
    expect(coachIds.length).toBe(await prisma.driverBox.count({ where: { kind: "CHANGE_IDEA" } }));

    const ours = coach.changeIdeas.filter((i) => i.team.id === team.id);
    expect(ours).toEqual([
      {
        id: c1.id,
        text: c1.text,
        status: "ADAPTED",
        team: { id: team.id, name: team.name, trustName: expect.any(String) },
        secondaryDrivers: [s1.text],
        cycles: 2,
        latestCycle: { id: latest.id, number: 2, startDate: "2025-04-07", endDate: "2025-04-30", decision: "ADAPT" },
      },
      { id: c2.id, text: c2.text, status: "TESTING", team: ours[0]!.team, secondaryDrivers: ["Training on responding to disclosures", "Private spaces on the ward"], cycles: 0, latestCycle: null },
    ]);
  });

  it("gives the same list as CSV, formula-safe, scoped the same way; another format is 400", async () => {
    const team = await newTeam();
    const { s1 } = await sampleDiagram(team.id);
    const risky = await addBox(team.id, f.lead, { kind: "CHANGE_IDEA", text: "=HYPERLINK(\"x\") ask, every shift", parentIds: [s1.id] });
    await expectJson<Cycle>(await call("POST", `/api/v1/teams/${team.id}/pdsa-cycles`, f.lead, plan(risky.id, { startDate: "2025-05-05", endDate: "2025-05-30", actDecision: "ADOPT" })), 201);

    const res = await call("GET", "/api/v1/change-ideas?format=csv", f.lead);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="change-ideas.csv"');
    const lines = (await res.text()).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("trust,project_team,change_idea,status,serves,pdsa_cycles,latest_cycle_start,latest_cycle_end,latest_cycle_decision");
    const json = await expectJson<{ changeIdeas: { id: string }[] }>(await call("GET", "/api/v1/change-ideas", f.lead), 200);
    expect(lines).toHaveLength(json.changeIdeas.length + 1);
    const row = lines.find((l) => l.includes("HYPERLINK"));
    // A cell starting with "=" is escaped so a spreadsheet shows it as text, never runs it.
    expect(row).toContain(`"'=HYPERLINK(""x"") ask, every shift",adopted,${s1.text},1,2025-05-05,2025-05-30,adopt`);
    expect((await (await call("GET", "/api/v1/change-ideas?format=csv", f.coach)).text()).split("\r\n").filter(Boolean).length).toBeGreaterThan(lines.length);

    const bad = await expectJson<{ fields: Record<string, string> }>(await call("GET", "/api/v1/change-ideas?format=xlsx", f.lead), 400);
    expect(Object.keys(bad.fields)).toEqual(["format"]);
  });
});
