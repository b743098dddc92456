import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_WARDS, e2eDatabaseUrl } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// The patient-facing survey in a real browser: WCAG 2.2 AA (axe), keyboard, small screens,
// JavaScript off, and a dropped connection that must not lose or duplicate an answer.

async function rowCount(code: string): Promise<number> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM survey_response r JOIN ward w ON w.id = r.ward_id WHERE w.survey_code = $1",
      [code],
    );
    return result.rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

test("a respondent answers with the keyboard and lands on the thank-you page, with no axe violations", async ({ page, context }) => {
  const ward = E2E_WARDS.survey;
  const before = await rowCount(ward.code);
  await page.goto(`/s/${ward.code}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ward.name);
  await expectNoAxeViolations(page);

  // Keyboard only: the easy-read link at the top first, then each language switched on, then Tab
  // into each radio group, Space to choose, arrow keys to move.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Easy read version, with pictures" })).toBeFocused();
  const languageLinks = page.getByRole("navigation", { name: "Languages" }).getByRole("link");
  for (let i = 0; i < (await languageLinks.count()); i++) {
    await page.keyboard.press("Tab");
    await expect(languageLinks.nth(i)).toBeFocused();
  }
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Service user")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByLabel("Staff")).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await expect(page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel("Yes")).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send my answers" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/s/${ward.code}/thanks$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answers have been sent");
  await expect(page.getByText(ward.charter)).toBeVisible();
  await expect(page.getByRole("link", { name: "116 123" })).toHaveAttribute("href", "tel:116123");
  await expectNoAxeViolations(page);
  expect(await rowCount(ward.code)).toBe(before + 1);
  expect(await context.cookies()).toEqual([]);
});

test("missing answers show a linked error summary that takes focus, with no axe violations", async ({ page }) => {
  await page.goto(`/s/${E2E_WARDS.survey.code}`);
  await page.getByLabel("Service user").check();
  await page.getByRole("button", { name: "Send my answers" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Service user")).toBeChecked();
  await expectNoAxeViolations(page);
  await summary.getByRole("link", { name: /felt safe/ }).click();
  await expect(page.locator("#feltSafe-yes")).toBeFocused();
});

test("loads little JavaScript and no third-party resources", async ({ page }) => {
  let scriptBytes = 0;
  const hosts = new Set<string>();
  page.on("response", async (response) => {
    hosts.add(new URL(response.url()).host);
    if (response.request().resourceType() === "script") scriptBytes += (await response.body()).byteLength;
  });
  await page.goto(`/s/${E2E_WARDS.survey.code}`, { waitUntil: "networkidle" });
  console.log(`survey page JavaScript: ${scriptBytes} bytes (uncompressed)`);
  expect(scriptBytes).toBeGreaterThan(0); // the enhancement script loads…
  expect(scriptBytes).toBeLessThan(30 * 1024); // …and stays far below the 100 KB budget
  expect([...hosts]).toEqual([new URL(page.url()).host]);
});

test("at 320 px wide nothing scrolls sideways and every answer target is at least 44×44 px", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`/s/${E2E_WARDS.survey.code}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const target of await page.locator(".choice label, button[type=submit]").all()) {
    const box = await target.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  // 200% zoom on a 640 px window lays out like 320 px: still one column, still no sideways scroll.
  await page.setViewportSize({ width: 640, height: 800 });
  await page.evaluate(() => ((document.body.style as CSSStyleDeclaration & { zoom: string }).zoom = "2"));
  const zoomedOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(zoomedOverflow).toBeLessThanOrEqual(0);
});

/** Answers the two questions as given and presses Send, then waits for the thank-you page. */
async function answerAndSend(page: import("@playwright/test").Page, code: string, respondent: "Service user" | "Staff", feltSafe: "Yes" | "No") {
  await page.getByLabel(respondent).check();
  await page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel(feltSafe).check();
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${code}/thanks$`));
}

/** Answers, sends, goes Back to the form and sends again: the person answered once. */
async function sendTwiceWithBack(page: import("@playwright/test").Page, code: string) {
  const before = await rowCount(code);
  await page.goto(`/s/${code}`);
  await answerAndSend(page, code, "Service user", "Yes");
  expect(await rowCount(code)).toBe(before + 1);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/s/${code}$`));
  await answerAndSend(page, code, "Service user", "Yes");
  expect(await rowCount(code)).toBe(before + 1);
  // A new visit (the QR code scanned again) is a new answer.
  await page.goto(`/s/${code}`);
  await answerAndSend(page, code, "Staff", "No");
  expect(await rowCount(code)).toBe(before + 2);
}

test("Back, then Send again, counts the person once (with JavaScript)", async ({ page }) => {
  await sendTwiceWithBack(page, E2E_WARDS.retry.code);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain form posts, shows errors and thanks", async ({ page }) => {
    const ward = E2E_WARDS.noscript;
    const before = await rowCount(ward.code);
    await page.goto(`/s/${ward.code}`);
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("alert")).toContainText("There is a problem");
    // (axe needs scripts, so the error state is axe-checked in the test above with JS on.)
    expect(await rowCount(ward.code)).toBe(before);
    await page.getByLabel("Staff").check();
    await page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel("No").check();
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answers have been sent");
    expect(await rowCount(ward.code)).toBe(before + 1);
  });

  test("Back, then Send again, counts the person once", async ({ page }) => {
    await sendTwiceWithBack(page, E2E_WARDS.noscript.code);
  });
});

test("a dropped connection keeps the answers; sending again stores exactly one response", async ({ page }) => {
  const ward = E2E_WARDS.retry;
  const before = await rowCount(ward.code);
  await page.goto(`/s/${ward.code}`);
  await page.getByLabel("Service user").check();
  await page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel("Yes").check();

  // The first attempt reaches the server and is stored, but the answer never comes back.
  await page.route("**/api/v1/responses", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("status")).toContainText("not sent");
  await expect(page.getByLabel("Service user")).toBeChecked();
  expect(await rowCount(ward.code)).toBe(before + 1);

  await page.unroute("**/api/v1/responses");
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${ward.code}/thanks$`));
  expect(await rowCount(ward.code)).toBe(before + 1);
});

test("while the server answers 503 the phone keeps trying by itself, says so, and the answer counts once", async ({ page }) => {
  const ward = E2E_WARDS.retry;
  const before = await rowCount(ward.code);
  await page.goto(`/s/${ward.code}`);
  await page.getByLabel("Staff").check();
  await page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel("No").check();

  let refused = 0;
  const keys = new Set<string>();
  await page.route("**/api/v1/responses", async (route) => {
    keys.add((JSON.parse(route.request().postData() ?? "{}") as { submissionKey: string }).submissionKey);
    if (refused < 2) {
      refused += 1;
      await route.fulfill({ status: 503, headers: { "Retry-After": "1", "Content-Type": "application/json" }, body: '{"error":"unavailable"}' });
    } else {
      await route.continue();
    }
  });
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("status")).toContainText("Your answers are not sent yet. We will keep trying while this page is open.");
  await expect(page).toHaveURL(new RegExp(`/s/${ward.code}/thanks$`), { timeout: 15_000 });
  expect(refused).toBe(2);
  expect(keys.size).toBe(1);
  expect(await rowCount(ward.code)).toBe(before + 1);
});

test("a closed ward's survey says so", async ({ page }) => {
  const response = await page.goto(`/s/${E2E_WARDS.closed.code}`);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This survey is closed");
  await expectNoAxeViolations(page);
});
