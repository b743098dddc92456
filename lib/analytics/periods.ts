/**
 * Period bucketing for survey dates held as plain "YYYY-MM-DD" strings (the submission date, with no
 * time of day, as stored for anonymity).
 *
 * All arithmetic is done on integer day numbers (days since 1970-01-01) with the proleptic Gregorian
 * calendar, never with `Date`: a `Date` carries a time zone and a time of day, and the classic bug is a
 * date that moves by a day when the server's zone or daylight saving changes. Integers cannot.
 */

export type Interval = "week" | "fortnight" | "month";

export const INTERVALS: readonly Interval[] = ["week", "fortnight", "month"];

export function isInterval(value: unknown): value is Interval {
  return value === "week" || value === "fortnight" || value === "month";
}

/**
 * Fortnights are counted in whole 14-day steps from this Monday. A fixed anchor (rather than, say,
 * the first date of a query) keeps a given date in the same fortnight whatever range is asked for, so
 * two charts of the same ward always agree. 2000-01-03 is the Monday that starts ISO week 2000-W01.
 */
export const FORTNIGHT_ANCHOR = "2000-01-03";

export interface PeriodRange {
  /** First day of the period, "YYYY-MM-DD". */
  readonly start: string;
  /** Last day of the period, inclusive, "YYYY-MM-DD". */
  readonly end: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parseCivil(date: string): CivilDate | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function requireCivil(date: string): CivilDate {
  const civil = parseCivil(date);
  if (!civil) throw new RangeError(`Not a valid calendar date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
  return civil;
}

export function isValidDate(date: string): boolean {
  return typeof date === "string" && parseCivil(date) !== null;
}

// Floor division: JavaScript's % and / truncate towards zero, which is wrong for dates before 1970.
function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

// Days-from-civil and its inverse, after Howard Hinnant's public-domain "chrono-compatible low-level
// date algorithms": shift the year to start in March so the leap day falls at the end of the year.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = floorDiv(153 * monthFromMarch + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = floorDiv(z, 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floorDiv(
    dayOfEra - floorDiv(dayOfEra, 1460) + floorDiv(dayOfEra, 36524) - floorDiv(dayOfEra, 146096),
    365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100));
  const monthFromMarch = floorDiv(5 * dayOfYear + 2, 153);
  const day = dayOfYear - floorDiv(153 * monthFromMarch + 2, 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function formatCivil({ year, month, day }: CivilDate): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 (which is day 0). Throws on anything that is not a real calendar date. */
export function toDayNumber(date: string): number {
  const { year, month, day } = requireCivil(date);
  return daysFromCivil(year, month, day);
}

export function fromDayNumber(dayNumber: number): string {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`Day number must be an integer: ${dayNumber}`);
  const civil = civilFromDays(dayNumber);
  if (civil.year < 1 || civil.year > 9999) throw new RangeError(`Date out of range: day ${dayNumber}`);
  return formatCivil(civil);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function isoDayOfWeek(date: string): number {
  return mod(toDayNumber(date) + 3, 7) + 1;
}

/**
 * ISO 8601 week-numbering year and week. The week belongs to the year that holds its Thursday, which
 * is why 2025-12-29 is in 2026-W01.
 */
export function isoWeek(date: string): { year: number; week: number } {
  const day = toDayNumber(date);
  const thursday = day - (isoDayOfWeek(date) - 1) + 3;
  const year = civilFromDays(thursday).year;
  const week = floorDiv(thursday - daysFromCivil(year, 1, 1), 7) + 1;
  return { year, week };
}

const FORTNIGHT_ANCHOR_DAY = daysFromCivil(2000, 1, 3);

/** First day of the period that contains `date`. */
export function periodStart(date: string, interval: Interval): string {
  const civil = requireCivil(date);
  switch (interval) {
    case "week": {
      const day = daysFromCivil(civil.year, civil.month, civil.day);
      return fromDayNumber(day - mod(day + 3, 7));
    }
    case "fortnight": {
      const day = daysFromCivil(civil.year, civil.month, civil.day);
      return fromDayNumber(FORTNIGHT_ANCHOR_DAY + floorDiv(day - FORTNIGHT_ANCHOR_DAY, 14) * 14);
    }
    case "month":
      return formatCivil({ year: civil.year, month: civil.month, day: 1 });
    default:
      return assertNever(interval);
  }
}

/**
 * Last day (inclusive) of the period that contains `start`. Callers normally pass a period start, but
 * any date in the period gives the same answer, so a slightly-off caller cannot produce a period that
 * straddles two buckets.
 */
export function periodEnd(start: string, interval: Interval): string {
  const first = periodStart(start, interval);
  switch (interval) {
    case "week":
      return addDays(first, 6);
    case "fortnight":
      return addDays(first, 13);
    case "month": {
      const { year, month } = requireCivil(first);
      return formatCivil({ year, month, day: daysInMonth(year, month) });
    }
    default:
      return assertNever(interval);
  }
}

/** First day of the period after the one that contains `date`. */
export function nextPeriodStart(date: string, interval: Interval): string {
  return addDays(periodEnd(date, interval), 1);
}

/**
 * Every period from the one containing `firstDate` to the one containing `lastDate`, inclusive and in
 * order, including periods with no data: gaps must appear on a run chart as gaps, never be closed up
 * (closing them would make unrelated periods look consecutive to the rules).
 */
export function enumeratePeriods(firstDate: string, lastDate: string, interval: Interval): PeriodRange[] {
  const lastStart = periodStart(lastDate, interval);
  const periods: PeriodRange[] = [];
  let start = periodStart(firstDate, interval);
  while (start <= lastStart) {
    const end = periodEnd(start, interval);
    periods.push({ start, end });
    start = addDays(end, 1);
  }
  return periods;
}

function assertNever(value: never): never {
  throw new RangeError(`Unknown interval: ${String(value)}`);
}

/** A stored date (midnight UTC, as PostgreSQL DATE columns come back) as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026-03-03" → "3 March 2026", without `Date` (no time zone can shift the day). */
export function formatLongDate(date: string): string {
  const [y, m, d] = date.split("-");
  const month = MONTHS[Number(m) - 1];
  if (!isValidDate(date) || !month) throw new RangeError(`Invalid date: ${date}`);
  return `${Number(d)} ${month} ${Number(y)}`;
}
