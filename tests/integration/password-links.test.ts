import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ZodError } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/roles";
import { secretHash } from "@/lib/auth/secrets";
import { startAppServer, type AppServer } from "../../scripts/support/app-server";
import { createUser, signInOverHttp } from "../helpers/auth";
import { testPrisma } from "../../scripts/support/prisma";


// One-time set-password links (invitations and resets): valid 72 hours, single use, a new link
// cancels older unused ones, and setting a password ends every existing session. The links are
// made and used through lib/users.ts (as the admin pages and the set-password form do); the page
// itself and signing in afterwards go through real HTTP.

type Users = typeof import("@/lib/users");
type Access = typeof import("@/lib/auth/access");
type Api = typeof import("@/lib/errors");

let app: AppServer;
let prisma: PrismaClient;
let users: Users;
let access: Access;
let api: Api;
let admin: Actor;

beforeAll(async () => {
  // lib/db/client.ts reads DATABASE_URL on first use: point it at the suite's database first.
  process.env.DATABASE_URL = inject("databaseUrl");
  users = await import("@/lib/users");
  access = await import("@/lib/auth/access");
  api = await import("@/lib/errors");
  prisma = testPrisma(inject("databaseUrl"));
  const adminUser = await createUser(prisma, { role: "ADMIN" });
  admin = { id: adminUser.id, email: adminUser.email, name: adminUser.name, role: "ADMIN", teamIds: [] };
  app = await startAppServer({ databaseUrl: inject("databaseUrl") });
});

afterAll(async () => {
  await app?.stop();
  await prisma?.$disconnect();
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
});

let counter = 0;
const newEmail = () => `invitee-${process.pid}-${Date.now()}-${++counter}@example.nhs.uk`;
const secretOf = (link: string) => link.replace(/^\/set-password\//, "");
const password = (label: string) => `${label} password ${Date.now()} long enough`;

async function invite(email = newEmail()) {
  const { userId, link } = await users.inviteUser(admin, { email, name: "Sam Invitee", role: "PROJECT_LEAD" });
  return { userId, link, email, secret: secretOf(link) };
}

async function setPageText(link: string) {
  const res = await fetch(`${app.baseUrl}${link}`, { redirect: "manual" });
  return { status: res.status, html: await res.text(), referrerPolicy: res.headers.get("referrer-policy") };
}

/** What the form gets back: the error a user would see, or "ok". */
async function useLink(secret: string, pw: string, confirm = pw): Promise<string> {
  try {
    await users.setPasswordWithLink(secret, { password: pw, confirm });
    return "ok";
  } catch (error) {
    if (error instanceof api.BadRequestError) return error.message;
    if (error instanceof ZodError) return `fields: ${error.issues.map((i) => `${i.path.join(".")}=${i.message}`).join("; ")}`;
    throw error;
  }
}

const userRow = (id: string) => prisma.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, sessionsValidFrom: true } });

describe("an invitation link", () => {
  it("is a random secret stored only as its hash, and lasts 72 hours", async () => {
    const before = Date.now();
    const { userId, link, secret } = await invite();
    expect(link).toMatch(/^\/set-password\/wsp_[A-Za-z0-9_-]{43}$/);
    const tokens = await prisma.passwordToken.findMany({ where: { userId } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ purpose: "INVITE", tokenHash: secretHash(secret), usedAt: null, createdById: admin.id });
    const hours = (tokens[0]!.expiresAt.getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(72);
    expect(hours).toBeLessThan(72.01);
    const [dump] = await prisma.$queryRaw<{ text: string }[]>`SELECT string_agg(t::text, ' ') AS text FROM password_token t`;
    expect(dump!.text).not.toContain(secret);
    expect((await userRow(userId)).passwordHash).toBeNull();
  });

  it("shows the form over HTTP, sets the password once, then says it no longer works", async () => {
    const { userId, link, secret, email } = await invite();
    const page = await setPageText(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Set your password");
    expect(page.html).toContain(email);
    expect(page.html).toContain('name="password"');
    // The secret in the URL never goes to another site: the header keeps referrers same-origin (so
    // forms still carry an Origin), and the page itself asks for none at all.
    expect(page.referrerPolicy).toBe("same-origin");
    expect(page.html).toMatch(/<meta name="referrer" content="no-referrer"/);
    // Looking at the page does not use the link (mail scanners and previews open links).
    expect(await setPageText(link)).toMatchObject({ status: 200 });

    const first = password("first");
    expect(await useLink(secret, first)).toBe("ok");
    const afterFirst = await userRow(userId);
    expect(afterFirst.passwordHash).toMatch(/^\$argon2id\$/);

    const used = await setPageText(link);
    expect(used.html).toContain("This link no longer works");
    expect(used.html).not.toContain('name="password"');
    expect(used.html).not.toContain(email);

    expect(await useLink(secret, password("second"))).toBe("This link has expired or has already been used");
    expect((await userRow(userId)).passwordHash).toBe(afterFirst.passwordHash);

    expect((await signInOverHttp(app.baseUrl, email, first)).ok).toBe(true);
    const audit = await prisma.auditEvent.findMany({ where: { entityId: userId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["user.invite", "user.password-set"]);
  });

  it("used twice at the same moment sets a password only once", async () => {
    const { userId, secret } = await invite();
    const results = await Promise.all([useLink(secret, password("a")), useLink(secret, password("b")), useLink(secret, password("c"))]);
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(await prisma.auditEvent.count({ where: { entityId: userId, action: "user.password-set" } })).toBe(1);
  });

  it("is refused once expired, and nothing is set", async () => {
    const { userId, link, secret } = await invite();
    await prisma.passwordToken.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await setPageText(link)).html).toContain("This link no longer works");
    expect(await users.checkPasswordLink(secret)).toEqual({ valid: false });
    expect(await useLink(secret, password("late"))).toBe("This link has expired or has already been used");
    expect((await userRow(userId)).passwordHash).toBeNull();
  });

  it("works up to its last moment", async () => {
    const { userId, secret } = await invite();
    await prisma.passwordToken.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() + 5_000) } });
    expect(await useLink(secret, password("just in time"))).toBe("ok");
  });

  it("refuses a password that is too short or not typed the same twice, and stays usable", async () => {
    const { userId, link, secret } = await invite();
    expect(await useLink(secret, "short")).toBe("fields: password=Use at least 12 characters");
    expect(await useLink(secret, password("typed"), "something else entirely")).toBe("fields: confirm=The two passwords do not match");
    expect((await userRow(userId)).passwordHash).toBeNull();
    expect((await setPageText(link)).html).toContain("Set your password");
    expect(await useLink(secret, password("typed"))).toBe("ok");
  });

  it("is refused for a link that was never issued", async () => {
    expect((await setPageText("/set-password/wsp_not-a-real-link")).html).toContain("This link no longer works");
    expect(await useLink("wsp_not-a-real-link", password("guess"))).toBe("This link has expired or has already been used");
  });

  it("stops working when the user is deactivated", async () => {
    const { userId, link, secret } = await invite();
    await prisma.user.update({ where: { id: userId }, data: { active: false } });
    expect((await setPageText(link)).html).toContain("This link no longer works");
    expect(await useLink(secret, password("deactivated"))).toBe("This link has expired or has already been used");
    expect((await userRow(userId)).passwordHash).toBeNull();
  });

  it("can only be made by a programme administrator", async () => {
    const lead = await createUser(prisma, { role: "PROJECT_LEAD" });
    const coach = await createUser(prisma, { role: "QI_COACH" });
    const email = newEmail();
    for (const user of [lead, coach]) {
      const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: [] };
      await expect(users.inviteUser(actor, { email, name: "Not Allowed", role: "ADMIN" })).rejects.toBeInstanceOf(access.ForbiddenError);
      await expect(users.passwordResetLink(actor, lead.id)).rejects.toBeInstanceOf(access.ForbiddenError);
    }
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect(await prisma.passwordToken.count({ where: { userId: lead.id } })).toBe(0);
  });
});

describe("a password reset link", () => {
  it("cancels earlier unused links, whether invitation or reset", async () => {
    const { userId, secret: invitation } = await invite();
    const firstReset = secretOf(await users.passwordResetLink(admin, userId));
    expect(await users.checkPasswordLink(invitation)).toEqual({ valid: false });
    const secondReset = secretOf(await users.passwordResetLink(admin, userId));
    expect(await users.checkPasswordLink(firstReset)).toEqual({ valid: false });
    expect(await useLink(invitation, password("old invitation"))).toBe("This link has expired or has already been used");
    expect(await useLink(firstReset, password("old reset"))).toBe("This link has expired or has already been used");
    expect(await useLink(secondReset, password("newest"))).toBe("ok");
    const purposes = await prisma.passwordToken.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { purpose: true } });
    expect(purposes.map((p) => p.purpose)).toEqual(["INVITE", "RESET", "RESET"]);
  });

  it("sets a new password that signs in, the old one no longer does, and every old session ends", async () => {
    const oldPassword = password("old");
    const user = await createUser(prisma, { role: "QI_COACH", password: oldPassword });
    const { cookie } = await signInOverHttp(app.baseUrl, user.email, oldPassword);
    const before = await fetch(`${app.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(before.status).toBe(200);

    const link = await users.passwordResetLink(admin, user.id);
    // Issuing the link alone changes nothing: the old password and session still work until it is used.
    expect((await fetch(`${app.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    expect((await setPageText(link)).html).toContain("Set your password");

    const newPassword = password("new");
    expect(await useLink(secretOf(link), newPassword)).toBe("ok");
    const after = await fetch(`${app.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(after.status).toBe(307);
    expect(after.headers.get("location")).toMatch(/^\/signin/);

    expect((await signInOverHttp(app.baseUrl, user.email, oldPassword)).ok).toBe(false);
    const fresh = await signInOverHttp(app.baseUrl, user.email, newPassword);
    expect(fresh.ok).toBe(true);
    expect((await fetch(`${app.baseUrl}/account`, { headers: { Cookie: fresh.cookie }, redirect: "manual" })).status).toBe(200);

    expect((await setPageText(link)).html).toContain("This link no longer works");
    const [dump] = await prisma.$queryRaw<{ text: string }[]>`SELECT string_agg(a::text, ' ') AS text FROM audit_event a`;
    expect(dump!.text).not.toContain(newPassword);
    expect(dump!.text).not.toContain(oldPassword);
  });
});
