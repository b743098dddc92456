// Playwright's web server: a throwaway migrated database with the browser tests' wards, then
// the app on it as `npm start` serves it. On SIGTERM it stops the app and drops the database.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { testPrisma } from "../../scripts/support/prisma";
import { createTestDatabase } from "../../scripts/support/db";
import { frontDoorArgs } from "../../scripts/support/app-server";
import { env } from "../../lib/env";
import { SURVEY_LANGUAGES } from "../../lib/survey/instrument";
import { E2E_STATE_FILE, E2E_WARDS } from "./fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const database = await createTestDatabase("wardsafe_e2e");
const prisma = testPrisma(database.databaseUrl);
const trust = await prisma.trust.create({ data: { name: "E2E Trust" } });
for (const [key, ward] of Object.entries(E2E_WARDS)) {
  await prisma.ward.create({
    data: { name: ward.name, surveyCode: ward.code, charterContact: ward.charter, trustId: trust.id, active: key !== "closed" },
  });
}
// Every shipped language switched on: the browser tests check each one (languages.spec.ts).
await prisma.surveyLanguage.createMany({ data: SURVEY_LANGUAGES.map((language) => ({ code: language.code, enabled: true })) });
await prisma.$disconnect();
mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
writeFileSync(E2E_STATE_FILE, JSON.stringify({ databaseUrl: database.databaseUrl }));

const app = spawn(
  process.execPath,
  // One pretend proxy, so each browser test can be its own client through X-Forwarded-For.
  frontDoorArgs(env().E2E_PORT, 1),
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: database.databaseUrl,
      SURVEY_RATE_LIMIT: "1000",
      AUTH_SECRET: env().AUTH_SECRET ?? "e2e-secret-for-browser-tests-only-0123456789",
    },
  },
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  if (app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((resolve) => app.once("exit", resolve));
  }
  await database.drop().catch((error: unknown) => console.error("Could not drop the e2e database:", error));
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
app.on("exit", () => void stop());
