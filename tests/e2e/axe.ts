import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.2 AA, the level the brief holds every page to (patient-facing ones above all). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe on the page as it stands and expects no violations, each listed with its rule, help
 * text and the elements it found so a failure says what to fix.
 *
 * It first waits for the page to have a title: during a client-side navigation Next.js streams the
 * new page's metadata after its body, so for a moment there is no <title> at all. A page that never
 * gets one still fails here (on the wait), as it should.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await expect(page, "the page should have a non-empty <title>").toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
