import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { createUser, signInOverHttp } from "../helpers/auth";
import { actorOf, outcome } from "../helpers/outcome";

// Issue 14 section 4 over real HTTP, with the defaults (30 answers per address and ward per hour,
// no proxy in front): answers over the limit are kept but held, never refused; the address is the
// connection's own, whatever X-Forwarded-For says; releasing held answers puts them in the run
// chart, discarding deletes them; both are for the ward's leads and admins only, and audited.

process.env.DATABASE_URL = inject("databaseUrl");
const held = await import("@/lib/survey/held");

let app: AppServer;
let prisma: PrismaClient;

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
});
afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

/** One survey answer from a chosen local address (Linux answers on all of 127.0.0.0/8). */
function send(code: string, opts: { from?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ ward: code, respondent: "service_user", feltSafe: true });
  const url = new URL(`${app.baseUrl}/api/v1/responses`);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: opts.from ?? "127.0.0.1",
        agent: false,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...opts.headers },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const counts = async (wardId: string) => ({
  recorded: await prisma.surveyResponse.count({ where: { wardId } }),
  held: await prisma.heldResponse.count({ where: { wardId } }),
});

const statuses = (results: { status: number }[]) => results.reduce<Record<number, number>>((all, r) => ({ ...all, [r.status]: (all[r.status] ?? 0) + 1 }), {});

describe("the per-network limit holds answers, never drops them", () => {
  it("40 answers from one address in a minute: 30 recorded and 10 held (202 held), none refused", async () => {
    const { ward } = await createWard(prisma);
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await send(ward.surveyCode, { from: "127.0.0.11" }));
    expect(statuses(results)).toEqual({ 201: 30, 202: 10 });
    expect(JSON.parse(results[39]!.body)).toEqual({ status: "held" });
    expect(await counts(ward.id)).toEqual({ recorded: 30, held: 10 });
  });

  it("a different made-up X-Forwarded-For on each of the 40 gives the same split", async () => {
    const { ward } = await createWard(prisma);
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await send(ward.surveyCode, { from: "127.0.0.12", headers: { "X-Forwarded-For": `203.0.113.${i + 1}` } }));
    expect(statuses(results)).toEqual({ 201: 30, 202: 10 });
    expect(await counts(ward.id)).toEqual({ recorded: 30, held: 10 });
  });

  it("a made-up copy of the front door's own header is not believed either", async () => {
    const { ward } = await createWard(prisma);
    const results = [];
    for (let i = 0; i < 35; i++) {
      results.push(await send(ward.surveyCode, { from: "127.0.0.13", headers: { "X-Wardsafe-Client-Address": `guess 198.51.100.${i + 1}` } }));
    }
    expect(statuses(results)).toEqual({ 201: 30, 202: 5 });
  });

  it("two connections from different addresses are two clients, each with its own allowance", async () => {
    const { ward } = await createWard(prisma);
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await send(ward.surveyCode, { from: "127.0.0.14" }), await send(ward.surveyCode, { from: "127.0.0.15" }));
    expect(statuses(results)).toEqual({ 201: 50 });
  });

  it("a held answer sent again with its key counts once, held or not", async () => {
    const { ward } = await createWard(prisma);
    for (let i = 0; i < 30; i++) await send(ward.surveyCode, { from: "127.0.0.16" });
    const key = crypto.randomUUID();
    const body = JSON.stringify({ ward: ward.surveyCode, respondent: "staff", feltSafe: false, submissionKey: key });
    const post = (from: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${app.baseUrl}/api/v1/responses`);
        const request = http.request(
          { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress: from, agent: false, headers: { "Content-Type": "application/json" } },
          (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode ?? 0));
          },
        );
        request.on("error", reject);
        request.end(body);
      });
    expect(await post("127.0.0.16")).toBe(202);
    expect(await post("127.0.0.16")).toBe(200);
    // From a fresh address (under the limit) the same key is still the same answer.
    expect(await post("127.0.0.17")).toBe(200);
    expect(await counts(ward.id)).toEqual({ recorded: 30, held: 1 });
  });

  it("the form without JavaScript shows the usual thank-you page for a held answer", async () => {
    const { ward } = await createWard(prisma);
    for (let i = 0; i < 30; i++) await send(ward.surveyCode);
    // fetch goes from 127.0.0.1 too.
    const res = await fetch(`${app.baseUrl}/s/${ward.surveyCode}/answers`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ respondent: "staff", feltSafe: "yes" }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${ward.surveyCode}/thanks`);
    expect(await counts(ward.id)).toEqual({ recorded: 30, held: 1 });
  });
});

describe("reviewing held answers", () => {
  let lead: Actor;
  let otherLead: Actor;
  let coach: Actor;
  let admin: Actor;
  let ward: { id: string; surveyCode: string };
  let cookie: string;

  beforeAll(async () => {
    const made = await createWard(prisma, { withTeam: true });
    ward = made.ward;
    const other = await createWard(prisma, { withTeam: true });
    const leadUser = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [made.team!.id] });
    lead = actorOf(leadUser, [made.team!.id]);
    otherLead = actorOf(await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [other.team!.id] }), [other.team!.id]);
    coach = actorOf(await createUser(prisma, { role: "QI_COACH" }));
    admin = actorOf(await createUser(prisma, { role: "ADMIN" }));
    cookie = (await signInOverHttp(app.baseUrl, leadUser.email)).cookie;
    for (let i = 0; i < 36; i++) await send(ward.surveyCode, { from: "127.0.0.21" });
  });

  const chartResponses = async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/run-chart?scope=ward:${ward.surveyCode}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { points: { responses: number }[] };
    return json.points.reduce((sum, p) => sum + p.responses, 0);
  };

  it("lists them as counts per day, to everyone who sees the ward, reviewable by its leads and admins only", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    const asLead = await held.listHeldAnswers(lead, ward.id);
    expect(asLead).toMatchObject({ canReview: true, total: 6, days: [{ day: today, answers: 6 }] });
    expect((await held.listHeldAnswers(coach, ward.id)).canReview).toBe(false);
    expect((await held.listHeldAnswers(admin, ward.id)).canReview).toBe(true);
    // Another team's lead cannot even see that the ward exists.
    expect((await outcome(held.listHeldAnswers(otherLead, ward.id))).status).toBe(404);
  });

  it("refuses others and bad input, changing nothing", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    const before = await counts(ward.id);
    expect((await outcome(held.releaseHeldAnswers(otherLead, { wardId: ward.id, day: today }))).status).toBe(404);
    expect((await outcome(held.releaseHeldAnswers(coach, { wardId: ward.id, day: today }))).status).toBe(403);
    const bad = await outcome(held.releaseHeldAnswers(lead, { wardId: ward.id, day: "7 Dec" }));
    expect(bad.status).toBe(400);
    expect(bad.fields?.day).toMatch(/YYYY-MM-DD/);
    expect((await outcome(held.discardHeldAnswers(lead, { wardId: ward.id, day: "2020-01-01" }))).status).toBe(404);
    expect(await counts(ward.id)).toEqual(before);
  });

  it("releasing puts them in the run chart, once, and is audited", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    expect(await chartResponses()).toBe(30);
    const released = await held.releaseHeldAnswers(lead, { wardId: ward.id, day: today });
    expect(released.answers).toBe(6);
    expect(await counts(ward.id)).toEqual({ recorded: 36, held: 0 });
    expect(await chartResponses()).toBe(36);
    // A second press (another lead, a double click) finds nothing left.
    expect((await outcome(held.releaseHeldAnswers(admin, { wardId: ward.id, day: today }))).status).toBe(404);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "held-answers.release", entityId: ward.id } });
    expect(audit).toMatchObject({ actorId: lead.id, after: { day: today, answers: 6 } });
  });

  it("discarding deletes them without counting them, and is audited", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    for (let i = 0; i < 3; i++) await send(ward.surveyCode, { from: "127.0.0.21" });
    expect(await counts(ward.id)).toEqual({ recorded: 36, held: 3 });
    expect((await held.discardHeldAnswers(admin, { wardId: ward.id, day: today })).answers).toBe(3);
    expect(await counts(ward.id)).toEqual({ recorded: 36, held: 0 });
    expect(await chartResponses()).toBe(36);
    expect(await prisma.auditEvent.count({ where: { action: "held-answers.discard", entityId: ward.id, actorId: admin.id } })).toBe(1);
  });
});
