import { expect, test, type Browser, type Page } from "@playwright/test";
import { newWardCode } from "@/lib/survey/ward-code";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";
import { londonDate } from "./fixtures";

// The ward tablet kiosk (issue 14 section 1) in Debian's Chromium: a project lead enrols a tablet
// from the ward's page; the tablet answers offline, reopens from its service worker, and sends
// everything exactly once, dated, when the network is back; the idle warning; one tap, one answer;
// and the same kiosk with JavaScript off.

async function wardWithLead(label: string) {
  const suffix = `${label} ${Date.now()}`;
  const { teamId, ward } = await withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Kiosk Trust ${suffix}` } });
    const team = await prisma.projectTeam.create({ data: { name: `Kiosk Team ${suffix}`, trustId: trust.id } });
    const ward = await prisma.ward.create({
      data: { name: `Rowan Ward ${suffix}`, trustId: trust.id, teamId: team.id, surveyCode: newWardCode(), charterContact: "Ward manager: Priya, extension 2020" },
    });
    return { teamId: team.id, ward };
  });
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [teamId] });
  return { ward, lead };
}

const stored = (wardId: string) =>
  withE2eDb((prisma) => prisma.surveyResponse.findMany({ where: { wardId }, select: { source: true, submittedOn: true, feltSafe: true } }));

/** The lead makes an enrolment link on the ward's page and returns it. */
async function makeEnrolmentLink(page: Page, wardId: string, tabletName: string) {
  await page.goto(`/wards/${wardId}`);
  const section = page.getByRole("region", { name: "Ward tablets" });
  await section.getByLabel("Tablet name").fill(tabletName);
  await section.getByRole("button", { name: "Make an enrolment link" }).click();
  await expect(section.getByText(`Enrolment link for ${tabletName}`)).toBeVisible();
  await expect(section.getByRole("img", { name: /QR code for the enrolment link/ })).toBeVisible();
  return section.getByLabel("One-time enrolment link").inputValue();
}

/** A separate browser, as the tablet is, enrolled with the link. */
async function enrolTablet(browser: Browser, link: string, opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const tablet = await context.newPage();
  await tablet.goto(link);
  await tablet.getByRole("button", { name: "Enrol this tablet" }).click();
  await expect(tablet).toHaveURL(/\/k$/);
  return { context, tablet };
}

async function answer(tablet: Page, who: "Service user" | "Staff", feltSafe: "Yes" | "No") {
  await tablet.getByRole("group", { name: "Please tick:" }).getByLabel(who).check();
  await tablet.getByRole("group", { name: /felt safe from sexual harm/ }).getByLabel(feltSafe).check();
  await tablet.getByRole("button", { name: "Send my answers" }).click();
  await expect(tablet.getByRole("heading", { name: "Thank you, your answers have been taken" })).toBeVisible();
}

test("enrol a tablet, answer three times offline, reopen offline, and all three arrive once with their dates", async ({ page, browser }) => {
  const { ward, lead } = await wardWithLead("offline");
  await signInAs(page, lead.email);
  const link = await makeEnrolmentLink(page, ward.id, "Day room tablet");
  await expectNoAxeViolations(page);

  const { context, tablet } = await enrolTablet(browser, link);
  await expect(tablet.getByRole("heading", { level: 1 })).toContainText(ward.name);
  await expectNoAxeViolations(tablet);
  // Targets at least 64 px tall on the kiosk.
  const box = await tablet.locator("label[for=respondent-service_user]").boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(64);
  expect((await tablet.getByRole("button", { name: "Send my answers" }).boundingBox())!.height).toBeGreaterThanOrEqual(64);
  // The service worker has kept the kiosk before the network goes.
  await tablet.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // An answer given two days ago (the tablet's clock), then two today, all with no network.
  await tablet.clock.install({ time: new Date(Date.now() - 2 * 86_400_000) });
  await tablet.reload();
  await context.setOffline(true);
  await answer(tablet, "Service user", "No");
  await expectNoAxeViolations(tablet);
  await tablet.clock.runFor(8_000);
  await expect(tablet.getByRole("button", { name: "Send my answers" })).toBeEnabled();
  // The next person sees an empty form.
  await expect(tablet.locator("input[type=radio]:checked")).toHaveCount(0);
  await tablet.clock.setSystemTime(new Date());
  await answer(tablet, "Staff", "Yes");
  await tablet.clock.runFor(8_000);
  await answer(tablet, "Service user", "Yes");
  await tablet.clock.runFor(8_000);
  await expect(tablet.getByRole("status").filter({ hasText: "waiting to send" })).toHaveText(/^3 answers waiting to send, oldest from /);
  expect(await stored(ward.id)).toEqual([]);

  // Reopened with no network: the page comes from the service worker, and the queue is still there.
  await tablet.reload();
  await expect(tablet.getByRole("heading", { level: 1 })).toContainText(ward.name);
  await expect(tablet.getByRole("status").filter({ hasText: "waiting to send" })).toHaveText(/^3 answers waiting to send/);

  await context.setOffline(false);
  await tablet.clock.runFor(61_000); // the minute's retry, should the online event be missed
  await expect(tablet.getByText("All answers sent")).toBeVisible({ timeout: 15_000 });
  const rows = await stored(ward.id);
  expect(rows.map((r) => [r.source, r.submittedOn.toISOString().slice(0, 10), r.feltSafe]).sort()).toEqual(
    [
      ["TABLET", londonDate(2), false],
      ["TABLET", londonDate(0), true],
      ["TABLET", londonDate(0), true],
    ].sort(),
  );

  // The ward's page shows the tablet, seen today, with nothing waiting; revoking asks first.
  await page.goto(`/wards/${ward.id}`);
  const section = page.getByRole("region", { name: "Ward tablets" });
  const row = section.getByRole("row", { name: /Day room tablet/ });
  await expect(row).toContainText("Today");
  await expect(row).toContainText("All answers sent");
  await row.getByRole("link", { name: /Revoke/ }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke Day room tablet" }).click();
  await expect(section.getByText("Day room tablet has been revoked")).toBeVisible();
  await context.close();
});

test("idle with answers half given: 'Are you still there?', more time, then cleared for the next person", async ({ page, browser }) => {
  const { ward, lead } = await wardWithLead("idle");
  await signInAs(page, lead.email);
  const { context, tablet } = await enrolTablet(browser, await makeEnrolmentLink(page, ward.id, "Quiet room tablet"));
  await tablet.clock.install();
  await tablet.reload();
  await tablet.getByRole("group", { name: "Please tick:" }).getByLabel("Service user").check();
  await tablet.clock.runFor(59_000);
  await expect(tablet.getByRole("alertdialog")).toBeHidden();
  await tablet.clock.runFor(2_000);
  const dialog = tablet.getByRole("alertdialog", { name: "Are you still there?" });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(tablet);
  await dialog.getByRole("button", { name: "I need more time" }).click();
  await expect(dialog).toBeHidden();
  await expect(tablet.getByLabel("Service user")).toBeChecked();

  await tablet.clock.runFor(61_000);
  await expect(dialog).toBeVisible();
  await tablet.clock.runFor(21_000);
  await expect(dialog).toBeHidden();
  await expect(tablet.locator("input[type=radio]:checked")).toHaveCount(0);
  expect(await stored(ward.id)).toEqual([]);
  await context.close();
});

test("one tap sends once: a double tap on Send stores one answer", async ({ page, browser }) => {
  const { ward, lead } = await wardWithLead("tap");
  await signInAs(page, lead.email);
  const { context, tablet } = await enrolTablet(browser, await makeEnrolmentLink(page, ward.id, "Ward office tablet"));
  await tablet.getByRole("group", { name: "Please tick:" }).getByLabel("Staff").check();
  await tablet.getByRole("group", { name: /felt safe from sexual harm/ }).getByLabel("Yes").check();
  await tablet.getByRole("button", { name: "Send my answers" }).dblclick();
  await expect(tablet.getByRole("heading", { name: "Thank you, your answers have been taken" })).toBeVisible();
  await expect(tablet.getByText("All answers sent")).toBeVisible({ timeout: 15_000 });
  expect(await stored(ward.id)).toHaveLength(1);
  // A missing answer is named on the kiosk itself (the tablet may be offline).
  await expect(tablet.getByRole("button", { name: "Send my answers" })).toBeEnabled({ timeout: 15_000 });
  await tablet.getByRole("button", { name: "Send my answers" }).click();
  await expect(tablet.getByRole("alert")).toContainText("Tick whether you are a service user or staff");
  await expectNoAxeViolations(tablet);
  await context.close();
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a lead enrols a tablet and the kiosk takes answers as plain form posts, bad input too", async ({ page, browser }) => {
    const { ward, lead } = await wardWithLead("nojs");
    await signInAs(page, lead.email);
    await page.goto(`/wards/${ward.id}`);
    const section = page.getByRole("region", { name: "Ward tablets" });
    await section.getByRole("button", { name: "Make an enrolment link" }).click();
    await expect(page.getByRole("alert")).toContainText("Give the tablet a name");
    const link = await makeEnrolmentLink(page, ward.id, "Lounge tablet");

    const { context, tablet } = await enrolTablet(browser, link, { javaScriptEnabled: false });
    await tablet.getByRole("group", { name: "Please tick:" }).getByLabel("Staff").check();
    await tablet.getByRole("button", { name: "Send my answers" }).click();
    await expect(tablet.getByRole("alert")).toContainText("Answer whether you have felt safe from sexual harm on the ward");
    await expect(tablet.getByLabel("Staff")).toBeChecked();
    await tablet.getByRole("group", { name: /felt safe from sexual harm/ }).getByLabel("No").check();
    await tablet.getByRole("button", { name: "Send my answers" }).click();
    await expect(tablet.getByRole("heading", { name: "Thank you, your answers have been taken" })).toBeVisible();
    await expect(tablet.getByText("Ward manager: Priya, extension 2020")).toBeVisible();
    expect(await stored(ward.id)).toHaveLength(1);
    await context.close();
  });
});
