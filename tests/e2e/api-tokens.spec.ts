import { expect, test } from "@playwright/test";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// A user makes a personal API token, sees it once, uses it, and revokes it.

test("create a token (shown once), use it, revoke it after confirming", async ({ page, context, request }) => {
  const user = await createE2eUser({ role: "QI_COACH" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, user.email);
  await page.goto("/account");
  await page.getByRole("link", { name: "Manage your API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
  await expect(page.getByText("You have no API tokens.")).toBeVisible();
  await expectNoAxeViolations(page);

  // No name: a clear error tied to the field, nothing created.
  await page.getByRole("button", { name: "Create token" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter a name for the token");
  await summary.getByRole("link", { name: "Enter a name for the token" }).click();
  await expect(page.getByLabel("Token name")).toBeFocused();
  await expect(page.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  expect(await withE2eDb((prisma) => prisma.apiToken.count({ where: { userId: user.id } }))).toBe(0);

  await page.getByLabel("Token name").fill("Monthly report");
  await page.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "Your new token “Monthly report”" })).toBeVisible();
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  const token = await page.getByLabel("Token", { exact: true }).inputValue();
  expect(token).toMatch(/^wst_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expectNoAxeViolations(page);

  const row = page.getByRole("row", { name: /Monthly report/ });
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  await expect(row).toContainText("Active");

  // The token works on its own, without the browser's session.
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(user.email);

  // Shown once: a fresh load of the page no longer has it.
  await page.reload();
  await expect(page.getByRole("row", { name: /Monthly report/ })).toBeVisible();
  expect(await page.content()).not.toContain(token);

  await page.getByRole("link", { name: "Revoke “Monthly report”" }).click();
  await expect(page.getByRole("heading", { name: "Revoke the token “Monthly report”?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, revoke “Monthly report”" }).click();
  await expect(page.getByText("The token “Monthly report” is revoked.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Monthly report/ })).toContainText("Revoked");
  await expect(page.getByRole("link", { name: /^Revoke/ })).toHaveCount(0);
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});
