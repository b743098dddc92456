import { expect, test } from "@playwright/test";
import { newWardCode } from "@/lib/survey/ward-code";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// A programme administrator sets up a trust, a ward and a project team, invites the team's lead,
// and the lead (after setting their password from the one-time link) sees only that team. Every
// administration page is checked with axe on the way.

test("create a trust, ward and team, assign a lead, sign in as that lead, see only that team", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const trustName = `Westfield NHS Trust ${suffix}`;
  const teamName = `Westfield Acute ${suffix}`;
  const wardName = "Larch Ward";
  const leadEmail = `lead-${suffix}@example.nhs.uk`;
  const leadPassword = "lead password for the e2e test";

  // Another trust's team, which the new lead must not see.
  const otherTeamName = `Elsewhere Team ${suffix}`;
  await withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Elsewhere Trust ${suffix}` } });
    await prisma.projectTeam.create({ data: { name: otherTeamName, trustId: trust.id } });
  });

  const admin = await createE2eUser({ role: "ADMIN" });
  await signInAs(page, admin.email);

  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration");
  await expectNoAxeViolations(page);

  // A trust: first an empty name (error summary linked to the field), then a real one.
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Trusts and wards" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trusts and wards");
  await page.getByRole("button", { name: "Add trust" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Enter the trust's name" })).toHaveAttribute("href", "#add-trust-name");
  await expect(page.getByLabel("Trust name")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await page.getByLabel("Trust name").fill(trustName);
  await page.getByRole("button", { name: "Add trust" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Trust "${trustName}" created.` })).toBeVisible();
  await expectNoAxeViolations(page);

  // Its project team and ward.
  await page.getByRole("link", { name: trustName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(trustName);
  await page.getByLabel("Project team name", { exact: true }).fill(teamName);
  await page.getByLabel("Target % feeling safe (optional)").fill("90");
  await page.getByRole("button", { name: "Add project team" }).click();
  await expect(page.getByRole("table", { name: `Project teams of ${trustName}` }).getByRole("link", { name: teamName })).toBeVisible();
  await page.getByLabel("Ward name").fill(wardName);
  await page.getByLabel("Project team (optional)").selectOption({ label: teamName });
  await page.getByRole("button", { name: "Add ward" }).click();
  const wardsTable = page.getByRole("table", { name: `Wards of ${trustName}` });
  await expect(wardsTable.getByRole("row", { name: new RegExp(wardName) })).toContainText(teamName);
  await expectNoAxeViolations(page);

  // The ward: its survey address, charter contact, and a new survey code with a confirm step.
  await wardsTable.getByRole("link", { name: wardName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(wardName);
  const oldUrl = (await page.getByRole("link", { name: /\/s\/[A-Z0-9]{10}$/ }).textContent())!;
  expect(oldUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Z0-9]{10}$/);
  await page.getByLabel("Charter contact").fill("Speak to the ward manager, Pat, on extension 2468.");
  await page.getByRole("button", { name: "Save ward" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ward saved." })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Give this ward a new survey code…" }).click();
  await expect(page.getByText(`Give ${wardName} a new survey code?`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, give it a new code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The ward has a new survey code" })).toBeVisible();
  const newUrl = (await page.getByRole("link", { name: /\/s\/[A-Z0-9]{10}$/ }).textContent())!;
  expect(newUrl).not.toBe(oldUrl);
  await expect(page.getByText("Earlier codes")).toBeVisible();
  const moved = await page.request.get(oldUrl);
  expect(moved.status()).toBe(410);
  expect(await moved.text()).toContain("This survey has moved");
  expect((await page.request.get(newUrl)).status()).toBe(200);

  // The team page, then invite the lead into the team.
  await page.goto("/admin/teams");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: teamName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(teamName);
  await expect(page.getByRole("table", { name: `Wards of ${teamName}` })).toContainText(wardName);
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await page.getByLabel("Full name").fill("Lou Lead");
  await page.getByLabel("Email address").fill(leadEmail);
  await page.getByLabel("Role").selectOption({ label: "Project lead" });
  await page.getByLabel(`${teamName} (${trustName})`).check();
  await page.getByRole("button", { name: "Create account and get link" }).click();
  const linkBox = page.getByLabel("One-time set-password link");
  await expect(linkBox).toBeVisible();
  const link = await linkBox.inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/set-password\/wsp_/);
  await expectNoAxeViolations(page);
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row", { name: /Lou Lead/ })).toContainText("Invited (no password yet)");

  await page.getByRole("table", { name: "Users" }).getByRole("link", { name: "Lou Lead" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lou Lead");
  await expect(page.getByLabel(`${teamName} (${trustName})`)).toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expect(page.getByRole("table", { name: "Audit events, newest first" })).toContainText("Gave a ward a new survey code");
  await page.getByLabel("What changed").selectOption({ label: "Ward" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/entity=ward/);
  await expect(page.getByRole("row", { name: /Changed a ward/ }).first()).toContainText("Speak to the ward manager, Pat");
  await expectNoAxeViolations(page);

  // The lead, in a browser of their own: set the password from the link, sign in, see one team.
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await lead.goto(link);
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await lead.getByLabel("New password").fill(leadPassword);
  await lead.getByLabel("Type it again").fill(leadPassword);
  await lead.getByRole("button", { name: "Set password" }).click();
  await expect(lead).toHaveURL(/\/signin\?changed=1/);
  await signInAs(lead, leadEmail, leadPassword);
  await lead.goto("/teams");
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Project teams");
  await expect(lead.getByRole("link", { name: teamName })).toBeVisible();
  await expect(lead.getByText(otherTeamName)).toHaveCount(0);
  await expect(lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" })).toHaveCount(0);

  // The administration pages do not exist for a project lead.
  const notFound = await lead.goto("/admin/users");
  expect(notFound?.status()).toBe(404);
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Page not found");

  // The link worked once.
  await lead.goto(link);
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
  await leadContext.close();
});

test("a QI coach gets 'page not found' for every administration page", async ({ page }) => {
  const coach = await createE2eUser({ role: "QI_COACH" });
  await signInAs(page, coach.email);
  for (const path of ["/admin", "/admin/trusts", "/admin/teams", "/admin/users", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
});

test("deactivating a user signs them out at once", async ({ page, browser }) => {
  const admin = await createE2eUser({ role: "ADMIN" });
  const coach = await createE2eUser({ role: "QI_COACH" });
  const coachContext = await browser.newContext();
  const coachPage = await coachContext.newPage();
  await signInAs(coachPage, coach.email);
  await coachPage.goto("/teams");
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText("Project teams");

  await signInAs(page, admin.email);
  await page.goto(`/admin/users/${coach.id}`);
  await page.getByRole("button", { name: "Deactivate user" }).click();
  // Nothing happens on one press: it asks first.
  await expect(page.getByRole("alertdialog")).toContainText("Deactivate this user?");
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, deactivate the user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "deactivated and signed out everywhere" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reactivate user" })).toBeVisible();
  await expectNoAxeViolations(page);

  await coachPage.goto("/teams");
  await expect(coachPage).toHaveURL(/\/signin/);
  await coachContext.close();
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("closing a ward's survey asks first; Cancel changes nothing, Yes closes it", async ({ page }) => {
    const { ward } = await withE2eDb(async (prisma) => {
      const trust = await prisma.trust.create({ data: { name: `Confirm Trust ${Date.now()}` } });
      return { ward: await prisma.ward.create({ data: { name: `Larch Ward ${Date.now()}`, trustId: trust.id, surveyCode: newWardCode() } }) };
    });
    const admin = await createE2eUser({ role: "ADMIN" });
    await signInAs(page, admin.email);
    await page.goto(`/admin/wards/${ward.id}`);
    await page.getByRole("button", { name: "Close the survey (deactivate ward)" }).click();
    const ask = page.getByRole("alertdialog");
    await expect(ask).toContainText("Close this ward's survey?");
    expect((await withE2eDb((prisma) => prisma.ward.findUniqueOrThrow({ where: { id: ward.id } }))).active).toBe(true);
    await ask.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    expect((await withE2eDb((prisma) => prisma.ward.findUniqueOrThrow({ where: { id: ward.id } }))).active).toBe(true);

    await page.getByRole("button", { name: "Close the survey (deactivate ward)" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Yes, close the survey" }).click();
    await expect(page.getByRole("button", { name: "Reopen the survey" })).toBeVisible();
    expect((await withE2eDb((prisma) => prisma.ward.findUniqueOrThrow({ where: { id: ward.id } }))).active).toBe(false);
    const survey = await page.request.get(`/s/${ward.surveyCode}`);
    expect(survey.status()).toBe(410);
  });
});
