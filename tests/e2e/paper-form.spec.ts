import { expect, test, type Page } from "@playwright/test";
import { createUser } from "../helpers/auth";
import { createWard } from "../../scripts/support/prisma";
import { ENGLISH_EASY_READ, ENGLISH_STANDARD, FORM_VERSION } from "../../lib/survey/instrument";
import { signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// The ward's paper survey form, printed with Chromium's own print-to-PDF: A4 is one page, A5 is
// two forms on one A4 landscape sheet, in standard English and easy read, and nothing is cut off.

const pages = (pdf: string) => pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
const mediaBox = (pdf: string) => {
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  return [Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))];
};

/** Every form on the sheet holds all its content (none hidden by its fixed paper size) and lies inside the page. */
async function nothingCut(page: Page, pageWidthMm: number, pageHeightMm: number) {
  const mm = 96 / 25.4;
  // As the printer lays it out: a viewport the size of the paper.
  await page.setViewportSize({ width: Math.round(pageWidthMm * mm), height: Math.round(pageHeightMm * mm) });
  const forms = await page.locator("[data-paper-form]").evaluateAll((els) =>
    els.map((el) => {
      const box = el.getBoundingClientRect();
      return { overflow: el.scrollHeight - el.clientHeight, right: box.right + window.scrollX, bottom: box.bottom + window.scrollY, left: box.left };
    }),
  );
  for (const form of forms) {
    expect(form.overflow, `content taller than the form on ${pageWidthMm}×${pageHeightMm} mm`).toBeLessThanOrEqual(0);
    expect(form.left).toBeGreaterThanOrEqual(0);
    expect(form.right).toBeLessThanOrEqual(pageWidthMm * mm + 1);
    expect(form.bottom).toBeLessThanOrEqual(pageHeightMm * mm + 1);
  }
  return forms.length;
}

test("a project lead prints the ward's paper form: A4 one to a page, A5 two to a sheet, standard and easy read, nothing cut", async ({ page }) => {
  const { ward, lead } = await withE2eDb(async (prisma) => {
    const { ward, team } = await createWard(prisma, { withTeam: true, name: `Rowan Ward ${Date.now()}`, charterContact: "Speak to the ward manager, Sam, on 0161 496 0123" });
    const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] });
    return { ward, lead };
  });
  await signInAs(page, lead.email);
  await page.goto(`/wards/${ward.id}`);
  await page.getByRole("link", { name: "Paper survey form" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Paper survey form for ${ward.name}`);
  const form = page.locator("[data-paper-form]").first();
  for (const text of [ENGLISH_STANDARD.texts.introduction, ENGLISH_STANDARD.texts.feltSafeQuestion, ENGLISH_STANDARD.texts.speakUpQuestion, "Please tick:", ward.name, "0161 496 0123", "Samaritans 116 123", "sealed box"]) {
    await expect(form).toContainText(text);
  }
  await expect(form.locator("[data-form-version]")).toHaveText(`Form version ${FORM_VERSION} · en-GB · standard`);
  await expect.poll(() => form.getByRole("img", { name: /QR code/ }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expectNoAxeViolations(page);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeHidden();
  expect(await nothingCut(page, 210, 297)).toBe(1);
  let pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  expect(pages(pdf)).toBe(1);
  expect(mediaBox(pdf)).toEqual([595, 842]);

  await page.emulateMedia({ media: "screen" });
  await page.getByRole("link", { name: "A5, two to an A4 sheet" }).click();
  await expect(page.getByText("A5, two to an A4 sheet")).toHaveAttribute("aria-current", "true");
  await page.emulateMedia({ media: "print" });
  expect(await nothingCut(page, 297, 210)).toBe(2);
  pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  expect(pages(pdf)).toBe(1);
  expect(mediaBox(pdf)).toEqual([842, 595]); // A4 landscape: two A5 forms side by side

  for (const size of ["a5", "a4"] as const) {
    await page.emulateMedia({ media: "screen" });
    await page.goto(`/wards/${ward.id}/printable-form?size=${size}&format=easy-read`);
    await expect(page.locator("[data-paper-form]").first()).toContainText(ENGLISH_EASY_READ.texts.feltSafeQuestion);
    await expect(page.locator("[data-paper-form]").first().locator("img[src^='/easy-read/']")).toHaveCount(9);
    await expectNoAxeViolations(page);
    await page.emulateMedia({ media: "print" });
    expect(await nothingCut(page, size === "a4" ? 210 : 297, size === "a4" ? 297 : 210)).toBe(size === "a4" ? 1 : 2);
    pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    expect(pages(pdf), `${size} easy read`).toBe(1);
  }
});

test("a project lead cannot open another team's ward's paper form", async ({ page }) => {
  const { other, lead } = await withE2eDb(async (prisma) => {
    const mine = await createWard(prisma, { withTeam: true });
    const other = await createWard(prisma, { withTeam: true });
    const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [mine.team!.id] });
    return { other: other.ward, lead };
  });
  await signInAs(page, lead.email);
  const res = await page.goto(`/wards/${other.id}/printable-form`);
  expect(res?.status()).toBe(404);
  await expect(page.getByText(other.name)).toHaveCount(0);
});
