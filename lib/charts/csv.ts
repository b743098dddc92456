import { csvLine } from "@/lib/csv/write";
import { chartFileName } from "./labels";
import type { RunChartAnswer } from "./run-chart-service";

// The run chart's points as CSV, for spreadsheets: the same columns as the API's JSON points, with
// suppression kept (a suppressed period has empty yes and value cells and suppressed = true).
// Cells are written by lib/csv/write, which guards against formula injection.

export const CSV_COLUMNS = ["start", "end", "responses", "yes", "value", "suppressed", "phase", "signals"] as const;

export function runChartCsv(answer: RunChartAnswer): string {
  return [
    csvLine(CSV_COLUMNS),
    ...answer.points.map((p) => csvLine([p.start, p.end, p.responses, p.yes, p.value, p.suppressed, p.phase, p.signals.join(" ")])),
  ].join("");
}

export function csvFileName(answer: RunChartAnswer): string {
  return `${chartFileName(answer.name, answer)}.csv`;
}
