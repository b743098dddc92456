import { describe, expect, it } from "vitest";
import type { PointSignal } from "@/lib/analytics/run-chart-types";
import type { ChangeIdeaStatus } from "@/lib/improvement/driver-diagram";
import {
  cycleSchema,
  cycleStage,
  leadsToNextCycle,
  MAX_PDSA_SHORT,
  MAX_PDSA_TEXT,
  neighbourCycles,
  newCycleSchema,
  nextCyclePlan,
  overlapsRange,
  statusAfterCycle,
  studyCycle,
  type PdsaDecision,
  type StudyPoint,
} from "@/lib/improvement/pdsa";

// PDSA cycles without the database: the form's rules (the plan, dates in order, a decided cycle
// has ended), where a cycle is on a given day, what its decision makes of the change idea, and the
// summary of the run chart over the cycle's dates.

/** Each problem as "path: message". */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const plan = {
  startDate: "2026-03-02",
  planWhat: "Ask 'do you feel safe?' at every safety huddle for two weeks",
  prediction: "More staff will say they can speak up",
};

describe("newCycleSchema", () => {
  it("needs only the change idea and the plan; the rest starts empty", () => {
    expect(newCycleSchema.parse({ changeIdeaId: "c1", ...plan })).toEqual({
      changeIdeaId: "c1",
      wardId: null,
      ...plan,
      endDate: null,
      planWho: "",
      planWhere: "",
      doNotes: "",
      studyNotes: "",
      actDecision: null,
      actNotes: "",
    });
  });

  it("names each missing part of the plan", () => {
    expect(problems(newCycleSchema.safeParse({}))).toEqual([
      "changeIdeaId: Choose the change idea this cycle tests",
      "startDate: Enter the start date as a date, for example 2026-03-02",
      "planWhat: Enter what the team will test (the plan)",
      "prediction: Enter the prediction: what the team expects to happen",
    ]);
  });

  it("refuses a blank change idea and blank plan fields", () => {
    expect(problems(newCycleSchema.safeParse({ changeIdeaId: "", startDate: " ", planWhat: "  ", prediction: "\n" }))).toEqual([
      "changeIdeaId: Choose the change idea this cycle tests",
      "startDate: Enter the start date",
      "startDate: Enter the start date as a date, for example 2026-03-02",
      "startDate: The start date must be a real date",
      "planWhat: Enter what the team will test (the plan)",
      "prediction: Enter the prediction: what the team expects to happen",
    ]);
  });

  it("applies the same date rules as an edited cycle", () => {
    expect(problems(newCycleSchema.safeParse({ changeIdeaId: "c1", ...plan, endDate: "2026-03-01" }))).toEqual(["endDate: The end date must be on or after the start date"]);
  });
});

describe("cycleSchema", () => {
  it("trims text and turns blank optional fields into empty text or null", () => {
    expect(
      cycleSchema.parse({
        ...plan,
        planWhat: `  ${plan.planWhat}  `,
        wardId: "",
        endDate: "  ",
        planWho: null,
        planWhere: "   ",
        doNotes: undefined,
        studyNotes: " Two of five huddles ",
        actDecision: "",
        actNotes: null,
      }),
    ).toEqual({ ...plan, wardId: null, endDate: null, planWho: "", planWhere: "", doNotes: "", studyNotes: "Two of five huddles", actDecision: null, actNotes: "" });
  });

  it("takes a whole decided cycle", () => {
    const cycle = { ...plan, wardId: "w7", endDate: "2026-03-16", planWho: "Charge nurse", planWhere: "Ward 7", doNotes: "Done at 9 of 10 huddles", studyNotes: "Rose above the median", actDecision: "ADOPT", actNotes: "Make it standard" };
    expect(cycleSchema.parse(cycle)).toEqual(cycle);
  });

  it("takes an end date on the start date", () => {
    expect(cycleSchema.parse({ ...plan, endDate: plan.startDate }).endDate).toBe(plan.startDate);
  });

  it("refuses an end date before the start date, on the end date", () => {
    expect(problems(cycleSchema.safeParse({ ...plan, endDate: "2026-03-01" }))).toEqual(["endDate: The end date must be on or after the start date"]);
  });

  it("compares dates after trimming them", () => {
    expect(problems(cycleSchema.safeParse({ ...plan, startDate: " 2026-03-10", endDate: "2026-03-09 " }))).toEqual(["endDate: The end date must be on or after the start date"]);
  });

  it.each<PdsaDecision>(["ADOPT", "ADAPT", "ABANDON"])("refuses the decision %s without an end date: a decided cycle has ended", (actDecision) => {
    expect(problems(cycleSchema.safeParse({ ...plan, actDecision }))).toEqual(["endDate: Enter the end date: a cycle with an act decision has ended"]);
    expect(problems(cycleSchema.safeParse({ ...plan, endDate: "", actDecision }))).toEqual(["endDate: Enter the end date: a cycle with an act decision has ended"]);
    expect(cycleSchema.safeParse({ ...plan, endDate: "2026-03-20", actDecision }).success).toBe(true);
  });

  it("checks the dates even when another field is wrong, so the form shows every problem at once", () => {
    expect(problems(cycleSchema.safeParse({ ...plan, planWhat: "", endDate: "2026-02-01" }))).toEqual([
      "planWhat: Enter what the team will test (the plan)",
      "endDate: The end date must be on or after the start date",
    ]);
  });

  it.each([
    [{ startDate: "2026-02-30" }, ["startDate: The start date must be a real date"]],
    [{ startDate: "02/03/2026" }, ["startDate: Enter the start date as a date, for example 2026-03-02", "startDate: The start date must be a real date"]],
    [{ startDate: 20260302 }, ["startDate: Enter the start date as a date, for example 2026-03-02"]],
    [{ endDate: "2026-04-31" }, ["endDate: The end date must be a real date"]],
    [{ endDate: "next week" }, ["endDate: Enter the end date as a date, for example 2027-03-31", "endDate: The end date must be a real date"]],
    [{ actDecision: "adopt" }, ["actDecision: Choose adopt, adapt or abandon"]],
    [{ actDecision: "MAYBE" }, ["actDecision: Choose adopt, adapt or abandon"]],
    [{ planWho: "x".repeat(MAX_PDSA_SHORT + 1) }, [`planWho: This must be ${MAX_PDSA_SHORT} characters or fewer`]],
    [{ planWhere: "x".repeat(MAX_PDSA_SHORT + 1) }, [`planWhere: This must be ${MAX_PDSA_SHORT} characters or fewer`]],
    [{ planWhat: "x".repeat(MAX_PDSA_TEXT + 1) }, [`planWhat: This must be ${MAX_PDSA_TEXT} characters or fewer`]],
    [{ studyNotes: "x".repeat(MAX_PDSA_TEXT + 1) }, [`studyNotes: This must be ${MAX_PDSA_TEXT} characters or fewer`]],
    [{ doNotes: 12 }, ["doNotes: Enter text"]],
  ])("refuses %j", (change, expected) => {
    expect(problems(cycleSchema.safeParse({ ...plan, ...change }))).toEqual(expected);
  });

  it("takes text of exactly the longest lengths", () => {
    const result = cycleSchema.safeParse({ ...plan, planWho: "x".repeat(MAX_PDSA_SHORT), actNotes: "x".repeat(MAX_PDSA_TEXT) });
    expect(result.success).toBe(true);
  });
});

describe("cycleStage", () => {
  const today = "2026-03-10";
  const cycle = (startDate: string, endDate: string | null, actDecision: PdsaDecision | null = null) => ({ startDate, endDate, actDecision });

  it.each([
    ["planned: it starts tomorrow", cycle("2026-03-11", null), "planned"],
    ["planned even with an end date set", cycle("2026-03-11", "2026-03-20"), "planned"],
    ["doing: it starts today", cycle("2026-03-10", null), "doing"],
    ["doing: it has started and has no end date", cycle("2026-01-01", null), "doing"],
    ["doing: it ends today", cycle("2026-03-01", "2026-03-10"), "doing"],
    ["doing: it ends later", cycle("2026-03-01", "2026-03-31"), "doing"],
    ["study: it ended yesterday with no decision", cycle("2026-03-01", "2026-03-09"), "study"],
    ["decided: it has a decision", cycle("2026-03-01", "2026-03-09", "ADAPT"), "decided"],
    ["decided even before its dates come round", cycle("2026-04-01", "2026-04-30", "ABANDON"), "decided"],
  ] as const)("is %s", (_, c, stage) => {
    expect(cycleStage(c, today)).toBe(stage);
  });
});

describe("statusAfterCycle", () => {
  it.each<[ChangeIdeaStatus, ChangeIdeaStatus | null]>([
    ["IDEA", "TESTING"],
    ["ADAPTED", "TESTING"],
    ["TESTING", null],
    ["ADOPTED", null],
    ["ABANDONED", null],
  ])("a new cycle without a decision takes %s to %s", (current, expected) => {
    expect(statusAfterCycle(current, null)).toBe(expected);
  });

  it.each<[ChangeIdeaStatus, PdsaDecision, ChangeIdeaStatus | null]>([
    ["TESTING", "ADOPT", "ADOPTED"],
    ["TESTING", "ADAPT", "ADAPTED"],
    ["TESTING", "ABANDON", "ABANDONED"],
    ["IDEA", "ADOPT", "ADOPTED"],
    ["ABANDONED", "ADAPT", "ADAPTED"],
    ["ADOPTED", "ABANDON", "ABANDONED"],
    ["ADOPTED", "ADOPT", null],
    ["ADAPTED", "ADAPT", null],
    ["ABANDONED", "ABANDON", null],
  ])("a decision on a %s idea to %s makes it %s (null: unchanged)", (current, decision, expected) => {
    expect(statusAfterCycle(current, decision)).toBe(expected);
  });
});

/** A fortnightly period starting on Monday the given date. */
function point(start: string, value: number | null, extra: Partial<StudyPoint> = {}): StudyPoint {
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
  return { start, end, responses: value === null ? 0 : 20, value, suppressed: false, phase: 0, signals: [], ...extra };
}

describe("one cycle after another", () => {
  const cycles = [
    { id: "c3", number: 3 },
    { id: "c1", number: 1 },
    { id: "c2", number: 2 },
  ];

  it("finds the cycles before and after one, in number order whatever order they come in", () => {
    expect(neighbourCycles(cycles, "c2")).toEqual({ previous: { id: "c1", number: 1 }, next: { id: "c3", number: 3 } });
    expect(neighbourCycles(cycles, "c1")).toEqual({ previous: null, next: { id: "c2", number: 2 } });
    expect(neighbourCycles(cycles, "c3")).toEqual({ previous: { id: "c2", number: 2 }, next: null });
    expect(neighbourCycles(cycles, "elsewhere")).toEqual({ previous: null, next: null });
  });

  it.each<[PdsaDecision | null, string, boolean]>([
    ["ADAPT", "c3", true],
    ["ADOPT", "c3", true],
    ["ABANDON", "c3", false],
    [null, "c3", false],
    ["ADAPT", "c2", false],
  ])("after a decision of %s, cycle %s leads to a next cycle: %s", (actDecision, id, expected) => {
    expect(leadsToNextCycle({ id, actDecision }, cycles)).toBe(expected);
  });

  it("carries the plan forward: same idea, ward, people and place; the next steps as what to test; the day after it ended", () => {
    const previous = { changeIdeaId: "idea", wardId: "w1", endDate: "2026-03-31", planWho: "Night staff", planWhere: "Day room", actNotes: "Try it on nights too" };
    expect(nextCyclePlan(previous, "2026-05-01")).toEqual({
      changeIdeaId: "idea",
      wardId: "w1",
      startDate: "2026-04-01",
      planWhat: "Try it on nights too",
      planWho: "Night staff",
      planWhere: "Day room",
    });
    expect(nextCyclePlan({ ...previous, wardId: null, endDate: null }, "2026-05-01")).toMatchObject({ wardId: null, startDate: "2026-05-01" });
    // Month and year ends roll over.
    expect(nextCyclePlan({ ...previous, endDate: "2026-12-31" }, "2026-05-01").startDate).toBe("2027-01-01");
  });

  it("gives a plan the form accepts once the team adds its prediction", () => {
    const carried = nextCyclePlan({ changeIdeaId: "idea", wardId: null, endDate: "2026-03-31", planWho: "", planWhere: "", actNotes: "Run it twice a day" }, "2026-05-01");
    expect(newCycleSchema.safeParse({ ...carried, wardId: "", prediction: "Fewer incidents at night" }).success).toBe(true);
  });
});

describe("studyCycle", () => {
  // Six fortnights from 5 January 2026; the chart was re-baselined from 2 March (phase 1).
  const points: StudyPoint[] = [
    point("2026-01-05", 0.5),
    point("2026-01-19", 0.7, { signals: ["shift"] }),
    point("2026-02-02", 0.6, { signals: ["shift", "trend"] }),
    point("2026-02-16", 0.6, { suppressed: true, responses: 3, signals: ["shift"] }),
    point("2026-03-02", 0.75, { phase: 1 }),
    point("2026-03-16", 0.8, { phase: 1, signals: ["runs"] }),
  ];
  const medians = [0.6, 0.8];

  it("reads the periods the cycle covers, comparing each with its own phase's median", () => {
    // 19 January to 20 March: periods 2 to 6.
    const study = studyCycle(points, medians, { startDate: "2026-01-25", endDate: "2026-03-20" }, "2026-06-01");
    expect(study).toEqual({
      periods: 5,
      withValues: 4,
      // 0.7 is above 0.6; 0.75 is below phase 1's 0.8 though above phase 0's; 0.6 and 0.8 are on their medians.
      above: 1,
      below: 1,
      onMedian: 2,
      median: 0.6,
      signals: [
        { signal: "shift", periods: 3 },
        { signal: "trend", periods: 1 },
        { signal: "runs", periods: 1 },
      ],
      first: "2026-01-19",
      last: "2026-03-29",
    });
  });

  it("gives the median of the phase the cycle's first period is in", () => {
    expect(studyCycle(points, medians, { startDate: "2026-03-05", endDate: "2026-03-20" }, "2026-06-01").median).toBe(0.8);
  });

  it("runs an unfinished cycle to today", () => {
    const open = studyCycle(points, medians, { startDate: "2026-02-20", endDate: null }, "2026-03-03");
    expect(open).toMatchObject({ periods: 2, first: "2026-02-16", last: "2026-03-15" });
    const later = studyCycle(points, medians, { startDate: "2026-02-20", endDate: null }, "2026-04-30");
    expect(later).toMatchObject({ periods: 3, first: "2026-02-16", last: "2026-03-29" });
  });

  it("includes a period that only touches the cycle's first or last day", () => {
    const study = studyCycle(points, medians, { startDate: "2026-02-01", endDate: "2026-02-02" }, "2026-06-01");
    expect(study).toMatchObject({ periods: 2, first: "2026-01-19", last: "2026-02-15" });
  });

  it("counts empty and suppressed periods but never reads their values", () => {
    const quiet = [point("2026-01-05", null), point("2026-01-19", 0.1, { suppressed: true, responses: 2 }), point("2026-02-02", 0.9, { responses: 0 })];
    expect(studyCycle(quiet, [0.5], { startDate: "2026-01-01", endDate: "2026-02-28" }, "2026-06-01")).toMatchObject({ periods: 3, withValues: 0, above: 0, below: 0, onMedian: 0 });
  });

  it("compares nothing with a phase that has no median yet", () => {
    const study = studyCycle([point("2026-01-05", 0.4), point("2026-01-19", 0.9)], [null], { startDate: "2026-01-01", endDate: "2026-01-31" }, "2026-06-01");
    expect(study).toMatchObject({ periods: 2, withValues: 2, above: 0, below: 0, onMedian: 0, median: null });
  });

  it("gives zeros and no dates when no period overlaps the cycle", () => {
    const empty = { periods: 0, withValues: 0, above: 0, below: 0, onMedian: 0, median: null, signals: [], first: null, last: null };
    expect(studyCycle([], medians, { startDate: "2026-01-01", endDate: null }, "2026-06-01")).toEqual(empty);
    expect(studyCycle(points, medians, { startDate: "2026-05-01", endDate: "2026-05-31" }, "2026-06-01")).toEqual(empty);
    expect(studyCycle(points, medians, { startDate: "2025-11-01", endDate: "2026-01-04" }, "2026-06-01")).toEqual(empty);
  });

  it("counts each signal once per period it marks", () => {
    const signals: PointSignal[] = ["anhoej-long-run", "anhoej-crossings"];
    const study = studyCycle([point("2026-01-05", 0.5, { signals }), point("2026-01-19", 0.5, { signals: ["anhoej-long-run"] })], [0.5], { startDate: "2026-01-05", endDate: "2026-02-01" }, "2026-06-01");
    expect(study.signals).toEqual([
      { signal: "anhoej-long-run", periods: 2 },
      { signal: "anhoej-crossings", periods: 1 },
    ]);
  });
});

describe("overlapsRange", () => {
  const cycle = { startDate: "2026-03-01", endDate: "2026-03-31" };
  const open = { startDate: "2026-03-01", endDate: null };

  it.each([
    ["a range around it", cycle, "2026-01-01", "2026-12-31", true],
    ["a range inside it", cycle, "2026-03-10", "2026-03-20", true],
    ["a range ending on its first day", cycle, "2026-01-01", "2026-03-01", true],
    ["a range starting on its last day", cycle, "2026-03-31", "2026-06-30", true],
    ["a range ending the day before it starts", cycle, "2026-01-01", "2026-02-28", false],
    ["a range starting the day after it ends", cycle, "2026-04-01", "2026-06-30", false],
    ["a range open at the start, ending before it", cycle, null, "2026-02-28", false],
    ["a range open at the start, ending within it", cycle, null, "2026-03-15", true],
    ["a range open at the end, starting after it", cycle, "2026-04-01", null, false],
    ["a range open at the end, starting within it", cycle, "2026-03-15", null, true],
    ["a range open at both ends", cycle, null, null, true],
    ["a range long after an unfinished cycle started", open, "2027-01-01", "2027-06-30", true],
    ["a range ending before an unfinished cycle started", open, "2026-01-01", "2026-02-28", false],
    ["an open range before an unfinished cycle", open, null, "2026-02-28", false],
  ] as const)("a cycle and %s: %s", (_, c, from, to, expected) => {
    expect(overlapsRange(c, from, to)).toBe(expected);
  });
});
