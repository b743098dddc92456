import { describe, it, expect } from "vitest";
import { DEFAULT_MIN_RESPONSES, assertValidMinResponses, isSuppressed } from "../../../lib/analytics/suppression";

describe("suppression", () => {
  it("defaults to a minimum of 5 responses", () => {
    expect(DEFAULT_MIN_RESPONSES).toBe(5);
    expect([0, 1, 4, 5, 6].map((n) => isSuppressed(n))).toEqual([false, true, true, false, false]);
  });

  it("suppresses 0 < n < min for any minimum, never 0 and never n ≥ min", () => {
    expect(isSuppressed(9, 10)).toBe(true);
    expect(isSuppressed(10, 10)).toBe(false);
    expect(isSuppressed(0, 10)).toBe(false);
    expect(isSuppressed(1, 1)).toBe(false);
  });

  it("rejects a minimum that would disable suppression or is not a whole number", () => {
    expect(() => assertValidMinResponses(0)).toThrow(RangeError);
    expect(() => assertValidMinResponses(2.5)).toThrow(RangeError);
    expect(() => assertValidMinResponses(Number.NaN)).toThrow(RangeError);
    expect(() => assertValidMinResponses(5)).not.toThrow();
  });
});
