import { expect, test } from "@playwright/test";
import { createE2eUser, signInAs } from "./auth";
import { expectNoAxeViolations } from "./axe";

test("signing in takes a user to their project teams; a wrong password gets a clear message", async ({ page }) => {
  const user = await createE2eUser({ role: "QI_COACH" });
  await page.goto("/teams");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fteams/);
  await expectNoAxeViolations(page);

  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toHaveText("The email address or password is not right.");

  await signInAs(page, user.email);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Project teams");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/teams");
  await expect(page).toHaveURL(/\/signin/);
});
