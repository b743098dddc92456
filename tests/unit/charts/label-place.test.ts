import { describe, expect, it } from "vitest";
import { clearPlace, labelWidth } from "@/lib/charts/label-place";

describe("placing a line's label clear of the points", () => {
  const below = { x: 10, y: 105, width: 80, height: 13 };
  const above = { x: 10, y: 82, width: 80, height: 13 };
  const right = { x: 400, y: 105, width: 80, height: 13 };

  it("keeps the preferred place when no point touches it", () => {
    expect(clearPlace([below, above], [{ x: 200, y: 110 }])).toBe(0);
  });

  it("moves to the next place when a point sits on the preferred one, counting the point's radius", () => {
    expect(clearPlace([below, above], [{ x: 50, y: 110 }])).toBe(1);
    // 5 px outside the box, drawn with radius 7: it still touches.
    expect(clearPlace([below, above], [{ x: 50, y: 123 }])).toBe(1);
    expect(clearPlace([below, above], [{ x: 50, y: 126 }])).toBe(0);
  });

  it("takes the place fewest points touch when none is clear", () => {
    const points = [
      { x: 20, y: 110 },
      { x: 60, y: 110 },
      { x: 40, y: 88 },
      { x: 420, y: 110 },
    ];
    expect(clearPlace([below, above, right], points)).toBe(1);
  });

  it("estimates a label's width from its length and font size", () => {
    expect(labelWidth("Median 80.0%", 11)).toBe(81);
  });
});
