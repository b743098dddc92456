import { expect, test } from "@playwright/test";
import { createUser } from "../helpers/auth";
import { createWard } from "../../scripts/support/prisma";
import { decodeQrPng } from "../helpers/qr";
import { env } from "../../lib/env";
import { signInAs, withE2eDb } from "./auth";
import { expectNoAxeViolations } from "./axe";

// A project lead prints their ward's poster: accessible on screen, the QR code on the page opens
// the ward's survey, and printed it is one A4 page with the poster alone.

test("a project lead opens their ward's poster; the QR code decodes to the survey URL; printing leaves only the poster", async ({ page }) => {
  const { ward, lead } = await withE2eDb(async (prisma) => {
    const { ward, team } = await createWard(prisma, { withTeam: true, name: `Willow Ward ${Date.now()}` });
    const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] });
    return { ward, lead };
  });
  await signInAs(page, lead.email);
  await page.goto("/teams");
  await page.getByRole("link", { name: `Poster for ${ward.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/wards/${ward.id}/poster$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Poster for ${ward.name}`);
  await expect(page.getByRole("heading", { level: 2, name: ward.name })).toBeVisible();

  const qr = page.getByRole("img", { name: /QR code that opens the survey/ });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expectNoAxeViolations(page);

  const origin = env().PUBLIC_BASE_URL?.replace(/\/+$/, "") ?? new URL(page.url()).origin;
  const expected = `${origin}/s/${ward.surveyCode}`;
  // What is on the page, as a phone camera would see it...
  expect(decodeQrPng(await qr.screenshot())).toBe(expected);
  // ...and the PNG download, fetched with the page's own session.
  const png = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return Array.from(new Uint8Array(await res.arrayBuffer()));
  }, `/wards/${ward.id}/qr.png`);
  expect(decodeQrPng(Buffer.from(png))).toBe(expected);
  await expect(page.getByTestId("poster-short-url")).toHaveText(expected.replace(/^https?:\/\//, "").replace(/^www\./, ""));

  // The button opens the browser's print dialog.
  await page.evaluate(() => {
    (window as unknown as { printed: boolean }).printed = false;
    window.print = () => {
      (window as unknown as { printed: boolean }).printed = true;
    };
  });
  await page.getByRole("button", { name: "Print poster" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print poster" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeHidden();
  await expect(page.getByRole("heading", { level: 2, name: ward.name })).toBeVisible();
  const box = await qr.boundingBox();
  const eightCm = (8 / 2.54) * 96; // CSS pixels in 8 cm
  expect(box!.width).toBeGreaterThanOrEqual(eightCm);

  // Printed (Chromium's own print-to-PDF, honouring @page): exactly one A4 portrait page.
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page\b/g) ?? []).toHaveLength(1);
  const mediaBox = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  expect(Math.round(Number(mediaBox?.[1]))).toBe(595); // 210 mm in points
  expect(Math.round(Number(mediaBox?.[2]))).toBe(842); // 297 mm in points
});

test("a project lead cannot open another team's ward poster", async ({ page }) => {
  const { other, lead } = await withE2eDb(async (prisma) => {
    const mine = await createWard(prisma, { withTeam: true });
    const other = await createWard(prisma, { withTeam: true });
    const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [mine.team!.id] });
    return { other: other.ward, lead };
  });
  await signInAs(page, lead.email);
  const res = await page.goto(`/wards/${other.id}/poster`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByText(other.name)).toHaveCount(0);
});
