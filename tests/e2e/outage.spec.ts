import { expect, test } from "@playwright/test";
import type { PrismaClient } from "@/generated/prisma/client";
import { createDatabase, migrate } from "../../lib/db/migrate";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/support/throwaway-postgres";
import { expectNoAxeViolations } from "./axe";

// The plain (no-JavaScript) form while PostgreSQL is really down: a server of this test's own that
// it stops under a running app (never the shared one). The page that comes back is a 503 with the
// person's answers still selected, and once the database is back, Send stores them exactly once.

let pg: ThrowawayPostgres;
let app: AppServer;
let prisma: PrismaClient;
let code: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  pg = await startThrowawayPostgres();
  const url = await createDatabase(pg.url, "wardsafe_e2e_outage");
  await migrate(url);
  prisma = testPrisma(url);
  code = (await createWard(prisma, { name: "Rowan Ward" })).ward.surveyCode;
  app = await startAppServer({ databaseUrl: url });
});

test.afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  pg?.cleanup();
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("the 503 page keeps the person's answers, and Send once the database is back stores them once", async ({ page }) => {
    const code = (await createWard(prisma, { name: "Rowan Ward" })).ward.surveyCode;
    await page.goto(`${app.baseUrl}/s/${code}`);
    await page.getByLabel("Service user").check();
    await page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel("No").check();
    await page.getByRole("group", { name: /able to speak to someone/ }).getByLabel("Yes").check();

    pg.stop();
    let restarted = false;
    try {
      const responsePromise = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/s/${code}`));
      await page.getByRole("button", { name: "Send my answers" }).click();
      const refused = await responsePromise;
      expect(refused.status()).toBe(503);
      expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
      await expect(page.getByText("We could not save your answers just now. They are still selected below")).toBeVisible();
      await expect(page.getByLabel("Service user")).toBeChecked();
      await expect(page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel("No")).toBeChecked();
      await expect(page.getByRole("group", { name: /able to speak to someone/ }).getByLabel("Yes")).toBeChecked();
      await expect(page.locator("body")).not.toContainText(/at .+\.(ts|js):\d+/); // no stack trace

      pg.start();
      restarted = true;
      await expect
        .poll(async () => (await fetch(`${app.baseUrl}/api/ready`)).status, { timeout: 30_000 })
        .toBe(200);
      await page.getByRole("button", { name: "Send my answers" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, your answers have been sent");
    } finally {
      if (!restarted) pg.start();
    }
    const stored = await prisma.surveyResponse.findMany({ where: { ward: { surveyCode: code } } });
    expect(stored.map((r) => [r.respondent, r.feltSafe, r.ableToSpeakUp])).toEqual([["SERVICE_USER", false, true]]);
  });
});

test("the kept-answers page and the not-available page pass axe", async ({ page }) => {
  // axe runs in the page, so JavaScript stays on; blocking the survey's own script makes the form
  // post as it does without JavaScript.
  await page.route("**/survey.js*", (route) => route.abort());
  await page.goto(`${app.baseUrl}/s/${code}`);
  await page.getByLabel("Staff").check();
  await page.getByRole("group", { name: /felt safe from sexual harm on the ward/ }).getByLabel("Yes").check();
  pg.stop();
  try {
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByText("We could not save your answers just now.")).toBeVisible();
    await expect(page.getByLabel("Staff")).toBeChecked();
    await expectNoAxeViolations(page);

    const refused = await page.goto(`${app.baseUrl}/s/${code}`);
    expect(refused?.status()).toBe(503);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("The survey is not available just now");
    await expectNoAxeViolations(page);
  } finally {
    pg.start();
  }
});
