import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { newWardCode } from "@/lib/survey/ward-code";
import { createE2eUser, jsOffPageAs, signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// The Model for Improvement: a project team's aim and driver diagram, built and changed with the
// keyboard alone, its PDSA cycles shown on the team's run chart, the collaborative's change ideas,
// copying a diagram to another team through its JSON file, and the diagram without JavaScript.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function weekStart(i: number, day = 0): Date {
  return new Date(Date.UTC(2026, 0, 5 + 7 * i + day));
}

/** A project team with one ward and 20 weeks of responses from 5 January 2026, so its run chart is drawn. */
async function arrangeTeam(label: string) {
  const suffix = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  return withE2eDb(async (prisma) => {
    const trust = await prisma.trust.create({ data: { name: `Improvement Trust ${suffix}` } });
    const team = await prisma.projectTeam.create({ data: { name: `${label} ${suffix}`, trustId: trust.id } });
    const ward = await prisma.ward.create({ data: { name: `${label} Ward ${suffix}`, trustId: trust.id, teamId: team.id, surveyCode: newWardCode() } });
    const rows = [];
    for (let i = 0; i < 20; i++) {
      const yes = i < 10 ? 5 + (i % 2) : 8;
      for (let k = 0; k < 10; k++) rows.push({ wardId: ward.id, respondent: "SERVICE_USER" as const, feltSafe: k < yes, ableToSpeakUp: true, submittedOn: weekStart(i, 2) });
    }
    await prisma.surveyResponse.createMany({ data: rows });
    return { team, ward };
  });
}

const SEEDED = {
  primary: ["Staff know each patient's wishes", "A calm ward at night"],
  secondary: ["Safety plans made with each patient", "Night staff trained in de-escalation"],
  changeIdeas: ["Daily safety huddle", "Gender-separate day rooms"],
};

/**
 * A small diagram written straight to the database, for the tests that read it: two primary
 * drivers, a secondary driver serving each, a change idea serving each secondary driver (the
 * second also serving the first), and optionally a PDSA cycle of the first change idea.
 */
async function arrangeDiagram(teamId: string, opts: { cycle?: boolean } = {}) {
  return withE2eDb(async (prisma) => {
    const box = (kind: "PRIMARY" | "SECONDARY" | "CHANGE_IDEA", text: string, position: number, parentIds: string[] = []) =>
      prisma.driverBox.create({
        data: { teamId, kind, text, position, status: kind === "CHANGE_IDEA" ? "TESTING" : null, parentLinks: { create: parentIds.map((parentId) => ({ parentId })) } },
      });
    const [p1, p2] = [await box("PRIMARY", SEEDED.primary[0]!, 0), await box("PRIMARY", SEEDED.primary[1]!, 1)];
    const s1 = await box("SECONDARY", SEEDED.secondary[0]!, 0, [p1.id]);
    const s2 = await box("SECONDARY", SEEDED.secondary[1]!, 1, [p2.id]);
    const c1 = await box("CHANGE_IDEA", SEEDED.changeIdeas[0]!, 0, [s1.id]);
    await box("CHANGE_IDEA", SEEDED.changeIdeas[1]!, 1, [s2.id, s1.id]);
    const cycle = opts.cycle
      ? await prisma.pdsaCycle.create({
          data: {
            teamId,
            changeIdeaId: c1.id,
            number: 1,
            startDate: new Date("2026-03-02T00:00:00Z"),
            endDate: new Date("2026-03-29T00:00:00Z"),
            planWhat: "A five-minute huddle at each handover",
            prediction: "More patients will say they felt safe",
          },
        })
      : null;
    return { cycle };
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The accessible name of a control whose visible words are completed by hidden text naming what it
 * acts on ("Move up: primary driver 2, …"). Chromium puts a space before the hidden part, as the
 * hidden span is positioned out of the text flow.
 */
const named = (words: string, target: string) => new RegExp(`^${escapeRegExp(words)} ?: ${escapeRegExp(target)}$`);

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user moves through the page;
 * fails if it is not reachable within `limit` presses.
 */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab", limit = 150) {
  await expect(target).toHaveCount(1);
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test("a project lead builds a driver diagram with the keyboard alone, then plans a PDSA cycle that shows on the run chart", async ({ page }) => {
  const { team } = await arrangeTeam("Keyboard Team");
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  await signInAs(page, lead.email);
  await page.goto(`/teams/${team.id}/diagram`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${team.name}: aim and driver diagram`);
  const outline = page.getByRole("region", { name: "Outline" });
  await expect(outline).toContainText("No drivers yet. Add a primary driver below.");

  // Two primary drivers, typed one after the other into the same field.
  const addPrimary = page.getByRole("form", { name: "Add a primary driver" });
  const newPrimary = addPrimary.getByLabel("New primary driver");
  await tabTo(page, newPrimary);
  await page.keyboard.type("Staff know each patient's wishes");
  await page.keyboard.press("Enter");
  await expect(addPrimary.getByRole("status")).toHaveText(`Added the primary driver "Staff know each patient's wishes".`);
  await expect(newPrimary).toBeFocused();
  await expect(newPrimary).toHaveValue("");
  await page.keyboard.type("A calm ward at night");
  await page.keyboard.press("Enter");
  await expect(addPrimary.getByRole("status")).toHaveText(`Added the primary driver "A calm ward at night".`);
  const primaryBoxes = page.getByRole("region", { name: "Primary drivers" }).locator("ol > li");
  await expect(primaryBoxes).toHaveCount(2);
  await expect(primaryBoxes.nth(0)).toContainText("1. Staff know each patient's wishes");
  await expect(primaryBoxes.nth(1)).toContainText("2. A calm ward at night");

  // A secondary driver serving the first primary driver: its checkbox ticked with Space.
  const addSecondary = page.getByRole("form", { name: "Add a secondary driver" });
  await tabTo(page, addSecondary.getByLabel("New secondary driver"));
  await page.keyboard.type("Safety plans made with each patient");
  await page.keyboard.press("Tab");
  const servesFirst = addSecondary.getByRole("checkbox", { name: "1. Staff know each patient's wishes" });
  await expect(servesFirst).toBeFocused();
  await page.keyboard.press("Space");
  await expect(servesFirst).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(addSecondary.getByRole("checkbox", { name: "2. A calm ward at night" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(addSecondary.getByRole("button", { name: "Add a secondary driver" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(addSecondary.getByRole("status")).toHaveText(`Added the secondary driver "Safety plans made with each patient".`);
  const secondaryBoxes = page.getByRole("region", { name: "Secondary drivers" }).locator("ol > li");
  await expect(secondaryBoxes).toHaveCount(1);
  await expect(secondaryBoxes.first()).toContainText("Serves: Staff know each patient's wishes");

  // A change idea serving that secondary driver, submitted with Space on its button.
  const addIdea = page.getByRole("form", { name: "Add a change idea" });
  await tabTo(page, addIdea.getByLabel("New change idea"));
  await page.keyboard.type("Daily safety huddle");
  await page.keyboard.press("Tab");
  const servesPlans = addIdea.getByRole("checkbox", { name: "1. Safety plans made with each patient" });
  await expect(servesPlans).toBeFocused();
  await page.keyboard.press("Space");
  await expect(servesPlans).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(addIdea.getByLabel("Status")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(addIdea.getByRole("button", { name: "Add a change idea" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(addIdea.getByRole("status")).toHaveText(`Added the change idea "Daily safety huddle".`);
  const ideaBoxes = page.getByRole("region", { name: "Change ideas" }).locator("ol > li");
  await expect(ideaBoxes).toHaveCount(1);
  await expect(ideaBoxes.first()).toContainText("Serves: Safety plans made with each patient");

  // Back up the page to the second primary driver's Move up button.
  await tabTo(page, page.getByRole("button", { name: named("Move up", "primary driver 2, A calm ward at night") }), "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(primaryBoxes.nth(0)).toContainText("1. A calm ward at night");
  await expect(primaryBoxes.nth(1)).toContainText("2. Staff know each patient's wishes");
  // Moving keeps the keyboard user on the box they moved: now first, it can only move down.
  await expect(page.getByRole("button", { name: named("Move down", "primary driver 1, A calm ward at night") })).toBeFocused();

  // Rename it through its Edit details.
  const edit = page.locator("summary", { hasText: "Edit: primary driver 1, A calm ward at night" });
  await tabTo(page, edit);
  await page.keyboard.press("Enter");
  const editForm = page.getByRole("form", { name: "Edit primary driver 1, A calm ward at night" });
  await page.keyboard.press("Tab");
  const text = editForm.getByLabel("Text");
  await expect(text).toBeFocused();
  await expect(text).toHaveValue("A calm ward at night");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("A calm and quiet ward at night");
  await page.keyboard.press("Enter");
  await expect(primaryBoxes.nth(0)).toContainText("1. A calm and quiet ward at night");

  // The outline reads the diagram back as a nested list, and the picture draws the same boxes.
  await expect(outline.locator(":scope > ul > li")).toHaveCount(2);
  await expect(outline.locator(":scope > ul > li").nth(0)).toHaveText(/^Primary driver: A calm and quiet ward at night$/);
  const staff = outline.locator(":scope > ul > li").nth(1);
  await expect(staff).toContainText("Primary driver: Staff know each patient's wishes");
  await expect(staff.locator(":scope > ul > li")).toContainText("Secondary driver: Safety plans made with each patient");
  await expect(staff.locator(":scope > ul > li > ul > li")).toContainText("Change idea: Daily safety huddle");
  await expect(page.locator(".driver-diagram-picture svg")).toContainText("A calm and quiet ward at night");

  // The change idea's PDSA link in the outline, followed with the keyboard, opens the PDSA page
  // with that change idea chosen.
  const ideaLink = staff.getByRole("link", { name: "PDSA cycles: none yet for Daily safety huddle" });
  await tabTo(page, ideaLink, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/teams/${team.id}/pdsa\\?changeIdea=`));
  await expect(page.getByRole("heading", { name: "Cycles testing “Daily safety huddle”" })).toBeVisible();

  const plan = page.getByRole("form", { name: "Plan a new PDSA cycle" });
  await expect(plan.getByLabel("Change idea to test").locator("option:checked")).toHaveText("Daily safety huddle");
  await tabTo(page, plan.getByLabel("What will be tested"));
  await page.keyboard.type("A five-minute safety huddle at each handover");
  await page.keyboard.press("Tab");
  await expect(plan.getByLabel("Who", { exact: true })).toBeFocused();
  await page.keyboard.type("Nurse in charge");
  await plan.getByLabel("Starts on").fill("2026-03-02");
  await plan.getByLabel("Ends on").fill("2026-03-29");
  await plan.getByLabel("Prediction").fill("More patients will say they felt safe");
  await plan.getByRole("button", { name: "Plan this cycle" }).click();

  await expect(page).toHaveURL(new RegExp(`/teams/${team.id}/pdsa/[^/?]+\\?saved=created$`));
  const cycleId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("PDSA cycle 1: Daily safety huddle");
  await expect(page.getByRole("status").filter({ hasText: "PDSA cycle 1 planned." })).toBeVisible();
  await expect(page.getByText("2 March 2026 to 29 March 2026", { exact: true })).toBeVisible();

  // The team's run chart shades the cycle's weeks, linked to the cycle, and lists it below.
  await page.getByRole("navigation", { name: "Project team" }).getByRole("link", { name: "Run charts" }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${team.id}$`));
  const teamChart = page.getByTestId("run-chart").first();
  await expect(teamChart.locator("svg.recharts-surface")).toBeVisible();
  const span = teamChart.locator(`a[data-cycle="${cycleId}"]`);
  await expect(span).toHaveCount(1);
  await expect(span).toHaveAttribute("href", `/teams/${team.id}/pdsa/${cycleId}`);
  await expect(span).toHaveAttribute("aria-label", "PDSA 1: Daily safety huddle, cycle 1 from 2 March 2026 to 29 March 2026");
  const listed = page.locator(`li#cycle-${cycleId}`);
  await expect(listed).toHaveAttribute("data-testid", "cycle");
  await expect(listed).toContainText("PDSA 1");
  await expect(listed).toContainText("2 March 2026 to 29 March 2026");

  await listed.getByRole("link", { name: "Daily safety huddle" }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${team.id}/pdsa/${cycleId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("PDSA cycle 1: Daily safety huddle");
  // The study chart makes this cycle's span stand out (other cycles would be fainter).
  const studySpan = page.getByTestId("run-chart").first().locator(`a[data-cycle="${cycleId}"] rect`).first();
  await expect(studySpan).toHaveAttribute("fill-opacity", "0.32");
  await page.getByRole("link", { name: "See this cycle on the team's run chart" }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${team.id}\\?interval=week&from=[0-9-]+&to=2026-03-29#cycle-${cycleId}$`));
  await expect(page.locator(`li#cycle-${cycleId}`)).toBeVisible();
  await expect(page.getByTestId("run-chart").first().locator(`a[data-cycle="${cycleId}"]`)).toHaveCount(1);
});

test("an adapted cycle's Act leads on to the next cycle, planned from what it learned, and the two link to each other", async ({ page }) => {
  const { team, ward } = await arrangeTeam("Next Cycle Team");
  const { cycle } = await arrangeDiagram(team.id, { cycle: true });
  const nextSteps = "Hold the huddle at the night handover too";
  await withE2eDb((prisma) =>
    prisma.pdsaCycle.update({
      where: { id: cycle!.id },
      data: { wardId: ward.id, planWho: "Ward manager", planWhere: "Nurses' station", actDecision: "ADAPT", actNotes: nextSteps },
    }),
  );
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  await signInAs(page, lead.email);

  await page.goto(`/teams/${team.id}/pdsa/${cycle!.id}`);
  const act = page.getByRole("region", { name: "Act" });
  await expect(act.getByText("Next cycle:")).toHaveCount(0);
  await act.getByRole("link", { name: "Plan the next cycle of this change idea" }).click();

  await expect(page).toHaveURL(new RegExp(`/teams/${team.id}/pdsa\\?changeIdea=[^&]+&after=${cycle!.id}#new-cycle-heading$`));
  await expect(page.getByText(`Carried forward from PDSA 1: ${SEEDED.changeIdeas[0]} (adapted)`)).toBeVisible();
  const plan = page.getByRole("form", { name: "Plan a new PDSA cycle" });
  await expect(plan.getByLabel("Change idea to test").locator("option:checked")).toHaveText(SEEDED.changeIdeas[0]!);
  await expect(plan.getByLabel("What will be tested")).toHaveValue(nextSteps);
  await expect(plan.getByLabel("Who", { exact: true })).toHaveValue("Ward manager");
  await expect(plan.getByLabel("Where: which ward").locator("option:checked")).toHaveText(ward.name);
  await expect(plan.getByLabel("Where, in more detail")).toHaveValue("Nurses' station");
  // The day after PDSA 1 ended (29 March 2026).
  await expect(plan.getByLabel("Starts on")).toHaveValue("2026-03-30");
  await expect(plan.getByLabel("Prediction")).toHaveValue("");
  await expectNoAxeViolations(page);

  await plan.getByLabel("Prediction").fill("Night-shift answers will rise as day-shift ones did");
  await plan.getByRole("button", { name: "Plan this cycle" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`PDSA cycle 2: ${SEEDED.changeIdeas[0]}`);
  await expect(page.getByRole("region", { name: "Act" }).getByRole("link", { name: "PDSA 1" })).toHaveAttribute("href", `/teams/${team.id}/pdsa/${cycle!.id}`);
  await expect(page.getByRole("region", { name: "Plan" })).toContainText(nextSteps);

  // Back on PDSA 1: it now points on to PDSA 2, and no longer offers to plan another.
  await page.getByRole("region", { name: "Act" }).getByRole("link", { name: "PDSA 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`PDSA cycle 1: ${SEEDED.changeIdeas[0]}`);
  await expect(page.getByRole("region", { name: "Act" }).getByText("Next cycle:")).toContainText("PDSA 2");
  await expect(page.getByRole("link", { name: "Plan the next cycle of this change idea" })).toHaveCount(0);
});

test("the diagram, PDSA and change idea pages have no accessibility violations for a project lead", async ({ page }) => {
  const { team } = await arrangeTeam("Axe Team");
  const { cycle } = await arrangeDiagram(team.id, { cycle: true });
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  await signInAs(page, lead.email);

  await page.goto(`/teams/${team.id}/diagram`);
  await expect(page.getByRole("heading", { name: "Change the diagram" })).toBeVisible();
  // With the aim form and a box's edit form open, so their fields are checked too.
  await page.getByText("Change the aim").click();
  await page.locator("summary", { hasText: `Edit: change idea 2, ${SEEDED.changeIdeas[1]}` }).click();
  await expect(page.getByRole("form", { name: `Edit change idea 2, ${SEEDED.changeIdeas[1]}` }).getByLabel("Status")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/teams/${team.id}/pdsa`);
  await expect(page.getByRole("link", { name: named("PDSA 1", SEEDED.changeIdeas[0]!) })).toBeVisible();
  await expect(page.getByRole("form", { name: "Plan a new PDSA cycle" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/teams/${team.id}/pdsa/${cycle!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`PDSA cycle 1: ${SEEDED.changeIdeas[0]}`);
  await expect(page.getByTestId("run-chart").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit this PDSA cycle" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/change-ideas");
  await expect(page.getByRole("row", { name: new RegExp(SEEDED.changeIdeas[0]!) })).toContainText(team.name);
  await expectNoAxeViolations(page);
});

test("a QI coach reads a team's diagram without changing it, and sees its change ideas across the collaborative", async ({ page }) => {
  const { team } = await arrangeTeam("Coached Team");
  await arrangeDiagram(team.id, { cycle: true });
  // A second team with the same diagram, as a copied diagram would be.
  const { team: sibling } = await arrangeTeam("Sibling Team");
  await arrangeDiagram(sibling.id);
  const coach = await createE2eUser({ role: "QI_COACH" });
  await signInAs(page, coach.email);

  await page.goto(`/teams/${team.id}/diagram`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${team.name}: aim and driver diagram`);
  await expect(page.getByText("You can read this team's diagram.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Outline" })).toContainText(`Primary driver: ${SEEDED.primary[0]}`);
  await expect(page.getByRole("heading", { name: "Change the diagram" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Copy a diagram from another team" })).toHaveCount(0);
  await expect(page.getByText("Change the aim")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Move up|^Delete/ })).toHaveCount(0);
  await expect(page.getByRole("form")).toHaveCount(0);

  await page.goto(`/teams/${team.id}/pdsa`);
  await expect(page.getByRole("link", { name: named("PDSA 1", SEEDED.changeIdeas[0]!) })).toBeVisible();
  await expect(page.getByRole("form", { name: "Plan a new PDSA cycle" })).toHaveCount(0);

  await page.goto("/change-ideas");
  const everyIdea = page.getByRole("table", { name: "Change ideas, by trust and team" });
  const row = everyIdea.getByRole("row", { name: new RegExp(SEEDED.changeIdeas[0]!) }).filter({ hasText: team.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(SEEDED.secondary[0]!);
  await expect(row).toContainText("latest: PDSA 1");
  await expect(everyIdea.getByRole("row").filter({ hasText: team.name }).filter({ hasText: SEEDED.changeIdeas[1]! })).toHaveCount(1);

  // What more than one team is testing: both teams, under the status they are at.
  const shared = page.getByRole("table", { name: "Change ideas that more than one team has, with where each team has got to" });
  const huddle = shared.getByRole("row", { name: new RegExp(`^${SEEDED.changeIdeas[0]}`) });
  await expect(huddle).toHaveCount(1);
  await expect(huddle.getByRole("listitem").filter({ hasText: "Testing:" })).toContainText(team.name);
  await expect(huddle.getByRole("listitem").filter({ hasText: "Testing:" })).toContainText(sibling.name);
  await expectNoAxeViolations(page);
});

test("every line of every box fits inside its box as the browser draws it: capitals, long words, accents", async ({ page }) => {
  const { team } = await arrangeTeam("Wide Words Team");
  // The server wraps by Arial's widths; this checks them against the font Chromium actually uses.
  const texts = {
    aim: "TO HAVE EVERY WOMAN ON WILLOW WARD SAY SHE FELT SAFE FROM SEXUAL HARM BY MAY 2027",
    primary: "NIGHT STAFF WALK THE WARD EVERY HOUR AND WRITE A HANDOVER FOR THE MORNING SHIFT",
    secondary: "Zuständigkeitsbereichsüberprüfungsmaßnahmenkatalog für Stationsärztinnen und Ärzte",
    changeIdea: "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW MMMMMMMMMM mmmmmmmmmm",
  };
  await withE2eDb(async (prisma) => {
    await prisma.projectTeam.update({ where: { id: team.id }, data: { aimStatement: texts.aim } });
    const p = await prisma.driverBox.create({ data: { teamId: team.id, kind: "PRIMARY", text: texts.primary, position: 0 } });
    const sd = await prisma.driverBox.create({ data: { teamId: team.id, kind: "SECONDARY", text: texts.secondary, position: 0, parentLinks: { create: [{ parentId: p.id }] } } });
    await prisma.driverBox.create({ data: { teamId: team.id, kind: "CHANGE_IDEA", text: texts.changeIdea, position: 0, status: "IDEA", parentLinks: { create: [{ parentId: sd.id }] } } });
  });
  const coach = await createE2eUser({ role: "QI_COACH" });
  await signInAs(page, coach.email);
  await page.goto(`/teams/${team.id}/diagram`);
  const boxes = page.locator("svg.driver-diagram g[data-box]");
  await expect(boxes).toHaveCount(4);

  const measured = await boxes.evaluateAll((groups) =>
    groups.map((g) => {
      const box = g.querySelector("rect")!;
      const right = box.x.baseVal.value + box.width.baseVal.value;
      const lines = Array.from(g.querySelectorAll("text"));
      return {
        box: g.getAttribute("data-box"),
        lines: lines.length,
        // Room left between the end of the widest line and the box's right edge, in the picture's units.
        room: Math.min(...lines.map((t) => right - (t.getBBox().x + t.getComputedTextLength()))),
      };
    }),
  );
  for (const m of measured) {
    expect(m.lines, `box ${m.box}`).toBeGreaterThan(2);
    expect(m.room, `box ${m.box}: its widest line ends this far inside its edge`).toBeGreaterThanOrEqual(4);
  }
});

test("a project lead downloads the diagram as JSON, SVG and PNG, and copies it to their other team", async ({ page }) => {
  const { team } = await arrangeTeam("Exporting Team");
  const { team: other } = await arrangeTeam("Importing Team");
  await arrangeDiagram(team.id);
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id, other.id] });
  await signInAs(page, lead.email);
  await page.goto(`/teams/${team.id}/diagram`);
  const outline = page.getByRole("region", { name: "Outline" });
  await expect(outline).toContainText(`Change idea: ${SEEDED.changeIdeas[1]}`);
  const original = await outline.innerText();

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download JSON (to copy to another team)" }).click()]);
  expect(json.suggestedFilename()).toMatch(/\.json$/);
  const jsonPath = (await json.path())!;
  const file = JSON.parse(readFileSync(jsonPath, "utf8")) as {
    format: string;
    primaryDrivers: { id: string; text: string }[];
    secondaryDrivers: { text: string; primaryDrivers: string[] }[];
    changeIdeas: { text: string; secondaryDrivers: string[] }[];
  };
  expect(file.format).toBe("wardsafe-driver-diagram");
  expect(file.primaryDrivers.map((p) => p.text)).toEqual(SEEDED.primary);
  expect(file.secondaryDrivers.map((s) => s.text)).toEqual(SEEDED.secondary);
  expect(file.changeIdeas.map((c) => [c.text, [...c.secondaryDrivers].sort()])).toEqual([
    [SEEDED.changeIdeas[0], ["S1"]],
    [SEEDED.changeIdeas[1], ["S1", "S2"]],
  ]);

  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download SVG" }).click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgText = readFileSync((await svg.path())!, "utf8");
  expect(svgText).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain(`<title id="dd-title">${team.name}: driver diagram</title>`);
  expect(svgText).toMatch(/<desc id="dd-desc">Driver diagram: 2 primary drivers, 2 secondary drivers, 2 change ideas \(2 [^)]+\)\.<\/desc>/);
  // Each box's text is drawn wrapped over consecutive lines.
  const drawn = [...svgText.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replaceAll("&apos;", "'")).join(" ");
  for (const box of [...SEEDED.primary, ...SEEDED.secondary, ...SEEDED.changeIdeas]) expect(drawn).toContain(box);

  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const pngBytes = readFileSync((await png.path())!);
  expect(pngBytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(pngBytes.length).toBeGreaterThan(1000);

  // The other team's diagram is empty until the file is imported into it.
  await page.goto(`/teams/${other.id}/diagram`);
  const otherOutline = page.getByRole("region", { name: "Outline" });
  await expect(otherOutline).toContainText("No drivers yet.");
  const importForm = page.getByRole("form", { name: "Import a driver diagram" });
  // A file that is not a valid diagram: every problem is listed on the file field, and nothing is added.
  const broken = { ...JSON.parse(readFileSync(jsonPath, "utf8")), changeIdeas: [{ id: "C1", text: "Linked to nothing real", secondaryDrivers: ["S9"] }] };
  await importForm.getByLabel("Driver diagram file (.json)").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await importForm.getByRole("button", { name: "Import" }).click();
  const problem = importForm.getByRole("alert");
  await expect(problem).toContainText('This file is not a driver diagram Wardsafe can import: "S9" is not a secondary driver in this file');
  await expect(problem.getByRole("link")).toHaveAttribute("href", "#import-file");
  await expect(otherOutline).toContainText("No drivers yet.");
  await importForm.getByLabel("Driver diagram file (.json)").setInputFiles(jsonPath);
  // Otherwise each change idea would start again as an idea, and the outline would differ in that.
  await importForm.getByLabel("Keep the change ideas' statuses from the file").check();
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(importForm.getByRole("status")).toHaveText("Imported 6 boxes.");
  await expect(otherOutline).toContainText(`Change idea: ${SEEDED.changeIdeas[1]}`);
  expect(await otherOutline.innerText()).toBe(original);
});

test("a project lead drags a box to a new place in its column with the mouse", async ({ page }) => {
  const { team } = await arrangeTeam("Drag Team");
  await arrangeDiagram(team.id);
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  await signInAs(page, lead.email);
  await page.goto(`/teams/${team.id}/diagram`);

  const primaries = page.getByRole("region", { name: "Primary drivers" });
  const items = primaries.locator("ol > li");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(`1. ${SEEDED.primary[0]}`);
  // The handle is for the mouse only: screen readers and the keyboard have the Move buttons.
  const handle = items.nth(1).locator("[data-drag-handle]");
  await expect(handle).toHaveAttribute("aria-hidden", "true");
  await handle.dragTo(items.first());

  await expect(primaries.getByRole("status")).toHaveText(`Moved primary driver 2, ${SEEDED.primary[1]} to place 1 of 2.`);
  await expect(items.first()).toContainText(`1. ${SEEDED.primary[1]}`);
  await expect(items.nth(1)).toContainText(`2. ${SEEDED.primary[0]}`);
  await expect(page.getByRole("region", { name: "Outline" }).locator(":scope > ul > li").first()).toContainText(`Primary driver: ${SEEDED.primary[1]}`);
  const stored = await withE2eDb((prisma) => prisma.driverBox.findMany({ where: { teamId: team.id, kind: "PRIMARY" }, orderBy: { position: "asc" } }));
  expect(stored.map((n) => n.text)).toEqual([SEEDED.primary[1], SEEDED.primary[0]]);
  await expectNoAxeViolations(page);
});

test("without JavaScript a project lead can still add a box to the driver diagram", async ({ browser }) => {
  const { team } = await arrangeTeam("No Script Team");
  const lead = await createE2eUser({ role: "PROJECT_LEAD", teamIds: [team.id] });
  const { page, context } = await jsOffPageAs(browser, lead.email);
  try {
    await page.goto(`/teams/${team.id}/diagram`);
    const addPrimary = page.getByRole("form", { name: "Add a primary driver" });
    await addPrimary.getByLabel("New primary driver").fill("Patients choose who they share a bay with");
    await addPrimary.getByRole("button", { name: "Add a primary driver" }).click();
    await expect(page.getByRole("region", { name: "Outline" })).toContainText("Primary driver: Patients choose who they share a bay with");
    await expect(page.getByRole("region", { name: "Primary drivers" }).locator("ol > li")).toContainText("1. Patients choose who they share a bay with");
    await expect(page.locator(".driver-diagram-picture svg")).toContainText("Patients choose who they share a bay");

    // A second box, then re-ordered with its button: no drag handle is drawn without a script.
    await addPrimary.getByLabel("New primary driver").fill("A calm ward at night");
    await addPrimary.getByRole("button", { name: "Add a primary driver" }).click();
    const primaries = page.getByRole("region", { name: "Primary drivers" }).locator("ol > li");
    await expect(primaries).toHaveCount(2);
    await expect(page.locator("[data-drag-handle]")).toHaveCount(0);
    await page.getByRole("button", { name: named("Move up", "primary driver 2, A calm ward at night") }).click();
    await expect(primaries.first()).toContainText("1. A calm ward at night");

    // Deleting a box asks first, and only "Yes" deletes it.
    await page.getByRole("button", { name: named("Delete", "primary driver 1, A calm ward at night") }).click();
    const ask = page.getByRole("alertdialog");
    await expect(ask).toContainText("Delete primary driver 1, A calm ward at night?");
    await expect(primaries).toHaveCount(2);
    await ask.getByRole("button", { name: "Yes, delete primary driver 1" }).click();
    await expect(primaries).toHaveCount(1);
    await expect(primaries.first()).toContainText("1. Patients choose who they share a bay with");
  } finally {
    await context.close();
  }
});
