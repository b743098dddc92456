import { expect, test, type Page } from "@playwright/test";
import { E2E_WARDS } from "./fixtures";
import { expectNoAxeViolations } from "./axe";

// Read aloud. The device's voices are outside the system (headless Chromium has none), so the
// test gives the page a stand-in speechSynthesis with the voices a device would have, and records
// what would be spoken.

type Spoken = { text: string; lang: string; voice: string };

async function withVoices(page: Page, voices: { lang: string; name: string }[], { late = false } = {}) {
  await page.addInitScript(
    ({ voices, late }) => {
      const spoken: { text: string; lang: string; voice: string }[] = [];
      const listeners: (() => void)[] = [];
      let available = late ? [] : voices;
      (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
      (window as unknown as { __voicesArrive: () => void }).__voicesArrive = () => {
        available = voices;
        listeners.forEach((listener) => listener());
      };
      class Utterance {
        lang = "";
        voice: { name: string } | null = null;
        constructor(public text: string) {}
      }
      Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
      Object.defineProperty(window, "speechSynthesis", {
        configurable: true,
        value: {
          getVoices: () => available,
          speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? "" }),
          cancel: () => undefined,
          addEventListener: (_: string, listener: () => void) => listeners.push(listener),
        },
      });
    },
    { voices, late },
  );
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);

test("a Listen button beside each question reads the question and its answers in the page's language", async ({ page }) => {
  await withVoices(page, [
    { lang: "fr-FR", name: "Amélie" },
    { lang: "en-GB", name: "Daniel" },
  ]);
  await page.goto(`/s/${E2E_WARDS.survey.code}`);
  const buttons = page.getByRole("button", { name: "Listen" });
  await expect(buttons).toHaveCount(3);
  await expectNoAxeViolations(page);
  await buttons.nth(1).click();
  expect(await spoken(page)).toEqual([
    { text: "In the past two weeks, have you felt safe from sexual harm on the ward? Yes. No", lang: "en-GB", voice: "Daniel" },
  ]);
  await buttons.nth(2).click();
  expect((await spoken(page))[1]?.text).toBe(
    "If you did not feel safe from sexual harm at any point, would you feel able to speak to someone about it? You can leave this question blank. Yes. No",
  );
});

test("no voice for the page's language: no Listen button", async ({ page }) => {
  await withVoices(page, [{ lang: "fr-FR", name: "Amélie" }]);
  await page.goto(`/s/${E2E_WARDS.survey.code}?format=easy-read`);
  await expect(page.getByRole("group").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Listen" })).toHaveCount(0);
});

test("voices that arrive after the page has loaded still bring the buttons", async ({ page }) => {
  await withVoices(page, [{ lang: "en-US", name: "Samantha" }], { late: true });
  await page.goto(`/s/${E2E_WARDS.survey.code}`);
  await expect(page.getByRole("group").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Listen" })).toHaveCount(0);
  await page.evaluate(() => (window as unknown as { __voicesArrive: () => void }).__voicesArrive());
  await expect(page.getByRole("button", { name: "Listen" })).toHaveCount(3);
  await page.getByRole("button", { name: "Listen" }).first().click();
  expect((await spoken(page))[0]).toEqual({ text: "Please tick: Service user. Staff", lang: "en-GB", voice: "Samantha" });
});
