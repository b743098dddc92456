import { expect, test } from "@playwright/test";
import { newWardCode } from "@/lib/survey/ward-code";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";
import { londonDate } from "./fixtures";

// Answers held for review (over the per-network limit) on the ward's page: counts per day,
// Release, and Discard after a confirmation, with JavaScript on (axe) and off.

/** A ward in a team of its own, its lead, and answers held on two days. */
async function wardWithHeldAnswers(label: string) {
  const suffix = `${label} ${Date.now()}`;
  const { teamId, ward } = await withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Held Trust ${suffix}` } });
    const team = await prisma.projectTeam.create({ data: { name: `Held Team ${suffix}`, trustId: trust.id } });
    const ward = await prisma.ward.create({ data: { name: `Hazel Ward ${suffix}`, trustId: trust.id, teamId: team.id, surveyCode: newWardCode() } });
    const held = (day: string, n: number) =>
      Array.from({ length: n }, () => ({ wardId: ward.id, respondent: "SERVICE_USER" as const, feltSafe: true, submittedOn: new Date(`${day}T00:00:00Z`) }));
    await prisma.heldResponse.createMany({ data: [...held(londonDate(1), 4), ...held(londonDate(2), 2)] });
    return { teamId: team.id, ward };
  });
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [teamId] });
  return { ward, lead };
}

const counts = (wardId: string) =>
  withE2eDb(async (prisma) => ({
    recorded: await prisma.surveyResponse.count({ where: { wardId } }),
    held: await prisma.heldResponse.count({ where: { wardId } }),
  }));

test("a project lead releases one day's held answers and discards another's after confirming", async ({ page }) => {
  const { ward, lead } = await wardWithHeldAnswers("js");
  await signInAs(page, lead.email);
  await page.goto(`/wards/${ward.id}`);
  const section = page.getByRole("region", { name: "Answers held for review" });
  await expect(section.getByRole("row")).toHaveCount(3);
  await expectNoAxeViolations(page);

  await section.getByRole("button", { name: /^Release 4 answers from / }).click();
  await expect(section.getByRole("status")).toContainText("4 answers from");
  await expect(section.getByRole("status")).toContainText("released: they now count in the run chart.");
  expect(await counts(ward.id)).toEqual({ recorded: 4, held: 2 });

  await section.getByRole("link", { name: /Discard the answers from/ }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm.getByRole("heading")).toContainText("Discard 2 answers from");
  await expectNoAxeViolations(page);
  await confirm.getByRole("link", { name: "Keep them" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  expect(await counts(ward.id)).toEqual({ recorded: 4, held: 2 });

  await section.getByRole("link", { name: /Discard the answers from/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard 2 answers" }).click();
  await expect(section.getByRole("status")).toContainText("discarded: they will never be counted.");
  await expect(section.getByRole("table")).toHaveCount(0);
  expect(await counts(ward.id)).toEqual({ recorded: 4, held: 0 });
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("release and discard work as plain form posts, and a stale one says why", async ({ page }) => {
    const { ward, lead } = await wardWithHeldAnswers("nojs");
    await signInAs(page, lead.email);
    await page.goto(`/wards/${ward.id}`);
    const section = page.getByRole("region", { name: "Answers held for review" });
    await section.getByRole("button", { name: /^Release 4 answers from / }).click();
    await expect(section.getByRole("status")).toContainText("released");
    expect(await counts(ward.id)).toEqual({ recorded: 4, held: 2 });

    await section.getByRole("link", { name: /Discard the answers from/ }).click();
    // Someone else discards them first: this press is refused with a reason, and nothing changes.
    await withE2eDb((prisma) => prisma.heldResponse.deleteMany({ where: { wardId: ward.id } }));
    await page.getByRole("alertdialog").getByRole("button", { name: "Discard 2 answers" }).click();
    await expect(section.getByRole("status")).toContainText("reviewed already");
    expect(await counts(ward.id)).toEqual({ recorded: 4, held: 0 });
  });
});
