import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "../../lib/env";

// Wards the browser tests use. The database is a throwaway one made by serve.ts, so fixed codes
// are safe here (real ward codes are random).
export const E2E_WARDS = {
  survey: { code: "E2ESURVEY2", name: "Maple Ward", charter: "Speak to the ward manager, Alex, on extension 4321." },
  noscript: { code: "E2ENOJS234", name: "Birch Ward", charter: "" },
  retry: { code: "E2ERETRY34", name: "Hazel Ward", charter: "" },
  closed: { code: "E2ECLOSED2", name: "Old Ward", charter: "" },
} as const;

// Per port, so two Playwright runs on one machine do not read each other's database; outside
// test-results/, which Playwright empties at the start of every run.
export const E2E_STATE_FILE = path.join(tmpdir(), `wardsafe-e2e-state-${env().E2E_PORT}.json`);

export function e2eDatabaseUrl(): string {
  return (JSON.parse(readFileSync(E2E_STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

/** The date in Europe/London so many days before now, as YYYY-MM-DD (how the app dates answers). */
export const londonDate = (daysAgo: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() - daysAgo * 86_400_000));
