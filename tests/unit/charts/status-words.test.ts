import { describe, expect, it } from "vitest";
import { monthSpan, statusWords } from "@/lib/charts/labels";

describe("the status in words", () => {
  it("says since when a running signal began", () => {
    expect(statusWords("improving", "2026-05-04", null)).toBe("Improving since 4 May 2026");
    expect(statusWords("deteriorating", "2026-02-02", { direction: "up", from: "2025-09-01", to: "2025-11-03" })).toBe("Deteriorating since 2 Feb 2026");
  });

  it("says there is no signal now, and names the last one, so an old signal is not read as the present", () => {
    expect(statusWords("no-signal", null, { direction: "down", from: "2026-02-02", to: "2026-04-27" })).toBe("No signal now (last: deterioration, Feb to Apr 2026)");
    expect(statusWords("no-signal", null, null)).toBe("No signal");
    expect(statusWords("not-enough-data", null, { direction: "up", from: "2025-12-01", to: "2026-02-23" })).toBe("Not enough data yet (last: improvement, Dec 2025 to Feb 2026)");
  });

  it("writes the months a signal covered", () => {
    expect(monthSpan("2026-03-02", "2026-03-30")).toBe("Mar 2026");
    expect(monthSpan("2026-02-02", "2026-04-27")).toBe("Feb to Apr 2026");
    expect(monthSpan("2025-12-01", "2026-02-23")).toBe("Dec 2025 to Feb 2026");
  });
});
