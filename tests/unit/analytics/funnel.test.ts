import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { FUNNEL_Z_95, FUNNEL_Z_998, funnelCurve, funnelLimits, funnelPlot } from "../../../lib/analytics/funnel";

describe("funnel limits", () => {
  it("uses z = 1.96 and 3.09", () => {
    expect(FUNNEL_Z_95).toBe(1.96);
    expect(FUNNEL_Z_998).toBe(3.09);
  });

  it("matches hand-computed limits for p̄ = 0.8, n = 100 (se = 0.04)", () => {
    const l = funnelLimits(0.8, 100);
    expect(l.responses).toBe(100);
    expect(l.lower95).toBeCloseTo(0.7216, 12); // 0.8 − 1.96 × 0.04
    expect(l.upper95).toBeCloseTo(0.8784, 12);
    expect(l.lower998).toBeCloseTo(0.6764, 12); // 0.8 − 3.09 × 0.04
    expect(l.upper998).toBeCloseTo(0.9236, 12);
  });

  it("clips at 1 for small n (p̄ = 0.8, n = 25, se = 0.08)", () => {
    const l = funnelLimits(0.8, 25);
    expect(l.lower95).toBeCloseTo(0.6432, 12);
    expect(l.upper95).toBeCloseTo(0.9568, 12);
    expect(l.lower998).toBeCloseTo(0.5528, 12);
    expect(l.upper998).toBe(1);
  });

  it("clips at 0", () => {
    expect(funnelLimits(0.05, 10).lower95).toBe(0);
  });

  it("rejects impossible inputs", () => {
    expect(() => funnelLimits(1.2, 10)).toThrow(RangeError);
    expect(() => funnelLimits(0.5, 0)).toThrow(RangeError);
  });

  it("draws curves that narrow as n grows, from min to max", () => {
    const curve = funnelCurve(0.8, 1000, 5, 30);
    expect(curve[0]?.responses).toBe(5);
    expect(curve[curve.length - 1]?.responses).toBe(1000);
    for (let i = 1; i < curve.length; i += 1) {
      const a = curve[i - 1];
      const b = curve[i];
      if (!a || !b) throw new Error("missing");
      expect(b.responses).toBeGreaterThan(a.responses);
      expect(b.upper998 - b.lower998).toBeLessThanOrEqual(a.upper998 - a.lower998);
    }
  });
});

describe("funnelPlot", () => {
  it("classifies units against the overall proportion of units with enough responses", () => {
    const result = funnelPlot([
      { id: "A", responses: 100, yes: 95 }, // 0.95 > 0.9236: above both
      { id: "B", responses: 100, yes: 70 }, // 0.70: below the 95% limit 0.7216, inside 99.8% (0.6764)
      { id: "C", responses: 200, yes: 155 }, // 0.775: inside both (95%: 0.7446 .. 0.8554)
      { id: "D", responses: 3, yes: 3 }, // too few: hidden and left out of p̄
      { id: "E", responses: 0, yes: 0 },
    ]);
    expect(result.pBar).toBe(0.8); // 320 / 400
    expect(result.totalResponses).toBe(400);
    expect(result.totalYes).toBe(320);
    expect(result.units.map((u) => [u.id, u.classification, u.classification95])).toEqual([
      ["A", "above", "above"],
      ["B", "within", "below"],
      ["C", "within", "within"],
      ["D", "too-few", "too-few"],
      ["E", "too-few", "too-few"],
    ]);
    expect(result.units[3]).toMatchObject({ yes: null, value: null, limits: null });
    expect(result.units[1]).toMatchObject({ yes: 70, value: 0.7 });
    expect(result.units[1]?.limits?.lower95).toBeCloseTo(0.7216, 12);
  });

  it("counts a unit exactly on a limit as within (exact arithmetic)", () => {
    // p̄ = 2500/5000 = 0.5; n = 2500: se = 0.01, 95% limits exactly 0.4804 and 0.5196.
    const on = funnelPlot([
      { id: "hi", responses: 2500, yes: 1299 },
      { id: "lo", responses: 2500, yes: 1201 },
    ]);
    expect(on.units.map((u) => u.classification95)).toEqual(["within", "within"]);
    const off = funnelPlot([
      { id: "hi", responses: 2500, yes: 1300 },
      { id: "lo", responses: 2500, yes: 1200 },
    ]);
    expect(off.units.map((u) => u.classification95)).toEqual(["above", "below"]);
  });

  it("honours a different minimum", () => {
    const result = funnelPlot([{ id: "A", responses: 8, yes: 6 }], { minResponses: 10 });
    expect(result.units[0]?.classification).toBe("too-few");
    expect(result.pBar).toBeNull();
  });

  it("rejects impossible counts", () => {
    expect(() => funnelPlot([{ id: "A", responses: 5, yes: 6 }])).toThrow(RangeError);
    expect(() => funnelPlot([{ id: "A", responses: 5, yes: 1 }], { minResponses: 0 })).toThrow(RangeError);
  });

  it("agrees with the floating-point limits away from the boundary, and never depends on too-few units' yes", () => {
    const unit = fc.integer({ min: 0, max: 400 }).chain((n) => fc.integer({ min: 0, max: n }).map((yes) => ({ n, yes })));
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 20 }), fc.nat(), (raw, seed) => {
        const units = raw.map((u, i) => ({ id: String(i), responses: u.n, yes: u.yes }));
        const result = funnelPlot(units);
        for (const u of result.units) {
          if (u.classification === "too-few" || result.pBar === null) continue;
          const l = funnelLimits(result.pBar, u.responses);
          const v = (u.yes as number) / u.responses;
          if (Math.abs(v - l.upper998) > 1e-9 && Math.abs(v - l.lower998) > 1e-9) {
            expect(u.classification).toBe(v > l.upper998 ? "above" : v < l.lower998 ? "below" : "within");
          }
        }
        const changed = units.map((u, i) => (u.responses < 5 ? { ...u, yes: (u.yes + seed + i) % (u.responses + 1) } : u));
        expect(funnelPlot(changed)).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });
});
