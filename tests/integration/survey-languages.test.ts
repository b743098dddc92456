import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { ENGLISH_STANDARD, INSTRUMENT_KEYS, surveyLanguage } from "@/lib/survey/instrument";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { postSurveyForm, surveyPage } from "../helpers/survey-http";
import { createUser, signInOverHttp } from "../helpers/auth";

// Survey languages over real HTTP and the real database: nothing shows until an administrator
// switches it on; a chosen language is kept through the form post (errors included) and the
// thank-you page and lands in the same measure; a checked translation is uploaded only when every
// key passes, else nothing changes; every change is audited. Romanian and Bengali are this file's
// own: no other test switches them.

process.env.DATABASE_URL = inject("databaseUrl");
const languages = await import("@/lib/survey/languages");
const { BadRequestError } = await import("@/lib/errors");

let app: AppServer;
const prisma = testPrisma(inject("databaseUrl"));
let admin: Actor;
let adminEmail: string;
const ROMANIAN = surveyLanguage("ro")!;
const BENGALI = surveyLanguage("bn")!;

beforeAll(async () => {
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
  const user = await createUser(prisma, { role: "ADMIN" });
  admin = { id: user.id, email: user.email, name: user.name, role: "ADMIN", teamIds: [] };
  adminEmail = user.email;
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await prisma.$disconnect();
});

const page = (path: string, cookie?: string) => surveyPage(app.baseUrl, path, cookie);
const postForm = (code: string, fields: Record<string, string>) => postSurveyForm(app.baseUrl, code, fields);

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fields: Record<string, string> }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestError);
  const refused = error as InstanceType<typeof BadRequestError>;
  return { message: refused.message, fields: refused.fields };
}

const fileFor = (texts: Record<string, unknown>, language = "bn") => JSON.stringify({ language, texts });

describe("a survey language", () => {
  it("does not appear on the survey until switched on, then is offered in its own name, set on <html>, and kept through errors, the post and the thank-you page", async () => {
    await languages.setLanguageEnabled(admin, { code: "ro", enabled: "false" });
    const { ward } = await createWard(prisma);
    const off = await page(`/s/${ward.surveyCode}?lang=ro`);
    expect(off.status).toBe(200);
    expect(off.html).toContain('<html lang="en-GB" dir="ltr">');
    expect(off.html).not.toContain(ROMANIAN.ownName);
    expect(off.html).not.toContain('name="lang"');

    const before = await prisma.auditEvent.count({ where: { actorId: admin.id, action: "language.switch-on", entityId: "ro" } });
    await languages.setLanguageEnabled(admin, { code: "ro", enabled: "true" });
    expect(await prisma.auditEvent.count({ where: { actorId: admin.id, action: "language.switch-on", entityId: "ro" } })).toBe(before + 1);

    const english = await page(`/s/${ward.surveyCode}`);
    expect(english.html).toContain(`<a href="/s/${ward.surveyCode}?lang=ro" lang="ro" hreflang="ro" dir="ltr">Română</a>`);
    const on = await page(`/s/${ward.surveyCode}?lang=RO`);
    expect(on.html).toContain('<html lang="ro" dir="ltr">');
    expect(on.html).toContain(ROMANIAN.draft.feltSafeQuestion);
    expect(on.html).not.toContain(ENGLISH_STANDARD.texts.feltSafeQuestion);
    expect(on.html).toContain('<input type="hidden" name="lang" value="ro">');

    // Bad input: the error in Romanian, the language kept, nothing stored.
    const bad = await postForm(ward.surveyCode, { submissionKey: randomUUID(), respondent: "staff", lang: "ro" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('<html lang="ro" dir="ltr">');
    expect(badHtml).toContain(ROMANIAN.draft.errorFeltSafe);
    expect(badHtml).toContain('<input type="hidden" name="lang" value="ro">');
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);

    const sent = await postForm(ward.surveyCode, { submissionKey: randomUUID(), respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes", lang: "ro" });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/s/${ward.surveyCode}/thanks?lang=ro`);
    const thanks = await page(sent.headers.get("location")!);
    expect(thanks.html).toContain('<html lang="ro" dir="ltr">');
    expect(thanks.html).toContain(ROMANIAN.draft.thankYouHeading);
    expect(thanks.html).toContain(ROMANIAN.draft.dangerHeading);

    // The same measure as the English form: one row, the same columns, nothing saying Romanian.
    await postForm(ward.surveyCode, { submissionKey: randomUUID(), respondent: "service_user", feltSafe: "no", ableToSpeakUp: "yes" });
    const rows = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM survey_response WHERE ward_id = ${ward.id}`;
    expect(rows).toHaveLength(2);
    const [a, b] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => column !== "id" && column !== "submission_key")));
    expect(a).toEqual(b);
    expect(JSON.stringify(rows)).not.toMatch(/"ro"|romanian/i);
  });

  it("is switched off again (audited), and an address asking for it shows English", async () => {
    const { ward } = await createWard(prisma);
    await languages.setLanguageEnabled(admin, { code: "ro", enabled: "true" });
    await languages.setLanguageEnabled(admin, { code: "ro", enabled: "false" });
    const audit = await prisma.auditEvent.findFirst({ where: { actorId: admin.id, action: "language.switch-off", entityId: "ro" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ entityType: "survey_language", before: { enabled: true }, after: { enabled: false } });
    const off = await page(`/s/${ward.surveyCode}?lang=ro`);
    expect(off.html).toContain('<html lang="en-GB" dir="ltr">');
    // A post still carrying lang=ro from a page opened before is taken, in English.
    const sent = await postForm(ward.surveyCode, { submissionKey: randomUUID(), respondent: "staff", feltSafe: "yes", lang: "ro" });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/s/${ward.surveyCode}/thanks`);
  });

  it("refuses a bad language file whole, naming each key, and changes nothing", async () => {
    const auditBefore = await prisma.auditEvent.count({ where: { action: "language.upload", entityId: "bn" } });
    const rowBefore = await prisma.surveyLanguage.findUnique({ where: { code: "bn" } });
    const broken = { ...BENGALI.draft, yes: undefined, closedMessage: "বন্ধ।", kioskIdleText: "{seconds} {minutes}", no: "ন".repeat(21), extra: "?" };
    const { message, fields } = await refusal(languages.uploadCheckedTranslation(admin, { code: "bn", file: fileFor(broken) }));
    expect(message).toBe("The language file was not uploaded, and nothing has changed");
    expect(fields).toMatchObject({
      "texts.yes": "yes: give the text",
      "texts.closedMessage": "closedMessage: keep {ward} (it is filled in on the page)",
      "texts.kioskIdleText": "kioskIdleText: {minutes} is not a placeholder this text has",
      "texts.no": "no: at most 20 characters",
    });
    expect(Object.values(fields).join("\n")).toContain("Unknown keys: extra");

    expect((await refusal(languages.uploadCheckedTranslation(admin, { code: "bn", file: "{not json" }))).fields.file).toMatch(/not valid JSON/);
    expect((await refusal(languages.uploadCheckedTranslation(admin, { code: "bn", file: "" }))).fields.file).toMatch(/Choose the language file/);
    expect((await refusal(languages.uploadCheckedTranslation(admin, { code: "bn", file: fileFor(BENGALI.draft, "ur") }))).fields.language).toMatch(/for "ur", not Bengali/);
    expect((await refusal(languages.uploadCheckedTranslation(admin, { code: "bn", file: JSON.stringify(BENGALI.draft) }))).fields.texts).toBeDefined();

    expect(await prisma.auditEvent.count({ where: { action: "language.upload", entityId: "bn" } })).toBe(auditBefore);
    expect(await prisma.surveyLanguage.findUnique({ where: { code: "bn" } })).toEqual(rowBefore);
  });

  it("takes a checked translation that passes every rule, shows it on the survey in place of the draft, and audits which texts changed", async () => {
    const { ward } = await createWard(prisma);
    const checked = { ...BENGALI.draft, send: "উত্তর পাঠান" };
    const uploaded = await languages.uploadCheckedTranslation(admin, { code: "bn", file: `\uFEFF${fileFor(checked)}` });
    expect(uploaded.draftLabel).toBeNull();
    await languages.setLanguageEnabled(admin, { code: "bn", enabled: "true" });
    const on = await page(`/s/${ward.surveyCode}?lang=bn`);
    expect(on.html).toContain('<html lang="bn" dir="ltr">');
    expect(on.html).toContain("উত্তর পাঠান</button>");
    const audit = await prisma.auditEvent.findFirst({ where: { actorId: admin.id, action: "language.upload", entityId: "bn" }, orderBy: { at: "desc" } });
    expect(audit?.after).toEqual({ status: "checked", changedTexts: ["send"] });
    const listed = (await languages.listLanguagesForAdmin(admin)).find((l) => l.code === "bn");
    expect(listed).toMatchObject({ enabled: true, draftLabel: null });
    expect((await languages.listLanguagesForAdmin(admin)).find((l) => l.code === "ro")?.draftLabel).toBe("Draft: not yet checked by a qualified translator");
  });

  it("gives administrators the language file to download, with the English beside each text, and no one else", async () => {
    const admins = await signInOverHttp(app.baseUrl, adminEmail);
    const file = await page("/admin/languages/pl/file", admins.cookie);
    expect(file.status).toBe(200);
    expect(file.type).toMatch(/^application\/json/);
    const json = JSON.parse(file.html) as { language: string; formVersion: string; english: Record<string, string>; texts: Record<string, string> };
    expect(json.language).toBe("pl");
    expect(Object.keys(json.texts).sort()).toEqual([...INSTRUMENT_KEYS].sort());
    expect(json.english.feltSafeQuestion).toBe(ENGLISH_STANDARD.texts.feltSafeQuestion);
    // The downloaded file uploads as it is.
    await expect(languages.uploadCheckedTranslation(admin, { code: "pt", file: JSON.stringify({ ...json, language: "pt", texts: surveyLanguage("pt")!.draft }) })).resolves.toBeDefined();

    const lead = await createUser(prisma, { role: "PROJECT_LEAD" });
    const leads = await signInOverHttp(app.baseUrl, lead.email);
    expect((await page("/admin/languages/pl/file", leads.cookie)).status).toBe(403);
    // Signed out, it goes to sign-in like every staff page.
    const signedOut = await page("/admin/languages/pl/file");
    expect(signedOut.status).toBe(307);
    expect(signedOut.location).toMatch(/\/signin/);
    expect((await page("/admin/languages", leads.cookie)).status).toBe(404);
    expect((await page("/admin/languages/xx/file", admins.cookie)).status).toBe(404);
  });
});
