import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  FORTNIGHT_ANCHOR,
  addDays,
  daysInMonth,
  enumeratePeriods,
  fromDayNumber,
  isInterval,
  isLeapYear,
  isValidDate,
  isoDayOfWeek,
  isoWeek,
  nextPeriodStart,
  periodEnd,
  periodStart,
  toDayNumber,
  type Interval,
} from "../../../lib/analytics/periods";

// Dates from 1900 to 2100, generated as day numbers so every calendar day is equally likely.
const DAY_1900 = -25567; // 1900-01-01
const DAY_2100 = 47482; // 2100-01-01
const dateArb = fc.integer({ min: DAY_1900, max: DAY_2100 }).map((d) => fromDayNumber(d));
const intervalArb = fc.constantFrom<Interval>("week", "fortnight", "month");

describe("day numbers", () => {
  it("puts 1970-01-01 at day 0 and counts across leap days", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("1970-01-02")).toBe(1);
    expect(toDayNumber("1969-12-31")).toBe(-1);
    expect(toDayNumber("2000-03-01") - toDayNumber("2000-02-28")).toBe(2); // 2000 is a leap year
    expect(toDayNumber("1900-03-01") - toDayNumber("1900-02-28")).toBe(1); // 1900 is not
    expect(toDayNumber("2024-03-01") - toDayNumber("2024-02-28")).toBe(2);
  });

  it("agrees with Date.UTC for any date (Date used only as an oracle here)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        fc.pre(d <= daysInMonth(y, m));
        const date = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        expect(toDayNumber(date)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
      }),
    );
  });

  it("round-trips day numbers and strings", () => {
    fc.assert(
      fc.property(fc.integer({ min: DAY_1900, max: DAY_2100 }), (day) => {
        expect(toDayNumber(fromDayNumber(day))).toBe(day);
      }),
    );
  });

  it("rejects strings that are not real calendar dates", () => {
    for (const bad of ["2026-02-29", "2023-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-2-3", "26-02-03", "2026-02-03T00:00", ""]) {
      expect(isValidDate(bad)).toBe(false);
      expect(() => toDayNumber(bad)).toThrow(RangeError);
    }
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2000-02-29")).toBe(true);
    expect(isValidDate("1900-02-29")).toBe(false);
  });

  it("knows leap years and month lengths", () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2023-03-01", -1)).toBe("2023-02-28");
  });
});

describe("ISO weeks", () => {
  it("numbers days of the week from Monday = 1", () => {
    expect(isoDayOfWeek("1970-01-01")).toBe(4); // a Thursday
    expect(isoDayOfWeek("2026-03-02")).toBe(1);
    expect(isoDayOfWeek("2026-03-08")).toBe(7);
  });

  it("puts 2025-12-29 to 2026-01-04 in 2026-W01 and starts the week on Monday 2025-12-29", () => {
    expect(isoWeek("2025-12-29")).toEqual({ year: 2026, week: 1 });
    expect(isoWeek("2026-01-04")).toEqual({ year: 2026, week: 1 });
    expect(isoWeek("2025-12-28")).toEqual({ year: 2025, week: 52 });
    expect(periodStart("2026-01-01", "week")).toBe("2025-12-29");
    expect(periodEnd("2025-12-29", "week")).toBe("2026-01-04");
  });

  it("handles 53-week years and early-January days that belong to the previous year", () => {
    expect(isoWeek("2020-12-31")).toEqual({ year: 2020, week: 53 });
    expect(isoWeek("2021-01-03")).toEqual({ year: 2020, week: 53 });
    expect(isoWeek("2021-01-04")).toEqual({ year: 2021, week: 1 });
    expect(isoWeek("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(periodStart("2021-01-03", "week")).toBe("2020-12-28");
  });

  it("starts every week on a Monday that is at most 6 days before the date", () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const start = periodStart(date, "week");
        expect(isoDayOfWeek(start)).toBe(1);
        const gap = toDayNumber(date) - toDayNumber(start);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(6);
      }),
    );
  });
});

describe("fortnights", () => {
  it("are anchored on Monday 2000-01-03", () => {
    expect(FORTNIGHT_ANCHOR).toBe("2000-01-03");
    expect(periodStart("2000-01-03", "fortnight")).toBe("2000-01-03");
    expect(periodStart("2000-01-16", "fortnight")).toBe("2000-01-03");
    expect(periodStart("2000-01-17", "fortnight")).toBe("2000-01-17");
    expect(periodEnd("2000-01-03", "fortnight")).toBe("2000-01-16");
    // Before the anchor (floor division, not truncation):
    expect(periodStart("2000-01-02", "fortnight")).toBe("1999-12-20");
    expect(periodStart("1999-12-31", "fortnight")).toBe("1999-12-20");
  });

  it("cross year boundaries and leap days (worked out independently)", () => {
    expect(periodStart("2026-01-01", "fortnight")).toBe("2025-12-29");
    expect(periodStart("2026-03-08", "fortnight")).toBe("2026-02-23");
    expect(periodStart("2024-02-29", "fortnight")).toBe("2024-02-26");
    expect(periodEnd("2024-02-26", "fortnight")).toBe("2024-03-10");
  });

  it("give every date the same fortnight whatever range is queried", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (date, before) => {
        const first = addDays(date, -before);
        const periods = enumeratePeriods(first, date, "fortnight");
        const last = periods[periods.length - 1];
        expect(last?.start).toBe(periodStart(date, "fortnight"));
        const offset = toDayNumber(periodStart(date, "fortnight")) - toDayNumber(FORTNIGHT_ANCHOR);
        expect(((offset % 14) + 14) % 14).toBe(0);
        expect(isoDayOfWeek(periodStart(date, "fortnight"))).toBe(1);
      }),
    );
  });
});

describe("calendar months", () => {
  it("end on the right day, including February in leap and century years", () => {
    expect(periodStart("2026-04-15", "month")).toBe("2026-04-01");
    expect(periodEnd("2026-04-01", "month")).toBe("2026-04-30");
    expect(periodEnd("2024-02-01", "month")).toBe("2024-02-29");
    expect(periodEnd("2023-02-01", "month")).toBe("2023-02-28");
    expect(periodEnd("2000-02-01", "month")).toBe("2000-02-29");
    expect(periodEnd("1900-02-01", "month")).toBe("1900-02-28");
    expect(periodEnd("2026-12-05", "month")).toBe("2026-12-31");
    expect(nextPeriodStart("2026-12-05", "month")).toBe("2027-01-01");
  });
});

describe("periodEnd", () => {
  it("returns the end of the period containing any date, not just a start", () => {
    expect(periodEnd("2026-03-05", "week")).toBe("2026-03-08");
    expect(periodEnd("2024-02-10", "month")).toBe("2024-02-29");
  });
});

describe("enumeratePeriods", () => {
  it("lists every week between two dates, across the year end", () => {
    expect(enumeratePeriods("2025-12-20", "2026-01-10", "week")).toEqual([
      { start: "2025-12-15", end: "2025-12-21" },
      { start: "2025-12-22", end: "2025-12-28" },
      { start: "2025-12-29", end: "2026-01-04" },
      { start: "2026-01-05", end: "2026-01-11" },
    ]);
  });

  it("lists months including a leap February", () => {
    expect(enumeratePeriods("2024-01-31", "2024-03-01", "month")).toEqual([
      { start: "2024-01-01", end: "2024-01-31" },
      { start: "2024-02-01", end: "2024-02-29" },
      { start: "2024-03-01", end: "2024-03-31" },
    ]);
  });

  it("gives one period when both dates fall in it, and none when the range is reversed", () => {
    expect(enumeratePeriods("2026-03-03", "2026-03-04", "week")).toEqual([{ start: "2026-03-02", end: "2026-03-08" }]);
    expect(enumeratePeriods("2026-03-10", "2026-03-01", "week")).toEqual([]);
  });

  it("covers the range with contiguous, non-overlapping periods", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 800 }), intervalArb, (first, length, interval) => {
        const last = addDays(first, length);
        const periods = enumeratePeriods(first, last, interval);
        expect(periods.length).toBeGreaterThan(0);
        const head = periods[0];
        const tail = periods[periods.length - 1];
        expect(head && head.start <= first && first <= head.end).toBe(true);
        expect(tail && tail.start <= last && last <= tail.end).toBe(true);
        for (let i = 1; i < periods.length; i += 1) {
          expect(periods[i]?.start).toBe(addDays(periods[i - 1]?.end ?? "", 1));
        }
        for (const p of periods) {
          expect(periodStart(p.start, interval)).toBe(p.start);
          expect(periodEnd(p.start, interval)).toBe(p.end);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("isInterval", () => {
  it("accepts only the three intervals", () => {
    expect(["week", "fortnight", "month", "day", "Week", 7].map(isInterval)).toEqual([true, true, true, false, false, false]);
  });
});
