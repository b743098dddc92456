import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { analyseRunChart } from "../../../lib/analytics/run-chart";
import { type PeriodCounts, type RunChartResult } from "../../../lib/analytics/run-chart-types";
import { isSuppressed } from "../../../lib/analytics/suppression";
import { weekStart } from "./helpers";

interface Cell {
  readonly responses: number;
  readonly yes: number;
}

// Small denominators (0..12) so that empty, suppressed, equal and on-median values are all common.
const cellArb: fc.Arbitrary<Cell> = fc
  .integer({ min: 0, max: 12 })
  .chain((responses) => fc.integer({ min: 0, max: responses }).map((yes) => ({ responses, yes })));

// Same denominator everywhere: values become k/10, so ties and long same-side runs are frequent.
const fixedCellArb: fc.Arbitrary<Cell> = fc.integer({ min: 0, max: 10 }).map((yes) => ({ responses: 10, yes }));

const seriesArb = fc.array(fc.oneof(cellArb, fixedCellArb), { minLength: 0, maxLength: 45 });
const baselineArb = fc.integer({ min: 1, max: 15 });

function toPeriods(cells: readonly Cell[]): PeriodCounts[] {
  return cells.map((c, i) => ({ start: weekStart(i), end: weekStart(i), responses: c.responses, yes: c.yes }));
}

function indexOfStart(result: RunChartResult, start: string): number {
  return result.points.findIndex((p) => p.start === start);
}

describe("run-chart properties", () => {
  it("reversing a series mirrors every trend (same span reversed, direction flipped)", () => {
    fc.assert(
      fc.property(seriesArb, (cells) => {
        const n = cells.length;
        const forward = analyseRunChart(toPeriods(cells));
        const backward = analyseRunChart(toPeriods([...cells].reverse()));
        const mirrored = forward.ihi.trends
          .map((t) => ({
            from: weekStart(n - 1 - indexOfStart(forward, t.to)),
            to: weekStart(n - 1 - indexOfStart(forward, t.from)),
            points: t.points,
            direction: t.direction === "up" ? "down" : "up",
          }))
          .sort((a, b) => (a.from < b.from ? -1 : 1));
        expect(backward.ihi.trends).toEqual(mirrored);
      }),
      { numRuns: 300 },
    );
  });

  it("reflecting every value (x → n − x, so value → 1 − value and median → 1 − median) flips shift and trend directions", () => {
    fc.assert(
      fc.property(seriesArb, baselineArb, (cells, baselinePoints) => {
        const original = analyseRunChart(toPeriods(cells), { baselinePoints });
        const reflected = analyseRunChart(
          toPeriods(cells.map((c) => ({ responses: c.responses, yes: c.responses - c.yes }))),
          { baselinePoints },
        );
        const flip = (d: "up" | "down") => (d === "up" ? "down" : "up");
        expect(reflected.ihi.shifts).toEqual(original.ihi.shifts.map((s) => ({ ...s, direction: flip(s.direction) })));
        expect(reflected.ihi.trends).toEqual(original.ihi.trends.map((t) => ({ ...t, direction: flip(t.direction) })));
        const { latestSide: a, ...restOriginal } = original.ihi.runs;
        const { latestSide: b, ...restReflected } = reflected.ihi.runs;
        expect(restReflected).toEqual(restOriginal);
        expect(b).toBe(a === null ? null : flip(a));
        expect(reflected.anhoej).toEqual(original.anhoej);
        const m0 = original.phases[0]?.median;
        const m1 = reflected.phases[0]?.median;
        if (m0 === undefined || m0 === null) expect(m1 ?? null).toBeNull();
        else expect(m1).toBeCloseTo(1 - m0, 4);
      }),
      { numRuns: 300 },
    );
  });

  it("never depends on the yes counts of suppressed periods", () => {
    fc.assert(
      fc.property(seriesArb, baselineArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (cells, baselinePoints, noise) => {
        const changed = cells.map((c) => {
          if (!isSuppressed(c.responses)) return c;
          const r = noise.next().value as number;
          return { responses: c.responses, yes: Math.min(c.responses, Math.floor(r * (c.responses + 1))) };
        });
        const a = analyseRunChart(toPeriods(cells), { baselinePoints });
        const b = analyseRunChart(toPeriods(changed), { baselinePoints });
        expect(b).toEqual(a);
        for (const p of a.points) if (p.suppressed) expect(p.yes).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("never lets an excluded period's value affect the rules", () => {
    fc.assert(
      fc.property(seriesArb, fc.nat(), fc.integer({ min: 0, max: 10 }), (cells, pick, newYes) => {
        fc.pre(cells.length > 0);
        const i = pick % cells.length;
        const excluded = [weekStart(i)];
        const changed = cells.map((c, k) => (k === i ? { responses: 10, yes: newYes } : c));
        const a = analyseRunChart(toPeriods(cells), { excluded });
        const b = analyseRunChart(toPeriods(changed), { excluded });
        expect(b.phaseAnalyses).toEqual(a.phaseAnalyses);
        expect(b.phases).toEqual(a.phases);
        expect(b.points.map((p) => p.signals)).toEqual(a.points.map((p) => p.signals));
      }),
      { numRuns: 200 },
    );
  });

  it("puts the baseline median within the baseline's minimum and maximum", () => {
    fc.assert(
      fc.property(seriesArb, baselineArb, (cells, baselinePoints) => {
        const result = analyseRunChart(toPeriods(cells), { baselinePoints });
        const baseline = result.points.filter((p) => p.value !== null && !p.excluded).slice(0, baselinePoints);
        const median = result.phases[0]?.median ?? null;
        if (baseline.length === 0) {
          expect(median).toBeNull();
          return;
        }
        const values = baseline.map((p) => p.value as number);
        expect(median).not.toBeNull();
        expect(median as number).toBeGreaterThanOrEqual(Math.min(...values));
        expect(median as number).toBeLessThanOrEqual(Math.max(...values));
        expect(result.phases[0]?.baselinePoints).toBe(baseline.length);
        expect(result.phases[0]?.provisional).toBe(baseline.length < baselinePoints);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with an independent floating-point implementation of the median, runs and shifts", () => {
    fc.assert(
      fc.property(seriesArb, baselineArb, (cells, baselinePoints) => {
        const result = analyseRunChart(toPeriods(cells), { baselinePoints });

        // Oracle: plain floats with the reference's 1e-9 tolerance.
        const valued = cells
          .map((c, i) => ({ i, v: c.responses >= 5 ? c.yes / c.responses : null }))
          .filter((p): p is { i: number; v: number } => p.v !== null);
        const base = valued.slice(0, baselinePoints).map((p) => p.v).sort((x, y) => x - y);
        if (base.length === 0) {
          expect(result.ihi.runs.useful).toBe(0);
          return;
        }
        const mid = Math.floor(base.length / 2);
        const median = base.length % 2 ? (base[mid] as number) : ((base[mid - 1] as number) + (base[mid] as number)) / 2;
        const sides = valued
          .map((p) => ({ i: p.i, s: Math.abs(p.v - median) < 1e-9 ? 0 : p.v > median ? 1 : -1 }))
          .filter((p) => p.s !== 0);
        const runs: Array<{ s: number; idx: number[] }> = [];
        for (const p of sides) {
          const last = runs[runs.length - 1];
          if (last && last.s === p.s) last.idx.push(p.i);
          else runs.push({ s: p.s, idx: [p.i] });
        }
        const shifts = runs
          .filter((r) => r.idx.length >= 6)
          .map((r) => ({
            from: weekStart(r.idx[0] as number),
            to: weekStart(r.idx[r.idx.length - 1] as number),
            points: r.idx.length,
            direction: r.s > 0 ? "up" : "down",
          }));

        expect(result.phases[0]?.median).toBeCloseTo(median, 4);
        expect(result.ihi.runs.useful).toBe(sides.length);
        expect(result.ihi.runs.runs).toBe(runs.length);
        expect(result.anhoej.longestRun).toBe(Math.max(0, ...runs.map((r) => r.idx.length)));
        expect(result.ihi.shifts).toEqual(shifts);
        const marked = result.points.flatMap((p, i) => (p.signals.includes("shift") ? [i] : []));
        expect(marked).toEqual(runs.filter((r) => r.idx.length >= 6).flatMap((r) => r.idx));
      }),
      { numRuns: 400 },
    );
  });

  it("keeps the run count, crossings and per-point signals consistent", () => {
    fc.assert(
      fc.property(seriesArb, baselineArb, (cells, baselinePoints) => {
        const result = analyseRunChart(toPeriods(cells), { baselinePoints });
        const { runs, anhoej } = { runs: result.ihi.runs, anhoej: result.anhoej };
        expect(anhoej.useful).toBe(runs.useful);
        expect(anhoej.crossings).toBe(runs.useful === 0 ? 0 : runs.runs - 1);
        expect(runs.verdict === "not-applicable").toBe(runs.useful < 10 || runs.useful > 60);
        for (const p of result.points) {
          if (p.value === null || p.excluded) expect(p.signals).toEqual([]);
        }
        for (const t of result.ihi.trends) expect(t.points).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });
});
