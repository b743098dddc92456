import { expect, test } from "@playwright/test";
import { newWardCode } from "@/lib/survey/ward-code";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";
import { londonDate } from "./fixtures";

// Paper tallies (with the summary step before saving, and deleting a batch) and the CSV upload
// (problems listed by line, then a good file checked and imported) in a real browser, with axe on
// every state of the new pages.

/** A project team with one ward set up 60 days ago, and its project lead. */
async function teamWithWard(label: string) {
  const suffix = `${label} ${Date.now()}`;
  const { teamId, ward } = await withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Paper Trust ${suffix}` } });
    const team = await prisma.projectTeam.create({ data: { name: `Paper Team ${suffix}`, trustId: trust.id } });
    const ward = await prisma.ward.create({
      data: { name: `Willow Ward ${suffix}`, trustId: trust.id, teamId: team.id, surveyCode: newWardCode(), createdAt: new Date(Date.now() - 60 * 86_400_000) },
    });
    return { teamId: team.id, ward };
  });
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [teamId] });
  return { ward, lead };
}

test("a project lead enters a paper batch, checks the totals on the summary step, saves it, and deletes it", async ({ page }) => {
  const { ward, lead } = await teamWithWard("entry");
  await signInAs(page, lead.email);
  await page.goto("/import");
  await page.getByLabel("Ward").selectOption({ label: ward.name });
  await page.getByRole("button", { name: "Enter paper tallies" }).click();
  await expect(page).toHaveURL(new RegExp(`/wards/${ward.id}/paper$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Paper survey tallies for ${ward.name}`);
  await expect(page.getByText("No paper batches have been entered for this ward yet.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing typed: the error summary links to the fields.
  await page.getByRole("button", { name: "Check the totals" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: /Enter the date the forms were collected/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /Enter at least one count/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const collectedOn = londonDate(7);
  await page.getByLabel("Date the forms were collected").fill(collectedOn);
  await page.getByLabel("Which paper form were they?").selectOption("original");
  await page.getByLabel("Service users, felt safe yes, able to speak up yes", { exact: true }).fill("6");
  await page.getByLabel("Service users, felt safe no, able to speak up not answered", { exact: true }).fill("2");
  await page.getByLabel("Staff, felt safe yes, able to speak up no", { exact: true }).fill("2");
  await page.getByLabel("Staff, felt safe no, able to speak up yes", { exact: true }).fill("999");
  await page.getByRole("button", { name: "Check the totals" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: /Staff, felt safe no, able to speak up yes: enter a whole number from 0 to 500/ })).toBeVisible();
  await expect(page.getByLabel("Staff, felt safe no, able to speak up yes", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Staff, felt safe no, able to speak up yes", { exact: true }).fill("");
  await page.getByRole("button", { name: "Check the totals" }).click();

  // The summary step: totals and percentages, nothing saved yet.
  await expect(page.getByRole("heading", { name: "Check the totals before saving" })).toBeFocused();
  const table = page.getByRole("table", { name: new RegExp(`collected on ${collectedOn}`) });
  await expect(table.getByRole("row", { name: /Everyone/ })).toHaveText(/Everyone\s*10\s*8\s*80%\s*8\s*75%/);
  await expect(table.getByRole("row", { name: /Service users/ })).toHaveText(/Service users\s*8\s*6\s*75%\s*6\s*100%/);
  await expect(table.getByRole("row", { name: /Staff/ })).toHaveText(/Staff\s*2\s*2\s*100%\s*2\s*0%/);
  await expectNoAxeViolations(page);
  expect(await withE2eDb((prisma) => prisma.surveyResponse.count({ where: { wardId: ward.id } }))).toBe(0);

  // Going back keeps what was typed.
  await page.getByRole("button", { name: "Change the counts" }).click();
  await expect(page.getByLabel("Service users, felt safe yes, able to speak up yes", { exact: true })).toHaveValue("6");
  await page.getByRole("button", { name: "Check the totals" }).click();
  await page.getByRole("button", { name: "Save the batch" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(`Saved: 10 paper responses collected on ${collectedOn}.`);
  const row = page.getByRole("row", { name: new RegExp(collectedOn) });
  await expect(row).toContainText(lead.name);
  await expect(row).toContainText("Original");
  expect(await withE2eDb((prisma) => prisma.surveyResponse.count({ where: { wardId: ward.id, source: "PAPER" } }))).toBe(10);
  await expectNoAxeViolations(page);

  await row.getByRole("link", { name: `Delete the batch collected on ${collectedOn}` }).click();
  await expect(page.getByRole("heading", { name: `Delete the batch collected on ${collectedOn}?` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Delete the batch" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deleted" })).toHaveText("Deleted the batch and its 10 responses.");
  expect(await withE2eDb((prisma) => prisma.surveyResponse.count({ where: { wardId: ward.id } }))).toBe(0);
});

test("a CSV upload lists every bad line with its line number, then a good file is checked and imported", async ({ page }) => {
  const { ward, lead } = await teamWithWard("upload");
  await signInAs(page, lead.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import responses");
  await expectNoAxeViolations(page);

  const day = londonDate(3);
  const bad = [
    "ward_code,date,respondent,felt_safe,able_to_speak_up,count",
    `${ward.surveyCode},${day},staff,yes,no,2`,
    `${ward.surveyCode},2026-02-30,staff,yes,no,1`,
    `${ward.surveyCode},${day},visitor,yes,no,1`,
    `NOSUCHWARD,${day},staff,yes,no,1`,
  ].join("\n");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "The file has 3 problems: nothing was imported" })).toBeFocused();
  const problems = page.getByRole("table", { name: "Problems in history.csv, by line" });
  await expect(problems.getByRole("row")).toHaveCount(4);
  await expect(problems.getByRole("row").nth(1)).toHaveText(/^3\s*date\s*date must be a real calendar date/);
  await expect(problems.getByRole("row").nth(2)).toHaveText(/^4\s*respondent\s*respondent must be service_user or staff/);
  await expect(problems.getByRole("row").nth(3)).toHaveText(/^5\s*ward_code\s*ward_code "NOSUCHWARD" is not the survey code of one of your project team's wards/);
  await expectNoAxeViolations(page);

  const good = [
    "ward_code,date,respondent,felt_safe,able_to_speak_up,count",
    `${ward.surveyCode},${day},staff,yes,no,2`,
    `${ward.surveyCode},${day},service_user,no,,3`,
  ].join("\r\n");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "The file is ready to import" })).toBeFocused();
  await expect(page.getByText(`2 lines in history.csv: 5 responses for 1 ward, dated ${day} to ${day}.`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Responses per ward" }).getByRole("row", { name: new RegExp(ward.name) })).toContainText("5");
  await expectNoAxeViolations(page);
  expect(await withE2eDb((prisma) => prisma.surveyResponse.count({ where: { wardId: ward.id } }))).toBe(0);

  await page.getByRole("button", { name: "Import 5 responses" }).click();
  await expect(page.getByRole("heading", { name: "Imported 5 responses" })).toBeFocused();
  expect(await withE2eDb((prisma) => prisma.surveyResponse.count({ where: { wardId: ward.id } }))).toBe(5);
  await expectNoAxeViolations(page);

  // The same file again is recognised and needs confirming.
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "The file is ready to import" })).toBeVisible();
  await expect(page.getByText("This exact file has been imported before:")).toBeVisible();
  await expect(page.getByRole("button", { name: "Import 5 responses" })).toBeDisabled();
  await expectNoAxeViolations(page);
});

test("the export page offers counts to everyone and the response-level export to admins only", async ({ page }) => {
  const { lead } = await teamWithWard("export");
  await signInAs(page, lead.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Export" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Export");
  await expect(page.getByRole("heading", { name: "Counts per period" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Every response" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const admin = await createE2eUser({ role: "ADMIN" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAs(page, admin.email);
  await page.goto("/export");
  await expect(page.getByRole("heading", { name: "Every response" })).toBeVisible();
  await expectNoAxeViolations(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download counts (CSV)" }).click();
  expect((await download).suggestedFilename()).toMatch(/-counts-per-week\.csv$/);
});
