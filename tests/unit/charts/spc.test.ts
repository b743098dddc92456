import { describe, expect, it } from "vitest";
import { addDays, enumeratePeriods, type PeriodCounts } from "@/lib/analytics";
import { describeSpc, limitsNote, spcAnalysis } from "@/lib/charts/spc";

// The SPC view's own logic: which chart is drawn and why, its limits against hand-computed values,
// and what it says in words.

function series(yes: readonly number[], responses = 100): PeriodCounts[] {
  const periods = enumeratePeriods("2026-01-05", "2027-12-31", "week");
  return yes.map((y, i) => ({ ...periods[i]!, responses, yes: y }));
}

const BASE = { interval: "week" as const, minResponses: 5 };

describe("choosing between the p-chart and Laney's p′", () => {
  // n = 100, alternating 76 and 84 yes: p̄ = 0.8, σt = 0.04, z = ±1, every moving range 2, so
  // σz = 2 / 1.128 = 1.773: over-dispersed (above 1.5, from 12 points).
  const dispersed = series(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 76 : 84)));

  it("uses p′ when over-dispersed, with limits p̄ ± 3·σt·σz (hand-computed)", () => {
    const { result, choice } = spcAnalysis(dispersed, { ...BASE, chart: "auto" });
    expect(choice).toMatchObject({ requested: "auto", used: "pprime", sigmaZ: 1.773, points: 12, overdispersed: true });
    expect(choice.explanation).toContain("Laney's p′ chart is used");
    expect(choice.explanation).toContain("σz = 1.77 from 12 weeks");
    // 0.8 ± 3 × 0.04 × 1.77305 = 0.8 ± 0.21277 (upper clipped at 100%); 2σ: 0.8 ± 0.14184.
    expect(result.points[0]?.limits).toEqual({ lower3: 0.5872, upper3: 1, lower2: 0.6582, upper2: 0.9418 });
    expect(result.points[0]?.centre).toBe(0.8);
  });

  it("draws the p-chart when asked, with limits p̄ ± 3·0.04, and warns that it is over-dispersed", () => {
    const { result, choice } = spcAnalysis(dispersed, { ...BASE, chart: "p" });
    expect(choice.used).toBe("p");
    expect(choice.explanation).toContain("look over-dispersed");
    expect(result.points[0]?.limits).toEqual({ lower3: 0.68, upper3: 0.92, lower2: 0.72, upper2: 0.88 });
  });

  it("keeps the p-chart when the variation is binomial (σz = 1 / 1.128 = 0.887)", () => {
    const calm = series(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 78 : 82)));
    const { choice } = spcAnalysis(calm, { ...BASE, chart: "auto" });
    expect(choice).toMatchObject({ used: "p", sigmaZ: 0.887, overdispersed: false });
    expect(choice.explanation).toContain("in line with chance");
    const asked = spcAnalysis(calm, { ...BASE, chart: "pprime" }).choice;
    expect(asked.used).toBe("pprime");
    expect(asked.explanation).toContain("narrower than the p-chart's");
  });

  it("says when there are too few points to judge, and when σz cannot be estimated", () => {
    const short = spcAnalysis(series([76, 84, 76, 84, 76]), { ...BASE, chart: "auto" }).choice;
    expect(short.used).toBe("p");
    expect(short.explanation).toContain("too few to judge over-dispersion");
    const allYes = spcAnalysis(series([100, 100, 100]), { ...BASE, chart: "pprime" }).choice;
    expect(allYes).toMatchObject({ used: "p", sigmaZ: null });
    expect(allYes.explanation).toContain("although p′ was asked for");
  });
});

describe("trial limits, icons and words", () => {
  it("marks fewer than 13 points as trial limits, and compares the aim with the latest limits", () => {
    const twelve = series(Array.from({ length: 12 }, () => 80));
    const { result } = spcAnalysis(twelve, { ...BASE, chart: "p", target: 0.95 });
    expect(result.trialLimits).toBe(true);
    // Latest limits 0.68 to 0.92: an aim of 95% is above them.
    expect(result.assurance).toBe("consistently-failing");
    expect(spcAnalysis(series(Array.from({ length: 13 }, () => 80)), { ...BASE, chart: "p" }).result.trialLimits).toBe(false);
  });

  it("describes a point beyond the upper limit as improvement", () => {
    // 12 weeks alternating 79 and 82 of 100, then 95 of 100: p̄ = 1061/1300 = 0.8162, upper limit
    // 0.8162 + 3 × 0.0387 = 0.9324 at n = 100.
    const { result } = spcAnalysis(series([...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 79 : 82)), 95]), { ...BASE, chart: "p" });
    expect(result.variation).toBe("improvement");
    expect(describeSpc(result, "week")).toEqual(["Beyond a 3σ limit: Week of 30 Mar 2026 (95.0%) — improvement (higher)."]);
  });

  it("describes seven in a row below the centre line as a shift, concern", () => {
    const yes = [...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 9 : 8)), ...Array.from({ length: 7 }, () => 5)];
    const { result } = spcAnalysis(series(yes, 10), { ...BASE, chart: "p" });
    expect(result.variation).toBe("concern");
    expect(describeSpc(result, "week")).toContain(
      "Shift (7 or more in a row on one side of the centre line): 7 weeks from 30 March 2026 to 11 May 2026 — concern (lower).",
    );
  });

  it("sums up a long run of points beyond the limits as one finding, not a list of every week", () => {
    // 13 weeks at 50/100 then 13 at 90/100: p̄ = 0.7, limits 0.7 ± 3 × 0.0458 = 0.5625 to 0.8375: all beyond.
    const { result } = spcAnalysis(series([...Array.from({ length: 13 }, () => 50), ...Array.from({ length: 13 }, () => 90)]), { ...BASE, chart: "p" });
    const lines = describeSpc(result, "week");
    expect(lines).toContain("Beyond a 3σ limit: 13 weeks from 5 January 2026 to 30 March 2026 — concern (lower).");
    expect(lines).toContain("Beyond a 3σ limit: 13 weeks from 6 April 2026 to 29 June 2026 — improvement (higher).");
    expect(lines.every((line) => !line.includes("Week of"))).toBe(true);
  });

  it("says for which numbers of responses the upper limit is below 100% (37 at p̄ = 0.8)", () => {
    const { result } = spcAnalysis(series([...Array.from({ length: 6 }, () => 8), ...Array.from({ length: 6 }, () => 40)], 10).map((p, i) => (i < 6 ? p : { ...p, responses: 50 })), {
      ...BASE,
      chart: "p",
    });
    // p̄ = (48 + 240) / (60 + 300) = 0.8 exactly; n must exceed 9 × 288 / 72 = 36.
    const note = limitsNote(result, "week");
    expect(note).toMatchObject({ responsesNeeded: 37, periods: 12, periodsWithEnough: 6 });
    expect(note?.text).toContain("With the centre line at 80.0%, the upper limit is below 100% only for a week with at least 37 responses");
  });
});

describe("which σz the SPC view used", () => {
  it("says the moving ranges were screened (the default) and how many were left out, or that none were", () => {
    const values = [80, 78, 82, 80, 79, 81, 80, 30, 80, 81, 79, 80];
    const series = values.map((yes, i) => {
      const start = addDays("2026-01-05", 7 * i);
      return { start, end: addDays(start, 6), responses: 100, yes };
    });
    const screened = spcAnalysis(series, { chart: "pprime", interval: "week", minResponses: 5 }).choice;
    expect(screened).toMatchObject({ screened: true, screenedOut: 2 });
    expect(screened.explanation).toContain("its moving ranges screened as qicharts2 does: 2 moving ranges over 3.267 times their mean left out");
    const all = spcAnalysis(series, { chart: "pprime", interval: "week", minResponses: 5, screen: false }).choice;
    expect(all).toMatchObject({ screened: false, screenedOut: 0 });
    expect(all.explanation).toContain("every moving range counted (not screened)");
  });
});
