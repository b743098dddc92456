import { describe, expect, it } from "vitest";
import { LOCKOUT_FAILURES, LOCKOUT_MS, LOCKOUT_WINDOW_MS, lockedUntil, waitText } from "@/lib/auth/lockout";

// The brute-force rule: 5 failed sign-ins within 15 minutes refuse further attempts for 15 minutes
// from the last of them.

const T0 = new Date("2025-03-03T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const SEC = 1_000;

describe("lockout constants", () => {
  it("match the spec: 5 failures, 15-minute window, 15-minute lock", () => {
    expect(LOCKOUT_FAILURES).toBe(5);
    expect(LOCKOUT_WINDOW_MS).toBe(15 * MIN);
    expect(LOCKOUT_MS).toBe(15 * MIN);
  });
});

describe("lockedUntil", () => {
  it("is null with no failures", () => {
    expect(lockedUntil([], T0)).toBeNull();
  });

  it("is null after 4 failures, however close together", () => {
    const failures = [0, 1, 2, 3].map((i) => at(i * SEC));
    expect(lockedUntil(failures, at(4 * SEC))).toBeNull();
  });

  it("locks for 15 minutes from the 5th failure when 5 fall within 15 minutes", () => {
    const failures = [0, 1, 2, 3, 4].map((i) => at(i * MIN));
    expect(lockedUntil(failures, at(4 * MIN))).toEqual(at(4 * MIN + 15 * MIN));
    expect(lockedUntil(failures, at(10 * MIN))).toEqual(at(19 * MIN));
  });

  it("counts 5 failures spanning exactly 15 minutes as within the window", () => {
    const failures = [0, 5, 10, 14, 15].map((m) => at(m * MIN));
    expect(lockedUntil(failures, at(15 * MIN))).toEqual(at(30 * MIN));
  });

  it("does not lock when the 5 failures are spread over 16 minutes", () => {
    const failures = [0, 4, 8, 12, 16].map((m) => at(m * MIN));
    expect(lockedUntil(failures, at(16 * MIN))).toBeNull();
  });

  it("does not lock when the 5 failures span 15 minutes and 1 millisecond", () => {
    const failures = [at(0), at(MIN), at(2 * MIN), at(3 * MIN), at(15 * MIN + 1)];
    expect(lockedUntil(failures, at(15 * MIN + 1))).toBeNull();
  });

  it("ignores the order the failures are given in", () => {
    const failures = [4, 0, 3, 1, 2].map((m) => at(m * MIN));
    expect(lockedUntil(failures, at(5 * MIN))).toEqual(at(19 * MIN));
  });

  it("ends exactly at the lock end: locked 1 ms before, free at the instant", () => {
    const failures = [0, 1, 2, 3, 4].map((i) => at(i * SEC));
    const end = at(4 * SEC + 15 * MIN);
    expect(lockedUntil(failures, new Date(end.getTime() - 1))).toEqual(end);
    expect(lockedUntil(failures, end)).toBeNull();
    expect(lockedUntil(failures, new Date(end.getTime() + 1))).toBeNull();
  });

  it("finds a qualifying run of 5 inside a longer, sparser history", () => {
    // Two early failures far apart, then 5 within 2 minutes (two in the same millisecond).
    const failures = [at(0), at(20 * MIN), at(40 * MIN), at(41 * MIN), at(41 * MIN + 30 * SEC), at(42 * MIN), at(42 * MIN)];
    expect(lockedUntil(failures, at(43 * MIN))).toEqual(at(57 * MIN));
  });

  it("extends the lock when more failures come after the 5th (the latest run counts)", () => {
    const failures = [0, 1, 2, 3, 4, 5].map((m) => at(m * MIN));
    expect(lockedUntil(failures, at(6 * MIN))).toEqual(at(20 * MIN));
  });

  it("is null when the only qualifying run ended its lock in the past", () => {
    const failures = [0, 1, 2, 3, 4].map((m) => at(m * MIN));
    expect(lockedUntil(failures, at(60 * MIN))).toBeNull();
  });
});

describe("waitText", () => {
  it("says 15 minutes at the start of a lock", () => {
    expect(waitText(at(15 * MIN), T0)).toBe("15 minutes");
  });

  it("rounds up part-minutes, so the user is never told to come back too early", () => {
    expect(waitText(at(14 * MIN + 1), T0)).toBe("15 minutes");
    expect(waitText(at(14 * MIN + 59 * SEC), T0)).toBe("15 minutes");
    expect(waitText(at(2 * MIN + 1 * SEC), T0)).toBe("3 minutes");
    expect(waitText(at(2 * MIN), T0)).toBe("2 minutes");
  });

  it("uses the singular for one minute, including the last seconds", () => {
    expect(waitText(at(MIN), T0)).toBe("1 minute");
    expect(waitText(at(30 * SEC), T0)).toBe("1 minute");
    expect(waitText(at(1), T0)).toBe("1 minute");
  });

  it("never says 0 minutes, even when the end has just passed", () => {
    expect(waitText(T0, T0)).toBe("1 minute");
    expect(waitText(at(-5 * SEC), T0)).toBe("1 minute");
  });
});
