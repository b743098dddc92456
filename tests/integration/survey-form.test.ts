import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { SURVEY_INTRODUCTION, QUESTION_FELT_SAFE, QUESTION_SPEAK_UP } from "@/lib/survey/wording";
import { escapeHtml } from "@/lib/survey/page";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// The survey pages without JavaScript: plain GET and form POST, as a phone with scripts off does.

let app: AppServer;
let prisma: PrismaClient;

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { SURVEY_RATE_LIMIT: "1000" } });
});
afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

/** As the survey form posts: to /s/<code>/answers (the page says so; the first test checks it). */
function postForm(code: string, fields: Record<string, string>, where = "answers") {
  return fetch(`${app.baseUrl}/s/${code}${where ? `/${where}` : ""}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

describe("survey page /s/<code>", () => {
  it("shows the ward name, the exact wording and a fresh submission key, with no cookie and no third-party resource", async () => {
    const { ward } = await createWard(prisma, { name: "Rowan & Ash Ward" });
    const res = await fetch(`${app.baseUrl}/s/${ward.surveyCode}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    // Asked for again on every new visit, but kept for Back (which then resends the used key).
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const html = await res.text();
    expect(html).toContain("Rowan &amp; Ash Ward");
    for (const text of [SURVEY_INTRODUCTION, QUESTION_FELT_SAFE, QUESTION_SPEAK_UP, "Please tick:", "Service user", "Staff"]) {
      expect(html).toContain(escapeHtml(text));
    }
    const urls = [...html.matchAll(/(?:src|href|action)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^(\/|#|tel:)/);
    const key = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    const again = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(await (await fetch(`${app.baseUrl}/s/${ward.surveyCode}`)).text())?.[1];
    expect(key).toBeTruthy();
    expect(again).toBeTruthy();
    expect(key).not.toBe(again);
    // Posting somewhere else than the form's own address keeps the browser's copy of the form.
    expect(html).toContain(`action="/s/${ward.surveyCode}/answers"`);
  });

  it("still takes a post to /s/<code> itself (a form opened before the change), and sends a GET of /answers to the form", async () => {
    const { ward } = await createWard(prisma);
    const res = await postForm(ward.surveyCode, { respondent: "staff", feltSafe: "yes" }, "");
    expect(res.status).toBe(303);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(1);
    const get = await fetch(`${app.baseUrl}/s/${ward.surveyCode}/answers`, { redirect: "manual" });
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe(`/s/${ward.surveyCode}`);
  });

  it("takes a form post, redirects (303) to the thank-you page with the charter contact and helplines", async () => {
    const { ward } = await createWard(prisma, { charterContact: "Ask for Jo, the ward advocate, on 0161 000 0000" });
    const res = await postForm(ward.surveyCode, { respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${ward.surveyCode}/thanks`);
    const row = await prisma.surveyResponse.findFirstOrThrow({ where: { wardId: ward.id } });
    expect(row).toMatchObject({ respondent: "SERVICE_USER", feltSafe: false, ableToSpeakUp: true, source: "ONLINE" });
    const thanks = await (await fetch(`${app.baseUrl}${res.headers.get("location")}`)).text();
    expect(thanks).toContain('Ask for Jo, the ward advocate, on <a href="tel:01610000000">0161 000 0000</a>');
    expect(thanks).toContain("Samaritans");
    expect(thanks).toContain("116 123");
    expect(thanks).toContain("The Survivors Trust");
    expect(thanks).toContain("0808 801 0818");
    expect(thanks).toContain("please see the contact details on the ward sexual safety charter");
  });

  it("re-shows the form with an error summary (400) when a required answer is missing, keeping the answers given", async () => {
    const { ward } = await createWard(prisma);
    const res = await postForm(ward.surveyCode, { respondent: "staff", ableToSpeakUp: "no" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain('href="#feltSafe-yes"');
    expect(html).toMatch(/id="respondent-staff" name="respondent" value="staff" required checked/);
    expect(html).toMatch(/id="ableToSpeakUp-no" name="ableToSpeakUp" value="no" checked/);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);
  });

  it("stores one row when the same form (same submission key) is posted twice", async () => {
    const { ward } = await createWard(prisma);
    const html = await (await fetch(`${app.baseUrl}/s/${ward.surveyCode}`)).text();
    const submissionKey = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(html)![1]!;
    const fields = { respondent: "staff", feltSafe: "yes", submissionKey };
    expect((await postForm(ward.surveyCode, fields)).status).toBe(303);
    expect((await postForm(ward.surveyCode, fields)).status).toBe(303);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(1);
  });

  it("shows clear pages for unknown (404) and inactive (410) wards, and refuses posts to them", async () => {
    const unknown = await fetch(`${app.baseUrl}/s/NOSUCHWARD`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Survey not found");
    const { ward } = await createWard(prisma, { active: false });
    const closed = await fetch(`${app.baseUrl}/s/${ward.surveyCode}`);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain("This survey is closed");
    expect((await postForm(ward.surveyCode, { respondent: "staff", feltSafe: "yes" })).status).toBe(410);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);
  });
});
