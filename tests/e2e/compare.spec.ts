import { expect, test } from "@playwright/test";
import { newWardCode } from "@/lib/survey/ward-code";
import { createE2eUser, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// The QI coach's comparison: the overview (filtered, sorted, by ward and by project team), the
// funnel plot (a ward outside the limits is labelled; focusing a point shows its counts; selecting
// it opens its run chart), the small multiples, the SPC chart and a trust's run chart, each with an
// axe check. A project lead gets "not found".
//
// The responses are in 2034, which no other browser test uses, so the funnel plot's numbers are
// this test's own: Elm 190 responses, 129 yes (0.679, a shift upwards: improving); Oak 100 of 100;
// Ash 200 responses, 140 yes; Yew 3 (too few). p̄ = 369/490 = 0.753; at n = 100 the upper 99.8%
// limit is 0.753 + 3.09 × 0.0431 = 0.886, so Oak (100%) is above it.

/** Wednesday of week i from Monday 2 January 2034. */
function week(i: number): Date {
  return new Date(Date.UTC(2034, 0, 4 + 7 * i));
}

async function arrange() {
  const suffix = `${Date.now()}`.slice(-6);
  return withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Compare Trust ${suffix}` } });
    const teamA = await prisma.projectTeam.create({ data: { name: `Elm Team ${suffix}`, trustId: trust.id, targetPercent: 90 } });
    const teamB = await prisma.projectTeam.create({ data: { name: `Oak and Ash ${suffix}`, trustId: trust.id } });
    const ward = (name: string, teamId: string | null) =>
      prisma.ward.create({ data: { name: `${name} ${suffix}`, trustId: trust.id, teamId, surveyCode: newWardCode() } });
    const elm = await ward("Elm", teamA.id);
    const oak = await ward("Oak", teamB.id);
    const ash = await ward("Ash", teamB.id);
    const yew = await ward("Yew", null);
    const rows: { wardId: string; respondent: "SERVICE_USER" | "STAFF"; feltSafe: boolean; submittedOn: Date }[] = [];
    const add = (wardId: string, i: number, n: number, yes: number) => {
      for (let k = 0; k < n; k++) rows.push({ wardId, respondent: k % 2 === 0 ? "SERVICE_USER" : "STAFF", feltSafe: k < yes, submittedOn: week(i) });
    };
    for (let i = 0; i < 19; i++) add(elm.id, i, 10, i < 12 ? (i % 2 === 0 ? 5 : 6) : 9);
    for (let i = 0; i < 10; i++) add(oak.id, i, 10, 10);
    for (let i = 0; i < 20; i++) add(ash.id, i, 10, 7);
    add(yew.id, 19, 3, 2);
    await prisma.surveyResponse.createMany({ data: rows });
    return { trust, teamA, teamB, elm, oak, ash, yew };
  });
}

test("a QI coach compares wards: overview, funnel plot, small multiples, SPC and a trust's run chart", async ({ page }) => {
  const { trust, teamA, teamB, elm, oak, ash, yew } = await arrange();
  const coach = await createE2eUser({ role: "QI_COACH" });
  await signInAs(page, coach.email);

  // The overview, reached from the main navigation, filtered to the trust with the plain GET form.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare wards" }).click();
  await expect(page).toHaveURL(/\/compare$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare wards");
  const filters = page.getByRole("form", { name: "Filter the overview" });
  await filters.getByLabel("Trust").selectOption(trust.id);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`trust=${trust.id}`));
  const table = page.getByTestId("overview-table");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  const elmRow = table.locator(`tr[data-unit="${elm.id}"]`);
  await expect(elmRow.getByRole("link", { name: elm.name, exact: true })).toBeVisible();
  // The status in words next to its icon (not colour alone); the median; the sparkline's values in its label.
  await expect(elmRow.locator("[data-status]")).toHaveText(/^Improving since \d+ \w+ \d{4}$/);
  await expect(elmRow).toContainText("55.0%");
  await expect(elmRow.getByRole("img", { name: /last 12 weeks: .*90%/ })).toBeVisible();
  // Yew's 3 responses in the latest week: the count, never the percentage.
  const yewRow = table.locator(`tr[data-unit="${yew.id}"]`);
  await expect(yewRow.locator("[data-latest]")).toHaveText("Too few");
  await expect(yewRow).toContainText("No team");
  await expectNoAxeViolations(page);

  // Sorting is a link: by the latest value, highest first (Ash 70%, then the rows without a value).
  await table.getByRole("link", { name: /^Latest week/ }).click();
  await expect(page).toHaveURL(/sort=value$/);
  await expect(table.getByRole("columnheader", { name: /Latest week/ })).toHaveAttribute("aria-sort", "ascending");
  await table.getByRole("link", { name: /^Latest week/ }).click();
  await expect(page).toHaveURL(/sort=value&dir=desc$/);
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-unit", ash.id);
  await expect(table.getByRole("columnheader", { name: /Latest week/ })).toHaveAttribute("aria-sort", "descending");

  // By project team.
  await page.getByRole("navigation", { name: "Compare by" }).getByRole("link", { name: "Project teams" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table.locator(`tr[data-unit="${teamA.id}"] [data-status]`)).toHaveText(/^Improving since \d+ \w+ \d{4}$/);
  await expect(table.locator(`tr[data-unit="${teamB.id}"]`)).toContainText("2");
  // The collaborative's own run chart is drawn below.
  await expect(page.getByRole("heading", { name: "Run chart for the whole collaborative (all wards together)" })).toBeVisible();
  await expect(page.getByTestId("run-chart").locator("svg.recharts-surface")).toBeVisible();
  await expectNoAxeViolations(page);

  // The funnel plot for 2034: Oak is above the 99.8% limit and labelled with its name.
  await page.goto("/compare/funnel?from=2034-01-01&to=2034-12-31");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Funnel plot: compare fairly");
  await expect(page.getByText("Overall: 369 of 490 responses")).toBeVisible();
  const plot = page.getByTestId("funnel-plot");
  const oakPoint = plot.locator(`a[data-unit="${oak.id}"]`);
  await expect(oakPoint).toHaveAttribute("data-position", "above");
  await expect(oakPoint.locator("[data-label]")).toHaveText(oak.name);
  await expect(plot.locator(`a[data-unit="${elm.id}"]`)).toHaveAttribute("data-position", "within");
  await expect(plot.locator(`a[data-unit="${elm.id}"] [data-label]`)).toHaveCount(0);
  // Focusing a point shows the ward, its counts and its value.
  const tip = page.getByRole("tooltip");
  await expect(tip).toHaveCount(0);
  await oakPoint.focus();
  await expect(tip).toContainText(oak.name);
  await expect(tip).toContainText(`${teamB.name}, ${trust.name}`);
  await expect(tip).toContainText("100 of 100 responses: 100.0%");
  await oakPoint.blur();
  await expect(tip).toHaveCount(0);
  await expect(page.getByTestId("outside-list")).toContainText(`${oak.name}, ${trust.name}: 100 of 100, 100.0% (above the limits)`);
  // Yew is listed as too few, not plotted.
  await expect(page.getByTestId("too-few-list")).toContainText(`${yew.name}, ${trust.name}: too few responses (3)`);
  await expect(plot.locator(`a[data-unit="${yew.id}"]`)).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Hovering another point shows its counts too; selecting a point opens its run chart.
  // (The point's own mark, not the link's box, which also holds its hidden tooltip.)
  await plot.locator(`a[data-unit="${ash.id}"] circle`).first().hover();
  await expect(tip).toContainText("140 of 200 responses: 70.0%");
  await oakPoint.locator("circle").first().click();
  await expect(page).toHaveURL(new RegExp(`/wards/${oak.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(oak.name);

  // Small multiples: every team of the trust on one scale; the improving team's signals are marked.
  await page.goto(`/compare/small-multiples?trust=${trust.id}`);
  const grid = page.getByTestId("small-multiples");
  await expect(grid.locator("li")).toHaveCount(2);
  const elmThumb = grid.locator(`li[data-unit="${teamA.id}"]`);
  await expect(elmThumb.getByRole("img", { name: new RegExp(`^${teamA.name} run chart: improving since \\d+ \\w+ \\d{4}; median 55.0%`) })).toBeVisible();
  await expect(elmThumb.locator("[data-signal]")).toHaveCount(8);
  // Oak and Ash together: 85% while both answered, then Ash's 70% alone: ten weeks below the median.
  await expect(grid.locator(`li[data-unit="${teamB.id}"] [data-signal]`)).toHaveCount(10);
  await expect(grid.locator(`li[data-unit="${teamB.id}"] [data-status]`)).toHaveText(/^Deteriorating since \d+ \w+ \d{4}$/);
  await expect(elmThumb.locator("[data-status]")).toHaveText(/^Improving since \d+ \w+ \d{4}$/);
  await expectNoAxeViolations(page);
  await elmThumb.getByRole("link", { name: teamA.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${teamA.id}\\?`));

  // The SPC chart for team A: 12 weeks below the mean, then 7 above; the aim (90%) is within the limits.
  await page.goto("/compare/spc");
  const spcForm = page.getByRole("form", { name: "SPC chart options" });
  await spcForm.getByLabel("Chart of").selectOption(`team:${teamA.id}`);
  await spcForm.getByLabel("From").fill("2034-01-01");
  await spcForm.getByRole("button", { name: "Show chart" }).click();
  await expect(page).toHaveURL(new RegExp(`scope=team%3A${teamA.id}`));
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${teamA.name}: felt safe`) })).toContainText("(p-chart)");
  await expect(page.getByTestId("p-chart")).toBeVisible();
  await expect(page.locator("[data-variation=improvement]").first()).toBeVisible();
  await expect(page.getByTestId("spc-icons")).toContainText("Special cause variation: improvement (higher)");
  await expect(page.getByTestId("spc-icons")).toContainText("Hit and miss");
  await expect(page.getByTestId("chart-choice")).toContainText("The ordinary p-chart is used");
  await expect(page.getByTestId("spc-text")).toContainText("Shift (7 or more in a row on one side of the centre line): 7 weeks from");
  await expect(page.getByText("the upper limit is below 100% only when a period has at least 37 responses")).toBeVisible();
  await expectNoAxeViolations(page);

  // A trust's run chart, where the trust rows link to.
  await page.goto(`/compare?level=trust&trust=${trust.id}`);
  await table.getByRole("link", { name: trust.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/compare/trusts/${trust.id}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(trust.name);
  await expect(page.getByTestId("run-chart").locator("svg.recharts-surface")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a project lead does not see the comparison pages", async ({ page }) => {
  const { teamA, trust } = await arrange();
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [teamA.id] });
  await signInAs(page, lead.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare wards" })).toHaveCount(0);
  for (const path of ["/compare", "/compare/funnel", "/compare/small-multiples", `/compare/spc?scope=team:${teamA.id}`, `/compare/trusts/${trust.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
