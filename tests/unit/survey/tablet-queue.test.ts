import { describe, expect, it } from "vitest";
import { secondsToLondonMidnight } from "@/lib/survey/london-date";
import { answeredOnProblem, dayInWords, queueReport, retryDelaySeconds, stillSendable, waitingLine } from "@/lib/survey/tablets/queue";

// The ward tablet's queue rules (lib/survey/tablets/queue.ts), shared by the tablet's script and the server.

describe("answeredOnProblem: the day a queued answer may count on", () => {
  const today = "2026-12-07";
  it("accepts today and every day back to 14 days ago", () => {
    expect(answeredOnProblem("2026-12-07", today)).toBeNull();
    expect(answeredOnProblem("2026-11-23", today)).toBeNull();
  });
  it("refuses 15 days back, the future, and dates that do not exist", () => {
    expect(answeredOnProblem("2026-11-22", today)).toMatch(/within the last 14 days/);
    expect(answeredOnProblem("2026-12-08", today)).toMatch(/future/);
    expect(answeredOnProblem("2026-02-29", today)).toMatch(/calendar date/);
    expect(answeredOnProblem("07/12/2026", today)).toMatch(/calendar date/);
  });
  it("counts back across a month and a year end", () => {
    expect(answeredOnProblem("2026-12-18", "2027-01-01")).toBeNull();
    expect(answeredOnProblem("2026-12-17", "2027-01-01")).not.toBeNull();
    expect(stillSendable("2026-12-18", "2027-01-01")).toBe(true);
    expect(stillSendable("2026-12-17", "2027-01-01")).toBe(false);
  });
});

describe("retryDelaySeconds", () => {
  it("follows Retry-After when the server gives one", () => {
    expect(retryDelaySeconds(1, 5)).toBe(5);
    expect(retryDelaySeconds(9, 3600)).toBe(3600);
    expect(retryDelaySeconds(1, 2.2)).toBe(3);
  });
  it("otherwise doubles from 2 s per failure in a row, up to a minute", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelaySeconds(n))).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
    expect(retryDelaySeconds(0)).toBe(2);
    expect(retryDelaySeconds(3, 0)).toBe(8);
    expect(retryDelaySeconds(3, Number.NaN)).toBe(8);
  });
});

describe("the staff line", () => {
  const today = "2026-12-10"; // a Thursday
  it("names the oldest day in words staff use", () => {
    expect(waitingLine(3, "2026-12-08", today)).toBe("3 answers waiting to send, oldest from Tuesday");
    expect(waitingLine(1, "2026-12-10", today)).toBe("1 answer waiting to send, from today");
    expect(waitingLine(2, "2026-12-09", today)).toBe("2 answers waiting to send, oldest from yesterday");
    expect(waitingLine(5, "2026-12-01", today)).toBe("5 answers waiting to send, oldest from 1 December 2026");
    expect(waitingLine(0, null, today)).toBe("All answers sent");
  });
  it("dayInWords: a weekday only within the last week", () => {
    expect(dayInWords("2026-12-04", today)).toBe("Friday");
    expect(dayInWords("2026-12-03", today)).toBe("3 December 2026");
  });
  it("queueReport: how many wait and the oldest date, never their order", () => {
    expect(queueReport([])).toEqual({ waiting: 0, oldestOn: null });
    expect(queueReport(["2026-12-09", "2026-12-02", "2026-12-05"])).toEqual({ waiting: 3, oldestOn: "2026-12-02" });
  });
});

describe("secondsToLondonMidnight", () => {
  it("counts to midnight on the ward's clock, in winter (GMT) and summer (BST)", () => {
    expect(secondsToLondonMidnight(new Date("2026-12-07T23:00:00Z"))).toBe(3600);
    expect(secondsToLondonMidnight(new Date("2026-07-07T22:00:00Z"))).toBe(3600); // 23:00 BST
    expect(secondsToLondonMidnight(new Date("2026-07-07T23:30:00Z"))).toBe(86_400 - 1800); // 00:30 BST the next day
  });
});
