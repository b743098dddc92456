// Responses carry the date only (never a time of day, which could identify who answered), and the
// date is the one on the ward's wall calendar: Europe/London, so a response at 00:30 BST counts
// for the new day.
const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** YYYY-MM-DD in Europe/London. */
export function londonDateOf(instant: Date): string {
  return londonDate.format(instant);
}

const londonClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/** Seconds from `instant` to the next midnight in Europe/London (for "try again tomorrow"). */
export function secondsToLondonMidnight(instant: Date): number {
  const parts = Object.fromEntries(londonClock.formatToParts(instant).map((p) => [p.type, p.value]));
  const elapsed = Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
  return 86_400 - elapsed;
}
