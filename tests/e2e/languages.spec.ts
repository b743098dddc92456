import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { Prisma } from "../../generated/prisma/client";
import { ENGLISH_STANDARD, SURVEY_LANGUAGES, surveyLanguage, type SurveyLanguage } from "../../lib/survey/instrument";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { E2E_WARDS, e2eDatabaseUrl } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// Every shipped language in a real browser (serve.ts switches them all on): <html lang dir> set,
// axe with JavaScript on and off, the plain form posting in every language (its errors in that
// language too) into the same measure, right to left mirrored with the answers in reading order,
// and each script drawn by a real font from the Debian packages (no tofu boxes).

const pgNull = Prisma.DbNull;

type Row = { respondent: string; felt_safe: boolean; able_to_speak_up: boolean | null; source: string };

async function responses(code: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const result = await client.query<Row>(
      "SELECT r.respondent::text, r.felt_safe, r.able_to_speak_up, r.source::text FROM survey_response r JOIN ward w ON w.id = r.ward_id WHERE w.survey_code = $1",
      [code],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

async function answerAndSend(page: Page, language: SurveyLanguage) {
  const t = language.draft;
  await page.getByLabel(t.respondentServiceUser, { exact: true }).check();
  await page.getByRole("group", { name: t.feltSafeQuestion }).getByLabel(t.no, { exact: true }).check();
  await page.getByRole("group", { name: t.speakUpQuestion }).getByLabel(t.yes, { exact: true }).check();
  await page.getByRole("button", { name: t.send }).click();
}

const count = (rows: Row[]) => rows.filter((r) => r.respondent === "SERVICE_USER" && !r.felt_safe && r.able_to_speak_up === true && r.source === "ONLINE").length;

for (const language of SURVEY_LANGUAGES) {
  test(`${language.englishName}: chosen from the link in its own name, lang and dir set, no axe violations, thanks in ${language.englishName}`, async ({ page }) => {
    const ward = E2E_WARDS.survey;
    const before = count(await responses(ward.code));
    await page.goto(`/s/${ward.code}`);
    await page.getByRole("navigation", { name: ENGLISH_STANDARD.texts.languagesLabel }).getByRole("link", { name: language.ownName }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${ward.code}\\?lang=${language.code}$`));
    await expect(page.locator("html")).toHaveAttribute("lang", language.code);
    await expect(page.locator("html")).toHaveAttribute("dir", language.dir);
    await expect(page.getByRole("group", { name: language.draft.feltSafeQuestion })).toBeVisible();
    await expect(page.getByRole("navigation", { name: language.draft.languagesLabel }).getByRole("link", { name: language.ownName })).toHaveAttribute("aria-current", "true");
    await expectNoAxeViolations(page);

    await answerAndSend(page, language);
    await expect(page).toHaveURL(new RegExp(`/s/${ward.code}/thanks\\?lang=${language.code}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(language.draft.thankYouHeading);
    await expect(page.getByRole("heading", { name: language.draft.dangerHeading })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("dir", language.dir);
    await expectNoAxeViolations(page);
    expect(count(await responses(ward.code))).toBe(before + 1);
  });
}

// axe runs in the page, so JavaScript stays on for it; blocking the survey's own script gives the
// page exactly as it is without JavaScript (the form posting itself, the server's error summary).
for (const language of SURVEY_LANGUAGES) {
  test(`${language.englishName} without the survey's script: the form and its error page pass axe`, async ({ page }) => {
    await page.route("**/survey.js*", (route) => route.abort());
    await page.goto(`/s/${E2E_WARDS.noscript.code}?lang=${language.code}`);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: language.draft.send }).click();
    await expect(page.getByRole("alert")).toContainText(language.draft.errorFeltSafe);
    await expectNoAxeViolations(page);
  });
}

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  for (const language of SURVEY_LANGUAGES) {
    test(`${language.englishName}: the plain form shows its errors in ${language.englishName}, posts, and lands in the same measure`, async ({ page }) => {
      const ward = E2E_WARDS.noscript;
      const before = await responses(ward.code);
      await page.goto(`/s/${ward.code}?lang=${language.code}`);
      await page.getByRole("button", { name: language.draft.send }).click();
      await expect(page.getByRole("alert")).toContainText(language.draft.errorSummaryTitle);
      await expect(page.getByRole("alert")).toContainText(language.draft.errorRespondent);
      await expect(page.locator("html")).toHaveAttribute("lang", language.code);
      expect(await responses(ward.code)).toEqual(before);

      await answerAndSend(page, language);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(language.draft.thankYouHeading);
      await expect(page.locator("html")).toHaveAttribute("lang", language.code);
      expect(count(await responses(ward.code))).toBe(count(before) + 1);
    });
  }

  test("an administrator switches a language off and on, and uploads a checked file (a bad one refused, naming each key), as plain form posts", async ({ page }) => {
    const romanian = surveyLanguage("ro")!;
    const admin = await createE2eUser({ role: "ADMIN" });
    await signInAs(page, admin.email);
    await page.goto("/admin/languages");
    const row = page.getByRole("row", { name: /Romanian/ });
    await expect(row).toContainText("Draft: not yet checked by a qualified translator");
    await expect(row).toContainText("On");

    await row.getByRole("button", { name: "Switch off Romanian" }).click();
    await expect(page.getByRole("status")).toContainText("Romanian is switched off");
    await page.goto(`/s/${E2E_WARDS.survey.code}`);
    await expect(page.getByRole("link", { name: romanian.ownName })).toHaveCount(0);
    await page.goto("/admin/languages");
    await page.getByRole("row", { name: /Romanian/ }).getByRole("button", { name: "Switch on Romanian" }).click();
    await expect(page.getByRole("status")).toContainText("Romanian is switched on");
    await page.goto(`/s/${E2E_WARDS.survey.code}`);
    await expect(page.getByRole("link", { name: romanian.ownName })).toBeVisible();

    await page.goto("/admin/languages/ro");
    await expect(page.getByRole("table", { name: /English and Romanian/ }).getByRole("row", { name: /feltSafeQuestion/ })).toContainText(romanian.draft.feltSafeQuestion);
    const upload = page.getByRole("form", { name: "Upload a checked translation" });
    const broken = { ...romanian.draft, yes: "", closedMessage: "Închis." };
    await upload.getByLabel("Language file").setInputFiles({ name: "ro.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ language: "ro", texts: broken })) });
    await upload.getByRole("button", { name: "Upload checked translation" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("The language file was not uploaded, and nothing has changed");
    await expect(alert).toContainText("yes: give the text");
    await expect(alert).toContainText("closedMessage: keep {ward}");
    expect(await withE2eDb((prisma) => prisma.surveyLanguage.findUnique({ where: { code: "ro" } }))).toMatchObject({ checkedTexts: null });

    const checked = { ...romanian.draft, paperScan: "Sau răspundeți pe telefon: scanați codul." };
    await page.getByRole("form", { name: "Upload a checked translation" }).getByLabel("Language file").setInputFiles({
      name: "ro.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ language: "ro", texts: checked })),
    });
    await page.getByRole("form", { name: "Upload a checked translation" }).getByRole("button", { name: "Upload checked translation" }).click();
    await expect(page.getByText("The checked translation is uploaded")).toBeVisible();
    await expect(page.getByRole("row", { name: /paperScan/ })).toContainText(checked.paperScan);
    await expect(page.getByText(/Checked translation, uploaded/)).toBeVisible();
    // Back to the shipped draft, so the other tests (and a repeat of this one) start where they expect.
    await withE2eDb((prisma) => prisma.surveyLanguage.update({ where: { code: "ro" }, data: { checkedTexts: pgNull, checkedAt: null } }));
  });
});

test("the administrators' language pages pass axe, a refused upload included (JavaScript on)", async ({ page }) => {
  const admin = await createE2eUser({ role: "ADMIN" });
  await signInAs(page, admin.email);
  await page.goto("/admin/languages");
  await expect(page.getByRole("table", { name: "Survey languages" }).getByRole("row")).toHaveCount(SURVEY_LANGUAGES.length + 1);
  await expectNoAxeViolations(page);
  await page.goto("/admin/languages/ur");
  await expect(page.getByText("Draft: not yet checked by a qualified translator").first()).toBeVisible();
  await expectNoAxeViolations(page);
  const upload = page.getByRole("form", { name: "Upload a checked translation" });
  await upload.getByLabel("Language file").setInputFiles({ name: "ur.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await upload.getByRole("button", { name: "Upload checked translation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "nothing has changed" })).toContainText("The file is not valid JSON");
  await expectNoAxeViolations(page);
});

test("right to left (Arabic): the layout is mirrored and the answers are in reading order, from the right", async ({ page }) => {
  const arabic = surveyLanguage("ar")!;
  await page.goto(`/s/${E2E_WARDS.survey.code}?lang=ar`);
  const group = page.getByRole("group", { name: arabic.draft.feltSafeQuestion });
  const yes = (await group.getByText(arabic.draft.yes, { exact: true }).boundingBox())!;
  const no = (await group.getByText(arabic.draft.no, { exact: true }).boundingBox())!;
  // The first answer (yes) is on the right, as an Arabic reader starts.
  expect(yes.x).toBeGreaterThan(no.x);
  // Text starts at the right edge: a short line (the hint) sits against the right of its box.
  const hint = await page.locator(".hint").evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return { fromRight: box.right - text.right, fromLeft: text.left - box.left };
  });
  expect(hint.fromRight).toBeLessThan(2);
  expect(hint.fromLeft).toBeGreaterThan(40);
  // The help panels' coloured edge is on the reading side (the right).
  const edges = await page.locator(".panel").first().evaluate((el) => ({ right: getComputedStyle(el).borderRightWidth, left: getComputedStyle(el).borderLeftWidth }));
  expect(edges).toEqual({ right: "6px", left: "0px" });
  // And English stays left to right.
  await page.goto(`/s/${E2E_WARDS.survey.code}`);
  const englishEdges = await page.locator(".panel").first().evaluate((el) => ({ right: getComputedStyle(el).borderRightWidth, left: getComputedStyle(el).borderLeftWidth }));
  expect(englishEdges).toEqual({ right: "0px", left: "6px" });
});

// Which font Chromium really drew the text with (DevTools' platform fonts for a node), and whether
// its letters have their own shapes: a missing glyph is drawn as the same empty box every time.
// Arabic's letters are in DejaVu Sans (fonts-dejavu-core) as well as Noto's Arabic fonts.
const SCRIPT_FONTS: Record<string, RegExp> = { ar: /Arabic|Naskh|Kufi|DejaVu Sans/, ur: /Nastaliq|Urdu|Arabic|Naskh/, bn: /Bengali/, "pa-Guru": /Gurmukhi/ };

for (const [code, font] of Object.entries(SCRIPT_FONTS)) {
  const language = surveyLanguage(code)!;
  test(`${language.englishName} is drawn by a font for its script (system fonts only), with no tofu boxes`, async ({ page }) => {
    await page.goto(`/s/${E2E_WARDS.survey.code}?lang=${language.code}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "#feltSafe-legend" });
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    const drawnWith = fonts.filter((f) => f.glyphCount > 0);
    // Most of the question's glyphs come from a font made for the script, and none is a web font.
    const main = drawnWith.reduce((a, b) => (b.glyphCount > a.glyphCount ? b : a));
    expect(main.familyName, JSON.stringify(fonts)).toMatch(font);
    expect(fonts.every((f) => !f.isCustomFont)).toBe(true);

    // Tofu: every missing letter is the same box, so the letters would all measure the same.
    const widths = await page.locator("#feltSafe-legend").evaluate((el) => {
      const letters = [...new Set([...(el.textContent ?? "")].filter((c) => /\p{L}/u.test(c)))];
      const probe = document.createElement("span");
      probe.style.cssText = "position:absolute;visibility:hidden;white-space:pre";
      el.append(probe);
      const measured = letters.map((letter) => {
        probe.textContent = letter;
        return Math.round(probe.getBoundingClientRect().width * 10) / 10;
      });
      probe.remove();
      return { letters: letters.length, distinct: new Set(measured).size };
    });
    expect(widths.letters).toBeGreaterThan(8);
    expect(widths.distinct).toBeGreaterThan(4);
  });
}
