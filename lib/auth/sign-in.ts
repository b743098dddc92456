import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit";
import { lockedUntil, LOCKOUT_MS, LOCKOUT_WINDOW_MS, waitText } from "./lockout";
import { dummyPasswordHash, verifyPassword } from "./password";

// Checking a password, with the lockout per account (from the audit log, so it holds across
// restarts and app instances) and per client (in memory, keyed by a salted hash, like the survey).
// Attempts are serialised per account and per client within one process; with several app
// instances a burst split across them can still get a few extra guesses checked.

export type SignInOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; wait: string };

// On globalThis, like the survey limiter: the sign-in page's server action and Auth.js's route
// handler may load this module separately, and must share one count.
const shared = globalThis as unknown as { wardsafeSignIn?: { clientFailures: Map<string, Date[]>; queues: Map<string, Promise<unknown>> } };
shared.wardsafeSignIn ??= { clientFailures: new Map(), queues: new Map() };
const { clientFailures, queues } = shared.wardsafeSignIn;
const CLIENT_SWEEP_SIZE = 10_000;

function clientFailuresFor(clientKey: string, now: Date): Date[] {
  const recent = (clientFailures.get(clientKey) ?? []).filter((d) => now.getTime() - d.getTime() < LOCKOUT_WINDOW_MS + LOCKOUT_MS);
  // Clients with nothing recent are forgotten, so the map holds only the last half hour's failures
  // and cannot grow without bound.
  if (recent.length > 0) clientFailures.set(clientKey, recent);
  else clientFailures.delete(clientKey);
  return recent;
}

function recordClientFailure(clientKey: string, now: Date): void {
  clientFailures.set(clientKey, [...clientFailuresFor(clientKey, now), now]);
  if (clientFailures.size > CLIENT_SWEEP_SIZE) for (const key of [...clientFailures.keys()]) clientFailuresFor(key, now);
}

// Reading the count and recording the outcome must not interleave for one account or one client:
// otherwise a burst of parallel guesses all read "4 failures so far" and all get their password
// checked (seen: 11 of 12 parallel guesses checked). So attempts for the same client, and for the
// same account, run one after another in this process. (Always client, then account, so two
// attempts never wait for each other in a cycle.)
function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const result = (queues.get(key) ?? Promise.resolve()).then(task);
  const tail = result.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return result;
}

export function checkSignIn(emailInput: string, password: string, clientKey: string, now?: Date): Promise<SignInOutcome> {
  const email = emailInput.trim().toLowerCase();
  return oneAtATime(`client:${clientKey}`, () => oneAtATime(`account:${email}`, () => checkInTurn(email, password, clientKey, now ?? new Date())));
}

// A wrong current password on the account page is a password guess too (by whoever holds a
// session), so it counts towards the same per-account limit.
const ACCOUNT_FAILURES = ["sign-in.failure", "password-change.failure"];

async function accountLockedUntil(email: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS - LOCKOUT_MS);
  const accountFailures = await db().auditEvent.findMany({
    where: { actorEmail: email, action: { in: ACCOUNT_FAILURES }, at: { gte: since } },
    select: { at: true },
  });
  const lastSuccess = await db().auditEvent.findFirst({
    where: { actorEmail: email, action: "sign-in.success", at: { gte: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return lockedUntil(
    accountFailures.map((f) => f.at).filter((at) => !lastSuccess || at > lastSuccess.at),
    now,
  );
}

/** Checks a signed-in user's current password (to change it) under the per-account limit. */
export function checkCurrentPassword(user: { id: string; email: string }, password: string, now?: Date): Promise<SignInOutcome> {
  const email = user.email.toLowerCase();
  return oneAtATime(`account:${email}`, async () => {
    const at = now ?? new Date();
    const until = await accountLockedUntil(email, at);
    if (until) return { ok: false, reason: "locked", wait: waitText(until, at) };
    const row = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    if (!(await verifyPassword(row?.passwordHash ?? null, password))) {
      await recordAudit({ actorId: user.id, actorEmail: email, action: "password-change.failure" });
      return { ok: false, reason: "invalid" };
    }
    return { ok: true, userId: user.id };
  });
}

async function checkInTurn(email: string, password: string, clientKey: string, now: Date): Promise<SignInOutcome> {
  const until = [await accountLockedUntil(email, now), lockedUntil(clientFailuresFor(clientKey, now), now)]
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
    recordClientFailure(clientKey, now);
    return { ok: false, reason: "invalid" };
  }
  await recordAudit({ actorId: user.id, actorEmail: email, action: "sign-in.success" });
  return { ok: true, userId: user.id };
}
