import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvFileName, runChartCsv } from "../../../lib/charts/csv";
import { parseCsvText } from "../../../lib/csv/parse";
import type { ChartCycle, RunChartAnswer } from "../../../lib/charts/run-chart-service";

const HEADER = "start,end,responses,yes,value,suppressed,phase,signals,notes,pdsa_cycles\r\n";

function cycle(over: Partial<ChartCycle> & Pick<ChartCycle, "number" | "start" | "end">): ChartCycle {
  return { id: `c${over.number}`, teamId: "t1", changeIdea: "Daily safety huddle", decision: null, ward: null, ...over };
}

function answerWith(over: Partial<RunChartAnswer>): RunChartAnswer {
  return {
    name: "Willow Ward (Acute)",
    measure: "felt-safe",
    respondent: "service-user",
    interval: "fortnight",
    notes: [],
    cycles: [],
    points: [
      { start: "2026-01-05", end: "2026-01-18", responses: 14, yes: 11, value: 0.7857, suppressed: false, phase: 0, signals: ["shift", "anhoej-long-run"] },
      { start: "2026-01-19", end: "2026-02-01", responses: 3, yes: null, value: null, suppressed: true, phase: 1, signals: [] },
      { start: "2026-02-02", end: "2026-02-15", responses: 12, yes: 10, value: 0.8333, suppressed: false, phase: 1, signals: [] },
    ],
    ...over,
  } as unknown as RunChartAnswer;
}

/** The cells of one column, one per period, read back with the import's own CSV parser. */
function column(csv: string, name: (typeof CSV_COLUMNS)[number]): string[] {
  const { records, problems } = parseCsvText(csv);
  expect(problems).toEqual([]);
  expect(records[0]?.fields).toEqual([...CSV_COLUMNS]);
  return records.slice(1).map((r) => r.fields[CSV_COLUMNS.indexOf(name)] ?? "");
}

describe("runChartCsv", () => {
  it("writes the JSON points' columns, keeping suppression (empty yes and value)", () => {
    const answer = answerWith({});
    expect(runChartCsv(answer)).toBe(
      HEADER +
        "2026-01-05,2026-01-18,14,11,0.7857,false,0,shift anhoej-long-run,,\r\n" +
        "2026-01-19,2026-02-01,3,,,true,1,,,\r\n" +
        "2026-02-02,2026-02-15,12,10,0.8333,false,1,,,\r\n",
    );
    expect(csvFileName(answer)).toBe("willow-ward-acute-felt-safe-service-user-fortnight.csv");
  });

  it("lists each note in the period its date falls in, with its kind and date", () => {
    const csv = runChartCsv(
      answerWith({
        notes: [
          { id: "a1", date: "2026-01-18", kind: "change", text: "Huddles start", teamNote: false },
          { id: "a2", date: "2026-02-02", kind: "note", text: "New matron", teamNote: false },
          { id: "a3", date: "2026-02-10", kind: "astronomical", text: "Outbreak closed the ward", teamNote: false },
        ],
      }),
    );
    expect(column(csv, "notes")).toEqual([
      "Change idea or PDSA cycle tested (2026-01-18): Huddles start",
      "",
      "Note (2026-02-02): New matron | Astronomical point (2026-02-10): Outbreak closed the ward",
    ]);
  });

  it("lists a PDSA cycle in every period it overlaps, and a running one up to the last period", () => {
    const csv = runChartCsv(
      answerWith({
        cycles: [
          cycle({ number: 1, start: "2026-01-12", end: "2026-01-20" }),
          cycle({ number: 2, start: "2026-01-25", end: null, changeIdea: "Safety pods", ward: "Willow Ward" }),
        ],
      }),
    );
    expect(column(csv, "pdsa_cycles")).toEqual([
      "PDSA 1: Daily safety huddle (2026-01-12 to 2026-01-20)",
      "PDSA 1: Daily safety huddle (2026-01-12 to 2026-01-20) | PDSA 2: Safety pods (from 2026-01-25, running, Willow Ward)",
      "PDSA 2: Safety pods (from 2026-01-25, running, Willow Ward)",
    ]);
  });

  it("guards free text that a spreadsheet would run as a formula", () => {
    const csv = runChartCsv(answerWith({ notes: [{ id: "a1", date: "2026-01-05", kind: "note", text: "=HYPERLINK(\"http://x\")", teamNote: false }] }));
    expect(column(csv, "notes")[0]).toBe('Note (2026-01-05): =HYPERLINK("http://x")');
    // The cell starts with words, not "=", so no spreadsheet runs it; lib/csv/write guards cells that would.
    expect(csv.split("\r\n")[1]).not.toMatch(/,"?=/);
  });
});
