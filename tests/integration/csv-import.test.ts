import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { ImportReport } from "@/lib/import/service";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// The CSV import through real HTTP (POST /api/v1/imports on `next start`) and the command line,
// on the real PostgreSQL: all or nothing, dry run, duplicate refusal, project leads kept to their
// own wards, and every kind of bad input answered with a clear error and nothing written.

let app: AppServer;
let prisma: PrismaClient;
let tmp: string;
const f = {} as {
  admin: string;
  lead: string;
  coach: string;
  wardA: { id: string; code: string };
  wardA2: { id: string; code: string };
  wardB: { id: string; code: string };
};

type Answer = { status: number; body: { status?: string; error?: string; report?: ImportReport; importId?: string } };

async function upload(cookie: string, body: string | Uint8Array<ArrayBuffer>, params: Record<string, string> = {}): Promise<Answer> {
  const query = new URLSearchParams({ fileName: "test.csv", ...params });
  const res = await fetch(`${app.baseUrl}/api/v1/imports?${query}`, {
    method: "POST",
    headers: { "Content-Type": "text/csv", Cookie: cookie },
    body,
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const HEADER = "ward_code,date,respondent,felt_safe,able_to_speak_up,count";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n") + "\n";

/** Everything an import could write: responses, import records and audit events. */
async function snapshot() {
  const [responses, imports, audits] = await Promise.all([prisma.surveyResponse.count(), prisma.csvImport.count(), prisma.auditEvent.count()]);
  return { responses, imports, audits };
}

let unique = 0;
/** A date unique to each test, so that files never repeat byte for byte by accident. */
const day = () => {
  unique++;
  const d = new Date(Date.UTC(2024, 0, 1) + unique * 86_400_000);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  const a = await createWard(prisma, { withTeam: true });
  const a2 = await prisma.ward.create({ data: { name: `Second ward ${Date.now()}`, trustId: a.trust.id, teamId: a.team!.id, surveyCode: `A2${Date.now().toString(36).toUpperCase()}` } });
  const b = await createWard(prisma, { withTeam: true });
  f.wardA = { id: a.ward.id, code: a.ward.surveyCode };
  f.wardA2 = { id: a2.id, code: a2.surveyCode };
  f.wardB = { id: b.ward.id, code: b.ward.surveyCode };
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
  const [admin, lead, coach] = await Promise.all([
    createUser(prisma, { role: "ADMIN" }),
    createUser(prisma, { role: "PROJECT_LEAD", teamIds: [a.team!.id] }),
    createUser(prisma, { role: "QI_COACH" }),
  ]);
  f.admin = (await signInOverHttp(app.baseUrl, admin.email)).cookie;
  f.lead = (await signInOverHttp(app.baseUrl, lead.email)).cookie;
  f.coach = (await signInOverHttp(app.baseUrl, coach.email)).cookie;
  tmp = await mkdtemp(path.join(os.tmpdir(), "wardsafe-import-test-"));
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("POST /api/v1/imports: a good file", () => {
  it("a dry run reports lines, responses, wards and dates, and writes nothing", async () => {
    const d1 = day();
    const d2 = day();
    const before = await snapshot();
    const res = await upload(
      f.admin,
      csv(`${f.wardA.code},${d2},service_user,yes,yes,3`, `${f.wardA.code},${d1},staff,no,,1`, `${f.wardB.code},${d1},staff,yes,no,2`),
      { dryRun: "1" },
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("checked");
    const report = res.body.report!;
    expect(report).toMatchObject({ lines: 3, responses: 6, firstDate: d1, lastDate: d2, problems: [], problemCount: 0, previousImports: [] });
    expect(report.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(report.wards.find((w) => w.wardId === f.wardA.id)).toMatchObject({ responses: 4, firstDate: d1, lastDate: d2, wardCode: f.wardA.code });
    expect(report.wards.find((w) => w.wardId === f.wardB.id)).toMatchObject({ responses: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it("imports every line as responses (count expanded), with the import recorded and audited", async () => {
    const d = day();
    const res = await upload(f.admin, csv(`${f.wardA.code},${d},service_user,yes,yes,3`, `${f.wardA.code},${d},staff,no,,1`));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("imported");
    const importId = res.body.importId!;
    const rows = await prisma.surveyResponse.findMany({ where: { importId } });
    expect(rows).toHaveLength(4);
    const day0 = new Date(`${d}T00:00:00Z`);
    expect(rows.filter((r) => r.respondent === "SERVICE_USER" && r.feltSafe && r.ableToSpeakUp === true)).toHaveLength(3);
    expect(rows.filter((r) => r.respondent === "STAFF" && !r.feltSafe && r.ableToSpeakUp === null)).toHaveLength(1);
    for (const r of rows) expect(r).toMatchObject({ wardId: f.wardA.id, source: "PAPER", submittedOn: day0, submissionKey: null, paperBatchId: null });
    const record = await prisma.csvImport.findUniqueOrThrow({ where: { id: importId } });
    expect(record).toMatchObject({ fileName: "test.csv", lineCount: 2, responseCount: 4, checksum: res.body.report!.checksum });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "responses.import", entityId: importId } });
    expect(audit.after).toMatchObject({ fileName: "test.csv", lines: 2, responses: 4, firstDate: d, lastDate: d });
  });

  it("accepts a byte order mark, CRLF line ends, quoted fields, columns in any order and case, and a source column", async () => {
    const d = day();
    const text = `\uFEFF"Respondent",FELT_SAFE,Ward_Code,date,able_to_speak_up,Source\r\n"staff","Yes",${f.wardA.code.toLowerCase()},"${d}","",online\r\nservice_user,no,"${f.wardA.code}",${d},no,paper\r\n`;
    const res = await upload(f.admin, text);
    expect(res.status).toBe(201);
    const rows = await prisma.surveyResponse.findMany({ where: { importId: res.body.importId! }, orderBy: { respondent: "asc" } });
    expect(rows.map((r) => [r.respondent, r.feltSafe, r.ableToSpeakUp, r.source])).toEqual([
      ["SERVICE_USER", false, false, "PAPER"],
      ["STAFF", true, null, "ONLINE"],
    ]);
  });

  it("takes a ward's old survey code (from before its code was rotated) as that ward", async () => {
    const oldCode = `OLD${Date.now().toString(36).toUpperCase()}`;
    await prisma.retiredWardCode.create({ data: { code: oldCode, wardId: f.wardA2.id } });
    const res = await upload(f.admin, csv(`${oldCode},${day()},staff,yes,yes,2`));
    expect(res.status).toBe(201);
    expect(res.body.report!.wards).toEqual([expect.objectContaining({ wardId: f.wardA2.id, wardCode: f.wardA2.code, responses: 2 })]);
    expect(await prisma.surveyResponse.count({ where: { importId: res.body.importId!, wardId: f.wardA2.id } })).toBe(2);
  });

  it("takes a file over 10 MB whole (no proxy in front of the route cuts the body short)", async () => {
    const d = day();
    const line = `${f.wardA.code},${d},staff,yes,no\n`;
    const lines = Math.ceil((11 * 1024 * 1024) / line.length);
    const body = `ward_code,date,respondent,felt_safe,able_to_speak_up\n${line.repeat(lines)}`;
    const res = await upload(f.admin, body, { dryRun: "1" });
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ lines, responses: lines, bytes: Buffer.byteLength(body) });
  });
});

describe("POST /api/v1/imports: all or nothing, duplicates", () => {
  it("a file with a bad line imports nothing, and every bad line is reported with line, column and reason", async () => {
    const d = day();
    const before = await snapshot();
    const res = await upload(
      f.admin,
      csv(
        `${f.wardA.code},${d},staff,yes,yes,1`,
        `${f.wardA.code},${d},visitor,yes,yes,1`,
        `${f.wardA.code},${d},staff,yes,yes,1`,
        `${f.wardA.code},${d},staff,maybe,yes,1`,
        `${f.wardA.code},${d},staff,yes,yes`,
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.status).toBe("invalid");
    expect(res.body.error).toMatch(/nothing was imported/);
    expect(res.body.report!.problems).toEqual([
      { line: 3, column: "respondent", message: expect.stringMatching(/service_user or staff \(found "visitor"\)/) },
      { line: 5, column: "felt_safe", message: expect.stringMatching(/yes or no \(found "maybe"\)/) },
      { line: 6, column: null, message: "expected 6 fields, as in the header line, but found 5" },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("reports at most 100 problems, and says how many there are in all", async () => {
    const bad = Array.from({ length: 150 }, (_, i) => `${f.wardA.code},2025-01-${String((i % 28) + 1).padStart(2, "0")},staff,yes,yes,-1`);
    const res = await upload(f.admin, csv(...bad));
    expect(res.status).toBe(400);
    expect(res.body.report!.problems).toHaveLength(100);
    expect(res.body.report!.problemCount).toBe(150);
    expect(res.body.report!.problems[99]!.line).toBe(101);
  });

  it("refuses the same file a second time unless confirmed, then imports it again", async () => {
    const body = csv(`${f.wardA.code},${day()},staff,yes,yes,2`);
    const first = await upload(f.admin, body, { fileName: "first.csv" });
    expect(first.status).toBe(201);
    const before = await snapshot();

    const dry = await upload(f.admin, body, { dryRun: "1" });
    expect(dry.status).toBe(200);
    expect(dry.body.report!.previousImports).toEqual([expect.objectContaining({ id: first.body.importId, fileName: "first.csv", responses: 2 })]);

    const again = await upload(f.admin, body, { fileName: "renamed.csv" });
    expect(again.status).toBe(409);
    expect(again.body.status).toBe("duplicate");
    expect(again.body.error).toMatch(/imported before/);
    expect(await snapshot()).toEqual(before);

    const confirmed = await upload(f.admin, body, { confirmDuplicate: "1" });
    expect(confirmed.status).toBe(201);
    const after = await snapshot();
    expect(after.responses).toBe(before.responses + 2);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: confirmed.body.importId } });
    expect(audit.after).toMatchObject({ repeatOfEarlierImport: true });
  });
});

describe("POST /api/v1/imports: who may import what", () => {
  it("a project lead imports into their own team's wards", async () => {
    const res = await upload(f.lead, csv(`${f.wardA.code},${day()},staff,yes,yes,1`, `${f.wardA2.code},${day()},staff,no,no,1`));
    expect(res.status).toBe(201);
    expect(res.body.report!.wards).toHaveLength(2);
  });

  it("a line for another team's ward is an error for a project lead, and nothing of the file is imported", async () => {
    const before = await snapshot();
    const res = await upload(f.lead, csv(`${f.wardA.code},${day()},staff,yes,yes,1`, `${f.wardB.code},${day()},staff,yes,yes,1`));
    expect(res.status).toBe(400);
    expect(res.body.report!.problems).toEqual([
      { line: 3, column: "ward_code", message: `ward_code "${f.wardB.code}" is not the survey code of one of your project team's wards` },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("QI coaches cannot import (403), nor can anyone signed out (401); nothing is written", async () => {
    const before = await snapshot();
    const body = csv(`${f.wardA.code},${day()},staff,yes,yes,1`);
    const coach = await upload(f.coach, body);
    expect(coach.status).toBe(403);
    expect(coach.body.error).toMatch(/administrators and project leads/);
    expect((await upload("", body)).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});

describe("POST /api/v1/imports: bad input gets a clear error and writes nothing", () => {
  const cases: [string, () => string | Uint8Array<ArrayBuffer>, RegExp, string | null, number][] = [
    ["an unclosed quote", () => csv(`${f.wardA.code},${day()},staff,"yes,yes,1`, `${f.wardA.code},${day()},staff,yes,yes,1`), /never closed/, "felt_safe", 2],
    ["a wrong column count", () => csv(`${f.wardA.code},${day()},staff,yes,yes,1,extra`), /expected 6 fields.*found 7/, null, 2],
    ["binary data", () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x00, 0x12, 0x89]), /binary data/, null, 1],
    ["text that is not UTF-8", () => Buffer.from(`${HEADER}\n${f.wardA.code},2025-01-01,staff,yes,yes,1\nW,2025-01-01,caf\xe9,yes,yes,1\n`, "latin1"), /not UTF-8/, null, 3],
    ["a 0-byte file", () => "", /the file is empty/, null, 1],
    ["a header line only", () => `${HEADER}\n`, /header line but no responses/, null, 1],
    ["an unknown header", () => `ward,date,respondent,felt_safe,able_to_speak_up\nX,2025-01-01,staff,yes,yes\n`, /unknown column "ward"/, "ward", 1],
    ["an unknown ward code", () => csv(`NOSUCHWARD,${day()},staff,yes,yes,1`), /"NOSUCHWARD" is not the survey code of any ward/, "ward_code", 2],
    ["a date that does not exist", () => csv(`${f.wardA.code},2026-02-30,staff,yes,yes,1`), /real calendar date.*2026-02-30/, "date", 2],
    ["a date in the future", () => csv(`${f.wardA.code},2999-01-01,staff,yes,yes,1`), /in the future/, "date", 2],
    ["a negative count", () => csv(`${f.wardA.code},${day()},staff,yes,yes,-2`), /count must be a whole number from 1/, "count", 2],
    ["a fractional count", () => csv(`${f.wardA.code},${day()},staff,yes,yes,2.5`), /count must be a whole number/, "count", 2],
  ];
  for (const [what, body, message, column, line] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await snapshot();
      const res = await upload(f.admin, body());
      expect(res.status).toBe(400);
      expect(res.body.status).toBe("invalid");
      expect(res.body.report!.problems[0]).toEqual({ line, column, message: expect.stringMatching(message) });
      expect(await snapshot()).toEqual(before);
    });
  }

  it("refuses a 100 MB file over the upload limit with 413, before reading it", async () => {
    const before = await snapshot();
    const res = await upload(f.admin, new Uint8Array(100 * 1024 * 1024).fill(0x41));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/larger than the upload limit of 64 MB/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a body over the limit sent without a Content-Length (streamed), counting as it arrives", async () => {
    const before = await snapshot();
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${app.baseUrl}/api/v1/imports?fileName=big.csv`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Cookie: f.admin },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });
});

describe("npm run import (the command line)", () => {
  function run(args: string[]) {
    return new Promise<{ code: number; out: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      child.on("exit", (code) => resolve({ code: code ?? -1, out }));
    });
  }

  it("checks with --dry-run, imports without it, and refuses the same file again", async () => {
    const file = path.join(tmp, "history.csv");
    await writeFile(file, csv(`${f.wardA.code},${day()},service_user,yes,no,5`));
    const before = await snapshot();

    const dry = await run([file, "--dry-run"]);
    expect(dry.out).toMatch(/1 lines, 5 responses/);
    expect(dry.out).toMatch(/Dry run: nothing was written/);
    expect(dry.code).toBe(0);
    expect(await snapshot()).toEqual(before);

    const real = await run([file]);
    expect(real.out).toMatch(/Imported in/);
    expect(real.code).toBe(0);
    expect((await snapshot()).responses).toBe(before.responses + 5);
    const record = await prisma.csvImport.findFirstOrThrow({ where: { fileName: "history.csv" } });
    expect(record.createdById).toBeNull();
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: record.id } });
    expect(audit.actorEmail).toMatch(/^command-line:/);

    const again = await run([file]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/imported before; nothing was imported/);
  });

  it("lists every problem of a bad file with its line and exits 1", async () => {
    const file = path.join(tmp, "bad.csv");
    await writeFile(file, csv(`${f.wardA.code},2026-02-30,staff,yes,no,1`, `${f.wardA.code},2025-01-01,staff,yes,no,0`));
    const result = await run([file]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/2 problems; nothing was imported/);
    expect(result.out).toMatch(/line 2, column date: date must be a real calendar date/);
    expect(result.out).toMatch(/line 3, column count: count must be/);
  });
});
