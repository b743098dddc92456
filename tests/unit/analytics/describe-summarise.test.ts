import { describe, it, expect } from "vitest";
import { analyseRunChart } from "../../../lib/analytics/run-chart";
import { describeSignals, statusNow, suggestedPhase, summarise } from "../../../lib/analytics/run-chart-wording";
import { formatLongDate } from "../../../lib/analytics/periods";
import { fromBlocks, repeat, weekStart, weeks, type Spec } from "./helpers";

// Eight baseline values alternating around 0.5 and ending below it; week 8 starts Monday 2 March 2026.
const BASELINE_8: Spec[] = [6, 4, 6, 4, 6, 4, 6, 4];

describe("formatLongDate", () => {
  it("writes dates in full without a time zone", () => {
    expect(formatLongDate("2026-03-02")).toBe("2 March 2026");
    expect(formatLongDate("2025-12-29")).toBe("29 December 2025");
    expect(() => formatLongDate("2026-02-30")).toThrow(RangeError);
  });
});

describe("describeSignals", () => {
  it("explains an upward shift in plain English", () => {
    const result = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 7)]), { baselinePoints: 8 });
    expect(weekStart(8)).toBe("2026-03-02");
    expect(describeSignals(result, "week")).toEqual([
      "Shift: 7 weeks above the median from 2 March 2026 to 13 April 2026 — improvement",
    ]);
  });

  it("says when periods inside a shift were skipped", () => {
    const result = analyseRunChart(weeks([...BASELINE_8, 7, 7, 7, 5, 7, 7, 7]), { baselinePoints: 8 });
    expect(describeSignals(result, "week")).toEqual([
      "Shift: 6 weeks above the median from 2 March 2026 to 13 April 2026 (1 week in between was skipped: " +
        "on the median, excluded, or without a usable value) — improvement",
    ]);
  });

  it("explains a downward shift as deterioration, with the interval label", () => {
    const result = analyseRunChart(weeks([...BASELINE_8, ...repeat(2, 6)]), { baselinePoints: 8 });
    const lines = describeSignals(result, "month");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Shift: 7 months below the median from /); // the last baseline 0.4 joins the run
    expect(lines[0]).toMatch(/— deterioration$/);
  });

  it("explains a trend and notes repeated values", () => {
    const result = analyseRunChart(weeks([1, 2, 2, 3, 4, 5]));
    expect(describeSignals(result, "week")).toEqual([
      "Trend: 5 weeks each higher than the one before, from 5 January 2026 to 9 February 2026 " +
        "(repeated equal values counted once) — improvement",
    ]);
  });

  it("explains too few runs", () => {
    const result = analyseRunChart(weeks(fromBlocks([5, 5])), { baselinePoints: 10 });
    expect(describeSignals(result, "week")).toEqual([
      "Runs: only 2 runs across 10 weeks off the median, fewer than the 3 expected at least by chance — " +
        "the values stay on one side of the median for longer than random variation explains (a non-random pattern)",
    ]);
  });

  it("explains too many runs", () => {
    const result = analyseRunChart(weeks(fromBlocks(repeat(1, 10))), { baselinePoints: 4 });
    const lines = describeSignals(result, "fortnight");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Runs: 10 runs across 10 fortnights off the median, more than the 9 expected at most/);
  });

  it("describes Anhøj signals only when asked", () => {
    const result = analyseRunChart(weeks(fromBlocks([2, 2, 4, 4, 3, 3, 3, 3])), { baselinePoints: 4 });
    expect(describeSignals(result, "week")).toEqual([]);
    expect(describeSignals(result, "week", { includeAnhoej: true })).toEqual([
      "Anhøj crossings: the values cross the median 7 times, fewer than the minimum of 8 for 24 weeks off the median",
    ]);
  });

  it("prefixes the phase when there are several, and can limit itself to the latest", () => {
    const specs: Spec[] = [...BASELINE_8, ...repeat(7, 6), 1, 2, 3, 4, 5];
    const result = analyseRunChart(weeks(specs), { baselinePoints: 8, phaseStarts: [weekStart(14)] });
    const all = describeSignals(result, "week");
    expect(all).toHaveLength(2);
    expect(all[0]).toMatch(/^Phase 1 \(from 5 January 2026\): Shift: 6 weeks above/);
    expect(all[1]).toMatch(/^Phase 2 \(from 13 April 2026\): Trend: 5 weeks each higher/);
    expect(describeSignals(result, "week", { phases: "latest" })).toEqual([all[1]]);
  });

  it("returns nothing when no rule fires", () => {
    const result = analyseRunChart(weeks([...BASELINE_8, 4, 6]), { baselinePoints: 8 });
    expect(describeSignals(result, "week")).toEqual([]);
  });
});

describe("summarise", () => {
  it("is improving with an upward shift", () => {
    const result = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 7)]), { baselinePoints: 8 });
    expect(summarise(result)).toBe("improving");
  });

  it("is deteriorating with a downward trend", () => {
    expect(summarise(analyseRunChart(weeks([9, 8, 7, 6, 5])))).toBe("deteriorating");
  });

  it("reports a shift or trend even with fewer than 10 useful points", () => {
    const result = analyseRunChart(weeks([1, 2, 3, 4, 5]));
    expect(result.ihi.runs.useful).toBeLessThan(10);
    expect(summarise(result)).toBe("improving");
  });

  it("is not-enough-data with fewer than 10 useful points and no signal", () => {
    expect(summarise(analyseRunChart(weeks([6, 4, 6, 4, 6, 4, 6, 4, 6])))).toBe("not-enough-data");
    expect(summarise(analyseRunChart([]))).toBe("not-enough-data");
    expect(summarise(analyseRunChart(weeks(repeat(8, 20))))).toBe("not-enough-data");
  });

  it("is no-signal with 10 or more useful points and no signal", () => {
    const result = analyseRunChart(weeks([6, 4, 6, 4, 6, 4, 6, 4, 4, 6]));
    expect(result.ihi.runs).toMatchObject({ useful: 10, verdict: "expected" });
    expect(summarise(result)).toBe("no-signal");
  });

  it("takes the direction of the latest run when the only signal is too few runs", () => {
    expect(summarise(analyseRunChart(weeks(fromBlocks([5, 5], true)), { baselinePoints: 10 }))).toBe("improving");
    expect(summarise(analyseRunChart(weeks(fromBlocks([5, 5], false)), { baselinePoints: 10 }))).toBe("deteriorating");
  });

  it("gives no direction for too many runs", () => {
    const result = analyseRunChart(weeks(fromBlocks(repeat(1, 10))), { baselinePoints: 4 });
    expect(result.ihi.runs.verdict).toBe("too-many");
    expect(summarise(result)).toBe("no-signal");
  });

  it("lets the most recent signal decide when both directions fire", () => {
    // Shift up (weeks 3–11), then a downward trend ending later (weeks 9–13).
    const down = analyseRunChart(weeks([2, 8, 2, 8, 8, 8, 8, 8, 8, 8, 7, 6, 4, 3]), { baselinePoints: 4 });
    expect(down.ihi.shifts.map((s) => s.direction)).toContain("up");
    expect(down.ihi.trends.map((t) => t.direction)).toEqual(["down"]);
    expect(summarise(down)).toBe("deteriorating");

    // Mirror image: shift down, then a trend up ending later.
    const up = analyseRunChart(weeks([8, 2, 8, 2, 2, 2, 2, 2, 2, 2, 3, 4, 6, 7]), { baselinePoints: 4 });
    expect(up.ihi.shifts.map((s) => s.direction)).toContain("down");
    expect(summarise(up)).toBe("improving");
  });

  it("breaks a tie on end date by the later start", () => {
    // Shift up over weeks 4–9 and a down-trend over weeks 5–9: both end in week 9; the trend began later.
    const result = analyseRunChart(weeks([8, 2, 8, 2, 10, 10, 9, 8, 7, 6]), { baselinePoints: 4 });
    expect(result.ihi.shifts).toEqual([{ from: weekStart(4), to: weekStart(9), points: 6, direction: "up" }]);
    expect(result.ihi.trends).toEqual([{ from: weekStart(5), to: weekStart(9), points: 5, direction: "down" }]);
    expect(summarise(result)).toBe("deteriorating");
  });

  it("uses the latest phase only", () => {
    const specs: Spec[] = [...BASELINE_8, ...repeat(7, 6)];
    const single = analyseRunChart(weeks(specs), { baselinePoints: 8 });
    expect(summarise(single)).toBe("improving");
    const rephased = analyseRunChart(weeks([...specs, 6, 4, 6, 4]), { baselinePoints: 8, phaseStarts: [weekStart(14)] });
    expect(summarise(rephased)).toBe("not-enough-data");
  });
});

describe("statusNow: the status describes the latest period", () => {
  it("is no-signal after an old signal with common-cause variation since, and names that signal as the last one", () => {
    // Shift up over weeks 8-14 (the 6 in week 14 is above the median too), then 4, 6, 4: the shift is over.
    const result = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 6), 6, 4, 6, 4]), { baselinePoints: 8 });
    expect(result.ihi.shifts).toHaveLength(1);
    expect(statusNow(result)).toEqual({
      status: "no-signal",
      since: null,
      lastSignal: { direction: "up", kind: "shift", from: weekStart(8), to: weekStart(14) },
    });
  });

  it("is improving since the shift began while it runs to the end, a value on the median not breaking it", () => {
    const running = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 7)]), { baselinePoints: 8 });
    expect(statusNow(running)).toEqual({ status: "improving", since: weekStart(8), lastSignal: null });
    // 0.5 is the median: it neither extends the shift nor ends it.
    const onMedian = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 7), 5]), { baselinePoints: 8 });
    expect(statusNow(onMedian).status).toBe("improving");
  });

  it("is no-signal when a trend ends one point before the latest", () => {
    // Down-trend weeks 10-14 (9, 8, 7, 6, 5), then back up to 8 in week 15.
    const result = analyseRunChart(weeks([6, 4, 6, 4, 6, 4, 6, 4, 6, 4, 9, 8, 7, 6, 5, 8]), { baselinePoints: 10 });
    expect(result.ihi.trends.map((t) => [t.direction, t.from, t.to])).toEqual([["down", weekStart(10), weekStart(14)]]);
    expect(statusNow(result)).toEqual({ status: "no-signal", since: null, lastSignal: { direction: "down", kind: "trend", from: weekStart(10), to: weekStart(14) } });
    // The same trend running to the end is deterioration now.
    const still = analyseRunChart(weeks([6, 4, 6, 4, 6, 4, 6, 4, 6, 4, 9, 8, 7, 6, 5]), { baselinePoints: 10 });
    expect(statusNow(still)).toMatchObject({ status: "deteriorating", since: weekStart(10) });
  });

  it("with both directions in one phase, the one running now decides, and the other is the last signal", () => {
    // Shift up (weeks 3-11), then a downward trend running to the end (weeks 9-13).
    const result = analyseRunChart(weeks([2, 8, 2, 8, 8, 8, 8, 8, 8, 8, 7, 6, 4, 3]), { baselinePoints: 4 });
    const now = statusNow(result);
    expect(now.status).toBe("deteriorating");
    expect(now.lastSignal?.direction).toBe("up");
    expect(now.lastSignal?.kind).toBe("shift");
  });

  it("for too few runs, dates the status from where the latest run began", () => {
    const result = analyseRunChart(weeks(fromBlocks([5, 5], true)), { baselinePoints: 10 });
    expect(result.ihi.shifts).toEqual([]);
    expect(statusNow(result)).toMatchObject({ status: "improving", since: weekStart(5) });
  });
});

describe("suggesting a new phase", () => {
  it("suggests one from the first week of a shift still running after 8 points, and not before", () => {
    const eight = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 8)]), { baselinePoints: 8 });
    expect(suggestedPhase(eight)).toEqual({ startDate: weekStart(8), direction: "up", points: 8 });
    const seven = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 7)]), { baselinePoints: 8 });
    expect(suggestedPhase(seven)).toBeNull();
  });

  it("suggests nothing once the shift has ended, for a trend, or when the phase already starts there", () => {
    expect(suggestedPhase(analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 8), 4, 6, 4]), { baselinePoints: 8 }))).toBeNull();
    expect(suggestedPhase(analyseRunChart(weeks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])))).toBeNull();
    const rephased = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 8)]), { baselinePoints: 8, phaseStarts: [weekStart(8)] });
    expect(suggestedPhase(rephased)).toBeNull();
  });

  it("suggests one for a sustained deterioration too", () => {
    expect(suggestedPhase(analyseRunChart(weeks([...BASELINE_8, ...repeat(2, 9)]), { baselinePoints: 8 }))).toMatchObject({ direction: "down" });
  });
});

describe("which way each signalled point points", () => {
  it("takes a shift's side, a trend's slope, and leaves unsignalled points without a direction", () => {
    const up = analyseRunChart(weeks([...BASELINE_8, ...repeat(7, 7)]), { baselinePoints: 8 });
    expect(up.points.filter((p) => p.signals.includes("shift")).every((p) => p.signalDirection === "up")).toBe(true);
    expect(up.points.filter((p) => p.signals.length === 0).every((p) => p.signalDirection === null)).toBe(true);
    const trend = analyseRunChart(weeks([9, 8, 7, 6, 5]));
    expect(trend.points.map((p) => p.signalDirection)).toEqual(["down", "down", "down", "down", "down"]);
  });

  it("lets a shift decide over a trend on the same point", () => {
    // Shift up over weeks 4-9 and a down-trend over weeks 5-9: the shared points are the shift's.
    const result = analyseRunChart(weeks([8, 2, 8, 2, 10, 10, 9, 8, 7, 6]), { baselinePoints: 4 });
    expect(result.points.slice(4).map((p) => p.signalDirection)).toEqual(["up", "up", "up", "up", "up", "up"]);
  });
});
