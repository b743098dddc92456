import { describe, expect, it } from "vitest";
import {
  analyseUnit,
  channelTotalWithheld,
  compareUnits,
  oneChannelOfUnit,
  fillPeriods,
  overviewRow,
  periodValue,
  periodWindow,
  sortRows,
  sumBuckets,
  wardBuckets,
  type OverviewRow,
  type Unit,
} from "@/lib/charts/comparison";

// The comparison's own logic, from counts worked out by hand: adding wards up into teams and
// trusts, the overview's latest value and sparkline (with suppression), sorting without leaking a
// hidden value, the run-chart status, and the funnel's limits and positions.

const SETTINGS = { minResponses: 5, baselinePoints: 12 };

function unit(id: string, wardIds: string[], extra: Partial<Unit> = {}): Unit {
  return {
    id,
    level: "ward",
    name: id,
    trustId: "t",
    trust: "Trust",
    teamId: null,
    team: null,
    wardIds,
    active: true,
    target: null,
    phaseStarts: [],
    href: `/wards/${id}`,
    ...extra,
  };
}

/** Monday of week i from 5 January 2026. */
function week(i: number): string {
  return new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10);
}

describe("adding wards up", () => {
  it("turns one ward's arrays into buckets", () => {
    expect(wardBuckets({ wardId: "w", starts: ["2026-01-05", "2026-01-19"], responses: [10, 4], yes: [8, 1] })).toEqual([
      { start: "2026-01-05", responses: 10, yes: 8 },
      { start: "2026-01-19", responses: 4, yes: 1 },
    ]);
  });

  it("adds wards period by period, oldest first, keeping periods only one ward has", () => {
    const a = [
      { start: "2026-01-12", responses: 10, yes: 8 },
      { start: "2026-01-26", responses: 3, yes: 3 },
    ];
    const b = [
      { start: "2026-01-05", responses: 2, yes: 1 },
      { start: "2026-01-12", responses: 6, yes: 5 },
    ];
    expect(sumBuckets([a, b])).toEqual([
      { start: "2026-01-05", responses: 2, yes: 1 },
      { start: "2026-01-12", responses: 16, yes: 13 },
      { start: "2026-01-26", responses: 3, yes: 3 },
    ]);
    expect(sumBuckets([])).toEqual([]);
    expect(sumBuckets([[], a])).toEqual(a);
  });

  it("fills the periods nobody answered in with zeros, as the run-chart API does", () => {
    expect(
      fillPeriods(
        [
          { start: "2026-01-05", responses: 10, yes: 8 },
          { start: "2026-01-19", responses: 5, yes: 5 },
        ],
        "week",
      ),
    ).toEqual([
      { start: "2026-01-05", end: "2026-01-11", responses: 10, yes: 8 },
      { start: "2026-01-12", end: "2026-01-18", responses: 0, yes: 0 },
      { start: "2026-01-19", end: "2026-01-25", responses: 5, yes: 5 },
    ]);
  });
});

describe("the sparkline's window", () => {
  it("is the 12 weeks ending with the latest", () => {
    const window = periodWindow("2026-03-23", "week");
    expect(window).toHaveLength(12);
    expect(window[0]).toEqual({ start: "2026-01-05", end: "2026-01-11" });
    expect(window[11]).toEqual({ start: "2026-03-23", end: "2026-03-29" });
  });

  it("works for months across a year end", () => {
    const window = periodWindow("2026-02-01", "month", 3);
    expect(window.map((p) => p.start)).toEqual(["2025-12-01", "2026-01-01", "2026-02-01"]);
  });
});

describe("a period's value", () => {
  it("hides yes and the value below the minimum; zero responses is not 'too few'", () => {
    expect(periodValue({ responses: 3, yes: 2 }, 5)).toEqual({ responses: 3, yes: null, value: null, suppressed: true });
    expect(periodValue(undefined, 5)).toEqual({ responses: 0, yes: null, value: null, suppressed: false });
    expect(periodValue({ responses: 5, yes: 4 }, 5)).toEqual({ responses: 5, yes: 4, value: 0.8, suppressed: false });
    expect(periodValue({ responses: 3, yes: 2 }, 3)).toEqual({ responses: 3, yes: 2, value: 0.6667, suppressed: false });
  });
});

describe("the run-chart status of a unit", () => {
  // 12 weeks alternating 5 and 6 of 10 (median 0.55), then 7 weeks of 9 of 10: a shift upwards.
  const improving = Array.from({ length: 19 }, (_, i) => ({ start: week(i), responses: 10, yes: i < 12 ? (i % 2 === 0 ? 5 : 6) : 9 }));

  it("is 'improving' with the baseline median, and marks the shift's points (week 11's 0.6 is above 0.55 too)", () => {
    const analysis = analyseUnit(improving, "week", [], SETTINGS);
    expect(analysis.status).toBe("improving");
    expect(analysis.phases).toEqual([{ start: week(0), median: 0.55, provisional: false }]);
    expect(analysis.signalled).toEqual(Array.from({ length: 8 }, (_, i) => week(11 + i)));
  });

  it("is 'deteriorating' for the mirror image, and 'not-enough-data' for a short series", () => {
    const mirrored = improving.map((b) => ({ ...b, yes: b.responses - b.yes }));
    const down = analyseUnit(mirrored, "week", [], SETTINGS);
    expect(down.status).toBe("deteriorating");
    // Its signalled points are concerns (drawn orange); the improving chart's are not.
    expect(down.concerns).toEqual(down.signalled);
    expect(down.concerns.length).toBeGreaterThan(0);
    expect(analyseUnit(improving, "week", [], SETTINGS).concerns).toEqual([]);
    expect(analyseUnit(improving.slice(0, 5), "week", [], SETTINGS)).toMatchObject({ status: "not-enough-data", phases: [{ median: 0.5, provisional: true }] });
    expect(analyseUnit([], "week", [], SETTINGS)).toEqual({ status: "not-enough-data", statusSince: null, lastSignal: null, phases: [], signalled: [], concerns: [] });
  });

  it("uses the unit's recorded phases: a new phase from the jump has its own median", () => {
    const analysis = analyseUnit(improving, "week", [week(12)], SETTINGS);
    expect(analysis.phases.map((p) => [p.start, p.median, p.provisional])).toEqual([
      [week(0), 0.55, false],
      [week(12), 0.9, true],
    ]);
    // Seven equal values on their own median: nothing left to signal in the latest phase.
    expect(analysis.status).toBe("not-enough-data");
  });
});

describe("an overview row", () => {
  it("takes the latest period and the sparkline from the shared window, suppression kept", () => {
    const window = periodWindow(week(3), "week", 4);
    const buckets = [
      { start: week(0), responses: 10, yes: 7 },
      { start: week(2), responses: 3, yes: 3 },
      { start: week(3), responses: 8, yes: 6 },
    ];
    const analysis = analyseUnit(buckets, "week", [], SETTINGS);
    const row = overviewRow(unit("w1", ["w1"], { target: 0.9 }), buckets, analysis, window, 5);
    expect(row.latest).toEqual({ responses: 8, yes: 6, value: 0.75, suppressed: false });
    expect(row.sparkline).toEqual([
      { responses: 10, yes: 7, value: 0.7, suppressed: false },
      { responses: 0, yes: null, value: null, suppressed: false },
      { responses: 3, yes: null, value: null, suppressed: true },
      { responses: 8, yes: 6, value: 0.75, suppressed: false },
    ]);
    // Median of 0.7 and 0.75, provisional (2 of the 12 baseline points).
    expect(row).toMatchObject({ median: 0.725, medianProvisional: true, status: "not-enough-data", target: 0.9, wards: 1 });
  });
});

describe("sorting the overview", () => {
  const row = (id: string, trust: string, value: number | null, suppressed = false, status: OverviewRow["status"] = "no-signal"): OverviewRow => ({
    id,
    level: "ward",
    name: id,
    trustId: trust,
    trust,
    teamId: null,
    team: null,
    wards: 1,
    active: true,
    href: "",
    latest: { responses: suppressed ? 3 : value === null ? 0 : 10, yes: value === null ? null : value * 10, value, suppressed },
    sparkline: [],
    status,
    statusSince: null,
    lastSignal: null,
    median: value,
    medianProvisional: false,
    target: null,
  });
  const rows = [row("Ash", "B", 0.5), row("Birch", "A", null, true), row("Cedar", "A", 0.9), row("Elm", "A", null), row("Oak", "B", 0.9)];

  it("puts rows without a value last in both directions, so a hidden value cannot be sorted out", () => {
    expect(sortRows(rows, "value", "asc").map((r) => r.id)).toEqual(["Ash", "Cedar", "Oak", "Birch", "Elm"]);
    expect(sortRows(rows, "value", "desc").map((r) => r.id)).toEqual(["Cedar", "Oak", "Ash", "Birch", "Elm"]);
  });

  it("groups by trust then name by default, and orders statuses from deteriorating to not enough data", () => {
    expect(sortRows(rows, "trust", "asc").map((r) => r.id)).toEqual(["Birch", "Cedar", "Elm", "Ash", "Oak"]);
    const statuses = [row("a", "A", 0.5, false, "improving"), row("b", "A", 0.5, false, "not-enough-data"), row("c", "A", 0.5, false, "deteriorating"), row("d", "A", 0.5)];
    expect(sortRows(statuses, "status", "asc").map((r) => r.status)).toEqual(["deteriorating", "no-signal", "improving", "not-enough-data"]);
  });
});

describe("the funnel plot's units", () => {
  const totals = new Map([
    ["A1", { responses: 100, yes: 95 }],
    ["A2", { responses: 190, yes: 129 }],
    ["B1", { responses: 190, yes: 137 }],
    ["N1", { responses: 3, yes: 3 }],
  ]);

  it("places wards around p̄ = 361/480 with hand-computed limits; too few are hidden and left out of p̄", () => {
    const result = compareUnits([unit("A1", ["A1"]), unit("A2", ["A2"]), unit("B1", ["B1"]), unit("N1", ["N1"]), unit("C1", ["C1"])], totals, 5);
    expect(result.overall).toEqual({ responses: 480, yes: 361, value: 0.7521 });
    const [a1, a2, b1, n1, c1] = result.units;
    // n = 100: se = √(0.752083 × 0.247917 / 100) = 0.043181; 0.95 is above 0.752083 + 3.09 se = 0.8855.
    expect(a1).toMatchObject({ responses: 100, yes: 95, value: 0.95, suppressed: false, position: "above", position95: "above" });
    expect(a1?.limits).toEqual({ lower95: 0.6674, upper95: 0.8367, lower998: 0.6187, upper998: 0.8855 });
    // n = 190: 95% limits 0.6907 to 0.8135, 99.8% limits 0.6553 to 0.8489; 0.6789 is between the two lower ones.
    expect(a2).toMatchObject({ value: 0.6789, position: "within", position95: "below" });
    expect(a2?.limits).toEqual({ lower95: 0.6907, upper95: 0.8135, lower998: 0.6553, upper998: 0.8489 });
    expect(b1).toMatchObject({ value: 0.7211, position: "within", position95: "within" });
    expect(n1).toMatchObject({ responses: 3, yes: null, value: null, suppressed: true, position: "too-few" });
    expect(c1).toMatchObject({ responses: 0, yes: null, value: null, suppressed: false, position: "too-few", limits: null });
    expect(result.curve[0]?.responses).toBe(5);
    expect(result.curve[result.curve.length - 1]?.responses).toBe(190);
  });

  it("adds a team's wards up before placing it", () => {
    const result = compareUnits(
      [unit("A", ["A1", "A2"], { level: "team" }), unit("B", ["B1"], { level: "team" }), unit("E", [], { level: "team" })],
      totals,
      5,
    );
    expect(result.overall).toEqual({ responses: 480, yes: 361, value: 0.7521 });
    expect(result.units.map((u) => [u.id, u.responses, u.yes, u.position])).toEqual([
      ["A", 290, 224, "within"],
      ["B", 190, 137, "within"],
      ["E", 0, null, "too-few"],
    ]);
  });

  it("has no overall value and no curve when nobody has enough responses", () => {
    const result = compareUnits([unit("N1", ["N1"])], totals, 5);
    expect(result.overall).toEqual({ responses: 0, yes: 0, value: null });
    expect(result.curve).toEqual([]);
    expect(result.units[0]).toMatchObject({ position: "too-few", limits: null });
  });
});

describe("one channel of a unit", () => {
  const week = (start: string, responses: number, yes: number) => ({ start, responses, yes });

  it("withholds a period of the chosen channel when it would give a suppressed channel of the unit away, and only then", () => {
    // 2026-01-05: phone 10, tablet 2, paper 8 (tablet and paper withheld together); 2026-01-12: phone 12, paper 6.
    const byChannel = {
      "own-phone": [week("2026-01-05", 10, 7), week("2026-01-12", 12, 9)],
      "ward-tablet": [week("2026-01-05", 2, 1)],
      paper: [week("2026-01-05", 8, 6), week("2026-01-12", 6, 3)],
    };
    expect(oneChannelOfUnit(byChannel, "paper", 5)).toEqual([{ ...week("2026-01-05", 8, 6), withheld: true }, week("2026-01-12", 6, 3)]);
    expect(oneChannelOfUnit(byChannel, "own-phone", 5)).toEqual(byChannel["own-phone"]);
    // The overview's value for the withheld period is hidden and says why.
    expect(periodValue({ ...week("2026-01-05", 8, 6), withheld: true }, 5)).toEqual({ responses: 8, yes: null, value: null, suppressed: true, withheld: true });
    expect(periodValue(week("2026-01-05", 3, 1), 5)).toEqual({ responses: 3, yes: null, value: null, suppressed: true });
  });

  it("withholds a unit on the funnel the same way: not placed, not in the overall value", () => {
    expect(channelTotalWithheld({ "own-phone": 40, "ward-tablet": 3, paper: 30 }, "paper", 5)).toBe(true);
    expect(channelTotalWithheld({ "own-phone": 40, "ward-tablet": 0, paper: 30 }, "paper", 5)).toBe(false);
    const totals = new Map([
      ["A1", { responses: 30, yes: 20 }],
      ["B1", { responses: 40, yes: 30 }],
    ]);
    const result = compareUnits([unit("A1", ["A1"]), unit("B1", ["B1"])], totals, 5, new Set(["A1"]));
    expect(result.overall).toEqual({ responses: 40, yes: 30, value: 0.75 });
    expect(result.units[0]).toMatchObject({ responses: 30, yes: null, value: null, suppressed: true, position: "too-few", limits: null });
    expect(result.units[1]).toMatchObject({ responses: 40, yes: 30, suppressed: false });
  });
});
