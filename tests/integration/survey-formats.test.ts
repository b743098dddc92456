import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ENGLISH_EASY_READ, ENGLISH_STANDARD } from "@/lib/survey/instrument";
import type { Actor } from "@/lib/auth/roles";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { postSurveyForm, surveyPage } from "../helpers/survey-http";
import { createUser } from "../helpers/auth";

// The survey in easy read over real HTTP: chosen with ?format= or made a ward's default by an
// admin (audited), kept through the form post and the thank-you page, and stored as the same
// measure as the standard form. Every patient-facing page carries the helplines.

process.env.DATABASE_URL = inject("databaseUrl");
const structure = await import("@/lib/structure");

let app: AppServer;
const prisma = testPrisma(inject("databaseUrl"));

beforeAll(async () => {
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await prisma.$disconnect();
});

const page = (path: string, cookie?: string) => surveyPage(app.baseUrl, path, cookie);
const postForm = (code: string, fields: Record<string, string>) => postSurveyForm(app.baseUrl, code, fields);
const rows = (wardId: string) =>
  prisma.surveyResponse.findMany({ where: { wardId }, select: { respondent: true, feltSafe: true, ableToSpeakUp: true, source: true }, orderBy: { feltSafe: "asc" } });

describe("the easy-read survey", () => {
  it("opens with ?format=easy-read, keeps the format through the post, and stores the same measure as the standard form", async () => {
    const { ward } = await createWard(prisma, { charterContact: "Jo on 0161 496 0000" });
    const easy = await page(`/s/${ward.surveyCode}?format=easy-read`);
    expect(easy.status).toBe(200);
    expect(easy.html).toContain(ENGLISH_EASY_READ.texts.feltSafeQuestion);
    expect(easy.html).not.toContain(ENGLISH_STANDARD.texts.feltSafeQuestion);
    expect(easy.html).toContain('<body class="easy-read">');
    expect(easy.html).toContain('Jo on <a href="tel:01614960000">0161 496 0000</a>');

    const res = await postForm(ward.surveyCode, { respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes", format: "easy-read" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${ward.surveyCode}/thanks?format=easy-read`);
    const thanks = await page(res.headers.get("location")!);
    expect(thanks.html).toContain(ENGLISH_EASY_READ.texts.thankYouHeading);

    expect((await postForm(ward.surveyCode, { respondent: "service_user", feltSafe: "yes" })).status).toBe(303);
    expect(await rows(ward.id)).toEqual([
      { respondent: "SERVICE_USER", feltSafe: false, ableToSpeakUp: true, source: "ONLINE" },
      { respondent: "SERVICE_USER", feltSafe: true, ableToSpeakUp: null, source: "ONLINE" },
    ]);
  });

  it("shows a missing answer's error in easy read, with the answers kept, and stores nothing", async () => {
    const { ward } = await createWard(prisma);
    const res = await postForm(ward.surveyCode, { respondent: "staff", format: "easy-read" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(ENGLISH_EASY_READ.texts.errorSummaryTitle);
    expect(html).toContain(ENGLISH_EASY_READ.texts.errorFeltSafe);
    expect(html).toMatch(/id="respondent-staff" name="respondent" value="staff" required checked/);
    expect(html).toContain('<input type="hidden" name="format" value="easy-read">');
    expect(await rows(ward.id)).toEqual([]);
  });

  it("is a ward's default when an admin makes it so (audited); ?format=standard still gives the standard wording", async () => {
    const { ward } = await createWard(prisma);
    const user = await createUser(prisma, { role: "ADMIN" });
    const admin: Actor = { id: user.id, email: user.email, name: user.name, role: "ADMIN", teamIds: [] };
    await structure.updateWard(admin, { wardId: ward.id, name: ward.name, teamId: "", charterContact: "", surveyFormat: "EASY_READ" });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: ward.id, action: "ward.update" } });
    expect(event.before).toEqual({ surveyFormat: "STANDARD" });
    expect(event.after).toEqual({ surveyFormat: "EASY_READ" });

    const opened = await page(`/s/${ward.surveyCode}`);
    expect(opened.html).toContain(ENGLISH_EASY_READ.texts.introduction);
    expect(opened.html).not.toContain('name="format"'); // nobody chose: the ward's default stands
    const standard = await page(`/s/${ward.surveyCode}?format=standard`);
    expect(standard.html).toContain(ENGLISH_STANDARD.texts.introduction);
    expect((await page(`/s/${ward.surveyCode}/thanks`)).html).toContain(ENGLISH_EASY_READ.texts.thankYouHeading);

    // Saving the ward without the field leaves the format alone.
    await structure.updateWard(admin, { wardId: ward.id, name: ward.name, teamId: "", charterContact: "Ask Sam" });
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: ward.id } })).surveyFormat).toBe("EASY_READ");
    // A bad value is refused, naming the field, and changes nothing.
    await expect(structure.updateWard(admin, { wardId: ward.id, name: ward.name, teamId: "", charterContact: "", surveyFormat: "PICTURES" })).rejects.toMatchObject({
      fields: { surveyFormat: "Choose standard or easy read" },
    });
    expect((await prisma.ward.findUniqueOrThrow({ where: { id: ward.id } })).charterContact).toBe("Ask Sam");
  });

  it("ignores a ?format= it does not know", async () => {
    const { ward } = await createWard(prisma);
    expect((await page(`/s/${ward.surveyCode}?format=<script>`)).html).toContain(ENGLISH_STANDARD.texts.introduction);
  });
});

describe("help on every patient-facing page", () => {
  it("gives the helplines on not-found, closed and moved pages, and the ward's contact where the ward is known", async () => {
    const notFound = await page("/s/NOSUCHWARD9?format=easy-read");
    expect(notFound.status).toBe(404);
    expect(notFound.html).toContain(ENGLISH_EASY_READ.texts.notFoundTitle);
    expect(notFound.html).toContain('<a href="tel:116123">116 123</a>');

    const { ward } = await createWard(prisma, { active: false, charterContact: "The ward manager, 0161 496 0999" });
    const closed = await page(`/s/${ward.surveyCode}`);
    expect(closed.status).toBe(410);
    expect(closed.html).toContain('<a href="tel:08088010818">0808 801 0818</a>');
    expect(closed.html).toContain('The ward manager, <a href="tel:01614960999">0161 496 0999</a>');

    const { ward: moving } = await createWard(prisma, { charterContact: "Ask Alex" });
    await prisma.retiredWardCode.create({ data: { code: `MOVED${randomUUID().slice(0, 8).toUpperCase()}`, wardId: moving.id } });
    const retired = await prisma.retiredWardCode.findFirstOrThrow({ where: { wardId: moving.id } });
    const moved = await page(`/s/${retired.code}`);
    expect(moved.status).toBe(410);
    expect(moved.html).toContain(ENGLISH_STANDARD.texts.movedTitle);
    expect(moved.html).toContain("Ask Alex");
    expect(moved.html).toContain("National helplines");
  });
});
