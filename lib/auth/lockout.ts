// Brute-force protection for sign-in, as pure logic: after LOCKOUT_FAILURES failed sign-ins within
// LOCKOUT_WINDOW_MS, attempts are refused for LOCKOUT_MS from the last of them. Attempts refused
// while locked are not failures (they never reach the password check), so a lock cannot be
// extended forever by someone hammering it, and the real user knows when they can try again.

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;

/** When the lock ends, or null when not locked. `failures` are the times of failed attempts. */
export function lockedUntil(failures: readonly Date[], now: Date): Date | null {
  const times = failures.map((d) => d.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = LOCKOUT_FAILURES - 1; i < times.length; i++) {
    const last = times[i]!;
    if (last - times[i - LOCKOUT_FAILURES + 1]! <= LOCKOUT_WINDOW_MS) until = Math.max(until ?? 0, last + LOCKOUT_MS);
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

/** "15 minutes", "1 minute": how long the user must wait, rounded up. */
export function waitText(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
