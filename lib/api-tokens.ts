import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { API_TOKEN_PREFIX, newSecret, secretHash } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";

// Personal API tokens: an analyst's script acts as the analyst, with exactly their permissions
// (lib/auth/actor.ts turns `Authorization: Bearer <token>` into the same Actor a session gives).
// The token is shown once, when it is made; only its SHA-256 is stored, and it is never logged or
// written to the audit log, so neither a database copy nor the logs can be replayed as a token.

/** Characters of the token kept in clear so the owner can tell tokens apart: "wst_" and 8 random. */
const VISIBLE_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;
const MAX_EXPIRY_DAYS = 3650;

export const EXPIRY_CHOICES = [
  { value: "never", label: "Never", days: null },
  { value: "30", label: "In 30 days", days: 30 },
  { value: "90", label: "In 90 days", days: 90 },
  { value: "365", label: "In 1 year", days: 365 },
] as const;

export const newTokenSchema = z.object({
  name: z.string({ error: "Enter a name for the token" }).trim().min(1, "Enter a name for the token").max(100, "Use 100 characters or fewer for the name"),
  expiresInDays: z
    .number({ error: "Choose when the token expires" })
    .int("Choose when the token expires")
    .min(1, "The token must last at least 1 day")
    .max(MAX_EXPIRY_DAYS, `The token can last at most ${MAX_EXPIRY_DAYS} days`)
    .nullish(),
});

export type TokenStatus = "active" | "revoked" | "expired";

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

const listed = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null };

/** Makes a token for the actor themselves. The returned `token` is the only copy of the secret. */
export async function createToken(
  actor: Actor,
  input: { name: unknown; expiresInDays?: unknown },
  via: "web" | "cli" = "web",
): Promise<{ token: string; record: ApiTokenSummary }> {
  const data = newTokenSchema.parse(input);
  const token = newSecret(API_TOKEN_PREFIX);
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const record = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: actor.id, name: data.name, tokenHash: secretHash(token), prefix: token.slice(0, VISIBLE_PREFIX_LENGTH), expiresAt },
      select: listed,
    });
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "api-token.create",
        entityType: "api_token",
        entityId: created.id,
        after: { name: created.name, prefix: created.prefix, expiresAt: created.expiresAt?.toISOString() ?? null, via },
      },
      tx,
    );
    return created;
  });
  return { token, record };
}

/** The actor's own tokens, newest first (never the hash). */
export async function listTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  return db().apiToken.findMany({ where: { userId: actor.id }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: listed });
}

/** Revokes one of the actor's own tokens at once; anyone else's token is "not found". */
export async function revokeToken(actor: Actor, id: string): Promise<ApiTokenSummary> {
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, userId: actor.id }, select: listed });
    if (!token) throw new NotFoundError("No such API token");
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: listed });
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "api-token.revoke",
        entityType: "api_token",
        entityId: id,
        before: { name: token.name, prefix: token.prefix, revokedAt: null },
        after: { revokedAt: revoked.revokedAt?.toISOString() ?? null },
      },
      tx,
    );
    return revoked;
  });
}

/** GET /api/v1/me: who a session or token acts as, and the project teams they belong to. */
export async function describeActor(actor: Actor) {
  const teams = await db().projectTeam.findMany({
    where: { id: { in: [...actor.teamIds] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  return { id: actor.id, email: actor.email, name: actor.name, role: actor.role, teams };
}
