import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { ENGLISH_EASY_READ } from "../../lib/survey/instrument";
import { E2E_WARDS, e2eDatabaseUrl } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// The easy-read survey in a real browser: axe on the form and the thank-you page, text of at least
// 20 px, every picture drawn, big answer targets, and the plain form with JavaScript off.

const T = ENGLISH_EASY_READ.texts;

async function responses(code: string): Promise<{ respondent: string; felt_safe: boolean }[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const result = await client.query<{ respondent: string; felt_safe: boolean }>(
      "SELECT r.respondent::text, r.felt_safe FROM survey_response r JOIN ward w ON w.id = r.ward_id WHERE w.survey_code = $1",
      [code],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

async function answer(page: Page) {
  await page.getByLabel(T.respondentServiceUser).check();
  await page.getByRole("group", { name: T.feltSafeQuestion }).getByLabel(T.no).check();
  await page.getByRole("group", { name: T.speakUpQuestion }).getByLabel(T.yes).check();
  await page.getByRole("button", { name: T.send }).click();
}

test("reached from the link at the top of the survey: pictures, 20 px text, big answers, no axe violations", async ({ page }) => {
  const ward = E2E_WARDS.survey;
  await page.goto(`/s/${ward.code}`);
  await page.getByRole("link", { name: "Easy read version, with pictures" }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${ward.code}\\?format=easy-read$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
  await expect(page.getByRole("group", { name: T.feltSafeQuestion })).toBeVisible();
  await expectNoAxeViolations(page);

  const pictures = page.locator("img.picture");
  await expect(pictures).toHaveCount(9);
  for (const img of await pictures.all()) {
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), (await img.getAttribute("src")) ?? "picture").toBe(true);
  }
  // Every piece of text at least 20 px (the staff-only link in the banner included).
  const smallest = await page.evaluate(() => {
    const sizes = [...document.querySelectorAll("main *, .banner *")]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()))
      .filter((el) => !el.closest(".visually-hidden"))
      .map((el) => parseFloat(getComputedStyle(el).fontSize));
    return Math.min(...sizes);
  });
  expect(smallest).toBeGreaterThanOrEqual(20);
  for (const label of await page.locator(".choice label").all()) {
    const box = (await label.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(64);
  }

  const before = (await responses(ward.code)).length;
  await answer(page);
  await expect(page).toHaveURL(new RegExp(`/s/${ward.code}/thanks\\?format=easy-read$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.thankYouHeading);
  await expect(page.getByRole("heading", { name: T.dangerHeading })).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await responses(ward.code)).length).toBe(before + 1);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("the easy-read form posts, shows its errors in easy read, and thanks", async ({ page }) => {
    const ward = E2E_WARDS.noscript;
    const before = await responses(ward.code);
    await page.goto(`/s/${ward.code}?format=easy-read`);
    await page.getByRole("button", { name: T.send }).click();
    await expect(page.getByRole("alert")).toContainText(T.errorSummaryTitle);
    await expect(page.getByRole("alert")).toContainText(T.errorRespondent);
    expect(await responses(ward.code)).toEqual(before);
    await answer(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.thankYouHeading);
    const after = await responses(ward.code);
    expect(after.length).toBe(before.length + 1);
    // The same measure as the standard form: a service user who did not feel safe.
    expect(after.filter((r) => r.respondent === "SERVICE_USER" && !r.felt_safe).length).toBe(before.filter((r) => r.respondent === "SERVICE_USER" && !r.felt_safe).length + 1);
  });
});
