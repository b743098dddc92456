import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// The public survey API through real HTTP against `next start` on the real PostgreSQL.

let app: AppServer;
let prisma: PrismaClient;

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { SURVEY_RATE_LIMIT: "1000" } });
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}/api/v1/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const rowsFor = (wardId: string) => prisma.surveyResponse.count({ where: { wardId } });

describe("POST /api/v1/responses", () => {
  it("records a valid response (201) with exactly the survey's fields and today's London date", async () => {
    const { ward } = await createWard(prisma);
    const res = await post({ ward: ward.surveyCode, respondent: "staff", feltSafe: true, ableToSpeakUp: false });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ status: "recorded" });
    const rows = await prisma.surveyResponse.findMany({ where: { wardId: ward.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ respondent: "STAFF", feltSafe: true, ableToSpeakUp: false, source: "ONLINE", submissionKey: null });
    const london = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    expect(row.submittedOn.toISOString()).toBe(`${london}T00:00:00.000Z`);
  });

  it("stores an unanswered question 3 as null and accepts a lower-case ward code", async () => {
    const { ward } = await createWard(prisma);
    const res = await post({ ward: ward.surveyCode.toLowerCase(), respondent: "service_user", feltSafe: false });
    expect(res.status).toBe(201);
    const row = await prisma.surveyResponse.findFirstOrThrow({ where: { wardId: ward.id } });
    expect(row).toMatchObject({ respondent: "SERVICE_USER", feltSafe: false, ableToSpeakUp: null });
  });

  it("answers a repeated submissionKey with 200 duplicate and stores nothing new", async () => {
    const { ward } = await createWard(prisma);
    const body = { ward: ward.surveyCode, respondent: "staff", feltSafe: true, ableToSpeakUp: null, submissionKey: randomUUID() };
    expect((await post(body)).status).toBe(201);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate" });
    expect(await rowsFor(ward.id)).toBe(1);
  });

  const invalidBodies: [string, unknown, string][] = [
    ["missing respondent", { feltSafe: true }, "respondent"],
    ["missing feltSafe", { respondent: "staff" }, "feltSafe"],
    ["feltSafe as a string", { respondent: "staff", feltSafe: "yes" }, "feltSafe"],
    ["unknown respondent", { respondent: "visitor", feltSafe: true }, "respondent"],
    ["ableToSpeakUp as a number", { respondent: "staff", feltSafe: true, ableToSpeakUp: 1 }, "ableToSpeakUp"],
    ["an unknown field", { respondent: "staff", feltSafe: true, email: "a@b.c" }, "email"],
    ["a submissionKey that is not a UUID", { respondent: "staff", feltSafe: true, submissionKey: "abc" }, "submissionKey"],
  ];
  for (const [label, partial, field] of invalidBodies) {
    it(`refuses ${label} with 400 naming the field, storing nothing`, async () => {
      const { ward } = await createWard(prisma);
      const res = await post({ ward: ward.surveyCode, ...(partial as object) });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: string; fields: Record<string, string> };
      expect(json.error).toBeTruthy();
      expect(Object.keys(json.fields)).toContain(field);
      expect(json.fields[field]).toMatch(/\w{3,}/);
      expect(await rowsFor(ward.id)).toBe(0);
    });
  }

  it("refuses a missing ward, malformed JSON and a non-object with 400", async () => {
    const noWard = await post({ respondent: "staff", feltSafe: true });
    expect(noWard.status).toBe(400);
    expect(((await noWard.json()) as { fields: object }).fields).toHaveProperty("ward");
    const malformed = await post('{"ward": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { fields: object }).fields).toHaveProperty("body");
    expect((await post("[1,2]")).status).toBe(400);
  });

  it("answers 404 for an unknown ward code and 410 for an inactive ward, storing nothing", async () => {
    const before = await prisma.surveyResponse.count();
    const unknown = await post({ ward: "ZZZZZZZZZZ", respondent: "staff", feltSafe: true });
    expect(unknown.status).toBe(404);
    const { ward } = await createWard(prisma, { active: false });
    const closed = await post({ ward: ward.surveyCode, respondent: "staff", feltSafe: true });
    expect(closed.status).toBe(410);
    expect(await prisma.surveyResponse.count()).toBe(before);
  });

  it("answers 413 for a body over 4 KB and 415 for a non-JSON content type", async () => {
    const { ward } = await createWard(prisma);
    const big = await post({ ward: ward.surveyCode, respondent: "staff", feltSafe: true, padding: "x".repeat(5000) });
    expect(big.status).toBe(413);
    const form = await fetch(`${app.baseUrl}/api/v1/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `ward=${ward.surveyCode}&respondent=staff&feltSafe=yes`,
    });
    expect(form.status).toBe(415);
    expect(await rowsFor(ward.id)).toBe(0);
  });

  it("stores exactly 200 rows for 200 parallel submissions", async () => {
    const { ward } = await createWard(prisma);
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post({ ward: ward.surveyCode, respondent: i % 2 ? "staff" : "service_user", feltSafe: i % 3 !== 0 }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    expect(await rowsFor(ward.id)).toBe(200);
  });

  it("stores exactly one row for 50 parallel repeats of one submissionKey", async () => {
    const { ward } = await createWard(prisma);
    const body = { ward: ward.surveyCode, respondent: "staff", feltSafe: true, submissionKey: randomUUID() };
    const statuses = await Promise.all(Array.from({ length: 50 }, () => post(body).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(await rowsFor(ward.id)).toBe(1);
  });

  it("sets no cookie and leaves no trace of the client's address or user agent in the database or the server's output", async () => {
    const { ward } = await createWard(prisma);
    const marker = `ua-marker-${randomUUID()}`;
    const res = await post({ ward: ward.surveyCode, respondent: "staff", feltSafe: true }, { "User-Agent": marker, "X-Forwarded-For": "203.0.113.77" });
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toBeNull();
    // Every text column of every table, dumped as text.
    const tables = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      const dump = await prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT string_agg(t::text, '\n') AS t FROM "${table_name}" t`);
      expect(dump[0]?.t ?? "").not.toContain(marker);
      expect(dump[0]?.t ?? "").not.toContain("203.0.113.77");
    }
    expect(app.output()).not.toContain(marker);
    expect(app.output()).not.toContain("203.0.113.77");
  });
});

describe("the survey response row", () => {
  it("has only the survey's columns: nothing about the respondent, no time of day", async () => {
    const columns = await prisma.$queryRaw<{ column_name: string; data_type: string }[]>`
      SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = 'survey_response' ORDER BY column_name`;
    expect(columns.map((c) => c.column_name)).toEqual([
      "able_to_speak_up",
      "felt_safe",
      "id",
      "import_id", // which CSV import or paper batch a row came from, so a batch can be undone whole
      "paper_batch_id",
      "respondent",
      "source",
      "submission_key",
      "submitted_on",
      "ward_id",
    ]);
    expect(columns.find((c) => c.column_name === "submitted_on")?.data_type).toBe("date");
    // Nor the language or format it was answered in: on a ward of fifteen, the one answer in Polish is one person.
    expect(columns.filter((c) => /lang|format|locale|device|channel_detail/.test(c.column_name))).toEqual([]);
    expect(columns.filter((c) => /timestamp|time/.test(c.data_type))).toEqual([]);
  });

  it("is linked to no language: held answers carry none either, and the languages table refers to no answer", async () => {
    const held = await prisma.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'held_response'`;
    expect(held.length).toBeGreaterThan(0);
    expect(held.filter((c) => /lang|format|locale/.test(c.column_name))).toEqual([]);
    const links = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT tc.table_name FROM information_schema.table_constraints tc
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
      WHERE tc.constraint_type = 'FOREIGN KEY' AND (tc.table_name = 'survey_language' OR ccu.table_name = 'survey_language')`;
    expect(links).toEqual([]);
    const languageColumns = await prisma.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'survey_language' ORDER BY column_name`;
    expect(languageColumns.map((c) => c.column_name)).toEqual(["checked_at", "checked_texts", "code", "enabled", "updated_at"]);
  });
});

describe("rate limiting", () => {
  let limited: AppServer;
  beforeAll(async () => {
    limited = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { SURVEY_RATE_LIMIT: "3", SURVEY_RATE_WINDOW_SECONDS: "600" } });
  });
  afterAll(async () => limited?.stop());

  it("holds answers (202 held) once one client passes the limit for one ward, recording nothing more", async () => {
    const { ward } = await createWard(prisma);
    const { ward: other } = await createWard(prisma);
    const send = (code: string) =>
      fetch(`${limited.baseUrl}/api/v1/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ward: code, respondent: "staff", feltSafe: true }),
      });
    for (let i = 0; i < 3; i++) expect((await send(ward.surveyCode)).status).toBe(201);
    const over = await send(ward.surveyCode);
    expect(over.status).toBe(202);
    expect(await over.json()).toEqual({ status: "held" });
    expect(await rowsFor(ward.id)).toBe(3);
    expect(await prisma.heldResponse.count({ where: { wardId: ward.id } })).toBe(1);
    // The limit is per ward: the same device can still answer for another ward.
    expect((await send(other.surveyCode)).status).toBe(201);
  });
});

describe("under a bare `next start` (no front door, as `next dev` serves the app)", () => {
  let bare: AppServer;
  beforeAll(async () => {
    bare = await startAppServer({ databaseUrl: inject("databaseUrl"), bareNext: true, env: { SURVEY_RATE_LIMIT: "2" } });
  });
  afterAll(async () => bare?.stop());

  it("records through Next's own route, and believes no X-Forwarded-For: every client shares one allowance", async () => {
    const { ward } = await createWard(prisma);
    const send = (client: string) =>
      fetch(`${bare.baseUrl}/api/v1/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": client },
        body: JSON.stringify({ ward: ward.surveyCode, respondent: "staff", feltSafe: true }),
      });
    expect((await send("203.0.113.1")).status).toBe(201);
    expect((await send("203.0.113.2")).status).toBe(201);
    const third = await send("203.0.113.3");
    expect(third.status).toBe(202);
    expect(await third.json()).toEqual({ status: "held" });
    expect(await rowsFor(ward.id)).toBe(2);
  });
});
