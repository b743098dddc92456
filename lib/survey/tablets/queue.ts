import { addDays, formatLongDate, isValidDate, isoDayOfWeek, toDayNumber } from "@/lib/analytics/periods";

// The rules a ward tablet's queue of unsent answers follows, shared by the tablet's own script
// (lib/survey/tablets/kiosk-client.ts, bundled for the browser) and the server that checks what it sends.
// Plain functions on "YYYY-MM-DD" dates: no Date arithmetic, no framework, no browser API.

/** How long an unsent answer is kept on the tablet, and how far back the server accepts its date. */
export const TABLET_KEEP_DAYS = 14;

/** How often the tablet tries again (and reports its queue) while it is open, whatever happens. */
export const TABLET_SYNC_SECONDS = 60;

/** The longest the tablet waits between tries after failures without a Retry-After. */
const MAX_BACKOFF_SECONDS = 60;

/**
 * What is wrong with the date a tablet says an answer was given on, or null if it may count then:
 * within the last TABLET_KEEP_DAYS days (Europe/London) and not after today.
 */
export function answeredOnProblem(answeredOn: string, today: string): string | null {
  if (!isValidDate(answeredOn)) return "answeredOn must be a real calendar date as YYYY-MM-DD";
  if (answeredOn > today) return "answeredOn cannot be in the future";
  if (answeredOn < addDays(today, -TABLET_KEEP_DAYS)) return `answeredOn must be within the last ${TABLET_KEEP_DAYS} days`;
  return null;
}

/** Whether a queued answer can still be counted: older ones would be refused, so the tablet lets them go. */
export function stillSendable(answeredOn: string, today: string): boolean {
  return answeredOnProblem(answeredOn, today) === null;
}

/**
 * Seconds to wait before the next try: the server's Retry-After when it gave one (503, 429), else
 * doubling from 2 s per failure in a row up to a minute.
 */
export function retryDelaySeconds(failuresInARow: number, retryAfterSeconds?: number | null): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
    return Math.ceil(retryAfterSeconds);
  }
  const failures = Math.max(1, Math.floor(failuresInARow));
  return Math.min(MAX_BACKOFF_SECONDS, 2 * 2 ** (failures - 1));
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "today", "yesterday", "Tuesday" (within the last week), else "1 December 2026". */
export function dayInWords(date: string, today: string): string {
  const daysAgo = toDayNumber(today) - toDayNumber(date);
  if (daysAgo === 0) return "today";
  if (daysAgo === 1) return "yesterday";
  if (daysAgo > 1 && daysAgo < 7) return WEEKDAYS[isoDayOfWeek(date) - 1]!;
  return formatLongDate(date);
}

/** The staff line on the tablet and the ward's page: "3 answers waiting to send, oldest from Tuesday". */
export function waitingLine(waiting: number, oldestOn: string | null, today: string): string {
  if (waiting <= 0) return "All answers sent";
  const what = waiting === 1 ? "1 answer waiting to send" : `${waiting} answers waiting to send`;
  if (!oldestOn) return what;
  return `${what}, ${waiting === 1 ? "from" : "oldest from"} ${dayInWords(oldestOn, today)}`;
}

/** What a tablet reports when it syncs: how many answers wait on it and the oldest one's date. */
export type QueueReport = { waiting: number; oldestOn: string | null };

/** The report for a queue of answers with these dates. */
export function queueReport(answeredOn: readonly string[]): QueueReport {
  if (answeredOn.length === 0) return { waiting: 0, oldestOn: null };
  return { waiting: answeredOn.length, oldestOn: [...answeredOn].sort()[0]! };
}
