import { expect, test, type Page } from "@playwright/test";
import { newSecret, PASSWORD_TOKEN_PREFIX, secretHash } from "../../lib/auth/secrets";
import { TEST_PASSWORD } from "../helpers/auth";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// Passwords in a real browser: changing one's own on the account page, setting one from a
// one-time link, and the sign-in page's message when signing in is paused after 5 failures.
//
// These tests fail sign-ins on purpose. The per-client limit counts failures per client address in
// the app's memory for the whole browser-test run, so each test sends its own X-Forwarded-For
// (`next start` takes the client address from it) and never spends 127.0.0.1's allowance.

/** The page's own error message or summary (Next's route announcer also has role=alert). */
const errorBox = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

let clientCounter = 0;
test.beforeEach(async ({ page }) => {
  await page.context().setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${++clientCounter}` });
});

async function trySignIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("changing my password: errors name the field, success signs me out everywhere", async ({ page, browser }) => {
  const user = await createE2eUser({ role: "PROJECT_LEAD" });
  const newPassword = "a brand new password for e2e";
  await signInAs(page, user.email);
  await page.getByRole("link", { name: "My account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
  await expect(page.getByText(user.email)).toBeVisible();
  await expectNoAxeViolations(page);
  const oldSession = await page.context().cookies();

  // Wrong current password: an error summary that links to the field.
  await page.getByLabel("Current password").fill("not my current password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Type the new password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  const summary = errorBox(page);
  await expect(summary).toContainText("There is a problem");
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Current password")).toHaveAccessibleDescription("Your current password is not right");
  await expectNoAxeViolations(page);
  await summary.getByRole("link", { name: "Your current password is not right" }).click();
  await expect(page.getByLabel("Current password")).toBeFocused();

  // Too short.
  await page.getByLabel("Current password").fill(TEST_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("too short");
  await page.getByLabel("Type the new password again").fill("too short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(errorBox(page).getByRole("link", { name: "Use at least 12 characters" })).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // Keyboard only, from the current-password field to the button.
  await page.getByLabel("Current password").fill(TEST_PASSWORD);
  await page.getByLabel("Current password").press("Tab");
  await expect(page.getByLabel("New password", { exact: true })).toBeFocused();
  await page.keyboard.type(newPassword);
  await page.keyboard.press("Tab");
  await page.keyboard.type(newPassword);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/signin\?changed=1$/);
  await expect(page.getByRole("status")).toContainText("Sign in with your new password");

  // The session from before the change is dead on the server, not just deleted from this browser.
  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(oldSession);
  const oldPage = await elsewhere.newPage();
  await oldPage.goto("/account");
  await expect(oldPage).toHaveURL(/\/signin/);
  await elsewhere.close();

  await trySignIn(page, user.email, TEST_PASSWORD);
  await expect(errorBox(page)).toHaveText("The email address or password is not right.");
  await signInAs(page, user.email, newPassword);
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
});

test("setting a password from a one-time link, which then no longer works", async ({ page }) => {
  const secret = newSecret(PASSWORD_TOKEN_PREFIX);
  const email = `e2e-invite-${Date.now()}@example.nhs.uk`;
  await withE2eDb(async (prisma) => {
    const user = await prisma.user.create({ data: { email, name: "Robin Invitee", role: "QI_COACH" } });
    await prisma.passwordToken.create({
      data: { userId: user.id, tokenHash: secretHash(secret), purpose: "INVITE", expiresAt: new Date(Date.now() + 72 * 3_600_000) },
    });
  });
  const password = "my first wardsafe password";

  await page.goto(`/set-password/${secret}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Type it again").fill("not the same password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(errorBox(page)).toContainText("There is a problem");
  await expect(page.getByLabel("Type it again")).toHaveAccessibleDescription("The two passwords do not match");
  await expectNoAxeViolations(page);

  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Type it again").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/signin\?changed=1$/);
  await expect(page.getByRole("status")).toHaveText("Your password has been set. Sign in with your new password.");

  await signInAs(page, email, password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Project teams");

  await page.goto(`/set-password/${secret}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
  await expect(page.getByText(email)).toHaveCount(0);
  await expect(page.getByLabel("New password")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("after 5 failed sign-ins the sign-in page tells the user how long signing in is paused", async ({ page }) => {
  const user = await createE2eUser({ role: "QI_COACH" });
  for (let i = 1; i <= 5; i++) {
    await trySignIn(page, user.email, `wrong guess ${i}`);
    await expect(errorBox(page)).toHaveText("The email address or password is not right.");
  }
  await trySignIn(page, user.email, TEST_PASSWORD);
  await expect(errorBox(page)).toHaveText(
    "Too many failed attempts. For your security, signing in is paused for 15 minutes. Please try again then.",
  );
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Email address")).toHaveValue(user.email);
  await expectNoAxeViolations(page);
});

test("the sign-in page and Auth.js's own endpoint share one count per client", async ({ page }) => {
  const users = await Promise.all(Array.from({ length: 5 }, () => createE2eUser({ role: "PROJECT_LEAD" })));
  // 3 failures straight to Auth.js's credentials endpoint, from this browser's client address…
  for (const user of users.slice(0, 3)) {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: user.email, password: "wrong", callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(response.headers()["location"]).toContain("code=invalid");
  }
  // …and 2 through the sign-in page make 5: the next account, with its right password, is refused.
  for (const user of users.slice(3, 5)) {
    await trySignIn(page, user.email, "wrong");
    await expect(errorBox(page)).toHaveText("The email address or password is not right.");
  }
  const fresh = await createE2eUser({ role: "PROJECT_LEAD" });
  await trySignIn(page, fresh.email, TEST_PASSWORD);
  await expect(errorBox(page)).toContainText("signing in is paused for 15 minutes");
});
