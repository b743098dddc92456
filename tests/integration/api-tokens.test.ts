import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { secretHash } from "@/lib/auth/secrets";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { createWard, testPrisma } from "../../scripts/support/prisma";

// Personal API tokens over real HTTP: a token is its user (no more, no less), stops working when
// revoked or expired, and its secret is never stored or logged.

const root = path.resolve(import.meta.dirname, "../..");

let app: AppServer;
let prisma: PrismaClient;
let tokens: typeof import("@/lib/api-tokens");
const issued: string[] = [];

beforeAll(async () => {
  // lib/api-tokens talks to DATABASE_URL through lib/db/client; point it at the test database.
  process.env.DATABASE_URL = inject("databaseUrl");
  tokens = await import("@/lib/api-tokens");
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
});

async function leadWithWard() {
  const { ward, team } = await createWard(prisma, { withTeam: true });
  const user = await createUser(prisma, { role: "PROJECT_LEAD", teamIds: [team!.id] });
  const actor: Actor = { id: user.id, email: user.email, name: user.name, role: "PROJECT_LEAD", teamIds: [team!.id] };
  return { user, actor, ward, team: team! };
}

async function issue(actor: Actor, input: { name: string; expiresInDays?: number | null } = { name: "Test script" }) {
  const created = await tokens.createToken(actor, input);
  issued.push(created.token);
  return created;
}

const me = (authorization?: string, extra: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}/api/v1/me`, { headers: { ...(authorization ? { Authorization: authorization } : {}), ...extra } });

describe("API tokens on /api/v1/*", () => {
  it("a token acts as its user: /api/v1/me answers with their identity and teams, and last use is recorded", async () => {
    const { actor, team } = await leadWithWard();
    const { token, record } = await issue(actor);
    expect(token).toMatch(/^wst_[A-Za-z0-9_-]{43}$/);
    expect(record.prefix).toBe(token.slice(0, 12));

    const res = await me(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(await res.json()).toEqual({ id: actor.id, email: actor.email, name: actor.name, role: "PROJECT_LEAD", teams: [{ id: team.id, name: team.name }] });
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it("a token has exactly its user's permissions: their own ward's QR code, not another team's", async () => {
    const { actor, ward } = await leadWithWard();
    const other = await createWard(prisma, { withTeam: true });
    const { token } = await issue(actor);
    const own = await fetch(`${app.baseUrl}/wards/${ward.id}/qr.svg`, { headers: { Authorization: `Bearer ${token}` } });
    expect(own.status).toBe(200);
    const foreign = await fetch(`${app.baseUrl}/wards/${other.ward.id}/qr.svg`, { headers: { Authorization: `Bearer ${token}` } });
    expect(foreign.status).toBe(404);
  });

  it("a revoked token gets 401 at once; only the owner can revoke it", async () => {
    const { actor } = await leadWithWard();
    const someoneElse = (await leadWithWard()).actor;
    const { token, record } = await issue(actor);
    expect((await me(`Bearer ${token}`)).status).toBe(200);

    await expect(tokens.revokeToken(someoneElse, record.id)).rejects.toThrow("No such API token");
    expect((await me(`Bearer ${token}`)).status).toBe(200);

    const revoked = await tokens.revokeToken(actor, record.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(tokens.tokenStatus(revoked)).toBe("revoked");
    const res = await me(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/API token/);

    const audit = await prisma.auditEvent.findMany({ where: { entityType: "api_token", entityId: record.id }, orderBy: { at: "asc" } });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ["api-token.create", actor.id],
      ["api-token.revoke", actor.id],
    ]);
  });

  it("an expired token gets 401; one that expires later still works", async () => {
    const { actor } = await leadWithWard();
    const later = await issue(actor, { name: "90 days", expiresInDays: 90 });
    expect(later.record.expiresAt!.getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect((await me(`Bearer ${later.token}`)).status).toBe(200);

    const soon = await issue(actor, { name: "expiring", expiresInDays: 1 });
    expect((await me(`Bearer ${soon.token}`)).status).toBe(200);
    await prisma.apiToken.update({ where: { id: soon.record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(`Bearer ${soon.token}`)).status).toBe(401);
    expect(tokens.tokenStatus({ ...soon.record, expiresAt: new Date(Date.now() - 1000) })).toBe("expired");
  });

  it("a deactivated user's token gets 401", async () => {
    const { actor } = await leadWithWard();
    const { token } = await issue(actor);
    await prisma.user.update({ where: { id: actor.id }, data: { active: false } });
    expect((await me(`Bearer ${token}`)).status).toBe(401);
  });

  it("malformed or unknown bearer tokens get 401, even alongside a valid session cookie", async () => {
    const { user, actor } = await leadWithWard();
    const { token } = await issue(actor);
    for (const header of ["Bearer", "Bearer ", `Bearer ${token.slice(4)}`, `Bearer ${token}x`, `Bearer wst_${"A".repeat(43)}`, "Bearer a b", `Basic ${token}`]) {
      const res = await me(header);
      expect(res.status, header).toBe(401);
    }
    const session = await signInOverHttp(app.baseUrl, user.email);
    expect(session.ok).toBe(true);
    expect((await me(undefined, { Cookie: session.cookie })).status).toBe(200);
    // A script that sent a broken token must be told so, not silently served as someone else.
    expect((await me("Bearer wst_broken", { Cookie: session.cookie })).status).toBe(401);
  });

  it("rejects a token without a name, writing nothing", async () => {
    const { actor } = await leadWithWard();
    await expect(tokens.createToken(actor, { name: "   " })).rejects.toThrow("Enter a name for the token");
    await expect(tokens.createToken(actor, { name: "x", expiresInDays: 0 })).rejects.toThrow("at least 1 day");
    expect(await prisma.apiToken.count({ where: { userId: actor.id } })).toBe(0);
  });

  it("stores only the hash: no table in the database holds the secret or its random part", async () => {
    const { actor } = await leadWithWard();
    const { token, record } = await issue(actor, { name: "hash check" });
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.tokenHash).toBe(secretHash(token));
    expect(stored.tokenHash).not.toContain(token.slice(4));

    const tables = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.map((t) => t.table_name)).toContain("api_token");
    const secretPart = token.slice(12); // what the visible prefix does not already show
    for (const { table_name } of tables) {
      const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE '%' || $1 || '%'`,
        secretPart,
      );
      expect(rows[0]!.n, table_name).toBe(0);
    }
    // The check itself can find things: the hash is there.
    const found = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM api_token t WHERE t::text LIKE '%' || $1 || '%'`, stored.tokenHash);
    expect(found[0]!.n).toBe(1);
  });

  it("lists only the user's own tokens, newest first, without hashes", async () => {
    const { actor } = await leadWithWard();
    const other = (await leadWithWard()).actor;
    await issue(other, { name: "not mine" });
    const first = await issue(actor, { name: "first" });
    const second = await issue(actor, { name: "second" });
    const list = await tokens.listTokens(actor);
    expect(list.map((t) => t.id).sort()).toEqual([first.record.id, second.record.id].sort());
    expect(list.map((t) => t.name)).not.toContain("not mine");
    for (const item of list) expect(Object.keys(item)).not.toContain("tokenHash");
  });
});

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "token:create", "--", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run token:create", () => {
  it("prints a working token (and only the token) on stdout for the given user", async () => {
    const { user } = await leadWithWard();
    const result = await run(["--email", user.email.toUpperCase(), "--name", "Nightly export", "--days", "7"], { DATABASE_URL: inject("databaseUrl") });
    expect(result.stderr).toContain(`Created API token "Nightly export" for ${user.email}`);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    issued.push(token);
    expect(token).toMatch(/^wst_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).not.toContain(token);

    const res = await me(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect((await res.json()).email).toBe(user.email);
    const stored = await prisma.apiToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored).toMatchObject({ name: "Nightly export", tokenHash: secretHash(token) });
    expect(Math.round((stored.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(7);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: stored.id, action: "api-token.create" } });
    expect(audit.after).toMatchObject({ via: "cli", name: "Nightly export" });
  }, 60_000);

  it("fails clearly for an unknown email or bad --days, printing no token", async () => {
    const unknown = await run(["--email", "nobody@example.nhs.uk"], { DATABASE_URL: inject("databaseUrl") });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No user has the email nobody@example.nhs.uk");
    expect(unknown.stdout).toBe("");
    const { user } = await leadWithWard();
    const bad = await run(["--email", user.email, "--days", "soon"], { DATABASE_URL: inject("databaseUrl") });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--days must be a whole number");
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(0);
  }, 60_000);
});

describe("logs", () => {
  it("the server's output never contains a token", async () => {
    // Make the server do some work with each token (good, revoked, expired) before checking.
    for (const token of issued) await me(`Bearer ${token}`);
    expect(issued.length).toBeGreaterThan(5);
    const output = app.output();
    for (const token of issued) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(token.slice(12));
    }
  });
});
