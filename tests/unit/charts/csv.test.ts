import { describe, expect, it } from "vitest";
import { csvFileName, runChartCsv } from "../../../lib/charts/csv";
import type { RunChartAnswer } from "../../../lib/charts/run-chart-service";

describe("runChartCsv", () => {
  // Formula injection is guarded by lib/csv/write (tests/unit/csv); these cells are dates, numbers
  // and signal names, none of which can start with = + - @.
  it("writes the JSON points' columns, keeping suppression (empty yes and value)", () => {
    const answer = {
      name: "Willow Ward (Acute)",
      measure: "felt-safe",
      respondent: "service-user",
      interval: "fortnight",
      points: [
        { start: "2026-01-05", end: "2026-01-18", responses: 14, yes: 11, value: 0.7857, suppressed: false, phase: 0, signals: ["shift", "anhoej-long-run"] },
        { start: "2026-01-19", end: "2026-02-01", responses: 3, yes: null, value: null, suppressed: true, phase: 1, signals: [] },
      ],
    } as unknown as RunChartAnswer;
    expect(runChartCsv(answer)).toBe(
      "start,end,responses,yes,value,suppressed,phase,signals\r\n" +
        "2026-01-05,2026-01-18,14,11,0.7857,false,0,shift anhoej-long-run\r\n" +
        "2026-01-19,2026-02-01,3,,,true,1,\r\n",
    );
    expect(csvFileName(answer)).toBe("willow-ward-acute-felt-safe-service-user-fortnight.csv");
  });
});
