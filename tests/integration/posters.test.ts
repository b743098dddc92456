import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { SCAN_PROMPT } from "@/lib/posters";
import { NATIONAL_HELPLINES, SURVEY_INTRODUCTION } from "@/lib/survey/wording";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";
import { decodeQrPng } from "../helpers/qr";

// Ward QR codes and posters over real HTTP: the code decodes to the configured public survey URL,
// and a project lead can reach only their own wards'.

const PUBLIC_BASE_URL = "https://wardsafe.example.nhs.uk";

let app: AppServer;
let prisma: PrismaClient;
let cookie: string;
let own: Awaited<ReturnType<typeof createWard>>;
let foreign: Awaited<ReturnType<typeof createWard>>;

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/` } });
  own = await createWard(prisma, { withTeam: true, name: `Maple & Ash Ward ${Date.now()}` });
  foreign = await createWard(prisma, { withTeam: true });
  const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [own.team!.id] });
  const session = await signInOverHttp(app.baseUrl, lead.email);
  expect(session.ok).toBe(true);
  cookie = session.cookie;
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

const get = (path: string, headers: Record<string, string> = { Cookie: cookie }) => fetch(`${app.baseUrl}${path}`, { headers, redirect: "manual" });

describe("ward QR codes", () => {
  it("PNG decodes (jsqr) to the ward's absolute survey URL on PUBLIC_BASE_URL, with a sensible file name", async () => {
    const res = await get(`/wards/${own.ward.id}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="maple-ash-ward-\d+-survey-qr\.png"$/);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const decoded = decodeQrPng(Buffer.from(await res.arrayBuffer()));
    expect(decoded).toBe(`${PUBLIC_BASE_URL}/s/${own.ward.surveyCode}`);
  });

  it("SVG is an SVG image", async () => {
    const res = await get(`/wards/${own.ward.id}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/filename="maple-ash-ward-\d+-survey-qr\.svg"/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain("<path");
    expect(svg).not.toContain("<script");
  });

  it("a project lead gets 404 for another team's ward (and for a ward that does not exist)", async () => {
    for (const path of [`/wards/${foreign.ward.id}/qr.png`, `/wards/${foreign.ward.id}/qr.svg`, "/wards/no-such-ward/qr.png"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("application/json");
    }
  });

  it("anonymous requests are sent to sign in; a stale cookie gets 401", async () => {
    const res = await get(`/wards/${own.ward.id}/qr.png`, {});
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toContain(`/signin?callbackUrl=${encodeURIComponent(`/wards/${own.ward.id}/qr.png`)}`);
    const stale = await get(`/wards/${own.ward.id}/qr.png`, { Cookie: "authjs.session-token=not-a-session" });
    expect(stale.status).toBe(401);
  });
});

describe("ward poster page", () => {
  it("has the ward name, the prompt, the QR image, the short URL, the exact introduction, the helplines, A4 print CSS", async () => {
    const res = await get(`/wards/${own.ward.id}/poster`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const escaped = (text: string) => text.replaceAll("&", "&amp;");
    expect(html).toContain(escaped(own.ward.name));
    expect(html).toContain(SCAN_PROMPT);
    expect(html).toContain(`src="/wards/${own.ward.id}/qr.svg"`);
    expect(html).toContain(`wardsafe.example.nhs.uk/s/${own.ward.surveyCode}`);
    expect(html).toContain(SURVEY_INTRODUCTION);
    for (const line of NATIONAL_HELPLINES) {
      expect(html).toContain(line.name);
      expect(html).toContain(line.phone);
    }
    expect(html).toContain("Print poster");
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4 portrait/);
    expect(html).toContain(`<title>${escaped(own.ward.name)} survey poster · Wardsafe</title>`);
    // PUBLIC_BASE_URL is a public address: no warning.
    expect(html).not.toContain("phones on the ward cannot open its QR code");
  });

  it("warns, on screen only, when PUBLIC_BASE_URL is unset and the page was opened on this computer's own address", async () => {
    const local = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { PUBLIC_BASE_URL: "" } });
    try {
      const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [own.team!.id] });
      const session = await signInOverHttp(local.baseUrl, lead.email);
      const html = await (await fetch(`${local.baseUrl}/wards/${own.ward.id}/poster`, { headers: { Cookie: session.cookie } })).text();
      expect(html).toContain("Do not print this yet: phones on the ward cannot open its QR code.");
      expect(html).toContain(`<code>${local.baseUrl}</code>`);
      expect(html).toContain("loopback");
      expect(html).toMatch(/class="print:hidden"[\s\S]*qr-unreachable[\s\S]*Poster preview/);
    } finally {
      await local.stop();
    }
  });

  it("is not found for another team's ward, and asks anonymous visitors to sign in", async () => {
    expect((await get(`/wards/${foreign.ward.id}/poster`)).status).toBe(404);
    const anonymous = await get(`/wards/${own.ward.id}/poster`, {});
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toContain("/signin?callbackUrl=");
  });

  it("a QI coach can print any ward's poster", async () => {
    const coach = await createUser(prisma, { role: "QI_COACH" });
    const session = await signInOverHttp(app.baseUrl, coach.email);
    expect((await get(`/wards/${foreign.ward.id}/poster`, { Cookie: session.cookie })).status).toBe(200);
    const png = await get(`/wards/${foreign.ward.id}/qr.png`, { Cookie: session.cookie });
    expect(decodeQrPng(Buffer.from(await png.arrayBuffer()))).toBe(`${PUBLIC_BASE_URL}/s/${foreign.ward.surveyCode}`);
  });

  it("the teams page links to each of the lead's wards' posters", async () => {
    const html = await (await get("/teams")).text();
    expect(html).toContain(`href="/wards/${own.ward.id}/poster"`);
    expect(html).not.toContain(`/wards/${foreign.ward.id}/poster`);
  });
});
