import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// The survey's CSS and script are fetched once per phone: a year's immutable caching, at an address
// that carries a hash of their content, so a changed file is fetched anew. The ward tablet's script
// and service worker are in the same hash, so a changed kiosk makes tablets fetch everything anew.

const ROOT = path.resolve(import.meta.dirname, "../..");
let app: AppServer;
const prisma = testPrisma(inject("databaseUrl"));

beforeAll(async () => {
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await prisma.$disconnect();
});

describe("the survey's static files", () => {
  it("are linked with a hash of their content and served immutable for a year", async () => {
    const { ward } = await createWard(prisma);
    const html = await (await fetch(`${app.baseUrl}/s/${ward.surveyCode}`)).text();
    const hash = createHash("sha256");
    const pictures = ["ward", "safe", "speak", "tick", "cross", "service-user", "staff"].map((name) => `easy-read/${name}.svg`);
    for (const file of ["survey.css", "survey.js", "kiosk.js", "kiosk-sw.js", ...pictures]) hash.update(readFileSync(path.join(ROOT, "public", file)));
    const version = hash.digest("hex").slice(0, 12);
    expect(html).toContain(`/survey.css?v=${version}`);
    expect(html).toContain(`/survey.js?v=${version}`);
    for (const file of ["survey.css", "survey.js", "kiosk.js", "easy-read/tick.svg"]) {
      const res = await fetch(`${app.baseUrl}/${file}?v=${version}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
  });
});
