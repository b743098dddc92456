import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ZodError } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { testPrisma } from "../../scripts/support/prisma";


// Changing one's own password (lib/users.ts changePassword, what the account page's form calls):
// the current password is required, the new one must be long enough, nothing changes on an error,
// and on success every session that existed before ends. Sessions are real ones over HTTP.
// (The form itself, in a browser, is tests/e2e/account.spec.ts.)

let app: AppServer;
let prisma: PrismaClient;
let users: typeof import("@/lib/users");
let api: typeof import("@/lib/errors");
let fieldErrors: typeof import("@/lib/http/fields").fieldErrors;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  users = await import("@/lib/users");
  api = await import("@/lib/errors");
  ({ fieldErrors } = await import("@/lib/http/fields"));
  prisma = testPrisma(inject("databaseUrl"));
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
});

const password = (label: string) => `${label} password ${Date.now()} long enough`;

async function signedInUser(currentPassword: string) {
  const user = await createUser(prisma, { role: "PROJECT_LEAD", password: currentPassword });
  const actor: Actor = { id: user.id, email: user.email, name: user.name, role: "PROJECT_LEAD", teamIds: [] };
  const { ok, cookie } = await signInOverHttp(app.baseUrl, user.email, currentPassword);
  expect(ok).toBe(true);
  return { user, actor, cookie };
}

/** The field errors the form would show, as the account page's action derives them; {} on success. */
async function change(actor: Actor, input: { current: string; password: string; confirm?: string }): Promise<Record<string, string>> {
  try {
    await users.changePassword(actor, { ...input, confirm: input.confirm ?? input.password });
    return {};
  } catch (error) {
    if (error instanceof ZodError) return fieldErrors(error);
    if (error instanceof api.BadRequestError) return error.fields;
    throw error;
  }
}

async function accountStatus(cookie: string) {
  return (await fetch(`${app.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" })).status;
}

const userRow = (id: string) => prisma.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, sessionsValidFrom: true } });

describe("changing my password", () => {
  it("with a wrong current password gives a field error and changes nothing", async () => {
    const current = password("current");
    const { user, actor, cookie } = await signedInUser(current);
    const before = await userRow(user.id);
    expect(await change(actor, { current: "not my password at all", password: password("new") })).toEqual({
      current: "Your current password is not right",
    });
    expect(await userRow(user.id)).toEqual(before);
    expect(await accountStatus(cookie)).toBe(200);
    expect((await signInOverHttp(app.baseUrl, user.email, current)).ok).toBe(true);
    expect(await prisma.auditEvent.count({ where: { entityId: user.id, action: "user.password-change" } })).toBe(0);
  });

  it("to one that is too short gives a field error and changes nothing", async () => {
    const current = password("current");
    const { user, actor, cookie } = await signedInUser(current);
    const before = await userRow(user.id);
    expect(await change(actor, { current, password: "elevenchars" })).toEqual({ password: "Use at least 12 characters" });
    expect(await change(actor, { current, password: "" })).toEqual({ password: "Use at least 12 characters" });
    expect(await userRow(user.id)).toEqual(before);
    expect(await accountStatus(cookie)).toBe(200);
  });

  it("refuses a confirmation that differs, and an empty current password, naming each field", async () => {
    const current = password("current");
    const { user, actor } = await signedInUser(current);
    const before = await userRow(user.id);
    expect(await change(actor, { current, password: password("new"), confirm: "something different" })).toEqual({
      confirm: "The two passwords do not match",
    });
    expect(await change(actor, { current: "", password: password("new") })).toEqual({ current: "Enter your current password" });
    expect(await userRow(user.id)).toEqual(before);
  });

  it("after 5 wrong current passwords, is paused like sign-in, and signing in is paused too", async () => {
    const current = password("current");
    const { user, actor, cookie } = await signedInUser(current);
    for (let i = 1; i <= 5; i++) {
      expect(await change(actor, { current: `guess number ${i}`, password: password("new") })).toEqual({
        current: "Your current password is not right",
      });
    }
    const before = await userRow(user.id);
    const paused = "Too many wrong passwords. For your security, changing your password is paused for 15 minutes.";
    expect(await change(actor, { current, password: password("new") })).toEqual({ current: paused });
    expect(await userRow(user.id)).toEqual(before);
    expect(await accountStatus(cookie)).toBe(200);
    expect((await signInOverHttp(app.baseUrl, user.email, current)).error).toBe("locked:15 minutes");

    const audit = await prisma.auditEvent.findMany({ where: { actorEmail: user.email, action: "password-change.failure" } });
    expect(audit).toHaveLength(5);
    expect(audit.every((a) => a.actorId === user.id)).toBe(true);

    // 15 minutes later (the history moved back rather than waiting) the change goes through.
    await prisma.$executeRaw`UPDATE audit_event SET at = at - interval '15 minutes' WHERE actor_email = ${user.email}`;
    expect(await change(actor, { current, password: password("new") })).toEqual({});
  });

  it("accepts exactly 12 characters", async () => {
    const current = password("current");
    const { actor } = await signedInUser(current);
    expect(await change(actor, { current, password: "twelve chars" })).toEqual({});
  });

  it("succeeds: the old session stops working, the new password signs in and the old one does not", async () => {
    const current = password("current");
    const { user, actor, cookie } = await signedInUser(current);
    const otherBrowser = (await signInOverHttp(app.baseUrl, user.email, current)).cookie;
    const before = await userRow(user.id);
    const next = password("next");

    expect(await change(actor, { current, password: next })).toEqual({});

    const after = await userRow(user.id);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.sessionsValidFrom.getTime()).toBeGreaterThan(before.sessionsValidFrom.getTime());
    expect(await accountStatus(cookie)).toBe(307);
    expect(await accountStatus(otherBrowser)).toBe(307);

    const old = await signInOverHttp(app.baseUrl, user.email, current);
    expect(old).toMatchObject({ ok: false, error: "invalid" });
    const fresh = await signInOverHttp(app.baseUrl, user.email, next);
    expect(fresh.ok).toBe(true);
    expect(await accountStatus(fresh.cookie)).toBe(200);

    const audit = await prisma.auditEvent.findMany({ where: { entityId: user.id, action: "user.password-change" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: user.id, actorEmail: user.email });
    const [dump] = await prisma.$queryRaw<{ text: string }[]>`SELECT string_agg(a::text, ' ') AS text FROM audit_event a`;
    expect(dump!.text).not.toContain(current);
    expect(dump!.text).not.toContain(next);
  });
});
