import { describe, expect, it } from "vitest";
import { withheldChannels } from "@/lib/analytics/channels";

const counts = (ownPhone: number, wardTablet: number, paper: number) => ({ "own-phone": ownPhone, "ward-tablet": wardTablet, paper });
const sorted = (set: Set<string>) => [...set].sort();

describe("which channels of a period may be shown", () => {
  it("shows every channel with enough responses, and treats a channel with none as nothing to hide", () => {
    expect(sorted(withheldChannels(counts(12, 0, 7)))).toEqual([]);
    expect(sorted(withheldChannels(counts(0, 0, 0)))).toEqual([]);
  });

  it("withholds a small channel and, since the total is shown, the next smallest too, so the small one cannot be had by subtraction", () => {
    // 20 in all: phone 10 and paper 8 shown would give the tablet's 2 as 20 - 10 - 8.
    expect(sorted(withheldChannels(counts(10, 2, 8)))).toEqual(["paper", "ward-tablet"]);
  });

  it("needs no second channel when the small ones already add up to enough", () => {
    // Tablet 2 and paper 3 withheld: together 5, so the phone's 15 reveals only their sum.
    expect(sorted(withheldChannels(counts(15, 2, 3)))).toEqual(["paper", "ward-tablet"]);
    expect(sorted(withheldChannels(counts(15, 2, 4)))).toEqual(["paper", "ward-tablet"]);
  });

  it("withholds every channel when even all together are too few", () => {
    expect(sorted(withheldChannels(counts(3, 1, 0)))).toEqual(["own-phone", "ward-tablet"]);
    expect(sorted(withheldChannels(counts(4, 0, 0)))).toEqual(["own-phone"]);
  });

  it("keeps to the minimum it is given", () => {
    expect(sorted(withheldChannels(counts(10, 8, 8), 10))).toEqual(["paper", "ward-tablet"]);
    expect(() => withheldChannels(counts(1, 1, 1), 0)).toThrow(RangeError);
  });

  it("never leaves a single suppressed count recoverable, over every small table", () => {
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        for (let c = 0; c <= 12; c++) {
          const table = counts(a, b, c);
          const withheld = withheldChannels(table);
          const hidden = [...withheld].reduce((sum, channel) => sum + table[channel], 0);
          // What subtraction from the total gives is the withheld channels' sum: none, at least 5, or
          // everything (then the total is itself too few, and suppressed where it is shown).
          const everything = a + b + c;
          expect(hidden === 0 || hidden >= 5 || (hidden === everything && everything < 5), JSON.stringify(table)).toBe(true);
          // Every small channel is among them.
          for (const [channel, n] of Object.entries(table)) if (n > 0 && n < 5) expect(withheld.has(channel as never)).toBe(true);
        }
      }
    }
  });
});
