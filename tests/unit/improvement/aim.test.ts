import { describe, expect, it } from "vitest";
import { aimSchema, aimSentence, COLLABORATIVE_AIM, MAX_AIM_LENGTH, targetSchema, teamAim } from "@/lib/improvement/aim";

// A project team's aim: what the team works to (its own words or the collaborative's), the sentence
// printed on posters and charts, and the form's rules for the statement, target and date.

const PERCENT_MESSAGE = "Enter the target as a whole percentage from 1 to 100, or leave it blank for no target";
const DATE_FORMAT_MESSAGE = "Enter the target date as a date, for example 2027-03-31";

/** Each problem as "path: message". */
function problems(input: unknown): string[] {
  const result = aimSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const full = { statement: "Our aim", targetPercent: "90", targetDate: "2027-03-31" };

describe("teamAim", () => {
  it("works to the collaborative's aim when the team has none of its own", () => {
    expect(teamAim({ aimStatement: null, targetPercent: null, targetDate: null })).toEqual({ statement: COLLABORATIVE_AIM, isDefault: true, targetPercent: null, targetDate: null });
  });

  it("uses the team's own statement, target and date", () => {
    expect(teamAim({ aimStatement: "Every patient on Ward 7 feels safe at night", targetPercent: 90, targetDate: new Date("2027-03-31T00:00:00Z") })).toEqual({
      statement: "Every patient on Ward 7 feels safe at night",
      isDefault: false,
      targetPercent: 90,
      targetDate: "2027-03-31",
    });
  });

  it("keeps a target date already given as an ISO date", () => {
    expect(teamAim({ aimStatement: null, targetPercent: 75, targetDate: "2026-12-01" }).targetDate).toBe("2026-12-01");
  });

  it("reads a database date as the UTC day it was stored as", () => {
    expect(teamAim({ aimStatement: null, targetPercent: null, targetDate: new Date("2027-01-01T00:00:00Z") }).targetDate).toBe("2027-01-01");
  });
});

describe("aimSentence", () => {
  const aim = (statement: string, targetPercent: number | null, targetDate: string | null) => aimSentence({ statement, isDefault: false, targetPercent, targetDate });

  it("adds the target and date to the statement as one sentence", () => {
    expect(aimSentence(teamAim({ aimStatement: null, targetPercent: 90, targetDate: "2027-03-31" }))).toBe(`${COLLABORATIVE_AIM} to 90% by 31 March 2027.`);
  });

  it("drops the statement's own full stop and trailing spaces so the sentence ends once", () => {
    expect(aim("Every patient feels safe. ", 80, null)).toBe("Every patient feels safe to 80%.");
    expect(aim("Every patient feels safe...", null, null)).toBe("Every patient feels safe.");
  });

  it("leaves out what the team has not set", () => {
    expect(aim("Feel safe", null, null)).toBe("Feel safe.");
    expect(aim("Feel safe", null, "2026-01-09")).toBe("Feel safe by 9 January 2026.");
    expect(aim("Feel safe", 100, null)).toBe("Feel safe to 100%.");
  });

  it("writes the date as the day it is, whatever the server's time zone", () => {
    expect(aim("Feel safe", null, "2028-02-29")).toBe("Feel safe by 29 February 2028.");
    expect(aim("Feel safe", null, "2027-12-31")).toBe("Feel safe by 31 December 2027.");
  });
});

describe("aimSchema: the statement", () => {
  it("takes the team's own statement, trimmed", () => {
    expect(aimSchema.parse({ ...full, statement: "  Every patient feels safe  " }).statement).toBe("Every patient feels safe");
  });

  it.each([
    ["blank", ""],
    ["only spaces", "   \n "],
    ["null", null],
    ["missing", undefined],
    ["the collaborative's own words", COLLABORATIVE_AIM],
    ["the collaborative's words with spaces round them", `  ${COLLABORATIVE_AIM} `],
  ])("means the collaborative's aim when %s", (_, statement) => {
    expect(aimSchema.parse({ ...full, statement }).statement).toBeNull();
  });

  it("takes a statement of exactly the longest length and refuses one longer", () => {
    expect(aimSchema.parse({ ...full, statement: "x".repeat(MAX_AIM_LENGTH) }).statement).toHaveLength(MAX_AIM_LENGTH);
    expect(problems({ ...full, statement: "x".repeat(MAX_AIM_LENGTH + 1) })).toEqual(["statement: The aim statement must be 500 characters or fewer"]);
  });

  it("refuses a statement that is not text", () => {
    expect(problems({ ...full, statement: 42 })).toEqual(["statement: Enter the aim statement"]);
    expect(problems({ ...full, statement: ["a"] })).toEqual(["statement: Enter the aim statement"]);
  });
});

describe("aimSchema: the target percentage", () => {
  it("treats an absent target as no target, like an absent statement or date (an API body may leave it out)", () => {
    expect(aimSchema.parse({ statement: "To be safe" })).toEqual({ statement: "To be safe", targetPercent: null, targetDate: null });
  });

  it.each([
    ["90", 90],
    [" 90 ", 90],
    ["1", 1],
    ["100", 100],
    ["007", 7],
    [55, 55],
    [1, 1],
    [100, 100],
  ])("reads %j as %j", (targetPercent, expected) => {
    expect(aimSchema.parse({ ...full, targetPercent }).targetPercent).toBe(expected);
  });

  it.each(["", "   ", null])("reads %j as no target", (targetPercent) => {
    expect(aimSchema.parse({ ...full, targetPercent }).targetPercent).toBeNull();
  });

  it.each(["0", "101", "1000", "1.5", "90%", "-5", "ninety", 0, 101, 1.5, -1, Number.NaN, true, [90]])("refuses %j, explaining what to enter", (targetPercent) => {
    expect(problems({ ...full, targetPercent })).toEqual([`targetPercent: ${PERCENT_MESSAGE}`]);
  });

  it("applies the same rule to the run chart's own target", () => {
    expect(targetSchema.parse({ targetPercent: "85" })).toEqual({ targetPercent: 85 });
    expect(targetSchema.parse({ targetPercent: "" })).toEqual({ targetPercent: null });
    expect(targetSchema.safeParse({ targetPercent: "0" }).error!.issues.map((i) => [i.path, i.message])).toEqual([[["targetPercent"], PERCENT_MESSAGE]]);
  });
});

describe("aimSchema: the target date", () => {
  it.each([
    ["2027-03-31", "2027-03-31"],
    [" 2027-03-31 ", "2027-03-31"],
    ["2028-02-29", "2028-02-29"],
    ["", null],
    ["  ", null],
    [null, null],
    [undefined, null],
  ])("reads %j as %j", (targetDate, expected) => {
    expect(aimSchema.parse({ ...full, targetDate }).targetDate).toBe(expected);
  });

  it.each(["2027-02-29", "2027-02-30", "2027-13-01", "2027-04-31", "2027-00-10"])("refuses %s, which is not a real date", (targetDate) => {
    expect(problems({ ...full, targetDate })).toEqual(["targetDate: The target date must be a real date"]);
  });

  it.each(["31/03/2027", "2027-3-31", "March 2027", "2027-03-31T00:00:00Z"])("refuses %s, first asking for the date's form", (targetDate) => {
    expect(problems({ ...full, targetDate })[0]).toBe(`targetDate: ${DATE_FORMAT_MESSAGE}`);
  });

  it.each([20270331, true, {}])("refuses %j, which is not text", (targetDate) => {
    expect(problems({ ...full, targetDate })).toEqual([`targetDate: ${DATE_FORMAT_MESSAGE}`]);
  });
});

describe("aimSchema: the whole form", () => {
  it("reads a full form", () => {
    expect(aimSchema.parse({ statement: " Every patient feels safe ", targetPercent: "90", targetDate: "2027-03-31" })).toEqual({
      statement: "Every patient feels safe",
      targetPercent: 90,
      targetDate: "2027-03-31",
    });
  });

  it("reads an emptied form as the collaborative's aim with no target or date", () => {
    expect(aimSchema.parse({ statement: "", targetPercent: "", targetDate: "" })).toEqual({ statement: null, targetPercent: null, targetDate: null });
  });

  it("names every field that is wrong at once", () => {
    expect(problems({ statement: "x".repeat(501), targetPercent: "0", targetDate: "2027-02-30" })).toEqual([
      "statement: The aim statement must be 500 characters or fewer",
      `targetPercent: ${PERCENT_MESSAGE}`,
      "targetDate: The target date must be a real date",
    ]);
  });
});
