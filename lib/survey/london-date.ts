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
