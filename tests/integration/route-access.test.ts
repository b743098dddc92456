import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { API_TOKEN_PREFIX, newSecret, secretHash } from "@/lib/auth/secrets";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// Every protected route, for every kind of caller: anonymous (redirect to sign-in for pages, 401
// for the API), each role, a project lead guessing another team's ids, and revoked or expired
// API tokens. A route added without authorization, or with the wrong scope, fails here.

type Who = "anonymous" | "lead" | "coach" | "admin";
type Expect = "ok" | "404" | "403|404";

let app: AppServer;
let prisma: PrismaClient;
const cookies: Partial<Record<Who, string>> = {};
const ids: Record<string, string> = {};
const tokens: Record<"revoked" | "expired" | "valid", string> = { revoked: "", expired: "", valid: "" };

beforeAll(async () => {
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
  const own = await createWard(prisma, { withTeam: true });
  const other = await createWard(prisma, { withTeam: true });
  Object.assign(ids, {
    ownTeam: own.team!.id,
    ownWard: own.ward.id,
    ownCode: own.ward.surveyCode,
    otherTeam: other.team!.id,
    otherWard: other.ward.id,
    otherCode: other.ward.surveyCode,
    otherTrust: other.trust.id,
  });
  // A driver diagram (one box of each kind) and a PDSA cycle on each team, for the improvement routes.
  for (const [key, team] of [["own", own], ["other", other]] as const) {
    const primary = await prisma.driverBox.create({ data: { teamId: team.team!.id, kind: "PRIMARY", text: "Staff respond well to disclosures", position: 0 } });
    const secondary = await prisma.driverBox.create({
      data: { teamId: team.team!.id, kind: "SECONDARY", text: "Training", position: 0, parentLinks: { create: [{ parentId: primary.id }] } },
    });
    const idea = await prisma.driverBox.create({
      data: { teamId: team.team!.id, kind: "CHANGE_IDEA", text: "Huddle training", position: 0, status: "TESTING", parentLinks: { create: [{ parentId: secondary.id }] } },
    });
    const cycle = await prisma.pdsaCycle.create({
      data: { teamId: team.team!.id, changeIdeaId: idea.id, number: 1, startDate: new Date("2026-03-02T00:00:00Z"), planWhat: "Huddles on the early shift", prediction: "More staff feel able to respond" },
    });
    ids[`${key}Box`] = idea.id;
    ids[`${key}Cycle`] = cycle.id;
  }
  const lead = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [own.team!.id] });
  const coach = await createUser(prisma, { role: "QI_COACH" });
  const admin = await createUser(prisma, { role: "ADMIN" });
  ids.adminUser = admin.id;
  for (const [who, user] of [["lead", lead], ["coach", coach], ["admin", admin]] as const) {
    const signedIn = await signInOverHttp(app.baseUrl, user.email);
    expect(signedIn.ok).toBe(true);
    cookies[who] = signedIn.cookie;
  }
  for (const kind of ["revoked", "expired", "valid"] as const) {
    tokens[kind] = newSecret(API_TOKEN_PREFIX);
    await prisma.apiToken.create({
      data: {
        userId: lead.id,
        name: kind,
        tokenHash: secretHash(tokens[kind]),
        prefix: tokens[kind].slice(0, 12),
        revokedAt: kind === "revoked" ? new Date() : null,
        expiresAt: kind === "expired" ? new Date(Date.now() - 1000) : null,
      },
    });
  }
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
});

async function improvementRows() {
  return {
    boxes: await prisma.driverBox.findMany({ select: { id: true, text: true, position: true, status: true }, orderBy: { id: "asc" } }),
    cycles: await prisma.pdsaCycle.findMany({ select: { id: true, planWhat: true, endDate: true }, orderBy: { id: "asc" } }),
  };
}

type Route = { path: string; lead: Expect; coach: Expect; admin: Expect };

const PAGES: Route[] = [
  { path: "/teams", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/account", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/account/tokens", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/teams/{ownTeam}", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/teams/{otherTeam}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/wards/{ownWard}", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/wards/{otherWard}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/wards/{ownWard}/poster", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/wards/{otherWard}/poster", lead: "404", coach: "ok", admin: "ok" },
  { path: "/wards/{ownWard}/printable-form", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/wards/{otherWard}/printable-form?size=a5&format=easy-read", lead: "404", coach: "ok", admin: "ok" },
  { path: "/wards/{ownWard}/qr.png", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/wards/{otherWard}/qr.svg", lead: "404", coach: "ok", admin: "ok" },
  // Coaches read every ward's paper batches, without the entry form; the import page tells them it is not theirs.
  { path: "/wards/{ownWard}/paper", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/wards/{otherWard}/paper", lead: "404", coach: "ok", admin: "ok" },
  // The Model for Improvement: coaches read every team's aim, diagram and cycles (without the forms).
  { path: "/teams/{ownTeam}/diagram", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/teams/{otherTeam}/diagram", lead: "404", coach: "ok", admin: "ok" },
  { path: "/teams/{ownTeam}/pdsa", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/teams/{otherTeam}/pdsa", lead: "404", coach: "ok", admin: "ok" },
  { path: "/teams/{ownTeam}/pdsa/{ownCycle}", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/teams/{otherTeam}/pdsa/{otherCycle}", lead: "404", coach: "ok", admin: "ok" },
  // A cycle exists only under its own team's path, for everyone.
  { path: "/teams/{ownTeam}/pdsa/{otherCycle}", lead: "404", coach: "404", admin: "404" },
  { path: "/change-ideas", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/import", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/export", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/admin", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/trusts", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/trusts/{otherTrust}", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/teams", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/teams/{ownTeam}", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/wards/{ownWard}", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/users", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/users/{adminUser}", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/audit", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/languages", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/languages/ur", lead: "404", coach: "404", admin: "ok" },
  { path: "/admin/languages/ur/file", lead: "403|404", coach: "403|404", admin: "ok" },
  // Comparing wards across trusts: QI coaches and administrators only.
  { path: "/compare", lead: "404", coach: "ok", admin: "ok" },
  { path: "/compare/funnel", lead: "404", coach: "ok", admin: "ok" },
  { path: "/compare/small-multiples", lead: "404", coach: "ok", admin: "ok" },
  { path: "/compare/spc?scope=team:{ownTeam}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/compare/trusts/{otherTrust}", lead: "404", coach: "ok", admin: "ok" },
];

const APIS: Route[] = [
  { path: "/api/v1/me", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/run-chart?scope=ward:{ownCode}", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/run-chart?scope=ward:{otherCode}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/run-chart?scope=team:{ownTeam}", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/run-chart?scope=team:{otherTeam}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/run-chart?scope=trust:{otherTrust}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/run-chart?scope=all", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/export.csv?scope=team:{ownTeam}", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/export.csv?scope=team:{otherTeam}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/export.csv?scope=ward:{otherCode}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/export/responses.csv?scope=team:{ownTeam}", lead: "403|404", coach: "403|404", admin: "ok" },
  { path: "/api/v1/comparison?level=ward", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/overview?level=team", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/spc?scope=team:{ownTeam}", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/teams/{ownTeam}/driver-diagram", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/teams/{otherTeam}/driver-diagram", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/teams/{ownTeam}/driver-diagram?format=svg&download=1", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/teams/{otherTeam}/driver-diagram?format=svg", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/teams/{ownTeam}/pdsa-cycles", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/teams/{otherTeam}/pdsa-cycles", lead: "404", coach: "ok", admin: "ok" },
  { path: "/api/v1/pdsa-cycles/{ownCycle}", lead: "ok", coach: "ok", admin: "ok" },
  { path: "/api/v1/pdsa-cycles/{otherCycle}", lead: "404", coach: "ok", admin: "ok" },
  // Every team's change ideas for coaches and admins, the lead's own teams' for a lead: never 404.
  { path: "/api/v1/change-ideas", lead: "ok", coach: "ok", admin: "ok" },
];

// The improvement API's writes: nobody without a valid session or token reaches them. (What each role
// may change, and 404 for another team's ids, is tests/integration/improvement-api.test.ts.)
const WRITES: { method: "POST" | "PATCH" | "PUT" | "DELETE"; path: string }[] = [
  { method: "POST", path: "/api/v1/teams/{ownTeam}/driver-diagram" },
  { method: "POST", path: "/api/v1/teams/{ownTeam}/driver-diagram/boxes" },
  { method: "PATCH", path: "/api/v1/driver-diagram-boxes/{ownBox}" },
  { method: "DELETE", path: "/api/v1/driver-diagram-boxes/{ownBox}" },
  { method: "POST", path: "/api/v1/teams/{ownTeam}/pdsa-cycles" },
  { method: "PUT", path: "/api/v1/pdsa-cycles/{ownCycle}" },
  { method: "DELETE", path: "/api/v1/pdsa-cycles/{ownCycle}" },
];

const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, key: string) => ids[key] ?? `missing-${key}`);

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}${fill(path)}`, { headers, redirect: "manual" });
}

function check(status: number, expected: Expect) {
  if (expected === "ok") expect(status).toBe(200);
  else if (expected === "404") expect(status).toBe(404);
  else expect([403, 404]).toContain(status);
}

describe("pages", () => {
  for (const route of PAGES) {
    it(`${route.path}: anonymous → sign-in; lead ${route.lead}, coach ${route.coach}, admin ${route.admin}`, async () => {
      const anonymous = await get(route.path);
      expect(anonymous.status).toBe(307);
      expect(anonymous.headers.get("location")).toContain("/signin?callbackUrl=");
      for (const who of ["lead", "coach", "admin"] as const) {
        const res = await get(route.path, { Cookie: cookies[who]! });
        check(res.status, route[who]);
      }
    });
  }
});

describe("API", () => {
  for (const route of APIS) {
    it(`${route.path}: anonymous 401; lead ${route.lead}, coach ${route.coach}, admin ${route.admin}`, async () => {
      expect((await get(route.path)).status).toBe(401);
      for (const who of ["lead", "coach", "admin"] as const) {
        const res = await get(route.path, { Cookie: cookies[who]! });
        check(res.status, route[who]);
      }
      // A project lead's API token acts exactly as the lead; revoked and expired tokens act as nobody.
      check((await get(route.path, { Authorization: `Bearer ${tokens.valid}` })).status, route.lead);
      expect((await get(route.path, { Authorization: `Bearer ${tokens.revoked}` })).status).toBe(401);
      expect((await get(route.path, { Authorization: `Bearer ${tokens.expired}` })).status).toBe(401);
    });
  }
});

describe("API writes", () => {
  for (const route of WRITES) {
    it(`${route.method} ${route.path}: anonymous, revoked and expired tokens 401, nothing changed`, async () => {
      const before = await improvementRows();
      const callers: Record<string, string>[] = [{}, { Authorization: `Bearer ${tokens.revoked}` }, { Authorization: `Bearer ${tokens.expired}` }];
      for (const headers of callers) {
        const res = await fetch(`${app.baseUrl}${fill(route.path)}`, {
          method: route.method,
          headers: { ...headers, "Content-Type": "application/json" },
          body: route.method === "DELETE" ? undefined : JSON.stringify({ text: "Changed", move: "down" }),
          redirect: "manual",
        });
        expect(res.status).toBe(401);
      }
      expect(await improvementRows()).toEqual(before);
    });
  }
});

describe("public files", () => {
  it("serves /favicon.ico to anyone, so no page logs a 404 for it", async () => {
    const res = await fetch(`${app.baseUrl}/favicon.ico`, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });
});
