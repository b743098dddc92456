import { hiddenReason, INTERVAL_LABELS, RULE_SET_LABELS, SIGNAL_LABELS, percent, periodLabel } from "@/lib/charts/labels";
import type { RunChartAnswer } from "@/lib/charts/run-chart-service";
import type { PointSignal } from "@/lib/analytics";
import type { Row } from "./chart-shapes";
import { ColumnHeads } from "@/components/table";

// Everything the chart shows, as a table: for screen readers, and for anyone who wants the numbers.

export function ChartDataTable({ rows, answer, title, highlighted }: { rows: Row[]; answer: RunChartAnswer; title: string; highlighted: readonly PointSignal[] }) {
  if (rows.length === 0) return null;
  return (
        <details className="mt-4">
          <summary className="cursor-pointer font-semibold text-nhs-blue underline">Show the chart&apos;s data as a table</summary>
          <div className="mt-2 max-h-[32rem] overflow-auto">
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="p-2 text-left font-semibold">
                {title}: {INTERVAL_LABELS[answer.interval].toLowerCase()} values
              </caption>
              <ColumnHeads columns={["Period", "Responses", "Yes", "Percentage", "Median", `Signals (${RULE_SET_LABELS[answer.rules]})`]} />
              <tbody>
                {rows.map((r) => {
                  const median = answer.phases[r.phase]?.median ?? null;
                  const hidden = r.responses === 0 ? "No responses" : r.suppressed ? hiddenReason(r.responses, answer.minResponses) : null;
                  return (
                    <tr key={r.start} className="border-b border-slate-200">
                      <th scope="row" className="p-2 text-left font-normal">
                        {periodLabel(r.start, r.end, answer.interval)}
                      </th>
                      <td className="p-2">{r.responses}</td>
                      <td className="p-2">{hidden ?? r.yes}</td>
                      <td className="p-2">{hidden ?? percent(r.pct === null ? null : r.pct / 100)}</td>
                      <td className="p-2">{median === null ? "" : percent(median)}</td>
                      <td className="p-2">{r.signals.filter((s) => highlighted.includes(s)).map((s) => SIGNAL_LABELS[s]).join(", ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
  );
}
