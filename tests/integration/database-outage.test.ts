import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createDatabase, migrate } from "../../lib/db/migrate";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { createUser, signInOverHttp } from "../helpers/auth";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/support/throwaway-postgres";

// The survey while PostgreSQL is down, on a server of this test's own that it stops and starts
// under a running `next start`: every survey endpoint answers 503 with Retry-After (never 500), the
// plain form comes back with the person's answers still selected and the same submission key, the
// app recovers by itself, nothing acknowledged is lost and a re-sent answer counts once. The log
// says once that the database went and once that it came back.

let pg: ThrowawayPostgres;
let app: AppServer;
let prisma: PrismaClient;
let code: string;
let cookie: string;

beforeAll(async () => {
  pg = await startThrowawayPostgres();
  const url = await createDatabase(pg.url, "wardsafe_outage");
  await migrate(url);
  prisma = testPrisma(url);
  code = (await createWard(prisma, { name: "Outage Ward" })).ward.surveyCode;
  app = await startAppServer({ databaseUrl: url });
  const lead = await createUser(prisma, { role: "ADMIN" });
  cookie = (await signInOverHttp(app.baseUrl, lead.email)).cookie;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  pg?.cleanup();
});

const answer = (submissionKey: string) => ({ ward: code, respondent: "staff", feltSafe: true, ableToSpeakUp: null, submissionKey });
const sendJson = (body: unknown) =>
  fetch(`${app.baseUrl}/api/v1/responses`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const sendForm = (fields: Record<string, string>) =>
  fetch(`${app.baseUrl}/s/${code}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

describe("the survey while the database is down", () => {
  it("answers 503 with Retry-After everywhere, keeps the form's answers, and recovers by itself without losing or doubling an answer", async () => {
    const before = randomUUID();
    expect((await sendJson(answer(before))).status).toBe(201);

    pg.stop();
    try {
      const json = await sendJson(answer(randomUUID()));
      expect(json.status).toBe(503);
      expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await json.json()).toEqual({ error: "unavailable" });

      const formKey = randomUUID();
      const form = await sendForm({ respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes", submissionKey: formKey });
      expect(form.status).toBe(503);
      expect(Number(form.headers.get("retry-after"))).toBeGreaterThan(0);
      const html = await form.text();
      expect(html).toContain("We could not save your answers just now. They are still selected below: please press Send again in a minute.");
      expect(html).toMatch(/name="respondent" value="service_user"[^>]* checked/);
      expect(html).toMatch(/name="feltSafe" value="no"[^>]* checked/);
      expect(html).toMatch(/name="ableToSpeakUp" value="yes"[^>]* checked/);
      expect(html).toContain(`name="submissionKey" value="${formKey}"`);
      expect(html).not.toMatch(/at \w+ \(|prisma|ECONNREFUSED/i);

      const page = await fetch(`${app.baseUrl}/s/${code}`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).not.toBeNull();
      expect((await fetch(`${app.baseUrl}/api/ready`)).status).toBe(503);
      expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);

      // Signed-in pages: plain words, never a stack trace; the API: 503 with Retry-After.
      const home = await fetch(`${app.baseUrl}/`, { headers: { Cookie: cookie } });
      expect(home.status).toBeLessThan(500);
      const homeHtml = await home.text();
      expect(homeHtml).toContain("Wardsafe is temporarily unavailable");
      expect(homeHtml).not.toMatch(/at \w+ \(|prisma|ECONNREFUSED/i);
      const me = await fetch(`${app.baseUrl}/api/v1/me`, { headers: { Cookie: cookie } });
      expect(me.status).toBe(503);
      expect(Number(me.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await me.json()).toEqual({ error: "unavailable" });

      // Sent again while still down: the same answer, the same key, still 503.
      expect((await sendForm({ respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes", submissionKey: formKey })).status).toBe(503);
    } finally {
      pg.start();
    }

    // Back without a restart: the form's answer, sent again with its key, is stored once.
    const resend = { respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes", submissionKey: "" };
    let status = 0;
    const formKey = randomUUID();
    resend.submissionKey = formKey;
    for (let attempt = 0; attempt < 40 && status !== 303; attempt++) {
      status = (await sendForm(resend)).status;
      if (status !== 303) {
        expect(status).toBe(503);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    expect(status).toBe(303);
    expect((await sendForm(resend)).status).toBe(303);
    expect((await sendJson(answer(before))).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/ready`)).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/v1/me`, { headers: { Cookie: cookie } })).status).toBe(200);

    const stored = await prisma.surveyResponse.findMany({ where: { ward: { surveyCode: code } }, select: { submissionKey: true } });
    expect(stored.map((r) => r.submissionKey).sort()).toEqual([before, formKey].sort());

    const log = app.output();
    expect(log.match(/the database is unreachable/g)).toHaveLength(1);
    expect(log.match(/the database is reachable again/g)).toHaveLength(1);
    expect(log).not.toMatch(/127\.0\.0\.1:\d+ .*POST|user-agent/i);
  }, 180_000);
});
