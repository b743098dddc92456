import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { addDays } from "@/lib/analytics/periods";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { createUser } from "../helpers/auth";
import { actorOf, outcome } from "../helpers/outcome";
import { ENGLISH_EASY_READ } from "@/lib/survey/instrument";

// Issue 14 section 1, server side, over real HTTP against the app as `npm start` serves it:
// enrolling a ward tablet with a one-time link (15 minutes, used once, only hashes kept), the
// kiosk pages, answers the tablet sends (dated the day they were given, within 14 days; stored as
// "ward tablet" with nothing saying which; capped per tablet per day, not per network), its queue
// reports, and revoking it. Only the ward's leads and admins may enrol or revoke, and it is audited.

process.env.DATABASE_URL = inject("databaseUrl");
const tablets = await import("@/lib/survey/tablets/tablets");

let app: AppServer;
let prisma: PrismaClient;
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
});
afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

async function leadOfNewWard() {
  const made = await createWard(prisma, { withTeam: true, charterContact: "Ward manager: Sam, ext 4411" });
  const lead = actorOf(await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [made.team!.id] }), [made.team!.id]);
  return { ...made, lead };
}

/** Enrols a tablet over HTTP as the tablet would, returning its credential cookie. */
async function enrol(baseUrl: string, actor: Actor, wardId: string, name = "Day room tablet") {
  const link = await tablets.startEnrolment(actor, { wardId, name });
  const res = await fetch(`${baseUrl}/k/enrol/${link.token}`, { method: "POST", redirect: "manual" });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const credential = /wardsafe_tablet=([^;]+)/.exec(setCookie)?.[1];
  expect(credential).toBeTruthy();
  return { link, credential: credential!, cookie: `wardsafe_tablet=${credential}`, setCookie };
}

const post = (baseUrl: string, body: unknown, cookie?: string) =>
  fetch(`${baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });

describe("enrolling a ward tablet", () => {
  it("a one-time link enrols one tablet; the server keeps only hashes; both steps are audited", async () => {
    const { ward, lead } = await leadOfNewWard();
    const link = await tablets.startEnrolment(lead, { wardId: ward.id, name: "Day room tablet" });
    const stored = await prisma.tabletEnrolment.findFirstOrThrow({ where: { wardId: ward.id } });
    expect(stored.tokenHash).toBe(sha256(link.token));
    expect(JSON.stringify(stored)).not.toContain(link.token);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    // Opening the link asks to confirm (a link preview must not use it up).
    const page = await fetch(`${app.baseUrl}/k/enrol/${link.token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(ward.name);
    expect(html).toContain("Day room tablet");
    expect(await prisma.wardTablet.count({ where: { wardId: ward.id } })).toBe(0);

    const res = await fetch(`${app.baseUrl}/k/enrol/${link.token}`, { method: "POST", redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/k");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const credential = /wardsafe_tablet=([^;]+)/.exec(setCookie)![1]!;
    const tablet = await prisma.wardTablet.findFirstOrThrow({ where: { wardId: ward.id } });
    expect(tablet).toMatchObject({ name: "Day room tablet", enrolledByEmail: lead.email, credentialHash: sha256(credential) });
    expect(JSON.stringify(tablet)).not.toContain(credential);

    // Used once: a second tablet with the same link gets nothing.
    const again = await fetch(`${app.baseUrl}/k/enrol/${link.token}`, { method: "POST", redirect: "manual" });
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await fetch(`${app.baseUrl}/k/enrol/${link.token}`)).status).toBe(410);
    expect(await prisma.wardTablet.count({ where: { wardId: ward.id } })).toBe(1);

    const actions = (await prisma.auditEvent.findMany({ where: { entityId: ward.id }, orderBy: { at: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["tablet.enrolment-link", "tablet.enrol"]);
  });

  it("a link older than 15 minutes, or a made-up one, enrols nothing", async () => {
    const { ward, lead } = await leadOfNewWard();
    const old = await tablets.startEnrolment(lead, { wardId: ward.id, name: "Old link" }, new Date(Date.now() - 16 * 60_000));
    expect((await fetch(`${app.baseUrl}/k/enrol/${old.token}`, { method: "POST", redirect: "manual" })).status).toBe(410);
    expect((await fetch(`${app.baseUrl}/k/enrol/not-a-real-token`, { method: "POST", redirect: "manual" })).status).toBe(410);
    expect(await prisma.wardTablet.count({ where: { wardId: ward.id } })).toBe(0);
  });

  it("only the ward's project leads and admins may enrol or revoke; another team's lead cannot find the ward", async () => {
    const { ward, lead } = await leadOfNewWard();
    const other = await createWard(prisma, { withTeam: true });
    const otherLead = actorOf(await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [other.team!.id] }), [other.team!.id]);
    const coach = actorOf(await createUser(prisma, { role: "QI_COACH" }));
    const admin = actorOf(await createUser(prisma, { role: "ADMIN" }));
    expect((await outcome(tablets.startEnrolment(otherLead, { wardId: ward.id, name: "Sneaky" }))).status).toBe(404);
    expect((await outcome(tablets.startEnrolment(coach, { wardId: ward.id, name: "Sneaky" }))).status).toBe(403);
    const blank = await outcome(tablets.startEnrolment(lead, { wardId: ward.id, name: "  " }));
    expect(blank.status).toBe(400);
    expect(blank.fields?.name).toMatch(/name/);
    expect(await prisma.tabletEnrolment.count({ where: { wardId: ward.id } })).toBe(0);
    expect((await outcome(tablets.startEnrolment(admin, { wardId: ward.id, name: "Admin's" }))).status).toBe(200);

    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const tablet = await prisma.wardTablet.findFirstOrThrow({ where: { wardId: ward.id } });
    expect((await outcome(tablets.revokeTablet(otherLead, { wardId: ward.id, tabletId: tablet.id }))).status).toBe(404);
    expect((await outcome(tablets.revokeTablet(coach, { wardId: ward.id, tabletId: tablet.id }))).status).toBe(403);
    // A tablet id guessed from another ward is not found through this one.
    expect((await outcome(tablets.revokeTablet(otherLead, { wardId: other.ward.id, tabletId: tablet.id }))).status).toBe(404);
    expect((await post(app.baseUrl, { ward: ward.surveyCode, respondent: "service_user", feltSafe: true }, cookie)).status).toBe(201);
  });
});

describe("the kiosk and what a tablet sends", () => {
  it("the kiosk opens for an enrolled tablet only, with the ward's name and larger targets", async () => {
    const { ward, lead } = await leadOfNewWard();
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const res = await fetch(`${app.baseUrl}/k`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(ward.name);
    expect(html).toContain('class="kiosk"');
    expect(html).toMatch(/action="\/k\/answers"/);
    expect(html).toContain("Ward manager: Sam, ext 4411");
    // No call links or other ways off the kiosk.
    expect(html).not.toMatch(/href="(tel:|https?:)/);
    const none = await fetch(`${app.baseUrl}/k`);
    expect(none.status).toBe(403);
    expect(await none.text()).toContain("not enrolled");
  });

  it("opens in easy read when that is the ward's default, pictures kept for offline, and its answers land in the same measure", async () => {
    const { ward, lead } = await leadOfNewWard();
    await prisma.ward.update({ where: { id: ward.id }, data: { surveyFormat: "EASY_READ" } });
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const html = await (await fetch(`${app.baseUrl}/k`, { headers: { Cookie: cookie } })).text();
    expect(html).toContain('class="kiosk easy-read"');
    expect(html).toContain(ENGLISH_EASY_READ.texts.feltSafeQuestion);
    expect(html).toContain('data-error-text="' + ENGLISH_EASY_READ.texts.errorFeltSafe.replaceAll("'", "&#39;") + '"');
    expect(html).toMatch(/src="\/easy-read\/tick\.svg\?v=[0-9a-f]{12}"/);
    // No link to the other format on the kiosk: nothing leads off its page.
    expect(html).not.toContain("format-switch");
    const worker = await (await fetch(`${app.baseUrl}/kiosk-sw.js`)).text();
    expect(worker).toContain('"/easy-read/"');
    const form = await fetch(`${app.baseUrl}/k/answers`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: "respondent=staff&feltSafe=yes",
    });
    expect(form.status).toBe(303);
    const thanks = await (await fetch(`${app.baseUrl}/k/thanks`, { headers: { Cookie: cookie } })).text();
    expect(thanks).toContain(ENGLISH_EASY_READ.texts.kioskThanksHeading);
    expect(await prisma.surveyResponse.findMany({ where: { wardId: ward.id }, select: { respondent: true, feltSafe: true, source: true } })).toEqual([
      { respondent: "STAFF", feltSafe: true, source: "TABLET" },
    ]);
  });

  it("answers are dated the day given (within 14 days), stored as from a ward tablet, and never say which", async () => {
    const { ward, lead } = await leadOfNewWard();
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const threeDaysAgo = addDays(today(), -3);
    const key = crypto.randomUUID();
    const answer = { ward: ward.surveyCode, respondent: "service_user", feltSafe: false, ableToSpeakUp: true, submissionKey: key, answeredOn: threeDaysAgo };
    const res = await post(app.baseUrl, answer, cookie);
    expect(res.status).toBe(201);
    // Sent again (the acknowledgement was lost on the way back): counted once.
    expect((await post(app.baseUrl, answer, cookie)).status).toBe(200);
    const stored = await prisma.surveyResponse.findMany({ where: { wardId: ward.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: "TABLET", feltSafe: false, ableToSpeakUp: true, respondent: "SERVICE_USER" });
    expect(stored[0]!.submittedOn.toISOString().slice(0, 10)).toBe(threeDaysAgo);
    // Nothing in a response can point at a tablet: no column for it, no foreign key to it.
    const columns = await prisma.$queryRaw<{ column_name: string }[]>`SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_response'`;
    expect(columns.map((c) => c.column_name).filter((c) => /tablet|device/.test(c))).toEqual([]);
    const keys = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM information_schema.table_constraints tc
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
      WHERE tc.table_name = 'survey_response' AND tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'ward_tablet'`;
    expect(keys[0]!.n).toBe(0);
  });

  it("refuses a date more than 14 days back, in the future or not a date, naming answeredOn, and stores nothing", async () => {
    const { ward, lead } = await leadOfNewWard();
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    for (const [answeredOn, words] of [
      [addDays(today(), -15), /within the last 14 days/],
      [addDays(today(), 1), /future/],
      ["2026-02-30", /calendar date/],
    ] as const) {
      const res = await post(app.baseUrl, { ward: ward.surveyCode, respondent: "staff", feltSafe: true, answeredOn }, cookie);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { fields: Record<string, string> };
      expect(body.fields.answeredOn).toMatch(words);
    }
    // Exactly 14 days back still counts.
    expect((await post(app.baseUrl, { ward: ward.surveyCode, respondent: "staff", feltSafe: true, answeredOn: addDays(today(), -14) }, cookie)).status).toBe(201);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(1);
  });

  it("a phone (no tablet credential) may not date its answer, and a made-up credential is refused", async () => {
    const { ward } = await createWard(prisma);
    const dated = await post(app.baseUrl, { ward: ward.surveyCode, respondent: "staff", feltSafe: true, answeredOn: addDays(today(), -2) });
    expect(dated.status).toBe(400);
    expect(((await dated.json()) as { fields: Record<string, string> }).fields.answeredOn).toMatch(/enrolled ward tablet/);
    const forged = await post(app.baseUrl, { ward: ward.surveyCode, respondent: "staff", feltSafe: true }, "wardsafe_tablet=made-up");
    expect(forged.status).toBe(403);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);
  });

  it("a tablet is not limited per network: 40 answers from one address are all recorded", async () => {
    const { ward, lead } = await leadOfNewWard();
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await post(app.baseUrl, { ward: ward.surveyCode, respondent: "service_user", feltSafe: true }, cookie)).status);
    expect(new Set(statuses)).toEqual(new Set([201]));
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id, source: "TABLET" } })).toBe(40);
    expect(await prisma.heldResponse.count({ where: { wardId: ward.id } })).toBe(0);
  });

  it("answers for the tablet's own ward, whatever ward code its page carries", async () => {
    const { ward, lead } = await leadOfNewWard();
    const other = await createWard(prisma);
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    expect((await post(app.baseUrl, { ward: other.ward.surveyCode, respondent: "staff", feltSafe: true }, cookie)).status).toBe(201);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(1);
    expect(await prisma.surveyResponse.count({ where: { wardId: other.ward.id } })).toBe(0);
  });

  it("without JavaScript the kiosk form stores the answer and shows the thank-you, which returns to the form", async () => {
    const { ward, lead } = await leadOfNewWard();
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const form = (fields: Record<string, string>) =>
      fetch(`${app.baseUrl}/k/answers`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body: new URLSearchParams(fields).toString(),
      });
    const key = crypto.randomUUID();
    const missing = await form({ submissionKey: key, respondent: "staff" });
    expect(missing.status).toBe(400);
    const page = await missing.text();
    expect(page).toContain("There is a problem");
    expect(page).toContain("Answer whether you have felt safe from sexual harm on the ward");
    expect(page).toMatch(/id="respondent-staff"[^>]*checked/);
    expect(page).toContain(key);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);

    const sent = await form({ submissionKey: key, respondent: "staff", feltSafe: "yes" });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/k/thanks");
    const thanks = await (await fetch(`${app.baseUrl}/k/thanks`, { headers: { Cookie: cookie } })).text();
    expect(thanks).toContain("Ward manager: Sam, ext 4411");
    expect(thanks).toMatch(/<meta http-equiv="refresh" content="8;url=\/k">/);
    expect(await prisma.surveyResponse.findMany({ where: { wardId: ward.id }, select: { source: true } })).toEqual([{ source: "TABLET" }]);
  });

  it("the tablet reports its queue (date seen, waiting count, oldest date) for the ward's page; bad reports change nothing", async () => {
    const { ward, lead } = await leadOfNewWard();
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const report = (body: unknown, withCookie = cookie) =>
      fetch(`${app.baseUrl}/k/status`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: withCookie }, body: JSON.stringify(body) });
    const oldest = addDays(today(), -2);
    expect((await report({ waiting: 3, oldestOn: oldest })).status).toBe(204);
    const bad = await report({ waiting: -1, oldestOn: "Tuesday" });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { fields: Record<string, string> }).fields).sort()).toEqual(["oldestOn", "waiting"]);
    expect((await report({ waiting: 1, oldestOn: null }, "wardsafe_tablet=made-up")).status).toBe(403);
    const listed = await tablets.listTablets(lead, ward.id);
    expect(listed.canManage).toBe(true);
    expect(listed.tablets).toEqual([
      expect.objectContaining({ name: "Day room tablet", enrolledBy: lead.email, lastSeenOn: today(), waiting: 3, oldestWaitingOn: oldest }),
    ]);
  });

  it("a revoked tablet can no longer open the kiosk or send; revoking is audited", async () => {
    const { ward, lead } = await leadOfNewWard();
    const { cookie } = await enrol(app.baseUrl, lead, ward.id);
    const tablet = await prisma.wardTablet.findFirstOrThrow({ where: { wardId: ward.id } });
    expect(await tablets.revokeTablet(lead, { wardId: ward.id, tabletId: tablet.id })).toMatchObject({ name: "Day room tablet" });
    expect((await post(app.baseUrl, { ward: ward.surveyCode, respondent: "staff", feltSafe: true }, cookie)).status).toBe(403);
    expect((await fetch(`${app.baseUrl}/k`, { headers: { Cookie: cookie } })).status).toBe(403);
    expect((await outcome(tablets.revokeTablet(lead, { wardId: ward.id, tabletId: tablet.id }))).status).toBe(404);
    expect((await tablets.listTablets(lead, ward.id)).tablets).toEqual([]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "tablet.revoke", entityId: ward.id } });
    expect(audit).toMatchObject({ actorId: lead.id, after: { tablet: "Day room tablet" } });
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);
  });
});

describe("the daily cap per tablet", () => {
  let capped: AppServer;
  beforeAll(async () => {
    capped = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { TABLET_DAILY_LIMIT: "3" } });
  });
  afterAll(async () => capped?.stop());

  it("over TABLET_DAILY_LIMIT a tablet gets a clear 429 with Retry-After and nothing is stored; another tablet is not affected", async () => {
    const { ward, lead } = await leadOfNewWard();
    const first = await enrol(capped.baseUrl, lead, ward.id, "Day room tablet");
    const second = await enrol(capped.baseUrl, lead, ward.id, "Quiet room tablet");
    const answer = { ward: ward.surveyCode, respondent: "service_user", feltSafe: true };
    for (let i = 0; i < 3; i++) expect((await post(capped.baseUrl, answer, first.cookie)).status).toBe(201);
    const over = await post(capped.baseUrl, answer, first.cookie);
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(((await over.json()) as { error: string }).error).toMatch(/tomorrow/);
    expect((await post(capped.baseUrl, answer, second.cookie)).status).toBe(201);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(4);
  });
});
