import { describe, it, expect } from "vitest";
import { RUNS_TABLE, RUNS_TABLE_MAX_N, RUNS_TABLE_MIN_N, runsLimits } from "../../../lib/analytics/runs-table";

describe("IHI runs table", () => {
  it("has one row for every N from 10 to 60", () => {
    expect(RUNS_TABLE_MIN_N).toBe(10);
    expect(RUNS_TABLE_MAX_N).toBe(60);
    expect(RUNS_TABLE.map((r) => r.n)).toEqual(Array.from({ length: 51 }, (_, i) => i + 10));
  });

  it("returns the limits at and inside the edges", () => {
    expect(runsLimits(10)).toEqual({ lower: 3, upper: 9 });
    expect(runsLimits(24)).toEqual({ lower: 8, upper: 18 });
    expect(runsLimits(27)).toEqual({ lower: 10, upper: 19 });
    expect(runsLimits(41)).toEqual({ lower: 16, upper: 27 });
    expect(runsLimits(60)).toEqual({ lower: 24, upper: 38 });
  });

  it("does not apply outside 10..60", () => {
    for (const n of [-1, 0, 1, 9, 61, 100, 10.5, Number.NaN]) expect(runsLimits(n)).toBeNull();
  });

  it("marks exactly the rows corroborated by two copies (the * rows of the reference)", () => {
    const starred = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 31, 32, 34, 36, 38, 40];
    expect(RUNS_TABLE.filter((r) => r.corroborated).map((r) => r.n)).toEqual(starred);
  });

  it("is internally consistent: limits never decrease with N and always leave room for an expected count", () => {
    for (let i = 0; i < RUNS_TABLE.length; i += 1) {
      const row = RUNS_TABLE[i];
      if (!row) throw new Error("missing row");
      expect(row.lower).toBeGreaterThanOrEqual(2);
      expect(row.upper).toBeLessThanOrEqual(row.n);
      expect(row.lower).toBeLessThan(row.upper);
      const prev = RUNS_TABLE[i - 1];
      if (prev) {
        expect(row.lower).toBeGreaterThanOrEqual(prev.lower);
        expect(row.upper).toBeGreaterThanOrEqual(prev.upper);
      }
    }
  });

  it("cannot be modified by a caller", () => {
    expect(Object.isFrozen(RUNS_TABLE)).toBe(true);
    expect(Object.isFrozen(RUNS_TABLE[0])).toBe(true);
  });
});
