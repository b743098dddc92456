import type { Browser, BrowserContext, Page } from "@playwright/test";
import { createUser, TEST_PASSWORD } from "../helpers/auth";
import { testPrisma } from "../../scripts/support/prisma";
import { e2eDatabaseUrl } from "./fixtures";

// Browser tests arrange their own users and teams in the e2e database, then sign in through the
// real sign-in page.

export async function withE2eDb<T>(fn: (prisma: ReturnType<typeof testPrisma>) => Promise<T>): Promise<T> {
  const prisma = testPrisma(e2eDatabaseUrl());
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export async function createE2eUser(opts: Parameters<typeof createUser>[1]) {
  return withE2eDb((prisma) => createUser(prisma, opts));
}

export async function signInAs(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/**
 * A page with JavaScript off, signed in as `email`: signing in happens in a browser with
 * JavaScript (these tests are about the page after it), and the session then moves to one without.
 */
export async function jsOffPageAs(browser: Browser, email: string): Promise<{ page: Page; context: BrowserContext }> {
  const signedIn = await browser.newContext();
  await signInAs(await signedIn.newPage(), email);
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  return { page: await context.newPage(), context };
}
