import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit";
import { lockedUntil, LOCKOUT_MS, LOCKOUT_WINDOW_MS, waitText } from "./lockout";
import { dummyPasswordHash, verifyPassword } from "./password";

// Checking a password, with the lockout per account (from the audit log, so it holds across
// restarts and app instances) and per client (in memory, keyed by a salted hash, like the survey).

export type SignInOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; wait: string };

const clientFailures = new Map<string, Date[]>();

function clientFailuresFor(clientKey: string, now: Date): Date[] {
  const recent = (clientFailures.get(clientKey) ?? []).filter((d) => now.getTime() - d.getTime() < LOCKOUT_WINDOW_MS + LOCKOUT_MS);
  clientFailures.set(clientKey, recent);
  return recent;
}

export async function checkSignIn(emailInput: string, password: string, clientKey: string, now = new Date()): Promise<SignInOutcome> {
  const email = emailInput.trim().toLowerCase();
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS - LOCKOUT_MS);
  const accountFailures = await db().auditEvent.findMany({
    where: { actorEmail: email, action: "sign-in.failure", at: { gte: since } },
    select: { at: true },
  });
  const lastSuccess = await db().auditEvent.findFirst({
    where: { actorEmail: email, action: "sign-in.success", at: { gte: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const counted = accountFailures.map((f) => f.at).filter((at) => !lastSuccess || at > lastSuccess.at);
  const until = [lockedUntil(counted, now), lockedUntil(clientFailuresFor(clientKey, now), now)]
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) {
    await recordAudit({ actorEmail: email, action: "sign-in.refused-locked" });
    return { ok: false, reason: "locked", wait: waitText(until, now) };
  }

  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.active || !user.passwordHash || !valid) {
    await recordAudit({ actorId: user?.id ?? null, actorEmail: email, action: "sign-in.failure" });
    clientFailuresFor(clientKey, now).push(now);
    return { ok: false, reason: "invalid" };
  }
  await recordAudit({ actorId: user.id, actorEmail: email, action: "sign-in.success" });
  return { ok: true, userId: user.id };
}
