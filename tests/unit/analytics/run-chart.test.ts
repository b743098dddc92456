import { describe, it, expect } from "vitest";
import { analyseRunChart, anhoejCrossingsMin, anhoejLongestRunMax } from "../../../lib/analytics/run-chart";
import { compareRatio, medianRatio, ratio, roundRatio } from "../../../lib/analytics/ratio";
import { type RunChartResult } from "../../../lib/analytics/run-chart-types";
import { fromBlocks, repeat, weekStart, weeks, type Spec } from "./helpers";

// Twelve baseline values alternating 0.6 / 0.4 and ending BELOW the median (0.5), so nothing after
// the baseline can join a run that started inside it by accident.
const ALTERNATING_BASELINE: Spec[] = [6, 4, 6, 4, 6, 4, 6, 4, 6, 4, 6, 4];

function signalsAt(result: RunChartResult, index: number): string[] {
  return result.points[index]?.signals ?? ["<missing point>"];
}

function indicesWith(result: RunChartResult, signal: string): number[] {
  return result.points.flatMap((p, i) => (p.signals.includes(signal as never) ? [i] : []));
}

describe("exact rationals", () => {
  it("compares fractions exactly, including ones floats get wrong", () => {
    expect(compareRatio(ratio(1, 3), ratio(2, 6))).toBe(0);
    expect(compareRatio(ratio(2, 3), ratio(3, 5))).toBe(1);
    // (0.1 + 0.2) / 2 in floating point is 0.15000000000000002, not 3/20:
    expect(compareRatio(medianRatio([ratio(1, 10), ratio(2, 10)]), ratio(3, 20))).toBe(0);
  });

  it("rounds half up to 4 decimals with integer arithmetic", () => {
    expect(roundRatio(ratio(2, 3))).toBe(0.6667);
    expect(roundRatio(ratio(1, 8))).toBe(0.125);
    expect(roundRatio(ratio(1, 20000))).toBe(0.0001); // 0.00005 rounds up
    expect(roundRatio(ratio(1, 20001))).toBe(0); // just under half
    expect(roundRatio(ratio(5, 12))).toBe(0.4167);
  });

  it("takes the median of odd and even lists", () => {
    expect(medianRatio([ratio(3, 10), ratio(1, 10), ratio(2, 10)])).toEqual(ratio(2, 10));
    expect(compareRatio(medianRatio([ratio(1, 3), ratio(1, 2)]), ratio(5, 12))).toBe(0);
    expect(() => medianRatio([])).toThrow(RangeError);
  });
});

describe("points: suppression, empty periods and display values", () => {
  it("hides the count and value of a period below the minimum, but not of an empty one", () => {
    const result = analyseRunChart(weeks([[2, 3], null, [3, 5], [2, 3]]), { minResponses: 5 });
    expect(result.points[0]).toMatchObject({ responses: 3, yes: null, value: null, suppressed: true });
    expect(result.points[1]).toMatchObject({ responses: 0, yes: 0, value: null, suppressed: false });
    expect(result.points[2]).toMatchObject({ responses: 5, yes: 3, value: 0.6, suppressed: false });
  });

  it("respects a different minimum", () => {
    const result = analyseRunChart(weeks([[2, 3], [1, 2]]), { minResponses: 3 });
    expect(result.points[0]).toMatchObject({ yes: 2, value: 0.6667, suppressed: false });
    expect(result.points[1]).toMatchObject({ yes: null, value: null, suppressed: true });
  });

  it("defaults the minimum to 5", () => {
    const result = analyseRunChart(weeks([[3, 4], [3, 5]]));
    expect(result.points.map((p) => p.suppressed)).toEqual([true, false]);
  });

  it("keeps period dates and assigns phase 0 without re-phasing", () => {
    const result = analyseRunChart(weeks([5, 6]));
    expect(result.points.map((p) => [p.start, p.end, p.phase])).toEqual([
      ["2026-01-05", "2026-01-11", 0],
      ["2026-01-12", "2026-01-18", 0],
    ]);
  });
});

describe("centre line and baseline", () => {
  it("freezes the median of the first 12 values; later values do not move it", () => {
    const specs: Spec[] = [5, 6, 7, 5, 6, 7, 5, 6, 7, 5, 6, 7, 10, 10, 10];
    const result = analyseRunChart(weeks(specs));
    expect(result.phases).toEqual([{ start: "2026-01-05", baselinePoints: 12, median: 0.6, provisional: false }]);
  });

  it("uses a provisional median of all values when there are fewer than the baseline", () => {
    const result = analyseRunChart(weeks([2, 8, 5]));
    expect(result.phases[0]).toEqual({ start: "2026-01-05", baselinePoints: 3, median: 0.5, provisional: true });
  });

  it("averages the two middle values of an even baseline exactly", () => {
    const result = analyseRunChart(weeks([[2, 6], [3, 6]]));
    expect(result.phases[0]?.median).toBe(0.4167); // (1/3 + 1/2) / 2 = 5/12
  });

  it("skips suppressed, empty and excluded periods when choosing the baseline", () => {
    const specs: Spec[] = [5, [1, 2], null, 7, 9, 6, 1];
    const result = analyseRunChart(weeks(specs), { baselinePoints: 3, excluded: [weekStart(4)] });
    // Baseline = 0.5, 0.7, 0.6 (the 0.9 is excluded; the later 0.1 is after the baseline).
    expect(result.phases[0]).toEqual({ start: "2026-01-05", baselinePoints: 3, median: 0.6, provisional: false });
    expect(result.points[4]).toMatchObject({ excluded: true, value: 0.9, yes: 9, signals: [] });
  });

  it("accepts the exclusions as a Set too", () => {
    const result = analyseRunChart(weeks([5, 9, 7, 6]), { baselinePoints: 3, excluded: new Set([weekStart(1)]) });
    expect(result.phases[0]?.median).toBe(0.6);
  });

  it("treats a value exactly equal to the median as on it, even when floats disagree", () => {
    // Median of 1/10 and 2/10 is 3/20; 3/20 and 6/40 lie exactly on it and are not useful.
    const result = analyseRunChart(weeks([[1, 10], [2, 10], [3, 20], [6, 40], [1, 10]]), { baselinePoints: 2 });
    expect(result.phases[0]?.median).toBe(0.15);
    expect(result.ihi.runs.useful).toBe(3);
    expect(result.ihi.runs.runs).toBe(3);
  });
});

describe("IHI shift rule", () => {
  it("signals 6 consecutive points above the median", () => {
    const result = analyseRunChart(weeks([...ALTERNATING_BASELINE, ...repeat(7, 6)]));
    expect(result.ihi.shifts).toEqual([{ from: weekStart(12), to: weekStart(17), points: 6, direction: "up" }]);
    expect(indicesWith(result, "shift")).toEqual([12, 13, 14, 15, 16, 17]);
  });

  it("does not signal 5", () => {
    const result = analyseRunChart(weeks([...ALTERNATING_BASELINE, ...repeat(7, 5)]));
    expect(result.ihi.shifts).toEqual([]);
    expect(indicesWith(result, "shift")).toEqual([]);
  });

  it("signals 6 below the median as a downward shift", () => {
    const result = analyseRunChart(weeks([6, 4, 6, 4, 6, 4, 6, 4, 6, 4, 4, 6, ...repeat(3, 6)]));
    expect(result.ihi.shifts).toEqual([{ from: weekStart(12), to: weekStart(17), points: 6, direction: "down" }]);
  });

  it("skips a point on the median: it neither breaks the shift nor counts towards it", () => {
    const breaks = analyseRunChart(weeks([...ALTERNATING_BASELINE, 7, 7, 7, 5, 7, 7, 7]));
    expect(breaks.ihi.shifts).toEqual([{ from: weekStart(12), to: weekStart(18), points: 6, direction: "up" }]);
    expect(signalsAt(breaks, 15)).toEqual([]);

    const adds = analyseRunChart(weeks([...ALTERNATING_BASELINE, 7, 7, 7, 5, 7, 7]));
    expect(adds.ihi.shifts).toEqual([]);
  });

  it("is broken by a point on the other side", () => {
    const result = analyseRunChart(weeks([...ALTERNATING_BASELINE, 7, 7, 7, 3, 7, 7, 7]));
    expect(result.ihi.shifts).toEqual([]);
  });

  it("runs across suppressed and empty periods, which are skipped and never treated as 0", () => {
    const result = analyseRunChart(weeks([...ALTERNATING_BASELINE, 7, 7, 7, [1, 3], null, 7, 7, 7]));
    expect(result.ihi.shifts).toEqual([{ from: weekStart(12), to: weekStart(19), points: 6, direction: "up" }]);
    expect(signalsAt(result, 15)).toEqual([]);
    expect(signalsAt(result, 16)).toEqual([]);
  });

  it("counts points inside the baseline too", () => {
    const result = analyseRunChart(weeks([2, 2, 2, 2, 2, 2, 8, 8, 8, 8, 8, 8]));
    expect(result.ihi.shifts.map((s) => [s.points, s.direction])).toEqual([
      [6, "down"],
      [6, "up"],
    ]);
  });
});

describe("IHI trend rule", () => {
  it("signals 5 points each going up", () => {
    const result = analyseRunChart(weeks([1, 2, 3, 4, 5]));
    expect(result.ihi.trends).toEqual([{ from: weekStart(0), to: weekStart(4), points: 5, direction: "up" }]);
    expect(indicesWith(result, "trend")).toEqual([0, 1, 2, 3, 4]);
  });

  it("does not signal 4", () => {
    expect(analyseRunChart(weeks([1, 2, 3, 4])).ihi.trends).toEqual([]);
  });

  it("signals 5 going down", () => {
    const result = analyseRunChart(weeks([9, 8, 7, 6, 5]));
    expect(result.ihi.trends).toEqual([{ from: weekStart(0), to: weekStart(4), points: 5, direction: "down" }]);
  });

  it("counts equal consecutive values once: they do not make a trend", () => {
    expect(analyseRunChart(weeks([1, 2, 2, 3, 4])).ihi.trends).toEqual([]);
  });

  it("counts equal consecutive values once: they do not break a trend either", () => {
    const result = analyseRunChart(weeks([1, 2, 2, 3, 4, 5]));
    expect(result.ihi.trends).toEqual([{ from: weekStart(0), to: weekStart(5), points: 5, direction: "up" }]);
    expect(indicesWith(result, "trend")).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("compares equal values exactly (2/10 equals 4/20)", () => {
    const result = analyseRunChart(weeks([[1, 10], [2, 10], [4, 20], [3, 10], [4, 10]]));
    expect(result.ihi.trends).toEqual([]);
  });

  it("reports the tightest span when the ends repeat", () => {
    const result = analyseRunChart(weeks([3, 3, 4, 5, 6, 7, 7]));
    expect(result.ihi.trends).toEqual([{ from: weekStart(1), to: weekStart(5), points: 5, direction: "up" }]);
    expect(indicesWith(result, "trend")).toEqual([1, 2, 3, 4, 5]);
  });

  it("lets an up-trend and the following down-trend share the turning point", () => {
    const result = analyseRunChart(weeks([1, 2, 3, 4, 5, 4, 3, 2, 1]));
    expect(result.ihi.trends).toEqual([
      { from: weekStart(0), to: weekStart(4), points: 5, direction: "up" },
      { from: weekStart(4), to: weekStart(8), points: 5, direction: "down" },
    ]);
    expect(signalsAt(result, 4)).toEqual(["trend"]);
  });

  it("splits a flat peak between the two trends", () => {
    const result = analyseRunChart(weeks([1, 2, 3, 4, 5, 5, 4, 3, 2, 1]));
    expect(result.ihi.trends.map((t) => [t.from, t.to, t.direction])).toEqual([
      [weekStart(0), weekStart(4), "up"],
      [weekStart(5), weekStart(9), "down"],
    ]);
  });

  it("skips suppressed and empty periods instead of treating them as 0", () => {
    const result = analyseRunChart(weeks([5, 6, 7, 8, [0, 3], null, 9]));
    expect(result.ihi.trends).toEqual([{ from: weekStart(0), to: weekStart(6), points: 5, direction: "up" }]);
    expect(indicesWith(result, "trend")).toEqual([0, 1, 2, 3, 6]);
  });

  it("skips excluded periods", () => {
    const specs: Spec[] = [1, 2, 9, 3, 4, 5];
    expect(analyseRunChart(weeks(specs)).ihi.trends).toEqual([]);
    const result = analyseRunChart(weeks(specs), { excluded: [weekStart(2)] });
    expect(result.ihi.trends).toEqual([{ from: weekStart(0), to: weekStart(5), points: 5, direction: "up" }]);
  });

  it("includes points that lie on the median", () => {
    // Median of 1,2,3,4,5 is 0.3: the 0.3 is on it but still part of the trend.
    const result = analyseRunChart(weeks([1, 2, 3, 4, 5]));
    expect(result.phases[0]?.median).toBe(0.3);
    expect(result.ihi.trends[0]?.points).toBe(5);
  });
});

describe("IHI runs rule", () => {
  it("counts runs ignoring points on the median", () => {
    // Median 0.5 (middle of 2, 5, 8). Sides: L, (on), H, L, (on), L → runs L | H | L L = 3.
    const result = analyseRunChart(weeks([2, 5, 8, 2, 5, 2]), { baselinePoints: 3 });
    expect(result.ihi.runs).toMatchObject({ useful: 4, runs: 3, verdict: "not-applicable", lower: null, upper: null });
  });

  it("is not applicable with N = 9", () => {
    const result = analyseRunChart(weeks(fromBlocks(repeat(1, 9))), { baselinePoints: 4 });
    // Starting with 2,8,2,8 the baseline median is still 0.5.
    expect(result.phases[0]?.median).toBe(0.5);
    expect(result.ihi.runs).toEqual({ useful: 9, runs: 9, lower: null, upper: null, verdict: "not-applicable", latestSide: "down" });
    expect(indicesWith(result, "runs")).toEqual([]);
  });

  it("with N = 10 flags 10 runs as too many and accepts 9", () => {
    const tooMany = analyseRunChart(weeks(fromBlocks(repeat(1, 10))), { baselinePoints: 4 });
    expect(tooMany.ihi.runs).toMatchObject({ useful: 10, runs: 10, lower: 3, upper: 9, verdict: "too-many" });
    expect(indicesWith(tooMany, "runs")).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const expected = analyseRunChart(weeks(fromBlocks([...repeat(1, 8), 2])), { baselinePoints: 4 });
    expect(expected.ihi.runs).toMatchObject({ useful: 10, runs: 9, verdict: "expected" });
    expect(indicesWith(expected, "runs")).toEqual([]);
  });

  it("with N = 10 flags 2 runs as too few and accepts 3", () => {
    const tooFew = analyseRunChart(weeks(fromBlocks([5, 5])), { baselinePoints: 10 });
    expect(tooFew.ihi.runs).toEqual({ useful: 10, runs: 2, lower: 3, upper: 9, verdict: "too-few", latestSide: "up" });
    expect(tooFew.ihi.shifts).toEqual([]); // runs of 5 are too short for a shift
    const ok = analyseRunChart(weeks(fromBlocks([3, 5, 2])), { baselinePoints: 10 });
    expect(ok.ihi.runs).toMatchObject({ useful: 10, runs: 3, verdict: "expected" });
  });

  it("with N = 60 uses the last row of the table at both edges", () => {
    const run = (blocks: number[]) => analyseRunChart(weeks(fromBlocks(blocks)), { baselinePoints: 4 }).ihi.runs;
    const r23 = run([2, 2, ...repeat(3, 14), ...repeat(2, 7)]);
    expect(r23).toMatchObject({ useful: 60, runs: 23, lower: 24, upper: 38, verdict: "too-few" });
    const r24 = run([2, 2, ...repeat(3, 12), ...repeat(2, 10)]);
    expect(r24).toMatchObject({ useful: 60, runs: 24, verdict: "expected" });
    const r38 = run([2, 2, ...repeat(2, 20), ...repeat(1, 16)]);
    expect(r38).toMatchObject({ useful: 60, runs: 38, verdict: "expected" });
    const r39 = run([2, 2, ...repeat(2, 19), ...repeat(1, 18)]);
    expect(r39).toMatchObject({ useful: 60, runs: 39, verdict: "too-many" });
  });

  it("is not applicable with N = 61, however many runs", () => {
    const result = analyseRunChart(weeks(fromBlocks([2, 2, ...repeat(1, 57)])), { baselinePoints: 4 });
    expect(result.ihi.runs).toMatchObject({ useful: 61, runs: 59, lower: null, upper: null, verdict: "not-applicable" });
  });
});

describe("Anhøj rules", () => {
  it("gives longest-run limit 8 and crossings minimum 8 for n = 24", () => {
    expect(anhoejLongestRunMax(24)).toBe(8);
    expect(anhoejCrossingsMin(24)).toBe(8);
  });

  it("matches hand-worked limits, including round(log2 n) just either side of .5", () => {
    expect([1, 2, 10, 11, 12, 20, 23].map(anhoejLongestRunMax)).toEqual([3, 4, 6, 6, 7, 7, 8]);
    // log2(181) = 7.4998…, log2(182) = 7.5078…
    expect(anhoejLongestRunMax(181)).toBe(10);
    expect(anhoejLongestRunMax(182)).toBe(11);
    // n = 10: P(Bin(9, ½) ≤ 1) = 10/512 < 0.05 ≤ 46/512 = P(≤ 2).
    expect([1, 2, 10, 12, 14, 17, 19, 22, 30].map(anhoejCrossingsMin)).toEqual([0, 0, 2, 3, 4, 5, 6, 7, 10]);
  });

  it("has no limits for n = 0", () => {
    expect(anhoejLongestRunMax(0)).toBeNull();
    expect(anhoejCrossingsMin(0)).toBeNull();
  });

  it("agrees with a floating-point binomial CDF for n up to 300", () => {
    for (let n = 1; n <= 300; n += 1) {
      const m = n - 1;
      let p = 0.5 ** m;
      let cdf = 0;
      let c = 0;
      for (; c <= m; c += 1) {
        cdf += p;
        if (cdf >= 0.05) break;
        p = (p * (m - c)) / (c + 1);
      }
      expect(anhoejCrossingsMin(n), `n = ${n}`).toBe(c);
      expect(anhoejLongestRunMax(n), `n = ${n}`).toBe(Math.round(Math.log2(n)) + 3);
    }
  });

  it("n = 24 with a run of 9: long-run signal only, on the long run's points", () => {
    const result = analyseRunChart(weeks(fromBlocks([2, 2, 9, 1, 2, 2, 2, 2, 2])), { baselinePoints: 4 });
    expect(result.anhoej).toEqual({
      useful: 24,
      longestRun: 9,
      longestRunMax: 8,
      crossings: 8,
      crossingsMin: 8,
      signal: true,
      longestRunSignal: true,
      crossingsSignal: false,
    });
    expect(indicesWith(result, "anhoej-long-run")).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(indicesWith(result, "anhoej-crossings")).toEqual([]);
  });

  it("n = 24 with a run of exactly 8 and 8 crossings: no signal", () => {
    const result = analyseRunChart(weeks(fromBlocks([2, 2, 8, 2, 2, 2, 2, 2, 2])), { baselinePoints: 4 });
    expect(result.anhoej).toMatchObject({ useful: 24, longestRun: 8, crossings: 8, signal: false });
  });

  it("n = 24 with 7 crossings: crossings signal on every useful point", () => {
    const result = analyseRunChart(weeks(fromBlocks([2, 2, 4, 4, 3, 3, 3, 3])), { baselinePoints: 4 });
    expect(result.anhoej).toMatchObject({
      useful: 24,
      longestRun: 4,
      crossings: 7,
      crossingsMin: 8,
      signal: true,
      longestRunSignal: false,
      crossingsSignal: true,
    });
    expect(indicesWith(result, "anhoej-crossings")).toHaveLength(24);
  });

  it("n = 0 (every value on the median): no signal and no limits", () => {
    const result = analyseRunChart(weeks(repeat(8, 20)));
    expect(result.anhoej).toEqual({
      useful: 0,
      longestRun: 0,
      longestRunMax: null,
      crossings: 0,
      crossingsMin: null,
      signal: false,
      longestRunSignal: false,
      crossingsSignal: false,
    });
  });
});

describe("short and degenerate series", () => {
  it("handles no periods at all", () => {
    const result = analyseRunChart([]);
    expect(result.points).toEqual([]);
    expect(result.phases).toEqual([]);
    expect(result.phaseAnalyses).toEqual([]);
    expect(result.ihi.runs.verdict).toBe("not-applicable");
    expect(result.anhoej.signal).toBe(false);
  });

  it("handles a single point", () => {
    const result = analyseRunChart(weeks([7]));
    expect(result.phases[0]).toEqual({ start: "2026-01-05", baselinePoints: 1, median: 0.7, provisional: true });
    expect(result.ihi).toEqual({
      shifts: [],
      trends: [],
      runs: { useful: 0, runs: 0, lower: null, upper: null, verdict: "not-applicable", latestSide: null },
    });
  });

  it("handles a series with no usable value", () => {
    const result = analyseRunChart(weeks([null, [1, 2], null]));
    expect(result.phases[0]).toEqual({ start: "2026-01-05", baselinePoints: 0, median: null, provisional: true });
    expect(result.points.every((p) => p.signals.length === 0)).toBe(true);
  });

  it("handles an all-equal series: everything on the median, no trend from the repeats", () => {
    const result = analyseRunChart(weeks(repeat(8, 20)));
    expect(result.phases[0]?.median).toBe(0.8);
    expect(result.ihi.shifts).toEqual([]);
    expect(result.ihi.trends).toEqual([]);
    expect(result.ihi.runs).toMatchObject({ useful: 0, runs: 0, verdict: "not-applicable" });
  });
});

describe("phases", () => {
  const phase0: Spec[] = ALTERNATING_BASELINE;
  const phase1: Spec[] = [[8, 10], [9, 10], [8, 10], [9, 10], [8, 10], [9, 10], [8, 10], [9, 10], [8, 10], [9, 10], [8, 10], [9, 10]];

  it("gives each phase its own baseline, median and rules", () => {
    const specs = [...phase0, ...phase1];
    const single = analyseRunChart(weeks(specs));
    expect(single.ihi.shifts).toEqual([{ from: weekStart(12), to: weekStart(23), points: 12, direction: "up" }]);

    const result = analyseRunChart(weeks(specs), { phaseStarts: [weekStart(12)] });
    expect(result.phases).toEqual([
      { start: weekStart(0), baselinePoints: 12, median: 0.5, provisional: false },
      { start: weekStart(12), baselinePoints: 12, median: 0.85, provisional: false },
    ]);
    expect(result.points.map((p) => p.phase)).toEqual([...repeat(0, 12), ...repeat(1, 12)]);
    expect(result.phaseAnalyses.map((a) => a.ihi.shifts)).toEqual([[], []]);
    expect(result.ihi).toEqual(result.phaseAnalyses[1]?.ihi);
    expect(result.anhoej).toEqual(result.phaseAnalyses[1]?.anhoej);
    expect(result.phaseAnalyses.map((a) => [a.phase, a.start])).toEqual([
      [0, weekStart(0)],
      [1, weekStart(12)],
    ]);
  });

  it("evaluates rules within a phase only", () => {
    expect(analyseRunChart(weeks([1, 2, 3, 4, 5])).ihi.trends).toHaveLength(1);
    const result = analyseRunChart(weeks([1, 2, 3, 4, 5]), { phaseStarts: [weekStart(3)] });
    expect(result.phaseAnalyses.flatMap((a) => a.ihi.trends)).toEqual([]);
  });

  it("starts the new phase with the first period starting on or after the recorded date", () => {
    // 2026-03-25 is a Wednesday inside week 11 (starting 2026-03-23): week 11 stays in phase 0.
    const result = analyseRunChart(weeks([...phase0, ...phase1]), { phaseStarts: ["2026-03-25"] });
    expect(result.points[11]?.phase).toBe(0);
    expect(result.points[12]?.phase).toBe(1);
    expect(result.phases[1]?.start).toBe("2026-03-25");
  });

  it("ignores re-phase dates on or before the first period and duplicates; keeps an empty latest phase", () => {
    const result = analyseRunChart(weeks([...phase0, ...phase1]), {
      phaseStarts: ["2027-01-04", "2025-01-01", weekStart(0), weekStart(12), weekStart(12)],
    });
    expect(result.phases.map((p) => p.start)).toEqual([weekStart(0), weekStart(12), "2027-01-04"]);
    expect(result.phases[2]).toEqual({ start: "2027-01-04", baselinePoints: 0, median: null, provisional: true });
    expect(result.ihi.runs.useful).toBe(0);
  });

  it("rejects an invalid re-phase date", () => {
    expect(() => analyseRunChart(weeks([5]), { phaseStarts: ["2026-02-30"] })).toThrow(RangeError);
  });
});

describe("input validation", () => {
  it("rejects periods out of order or duplicated", () => {
    const [a, b] = weeks([5, 6]);
    if (!a || !b) throw new Error("fixture");
    expect(() => analyseRunChart([b, a])).toThrow(RangeError);
    expect(() => analyseRunChart([a, a])).toThrow(RangeError);
  });

  it("rejects impossible counts and options", () => {
    expect(() => analyseRunChart(weeks([[6, 5]]))).toThrow(RangeError);
    expect(() => analyseRunChart(weeks([[-1, 5]]))).toThrow(RangeError);
    expect(() => analyseRunChart(weeks([[1.5, 5]]))).toThrow(RangeError);
    expect(() => analyseRunChart(weeks([5]), { baselinePoints: 0 })).toThrow(RangeError);
    expect(() => analyseRunChart(weeks([5]), { minResponses: 0 })).toThrow(RangeError);
    expect(() =>
      analyseRunChart([{ start: "2026-01-12", end: "2026-01-05", responses: 5, yes: 1 }]),
    ).toThrow(RangeError);
  });
});
