import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  D2,
  MR_SCREEN_FACTOR,
  analysePChart,
  checkOverdispersion,
  pChartLimits,
  responsesForUpperLimitBelow100,
  type PChartResult,
} from "../../../lib/analytics/p-chart";
import { isSuppressed } from "../../../lib/analytics/suppression";
import { repeat, weekStart, weeks, type Spec } from "./helpers";

/** Every period has 100 responses; the numbers are the "yes" counts. */
function per100(yes: readonly number[]) {
  return weeks(yes.map((x): Spec => [x, 100]));
}

// Four baseline periods of 100 with p̄ = 320/400 = 0.8 exactly: σ = 0.04, 2σ lines 0.72/0.88,
// 3σ limits 0.68/0.92.
const BASE = [80, 78, 82, 80];
const B4 = { baselinePoints: 4 };

function flagged(result: PChartResult, signal: string): number[] {
  return result.points.flatMap((p, i) => (p.signals.includes(signal as never) ? [i] : []));
}

describe("p-chart limits", () => {
  it("computes p̄ as Σx ÷ Σn, not the mean of the percentages", () => {
    // 10/10 = 100% and 45/90 = 50%: mean of percentages 75%, weighted 55/100 = 55%.
    const result = analysePChart(weeks([[10, 10], [45, 90]]));
    expect(result.phases[0]?.centre).toBe(0.55);
  });

  it("gives hand-computed limits for n = 25 and n = 100 around p̄ = 0.8, clipped at 100%", () => {
    // x = 22, 78, 18, 82 of 25, 100, 25, 100: Σx = 200, Σn = 250, p̄ = 0.8.
    const result = analysePChart(weeks([[22, 25], [78, 100], [18, 25], [82, 100]]));
    expect(result.phases[0]?.centre).toBe(0.8);
    // n = 25: σ = √(0.16/25) = 0.08 → 3σ: 0.56 .. 1.04 (clipped to 1); 2σ: 0.64 .. 0.96.
    expect(result.points[0]?.limits).toEqual({ lower3: 0.56, upper3: 1, lower2: 0.64, upper2: 0.96 });
    // n = 100: σ = 0.04 → 3σ: 0.68 .. 0.92; 2σ: 0.72 .. 0.88.
    expect(result.points[1]?.limits).toEqual({ lower3: 0.68, upper3: 0.92, lower2: 0.72, upper2: 0.88 });
  });

  it("gives hand-computed limits for n = 50 (σ = √0.0032 = 0.0565685)", () => {
    const l = pChartLimits(0.8, 50);
    expect(l.lower3).toBeCloseTo(0.630294, 6);
    expect(l.upper3).toBeCloseTo(0.969706, 6);
    expect(l.lower2).toBeCloseTo(0.686863, 6);
    expect(l.upper2).toBeCloseTo(0.913137, 6);
  });

  it("clips the lower limit at 0", () => {
    expect(pChartLimits(0.1, 10).lower3).toBe(0);
    expect(pChartLimits(0.1, 10).upper3).toBeCloseTo(0.1 + 3 * Math.sqrt(0.009), 12);
  });

  it("has no limits for a period with no responses; a suppressed period keeps limits but shows no value", () => {
    const result = analysePChart(weeks([8, null, [2, 3], 8]));
    expect(result.points[1]?.limits).toBeNull();
    expect(result.points[2]).toMatchObject({ suppressed: true, yes: null, value: null, signals: [], variation: null });
    expect(result.points[2]?.limits).not.toBeNull();
  });

  it("leaves suppressed and excluded periods out of p̄", () => {
    const result = analysePChart(weeks([8, [0, 3], 6, 1]), { excluded: [weekStart(3)] });
    expect(result.phases[0]).toMatchObject({ baselinePoints: 2, centre: 0.7 });
  });

  it("reproduces the reference: with p̄ = 0.8 the upper limit is below 100% only from n = 37", () => {
    expect(pChartLimits(0.8, 36).upper3).toBe(1);
    expect(pChartLimits(0.8, 37).upper3).toBeLessThan(1);
    expect(responsesForUpperLimitBelow100(0.8)).toBe(37);
    expect(responsesForUpperLimitBelow100(0.5)).toBe(10); // n > 9
    expect(responsesForUpperLimitBelow100(0)).toBe(1);
    expect(responsesForUpperLimitBelow100(1)).toBeNull();
    const result = analysePChart(per100(BASE));
    expect(result.phases[0]?.responsesForUpperLimitBelow100).toBe(37);
  });
});

describe("special-cause rules (Making Data Count)", () => {
  it("treats a point exactly on the 3σ limit as inside, and one just beyond as outside", () => {
    // p̄ = 320/400 = 0.8, lower 3σ limit at n = 100 is exactly 0.68.
    const on = analysePChart(per100([68, 84, 84, 84]));
    expect(on.phases[0]?.centre).toBe(0.8);
    expect(flagged(on, "spc-outside-3sigma")).toEqual([]);
    const beyond = analysePChart(per100([67, 84, 84, 85]));
    expect(flagged(beyond, "spc-outside-3sigma")).toEqual([0]);
    expect(beyond.points[0]?.variation).toBe("concern");
  });

  it("flags a point above the upper 3σ limit as improvement", () => {
    const result = analysePChart(per100([...BASE, 93]), B4);
    expect(flagged(result, "spc-outside-3sigma")).toEqual([4]);
    expect(result.points[4]?.variation).toBe("improvement");
    expect(result.variation).toBe("improvement");
  });

  it("flags two of three beyond 2σ on the same side, marking the two", () => {
    const result = analysePChart(per100([...BASE, 90, 85, 89]), B4);
    expect(flagged(result, "spc-two-of-three")).toEqual([4, 6]);
    expect(result.points[5]?.signals).toEqual([]);
    expect(result.variation).toBe("improvement");
  });

  it("counts a point beyond 3σ as beyond 2σ too (the Western Electric rule as written; NHSRplotthedots counts only points between 2σ and 3σ)", () => {
    const result = analysePChart(per100([...BASE, 93, 85, 89]), B4);
    expect(flagged(result, "spc-two-of-three")).toEqual([4, 6]);
    expect(flagged(result, "spc-outside-3sigma")).toEqual([4]);
  });

  it("needs all three on the same side, and two beyond", () => {
    expect(flagged(analysePChart(per100([...BASE, 90, 79, 89]), B4), "spc-two-of-three")).toEqual([]);
    expect(flagged(analysePChart(per100([...BASE, 89, 85, 86]), B4), "spc-two-of-three")).toEqual([]);
    // On the 2σ line (0.88) is not beyond it.
    expect(flagged(analysePChart(per100([...BASE, 88, 85, 89]), B4), "spc-two-of-three")).toEqual([]);
  });

  it("flags 7 points on one side as a shift, not 6", () => {
    const seven = analysePChart(per100([...BASE, ...repeat(81, 7)]), B4);
    expect(flagged(seven, "spc-shift")).toEqual([4, 5, 6, 7, 8, 9, 10]);
    const six = analysePChart(per100([...BASE, ...repeat(81, 6)]), B4);
    expect(flagged(six, "spc-shift")).toEqual([]);
  });

  it("breaks a shift at a point on the centre line (unlike the IHI rule)", () => {
    const result = analysePChart(per100([...BASE, 81, 81, 81, 80, 81, 81, 81, 81]), B4);
    expect(flagged(result, "spc-shift")).toEqual([]);
  });

  it("continues a shift across a suppressed period", () => {
    const specs: Spec[] = [...BASE.map((x): Spec => [x, 100]), [81, 100], [81, 100], [81, 100], [1, 2], [81, 100], [81, 100], [81, 100], [81, 100]];
    const result = analysePChart(weeks(specs), B4);
    expect(flagged(result, "spc-shift")).toEqual([4, 5, 6, 8, 9, 10, 11]);
  });

  it("flags 7 points each higher than the one before as a trend; an equal value breaks it", () => {
    const trend = analysePChart(per100([...BASE, 70, 72, 74, 76, 78, 79, 81]), B4);
    expect(flagged(trend, "spc-trend")).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(trend.points[4]?.variation).toBe("improvement");

    const broken = analysePChart(per100([...BASE, 70, 72, 74, 74, 76, 78, 79, 81]), B4);
    expect(flagged(broken, "spc-trend")).toEqual([]);
    const six = analysePChart(per100([...BASE, 72, 74, 76, 78, 79, 81]), B4);
    expect(flagged(six, "spc-trend")).toEqual([]);
  });

  it("flags a falling trend as concern", () => {
    // Six above then one below, so no shift competes with the trend.
    const result = analysePChart(per100([...BASE, 86, 85, 84, 83, 82, 81, 79]), B4);
    expect(flagged(result, "spc-trend")).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(result.variation).toBe("concern");
  });

  it("lets the point's side decide when a rising trend meets a low shift", () => {
    const result = analysePChart(per100([...BASE, 70, 71, 72, 73, 74, 75, 76]), B4);
    expect(result.points[10]?.signals).toEqual(["spc-shift", "spc-trend"]);
    expect(result.variation).toBe("concern");
  });

  it("shows common cause when nothing fires on the latest point", () => {
    const result = analysePChart(per100([...BASE, 93, 80]), B4);
    expect(result.points[4]?.variation).toBe("improvement");
    expect(result.variation).toBe("common-cause");
  });
});

describe("assurance icon and trial limits", () => {
  const periods = per100([...BASE, 80, 81]);

  it("compares the target with the latest point's limits (0.68 .. 0.92 here)", () => {
    expect(analysePChart(periods, { ...B4, target: 0.6 }).assurance).toBe("consistently-passing");
    expect(analysePChart(periods, { ...B4, target: 0.95 }).assurance).toBe("consistently-failing");
    expect(analysePChart(periods, { ...B4, target: 0.9 }).assurance).toBe("hit-and-miss");
    expect(analysePChart(periods, { ...B4, target: 0.68 }).assurance).toBe("hit-and-miss");
    expect(analysePChart(periods, B4).assurance).toBeNull();
    expect(analysePChart(periods, { ...B4, target: null }).assurance).toBeNull();
  });

  it("rejects a target outside 0..1", () => {
    expect(() => analysePChart(periods, { target: 80 })).toThrow(RangeError);
  });

  it("marks limits as trial below 13 baseline points", () => {
    expect(analysePChart(per100(repeat(80, 12))).trialLimits).toBe(true);
    expect(analysePChart(per100(repeat(80, 13))).trialLimits).toBe(false);
    expect(analysePChart(per100(repeat(80, 20)), { baselinePoints: 12 }).trialLimits).toBe(true);
  });
});

describe("Laney p′", () => {
  // z = 0, −2.5, 2.5, 0; moving ranges 2.5, 5, 2.5 → mean 10/3; σ_z = (10/3)/1.128 = 2.955083.
  const periods = per100([80, 70, 90, 80]);

  it("computes σ_z from the mean moving range of z over the baseline", () => {
    const result = analysePChart(periods, { method: "laney" });
    expect(D2).toBe(1.128);
    expect(result.phases[0]?.sigmaZ).toBeCloseTo(10 / 3 / 1.128, 12);
    expect(result.method).toBe("laney");
  });

  it("widens the limits by σ_z: p̄ ± 3·0.04·2.955083", () => {
    const result = analysePChart(periods, { method: "laney" });
    expect(result.points[0]?.limits).toEqual({ lower3: 0.4454, upper3: 1, lower2: 0.5636, upper2: 1 });
    const ordinary = analysePChart(periods);
    expect(ordinary.method).toBe("p");
    expect(ordinary.points[0]?.limits).toEqual({ lower3: 0.68, upper3: 0.92, lower2: 0.72, upper2: 0.88 });
  });

  it("turns a p-chart signal into common cause when the data are over-dispersed", () => {
    const data = per100([80, 70, 90, 80, 66]);
    const opts = { baselinePoints: 4 };
    expect(flagged(analysePChart(data, opts), "spc-outside-3sigma")).toEqual([4]);
    expect(flagged(analysePChart(data, { ...opts, method: "laney" }), "spc-outside-3sigma")).toEqual([]);
  });

  it("screens σ_z's moving ranges by default, as qicharts2 does: those over 3.267 times their mean are left out", () => {
    // One wild week (30%): its two moving ranges (50 points each) are over 3.267 × the mean of all
    // eleven (116/11); the other nine (16 points in all) make σ_z. Every week has 100 responses, so z's
    // moving ranges are the value's, scaled alike, and the ratio of the two σ_z is exact.
    const wild = per100([80, 78, 82, 80, 79, 81, 80, 30, 80, 81, 79, 80]);
    const screened = analysePChart(wild, { method: "laney" });
    const unscreened = analysePChart(wild, { method: "laney", screenMovingRanges: false });
    expect(MR_SCREEN_FACTOR).toBe(3.267);
    expect(screened.phases[0]?.movingRangesScreenedOut).toBe(2);
    expect(unscreened.phases[0]?.movingRangesScreenedOut).toBe(0);
    expect(screened.phases[0]!.sigmaZ! / unscreened.phases[0]!.sigmaZ!).toBeCloseTo(16 / 9 / (116 / 11), 12);
    // Narrower limits: the wild week is now outside them.
    expect(flagged(screened, "spc-outside-3sigma")).toContain(7);
  });

  it("falls back to the ordinary p-chart when σ_z cannot be estimated (p̄ = 1)", () => {
    const result = analysePChart(per100([100, 100, 100]), { method: "laney" });
    expect(result.method).toBe("p");
    expect(result.phases[0]?.sigmaZ).toBeNull();
  });
});

describe("over-dispersion check", () => {
  it("suggests p′ for strongly over-dispersed data with enough points", () => {
    const check = checkOverdispersion(per100([70, 90, 70, 90, 70, 90, 70, 90, 70, 90, 70, 90]));
    expect(check.sigmaZ).toBeCloseTo(5 / 1.128, 12);
    expect(check).toMatchObject({ points: 12, suggestLaney: true });
  });

  it("does not suggest it with too few points or binomial-looking data", () => {
    expect(checkOverdispersion(per100([70, 90, 70, 90, 70])).suggestLaney).toBe(false);
    expect(checkOverdispersion(per100(repeat(80, 12)))).toEqual({ sigmaZ: 0, points: 12, suggestLaney: false });
    expect(checkOverdispersion(per100([80, 82, 80, 78, 80, 82, 80, 78, 80, 82, 80, 78])).suggestLaney).toBe(false);
  });

  it("reports the same σ_z on the p-chart's phase", () => {
    const data = per100([70, 90, 70, 90, 70, 90, 70, 90, 70, 90, 70, 90]);
    expect(analysePChart(data).phases[0]).toMatchObject({ suggestLaney: true, method: "p" });
  });
});

describe("phases and edge cases", () => {
  it("gives each phase its own centre line", () => {
    const result = analysePChart(per100([80, 80, 80, 90, 90, 90]), { phaseStarts: [weekStart(3)] });
    expect(result.phases.map((p) => p.centre)).toEqual([0.8, 0.9]);
    expect(result.points.map((p) => p.centre)).toEqual([0.8, 0.8, 0.8, 0.9, 0.9, 0.9]);
  });

  it("handles an empty series and a series without usable values", () => {
    expect(analysePChart([])).toEqual({ points: [], phases: [], method: "p", trialLimits: true, variation: null, assurance: null });
    const none = analysePChart(weeks([null, [1, 2]]), { target: 0.5 });
    expect(none.phases[0]?.centre).toBeNull();
    expect(none.points[1]?.limits).toBeNull();
    expect(none.variation).toBeNull();
    expect(none.assurance).toBeNull();
  });

  it("never depends on the yes counts of suppressed periods", () => {
    const cell = fc.integer({ min: 0, max: 30 }).chain((n) => fc.integer({ min: 0, max: n }).map((x) => [x, n] as const));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), fc.nat(), (cells, seed) => {
        const changed = cells.map(([x, n], i): Spec => (isSuppressed(n) ? [(x + seed + i) % (n + 1), n] : [x, n]));
        expect(analysePChart(weeks(changed), { target: 0.8 })).toEqual(analysePChart(weeks(cells), { target: 0.8 }));
      }),
      { numRuns: 200 },
    );
  });

  it("mirrors improvement and concern when every value is reflected (x → n − x)", () => {
    const cell = fc.integer({ min: 5, max: 60 }).chain((n) => fc.integer({ min: 0, max: n }).map((x) => [x, n] as const));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 30 }), (cells) => {
        const a = analysePChart(weeks(cells));
        const b = analysePChart(weeks(cells.map(([x, n]): Spec => [n - x, n])));
        const flip = { improvement: "concern", concern: "improvement", "common-cause": "common-cause" } as const;
        expect(b.points.map((p) => p.signals)).toEqual(a.points.map((p) => p.signals));
        expect(b.points.map((p) => p.variation)).toEqual(a.points.map((p) => (p.variation ? flip[p.variation] : null)));
      }),
      { numRuns: 200 },
    );
  });
});
