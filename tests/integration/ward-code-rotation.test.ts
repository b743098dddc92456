import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// After an administrator gives a ward a new survey code, the old poster's address (page, form post
// and JSON API) says "this survey has moved; please scan the new poster" with HTTP 410 and stores
// nothing, while the new address works.


process.env.DATABASE_URL = inject("databaseUrl");
const { rotateWardCode } = await import("@/lib/structure");
const { db } = await import("@/lib/db/client");

let app: AppServer;
let prisma: PrismaClient;
let admin: Actor;

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  const user = await createUser(prisma, { role: "ADMIN" });
  admin = { id: user.id, email: user.email, name: user.name, role: "ADMIN", teamIds: [] };
  app = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { SURVEY_RATE_LIMIT: "1000" } });
});
afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  await db().$disconnect();
});

async function rotatedWard() {
  const { ward } = await createWard(prisma, { name: "Aspen Ward", charterContact: "Ask for Jo, the ward advocate" });
  const rotated = await rotateWardCode(admin, { wardId: ward.id });
  return { ward, oldCode: ward.surveyCode, newCode: rotated.surveyCode };
}

function postForm(code: string, fields: Record<string, string>) {
  return fetch(`${app.baseUrl}/s/${code}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

function postJson(body: unknown) {
  return fetch(`${app.baseUrl}/api/v1/responses`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

describe("a rotated ward code", () => {
  it("shows a 410 'This survey has moved' page at the old address, without revealing the new code", async () => {
    const { oldCode, newCode } = await rotatedWard();
    for (const code of [oldCode, oldCode.toLowerCase()]) {
      const res = await fetch(`${app.baseUrl}/s/${code}`);
      expect(res.status).toBe(410);
      expect(res.headers.get("set-cookie")).toBeNull();
      const html = await res.text();
      expect(html).toContain("<title>This survey has moved</title>");
      expect(html).toContain("<h1>This survey has moved</h1>");
      expect(html).toContain("please scan the new poster");
      expect(html).toContain("Aspen Ward");
      expect(html).not.toContain(newCode);
      expect(html).not.toContain("<form");
    }
  });

  it("stores nothing from a form post to the old address (410 page)", async () => {
    const { ward, oldCode } = await rotatedWard();
    const res = await postForm(oldCode, { respondent: "service_user", feltSafe: "yes", submissionKey: crypto.randomUUID() });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This survey has moved");
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);
  });

  it("refuses the old code in the JSON API with 410 and a clear error, storing nothing", async () => {
    const { ward, oldCode } = await rotatedWard();
    const res = await postJson({ ward: oldCode, respondent: "staff", feltSafe: true, ableToSpeakUp: null });
    expect(res.status).toBe(410);
    const body = (await res.json()) as { error: string; fields: Record<string, string> };
    expect(body.error).toMatch(/This survey has moved/);
    expect(body.error).toMatch(/please scan the new poster/);
    expect(body.fields.ward).toMatch(/replaced/);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(0);
  });

  it("takes answers at the new address, and an unknown code is still 'not found'", async () => {
    const { ward, newCode } = await rotatedWard();
    const page = await fetch(`${app.baseUrl}/s/${newCode}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Aspen Ward");
    expect((await postJson({ ward: newCode, respondent: "staff", feltSafe: true })).status).toBe(201);
    expect((await postForm(newCode, { respondent: "service_user", feltSafe: "no" })).status).toBe(303);
    expect(await prisma.surveyResponse.count({ where: { wardId: ward.id } })).toBe(2);

    expect((await fetch(`${app.baseUrl}/s/NOSUCHCODE9`)).status).toBe(404);
    expect((await postJson({ ward: "NOSUCHCODE9", respondent: "staff", feltSafe: true })).status).toBe(404);
  });

  it("still thanks someone who answered at the old address just before it was rotated", async () => {
    const { oldCode } = await rotatedWard();
    const res = await fetch(`${app.baseUrl}/s/${oldCode}/thanks`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Thank you, your answers have been sent");
    expect(html).toContain("Ask for Jo, the ward advocate");
  });
});
