import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textWidth } from "@/lib/improvement/text-width";

describe("textWidth", () => {
  it("uses Arial's advance widths, scaled to the font size", () => {
    expect(textWidth("W", 1000)).toBe(944);
    expect(textWidth("i", 1000)).toBe(222);
    expect(textWidth(" ", 1000)).toBe(278);
    expect(textWidth("~", 1000)).toBe(584);
    expect(textWidth("Ward", 13)).toBeCloseTo(((944 + 556 + 333 + 556) / 1000) * 13, 10);
    expect(textWidth("", 13)).toBe(0);
  });

  it("measures an accented letter as its letter, typed as one character or as letter and accent", () => {
    expect(textWidth("é", 1000)).toBe(textWidth("e", 1000));
    expect(textWidth("e\u0301", 1000)).toBe(textWidth("e", 1000));
    expect(textWidth("Ö", 1000)).toBe(textWidth("O", 1000));
  });

  it("gives wide characters and emoji a whole em, and letters it does not know more than most", () => {
    expect(textWidth("漢", 1000)).toBe(1000);
    expect(textWidth("😀", 1000)).toBe(1000);
    expect(textWidth("ж", 1000)).toBeGreaterThan(textWidth("n", 1000));
    expect(textWidth("’", 1000)).toBe(222);
  });

  it("makes bold wider", () => {
    expect(textWidth("Aim", 13, true)).toBeGreaterThan(textWidth("Aim", 13));
  });

  it("adds up: a text is as wide as its parts", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(textWidth(a + b, 13)).toBeCloseTo(textWidth(a, 13) + textWidth(b, 13), 6);
      }),
    );
  });
});
