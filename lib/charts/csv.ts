import { csvLine } from "@/lib/csv/write";
import { NOTE_KIND_WORDS, chartFileName } from "./labels";
import type { ChartCycle, RunChartAnswer } from "./run-chart-service";

// The run chart's points as CSV, for spreadsheets: the same columns as the API's JSON points, with
// suppression kept (a suppressed period has empty yes and value cells and suppressed = true), then
// what the chart draws over each period: its notes and the PDSA cycles running in it, so a team's
// spreadsheet or report shows which change was tested when. New columns go at the end, so readers
// that take columns by position keep working.
// Cells are written by lib/csv/write, which guards against formula injection (notes are free text).

export const CSV_COLUMNS = ["start", "end", "responses", "yes", "value", "suppressed", "phase", "signals", "notes", "pdsa_cycles"] as const;

/** Several notes or cycles in one cell are separated by this, which free text rarely contains. */
const LIST_SEPARATOR = " | ";

export function runChartCsv(answer: RunChartAnswer): string {
  const { notes, cycles } = answer;
  // A running cycle (no end date) is drawn to the chart's last period, and listed the same way here.
  const lastEnd = answer.points.at(-1)?.end ?? "";
  return [
    csvLine(CSV_COLUMNS),
    ...answer.points.map((p) =>
      csvLine([
        p.start,
        p.end,
        p.responses,
        p.yes,
        p.value,
        p.suppressed,
        p.phase,
        p.signals.join(" "),
        notes
          .filter((a) => p.start <= a.date && a.date <= p.end)
          .map((a) => `${NOTE_KIND_WORDS[a.kind]} (${a.date}): ${a.text}`)
          .join(LIST_SEPARATOR),
        cycles
          .filter((c) => c.start <= p.end && (c.end ?? lastEnd) >= p.start)
          .map((c) => cycleCell(c))
          .join(LIST_SEPARATOR),
      ]),
    ),
  ].join("");
}

function cycleCell(c: ChartCycle): string {
  const dates = c.end ? `${c.start} to ${c.end}` : `from ${c.start}, running`;
  return `PDSA ${c.number}: ${c.changeIdea} (${dates}${c.ward ? `, ${c.ward}` : ""})`;
}

export function csvFileName(answer: RunChartAnswer): string {
  return `${chartFileName(answer.name, answer)}.csv`;
}
