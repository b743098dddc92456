import { describe, expect, it } from "vitest";
import { FORM_VERSION } from "@/lib/survey/instrument";
import { DELETE_WINDOW_DAYS, PAPER_FORM_VERSIONS, TALLY_CELLS, percent, readTally, responsesOf, totalsOf, withinDeleteWindow } from "@/lib/paper/tally";

const context = { today: "2026-03-10", wardSince: "2026-01-05" };
const key = (respondent: string, felt: string, speak: string) => `count-${respondent}-${felt}-${speak}`;

describe("readTally", () => {
  it("records which paper form the batch was counted from: the current Wardsafe version when not said, or 'original'; refuses anything else", () => {
    const counts = { collectedOn: "2026-03-02", [key("staff", "yes", "yes")]: "1" };
    const current = readTally(counts, context);
    expect(current.ok && current.batch.formVersion).toBe(FORM_VERSION);
    const original = readTally({ ...counts, formVersion: "original" }, context);
    expect(original.ok && original.batch.formVersion).toBe("original");
    const made = readTally({ ...counts, formVersion: "9.9" }, context);
    expect(made).toEqual({ ok: false, fields: { formVersion: "Choose which paper form the batch was counted from" } });
    expect(PAPER_FORM_VERSIONS.map((v) => v.value)).toEqual([FORM_VERSION, "original"]);
  });

  it("reads counts (empty boxes are 0) and totals them per respondent type", () => {
    const result = readTally(
      { collectedOn: " 2026-03-02 ", [key("service_user", "yes", "yes")]: "4", [key("service_user", "no", "blank")]: "1", [key("staff", "yes", "no")]: "2", [key("staff", "no", "yes")]: "" },
      context,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.batch.collectedOn).toBe("2026-03-02");
    expect(Object.keys(result.batch.counts)).toHaveLength(12);
    expect(result.batch.totals).toEqual({
      all: { responses: 7, feltSafeYes: 6, speakUpAnswered: 6, speakUpYes: 4 },
      service_user: { responses: 5, feltSafeYes: 4, speakUpAnswered: 4, speakUpYes: 4 },
      staff: { responses: 2, feltSafeYes: 2, speakUpAnswered: 2, speakUpYes: 0 },
    });
  });

  it.each([
    ["501", /from 0 to 500/],
    ["-1", /whole number/],
    ["1.5", /whole number/],
    ["1e2", /whole number/],
    ["ten", /whole number/],
  ])("refuses a count of %j, naming the box", (text, message) => {
    const result = readTally({ collectedOn: "2026-03-02", [key("staff", "no", "no")]: text, [key("staff", "yes", "yes")]: "1" }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fields)).toEqual([key("staff", "no", "no")]);
      expect(result.fields[key("staff", "no", "no")]).toMatch(new RegExp(`^Staff, felt safe no, able to speak up no: .*${message.source}`));
    }
  });

  it("accepts 0 and 500, the ends of the range", () => {
    expect(readTally({ collectedOn: "2026-03-02", [key("staff", "no", "no")]: "500", [key("staff", "yes", "no")]: "0" }, context).ok).toBe(true);
  });

  it.each([
    ["2026-03-11", /future/],
    ["2026-01-04", /before the ward was set up in Wardsafe \(2026-01-05\)/],
    ["2026-02-30", /real date/],
    ["02/03/2026", /real date/],
    ["", /real date/],
  ])("refuses the collection date %j", (date, message) => {
    const result = readTally({ collectedOn: date, [key("staff", "yes", "yes")]: "1" }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fields.collectedOn).toMatch(message);
  });

  it("accepts today and the day the ward was set up", () => {
    expect(readTally({ collectedOn: "2026-03-10", [key("staff", "yes", "yes")]: "1" }, context).ok).toBe(true);
    expect(readTally({ collectedOn: "2026-01-05", [key("staff", "yes", "yes")]: "1" }, context).ok).toBe(true);
  });

  it("refuses a batch with all zero counts, and says so along with a bad date", () => {
    const result = readTally({ collectedOn: "2999-01-01" }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields.collectedOn).toMatch(/future/);
      expect(result.fields[TALLY_CELLS[0]!.key]).toMatch(/at least one count/);
    }
  });
});

describe("responsesOf", () => {
  it("turns each non-empty box into that many responses with the box's answers", () => {
    const result = readTally({ collectedOn: "2026-03-02", [key("service_user", "no", "blank")]: "3", [key("staff", "yes", "no")]: "2" }, context);
    if (!result.ok) throw new Error("expected a valid batch");
    expect(responsesOf(result.batch)).toEqual([
      { respondent: "service_user", feltSafe: false, ableToSpeakUp: null, submittedOn: "2026-03-02", count: 3 },
      { respondent: "staff", feltSafe: true, ableToSpeakUp: false, submittedOn: "2026-03-02", count: 2 },
    ]);
  });
});

describe("totals, percentages and the delete window", () => {
  it("totals every box exactly once", () => {
    const counts = Object.fromEntries(TALLY_CELLS.map((c, i) => [c.key, i + 1]));
    expect(totalsOf(counts).all.responses).toBe((12 * 13) / 2);
  });

  it("rounds percentages, with none for nothing counted", () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 4)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });

  it("allows deleting for 30 days after entry, and not after", () => {
    const entered = new Date("2026-03-01T10:00:00Z");
    expect(withinDeleteWindow(entered, new Date(entered.getTime() + DELETE_WINDOW_DAYS * 86_400_000))).toBe(true);
    expect(withinDeleteWindow(entered, new Date(entered.getTime() + DELETE_WINDOW_DAYS * 86_400_000 + 1))).toBe(false);
  });
});
