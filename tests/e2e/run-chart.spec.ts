import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { newWardCode } from "@/lib/survey/ward-code";
import { createE2eUser, jsOffPageAs, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// A project lead's run chart: the team page with its chart, signals in words, options that are
// plain links/forms, notes and phases added through the page, the data table, and the CSV, PNG and
// SVG downloads.

function weekStart(i: number, day = 0): Date {
  return new Date(Date.UTC(2026, 0, 5 + 7 * i + day));
}

async function arrangeTeam() {
  const suffix = `${Date.now()}`;
  return withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Chart Trust ${suffix}` } });
    const team = await prisma.projectTeam.create({ data: { name: `Rowan and Ash ${suffix}`, trustId: trust.id, targetPercent: 90 } });
    const rowan = await prisma.ward.create({ data: { name: `Rowan Ward ${suffix}`, trustId: trust.id, teamId: team.id, surveyCode: newWardCode() } });
    const ash = await prisma.ward.create({ data: { name: `Ash Ward ${suffix}`, trustId: trust.id, teamId: team.id, surveyCode: newWardCode() } });
    const rows = [];
    // Rowan: 20 weeks of 10 responses, 5 or 6 yes for 13 weeks, then 9 yes: a shift upwards.
    // Week 5 has only 3 responses, so the team's week 5 is too small to show.
    for (let i = 0; i < 20; i++) {
      const n = i === 5 ? 3 : 10;
      const yes = i === 5 ? 2 : i < 13 ? 5 + (i % 2) : 9;
      for (let k = 0; k < n; k++) {
        rows.push({ wardId: rowan.id, respondent: k % 3 === 0 ? ("STAFF" as const) : ("SERVICE_USER" as const), feltSafe: k < yes, ableToSpeakUp: k % 4 === 0 ? null : k < 7, submittedOn: weekStart(i, 2) });
      }
    }
    // Ash: 6 responses a week for the first four weeks.
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 6; k++) rows.push({ wardId: ash.id, respondent: "SERVICE_USER" as const, feltSafe: k < 4, ableToSpeakUp: true, submittedOn: weekStart(i, 1) });
    }
    await prisma.surveyResponse.createMany({ data: rows });
    return { team, rowan, ash };
  });
}

test("a project lead reads, annotates and re-phases their team's run chart", async ({ page }) => {
  const { team, rowan } = await arrangeTeam();
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  await signInAs(page, lead.email);

  await page.goto("/teams");
  await page.getByRole("link", { name: team.name }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${team.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(team.name);

  // The team's chart comes first, drawn, with its signals explained in words next to it.
  const teamChart = page.getByTestId("run-chart").first();
  await expect(teamChart.locator("svg.recharts-surface")).toBeVisible();
  await expect(teamChart.getByText(`${team.name}: felt safe from sexual harm, all respondents, weekly`, { exact: true })).toBeVisible();
  const words = teamChart.getByTestId("signal-text");
  await expect(words.getByRole("heading", { name: "What the chart shows (IHI rules)" })).toBeVisible();
  await expect(words).toContainText(/Shift: \d+ weeks above the median from .* — improvement/);
  // Signal points carry a shape, not only a colour; the aim is drawn and labelled.
  await expect(teamChart.locator('[data-signal="shift"]').first()).toBeVisible();
  await expect(teamChart.locator("svg.recharts-surface")).toContainText("Aim 90%");
  // The upward shift is drawn in improvement blue (Making Data Count), with its own shape and a legend entry.
  const shiftPoint = teamChart.locator('[data-signal="shift"]').first();
  await expect(shiftPoint.locator("[fill]").first()).toHaveAttribute("fill", "#005eb8");
  await expect(teamChart.locator('[data-legend-direction="up"]')).toHaveText("Improvement (blue)");
  await expect(teamChart.locator('[data-legend-direction="down"]')).toHaveCount(0);
  // The median and aim labels sit where no point hides them.
  const hidden = await teamChart.evaluate((chart) => {
    const boxes = (selector: string) => [...chart.querySelectorAll(selector)].map((el) => el.getBoundingClientRect());
    const labels = boxes("[data-label]");
    const dots = boxes(".recharts-line-dots circle, .recharts-line-dots rect, .recharts-line-dots polygon");
    const overlapping = labels.filter((l) => dots.some((d) => d.left < l.right && d.right > l.left && d.top < l.bottom && d.bottom > l.top));
    return { labels: labels.length, dots: dots.length, overlapping: overlapping.length };
  });
  expect(hidden.labels).toBeGreaterThanOrEqual(2);
  expect(hidden.dots).toBeGreaterThan(10);
  expect(hidden.overlapping).toBe(0);
  // The small week is a gap, with a note saying why.
  await expect(teamChart).toContainText("1 week has fewer than 5 responses: it is shown as a gap");
  // One chart per ward below.
  await expect(page.getByRole("heading", { level: 3, name: rowan.name })).toBeVisible();
  await expect(page.getByTestId("run-chart")).toHaveCount(3);
  await expectNoAxeViolations(page);

  // The data table alternative.
  await teamChart.getByText("Show the chart's data as a table").click();
  const table = teamChart.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(21);
  await expect(table.getByRole("row", { name: /Week of 9 Feb 2026/ })).toContainText("Too few responses");
  await expect(table.getByRole("row", { name: /Week of 5 Jan 2026/ })).toContainText("16");

  // Options are a plain GET form: the choice ends up in the address, so it works as a link.
  const options = page.getByRole("form", { name: "Chart options" });
  await options.getByLabel("Period").selectOption("month");
  await options.getByLabel("Rules").selectOption("anhoej");
  await options.getByRole("button", { name: "Update chart" }).click();
  await expect(page).toHaveURL(/interval=month/);
  await expect(page).toHaveURL(/rules=anhoej/);
  await expect(teamChart.getByText(`${team.name}: felt safe from sexual harm, all respondents, monthly`, { exact: true })).toBeVisible();
  await expect(words.getByRole("heading", { name: "What the chart shows (Anhøj rules)" })).toBeVisible();
  await page.goto(`/teams/${team.id}?measure=speak-up&respondent=service-user`);
  await expect(teamChart.getByText(`${team.name}: would feel able to speak up, service users, weekly`, { exact: true })).toBeVisible();
  await expect(page.getByRole("form", { name: "Chart options" }).getByLabel("Measure")).toHaveValue("speak-up");
  await page.goto(`/teams/${team.id}`);

  // Add a note; it appears in the list and as a numbered marker whose text shows on focus.
  const addNote = page.getByRole("form", { name: "Add a note" });
  await addNote.getByRole("button", { name: "Add note" }).click();
  await expect(addNote.getByRole("alert")).toContainText("Enter the date of the note");
  await addNote.getByLabel("Date").fill("2026-04-08");
  await addNote.getByLabel("Kind of note").selectOption("CHANGE");
  await addNote.getByLabel("Note (required)", { exact: true }).fill("PDSA 1: daily safety huddle");
  await addNote.getByRole("button", { name: "Add note" }).click();
  await expect(addNote.getByRole("status")).toHaveText("Note added.");
  const noteItem = page.getByTestId("note").filter({ hasText: "PDSA 1: daily safety huddle" });
  await expect(noteItem).toContainText("8 April 2026");
  const marker = teamChart.locator("[data-note]");
  await expect(marker).toHaveCount(1);
  await marker.focus();
  await expect(teamChart.getByRole("tooltip")).toContainText("PDSA 1: daily safety huddle");

  // Edit it.
  await noteItem.getByText("Edit note 1").click();
  const editNote = page.getByRole("form", { name: "Edit note 1" });
  await editNote.getByLabel("Note (required)", { exact: true }).fill("PDSA 1: daily safety huddle, all shifts");
  await editNote.getByRole("button", { name: "Save note 1" }).click();
  await expect(page.getByTestId("note")).toContainText("PDSA 1: daily safety huddle, all shifts");

  // Start a new phase: the chart then has two medians; removing it restores one.
  const addPhase = page.getByRole("form", { name: "Start a new phase" });
  await addPhase.getByLabel("New phase starts on").fill("2026-04-06");
  await addPhase.getByRole("button", { name: "Start a new phase" }).click();
  await expect(addPhase.getByRole("alert")).toContainText("Enter the reason for the new phase");
  await addPhase.getByLabel("Reason").fill("Huddles adopted on every shift");
  await addPhase.getByRole("button", { name: "Start a new phase" }).click();
  await expect(page.getByTestId("phase")).toContainText("New phase from 6 April 2026: Huddles adopted on every shift");
  await expect(words).toContainText("Phase 2 from 6 April 2026");
  await expect(teamChart.locator("svg.recharts-surface")).toContainText("Phase 2");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Remove the phase from 6 April 2026" }).click();
  await expect(page.getByTestId("phase")).toHaveCount(0);
  await expect(words).not.toContainText("Phase 2");

  // Downloads: the CSV keeps suppression; the chart as SVG and PNG.
  const [csv] = await Promise.all([page.waitForEvent("download"), teamChart.getByRole("link", { name: "Download the data (CSV)" }).click()]);
  const csvText = readFileSync((await csv.path())!, "utf8");
  expect(csvText.split("\r\n")[0]).toBe("start,end,responses,yes,value,suppressed,phase,signals,notes,pdsa_cycles");
  expect(csvText).toContain("2026-02-09,2026-02-15,3,,,true,0,");
  expect(csvText).not.toMatch(/2026-02-09,2026-02-15,3,2/);
  const [svg] = await Promise.all([page.waitForEvent("download"), teamChart.getByRole("button", { name: "Download chart as SVG" }).click()]);
  const svgText = readFileSync((await svg.path())!, "utf8");
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain("Aim 90%");
  const [png] = await Promise.all([page.waitForEvent("download"), teamChart.getByRole("button", { name: "Download chart as PNG" }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(readFileSync((await png.path())!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  // Delete the note: it asks first, and Cancel keeps it.
  await page.getByRole("button", { name: "Delete note 1" }).click();
  const ask = page.getByRole("alertdialog", { name: /^Delete note 1\?/ });
  await expect(ask).toBeVisible();
  await expectNoAxeViolations(page);
  await ask.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByTestId("note")).toHaveCount(1);
  await page.getByRole("button", { name: "Delete note 1" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, delete note 1" }).click();
  await expect(page.getByTestId("note")).toHaveCount(0);
  await expect(teamChart.locator("[data-note]")).toHaveCount(0);
});

test("without JavaScript the chart options, the words and the data table still work", async ({ browser }) => {
  const { team } = await arrangeTeam();
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  const { page, context } = await jsOffPageAs(browser, lead.email);
  try {
    await page.goto(`/teams/${team.id}`);
    const words = page.getByTestId("signal-text").first();
    await expect(words).toContainText("Shift:");
    // The shift runs to the latest week, so it is the status now, dated from its first week.
    await expect(page.getByTestId("status-now").first()).toHaveText(/^Now: Improving since \d+ \w+ 2026$/);
    const options = page.getByRole("form", { name: "Chart options" });
    await options.getByLabel("Period").selectOption("fortnight");
    await options.getByRole("button", { name: "Update chart" }).click();
    await expect(page).toHaveURL(/interval=fortnight/);
    await expect(page.getByText(`${team.name}: felt safe from sexual harm, all respondents, fortnightly`, { exact: true })).toBeVisible();
    await page.getByText("Show the chart's data as a table").first().click();
    await expect(page.getByRole("table").first().getByRole("row", { name: /9 Feb 2026 to 22 Feb 2026/ })).toContainText("13");

    // One channel: every answer here came online, so paper forms have none to chart.
    await page.getByRole("form", { name: "Chart options" }).getByLabel("Channel").selectOption("paper");
    await page.getByRole("form", { name: "Chart options" }).getByRole("button", { name: "Update chart" }).click();
    await expect(page).toHaveURL(/channel=paper/);
    await expect(page.getByText(`${team.name}: felt safe from sexual harm, all respondents, paper forms, fortnightly`, { exact: true })).toBeVisible();
    await page.getByRole("form", { name: "Chart options" }).getByLabel("Channel").selectOption("own-phone");
    await page.getByRole("form", { name: "Chart options" }).getByRole("button", { name: "Update chart" }).click();
    await expect(page.getByText(`${team.name}: felt safe from sexual harm, all respondents, own phone or computer, fortnightly`, { exact: true })).toBeVisible();
    await page.getByText("Show the chart's data as a table").first().click();
    await expect(page.getByRole("table").first().getByRole("row", { name: /9 Feb 2026 to 22 Feb 2026/ })).toContainText("13");
  } finally {
    await context.close();
  }
});

test("a ward page shows the single ward's chart; a QI coach can read it but not change it", async ({ page }) => {
  const { rowan } = await arrangeTeam();
  const coach = await createE2eUser({ role: "QI_COACH" });
  await signInAs(page, coach.email);
  await page.goto(`/wards/${rowan.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(rowan.name);
  await expect(page.getByTestId("run-chart")).toHaveCount(1);
  await expect(page.getByTestId("signal-text")).toContainText("Shift:");
  await expect(page.getByRole("form", { name: "Add a note" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Start a new phase" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a project lead cannot open another team's page or ward", async ({ page }) => {
  const { team, rowan } = await arrangeTeam();
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [] });
  await signInAs(page, lead.email);
  for (const path of [`/teams/${team.id}`, `/wards/${rowan.id}`]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
});

test("a sustained shift running now is offered as a new phase, started with one press (JavaScript off)", async ({ browser }) => {
  const suffix = `${Date.now()}`;
  const { team, ward } = await withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Phase Trust ${suffix}` } });
    const team = await prisma.projectTeam.create({ data: { name: `Phase Team ${suffix}`, trustId: trust.id } });
    const ward = await prisma.ward.create({ data: { name: `Holly Ward ${suffix}`, trustId: trust.id, teamId: team.id, surveyCode: newWardCode() } });
    // Twelve baseline weeks alternating 5 and 6 of 10 (median 0.55), then nine weeks of 9 of 10.
    const rows = [];
    for (let i = 0; i < 21; i++) {
      const yes = i < 12 ? 5 + (i % 2) : 9;
      for (let k = 0; k < 10; k++) rows.push({ wardId: ward.id, respondent: "SERVICE_USER" as const, feltSafe: k < yes, submittedOn: weekStart(i, 2) });
    }
    await prisma.surveyResponse.createMany({ data: rows });
    return { team, ward };
  });
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  const { page, context } = await jsOffPageAs(browser, lead.email);
  try {
    await page.goto(`/wards/${ward.id}`);
    const suggestion = page.getByTestId("phase-suggestion");
    // Week 11's 6 of 10 is above the median too, so the shift starts on Monday 23 March 2026.
    await expect(suggestion).toContainText("This looks like a sustained change");
    await suggestion.getByRole("button", { name: "Start a new phase from 23 March 2026" }).click();
    await expect(page.getByTestId("phase")).toContainText("New phase from 23 March 2026");
    await expect(page.getByTestId("phase")).toContainText("Sustained shift upwards over 10 points");
    await expect(page.getByTestId("phase-suggestion")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a 2,000-character unbroken word in a note widens nothing; text areas count characters and mark what is required", async ({ page }) => {
  const { team } = await arrangeTeam();
  const word = `https://example.nhs.uk/${"x".repeat(2000)}`;
  await withE2eDb((prisma) => prisma.note.create({ data: { teamId: team.id, date: weekStart(3), kind: "NOTE", text: word } }));
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  await page.setViewportSize({ width: 390, height: 800 });
  await signInAs(page, lead.email);
  await page.goto(`/teams/${team.id}`);
  await expect(page.getByTestId("note").first()).toContainText("https://example.nhs.uk/xxx");
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);

  const add = page.getByRole("form", { name: "Add a note" });
  await expect(add.getByText("Note (required)")).toBeVisible();
  const note = add.getByRole("textbox", { name: /^Note/ });
  await expect(note).toHaveAttribute("aria-required", "true");
  await note.fill("Safety huddle");
  await expect(add.locator("[data-character-count]")).toHaveText("13 of 500 characters");
  await expectNoAxeViolations(page);
});
