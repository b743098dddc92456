import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { assertAdmin } from "@/lib/auth/access";
import { hashPassword, passwordSchema } from "@/lib/auth/password";
import { ROLES, type Actor } from "@/lib/auth/roles";
import { newSecret, PASSWORD_TOKEN_PREFIX, secretHash } from "@/lib/auth/secrets";
import { checkCurrentPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";

// Users: invitations, set-password links, password changes. No email server is assumed, so an
// invitation returns a one-time link for the admin to pass on.

export const SET_PASSWORD_LINK_HOURS = 72;

export const newUserSchema = z.object({
  email: z.email({ error: "Enter a valid email address" }).trim().toLowerCase().max(320),
  name: z.string().trim().min(1, "Enter the person's name").max(200),
  role: z.enum(ROLES, { error: "Choose a role" }),
  teamIds: z.array(z.string()).default([]),
});

async function issuePasswordLink(tx: Prisma.TransactionClient, userId: string, purpose: "INVITE" | "RESET", createdById: string | null) {
  const secret = newSecret(PASSWORD_TOKEN_PREFIX);
  await tx.passwordToken.create({
    data: {
      userId,
      tokenHash: secretHash(secret),
      purpose,
      expiresAt: new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3_600_000),
      createdById,
    },
  });
  return `/set-password/${secret}`;
}

/** Creates the account (no password yet) and returns the one-time link that sets it. */
export async function inviteUser(actor: Actor, input: unknown): Promise<{ userId: string; link: string }> {
  assertAdmin(actor);
  const data = newUserSchema.parse(input);
  if (await db().user.findUnique({ where: { email: data.email } })) {
    throw new BadRequestError("A user with this email already exists", { email: "A user with this email already exists" });
  }
  // The account, its link and the audit row together: never an invited user without a link.
  return db().$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email: data.email, name: data.name, role: data.role, memberships: { create: data.teamIds.map((teamId) => ({ teamId })) } },
    });
    await recordAudit(
      { actorId: actor.id, action: "user.invite", entityType: "user", entityId: created.id, after: { email: data.email, name: data.name, role: data.role, teamIds: data.teamIds } },
      tx,
    );
    return { userId: created.id, link: await issuePasswordLink(tx, created.id, "INVITE", actor.id) };
  });
}

/** A fresh one-time link for a user who forgot their password; earlier unused links stop working. */
export async function passwordResetLink(actor: Actor, userId: string): Promise<string> {
  assertAdmin(actor);
  // In one transaction, so the old links never stop working without the new one (and its audit
  // row) existing.
  return db().$transaction(async (tx) => {
    await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await recordAudit({ actorId: actor.id, action: "user.password-reset-link", entityType: "user", entityId: userId }, tx);
    return issuePasswordLink(tx, userId, "RESET", actor.id);
  });
}

export type PasswordLinkState = { valid: true; email: string; name: string } | { valid: false };

export async function checkPasswordLink(secret: string): Promise<PasswordLinkState> {
  const token = await db().passwordToken.findUnique({ where: { tokenHash: secretHash(secret) }, include: { user: true } });
  if (!token || token.usedAt || token.expiresAt <= new Date() || !token.user.active) return { valid: false };
  return { valid: true, email: token.user.email, name: token.user.name };
}

export const setPasswordSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match" });

/** Uses the link (once: the update is conditional on it being unused) and sets the password. */
export async function setPasswordWithLink(secret: string, input: unknown): Promise<{ email: string }> {
  const { password } = setPasswordSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordToken.updateMany({
      // The same conditions as checkPasswordLink: a deactivated user's leftover link sets nothing.
      where: { tokenHash: secretHash(secret), usedAt: null, expiresAt: { gt: now }, user: { active: true } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new BadRequestError("This link has expired or has already been used", { link: "expired or used" });
    const token = await tx.passwordToken.findUniqueOrThrow({ where: { tokenHash: secretHash(secret) }, include: { user: true } });
    await tx.user.update({ where: { id: token.userId }, data: { passwordHash, sessionsValidFrom: now } });
    await recordAudit({ actorId: token.userId, actorEmail: token.user.email, action: "user.password-set", entityType: "user", entityId: token.userId }, tx);
    return { email: token.user.email };
  });
}

export const changePasswordSchema = z
  .object({ current: z.string().min(1, "Enter your current password"), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match" });

/** Changes the signed-in user's password; every other session of theirs ends. */
export async function changePassword(actor: Actor, input: unknown): Promise<void> {
  const data = changePasswordSchema.parse(input);
  const check = await checkCurrentPassword(actor, data.current);
  if (!check.ok) {
    const message =
      check.reason === "locked"
        ? `Too many wrong passwords. For your security, changing your password is paused for ${check.wait}.`
        : "Your current password is not right";
    throw new BadRequestError(message, { current: message });
  }
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash: await hashPassword(data.password), sessionsValidFrom: new Date() } });
    await recordAudit({ actorId: actor.id, actorEmail: actor.email, action: "user.password-change", entityType: "user", entityId: actor.id }, tx);
  });
}

/** For `npm run user:create` and demo data: a user with a password, no invitation. */
export async function createUserWithPassword(input: { email: string; name: string; role: (typeof ROLES)[number]; password: string; teamIds?: string[] }) {
  const data = newUserSchema.parse(input);
  const password = passwordSchema.parse(input.password);
  const user = await db().user.create({
    data: {
      email: data.email,
      name: data.name,
      role: data.role,
      passwordHash: await hashPassword(password),
      memberships: { create: data.teamIds.map((teamId) => ({ teamId })) },
    },
  });
  await recordAudit({ action: "user.create-cli", entityType: "user", entityId: user.id, after: { email: data.email, role: data.role } });
  return user;
}
