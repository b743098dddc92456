"use client";

import { useId, useRef, useState } from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { PointSignal } from "@/lib/analytics";
import { formatLongDate } from "@/lib/analytics/periods";
import { CHANNEL_LABELS, DIRECTION_WORDS, directionColour, hiddenReason, statusWords, NOTE_KIND_WORDS, HIGHLIGHTED_SIGNALS, MEASURE_DESCRIPTIONS, RESPONDENT_LABELS, RULE_SET_LABELS, SIGNAL_LABELS, percent, periodLabel, shortDate } from "@/lib/charts/labels";
import type { RunChartAnswer } from "@/lib/charts/run-chart-service";
import { downloadBlob, svgToPng } from "@/components/svg-download";

import { ChartDataTable } from "./chart-data-table";
import { standaloneSvg } from "./chart-export";
import { Overlay, type MarkerFocus } from "./chart-overlay";
import { COLOURS, LegendLine, LegendShape, SIGNAL_SHAPES, ShapeMark, type Row } from "./chart-shapes";

// The run chart, drawn with Recharts in the browser: values as dots joined by a line (gaps where a
// period has no value), each phase's median (dashed while provisional), the aim, phase boundaries,
// note markers, and signal points drawn with a shape as well as a colour so the chart reads
// without colour. Recharts draws nothing on the server, so everything the chart says is also in
// words next to it and in the data table below it, which are server-rendered and need no JS.

function PointTooltip({ active, payload, answer }: Pick<TooltipContentProps, "active" | "payload"> & { answer: RunChartAnswer }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  let body: string;
  if (row.responses === 0) body = "No responses";
  else if (row.suppressed) body = hiddenReason(row.responses, answer.minResponses);
  else body = `${row.yes} of ${row.responses}: ${percent(row.pct === null ? null : row.pct / 100)}`;
  return (
    <div className="rounded border border-slate-400 bg-white p-2 text-sm shadow">
      <p className="font-semibold">{periodLabel(row.start, row.end, answer.interval)}</p>
      <p>{body}</p>
      {row.signals.length > 0 ? (
        <p>
          {row.signals.map((s) => SIGNAL_LABELS[s]).join(", ")}
          {row.direction ? ` (${DIRECTION_WORDS[row.direction]})` : ""}
        </p>
      ) : null}
    </div>
  );
}

export function RunChart({
  answer,
  title,
  fileName,
  csvHref,
  headingLevel = 3,
  height = 360,
  highlightCycle,
}: {
  answer: RunChartAnswer;
  /** Says what the chart is of, e.g. "Willow Ward: felt safe, all respondents, weekly". */
  title: string;
  /** Base name for the PNG and SVG downloads (no extension). */
  fileName: string;
  csvHref: string;
  headingLevel?: 2 | 3 | 4;
  height?: number;
  /** A PDSA cycle to stand out from the others (its own study chart). */
  highlightCycle?: string;
}) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const wrapper = useRef<HTMLDivElement>(null);
  const [marker, setMarker] = useState<MarkerFocus>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const Heading = `h${headingLevel}` as "h3";
  const SubHeading = `h${Math.min(headingLevel + 1, 6)}` as "h4";
  const highlighted = HIGHLIGHTED_SIGNALS[answer.rules];
  const unit = answer.interval;

  const rows: Row[] = answer.points.map((p) => ({
    start: p.start,
    end: p.end,
    pct: p.value === null ? null : Math.round(p.value * 10000) / 100,
    responses: p.responses,
    yes: p.yes,
    suppressed: p.suppressed,
    phase: p.phase,
    signals: p.signals,
    highlight: highlighted.find((s) => p.signals.includes(s)) ?? null,
    direction: p.signalDirection,
  }));
  const suppressedCount = rows.filter((r) => r.suppressed).length;
  const emptyCount = rows.filter((r) => r.responses === 0).length;
  const explanations = answer.rules === "ihi" ? answer.explanations.ihi : answer.explanations.anhoej;
  const latest = answer.phases[answer.phases.length - 1];
  const usedSignals = [...new Set(rows.map((r) => r.highlight).filter((s): s is PointSignal => s !== null))];
  const usedDirections = (["up", "down"] as const).filter((d) => rows.some((r) => r.highlight && r.direction === d));
  const markerNote = marker ? answer.notes.find((a) => a.id === marker.id) : undefined;

  const svgElement = () => wrapper.current?.querySelector<SVGSVGElement>("svg.recharts-surface") ?? null;
  const exportSvg = () => {
    const svg = svgElement();
    if (!svg) return setExportError("The chart has not been drawn yet.");
    downloadBlob(`${fileName}.svg`, new Blob([standaloneSvg(svg, title).text], { type: "image/svg+xml" }));
  };
  const exportPng = () => {
    const svg = svgElement();
    if (!svg) return setExportError("The chart has not been drawn yet.");
    const { text, width, height: h } = standaloneSvg(svg, title);
    svgToPng(text, width, h).then(
      (blob) => downloadBlob(`${fileName}.png`, blob),
      (error: Error) => setExportError(error.message),
    );
  };

  const tickLabel = (start: string) => {
    if (unit === "month") {
      const row = rows.find((r) => r.start === start);
      return row ? periodLabel(row.start, row.end, "month") : start;
    }
    return shortDate(start);
  };

  return (
    <div className="run-chart" data-testid="run-chart">
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <figure className="m-0" aria-labelledby={`${uid}-title`}>
          <figcaption id={`${uid}-title`} className="mb-2 font-semibold">
            {title}
          </figcaption>
          {rows.length === 0 ? (
            <p className="rounded border border-slate-300 bg-white p-4">No responses in this period yet, so there is nothing to chart.</p>
          ) : (
            <div ref={wrapper} className="relative rounded border border-slate-300 bg-white p-2" aria-describedby={`${uid}-words`}>
              <LineChart
                responsive
                style={{ width: "100%", height }}
                data={rows}
                margin={{ top: 16, right: 24, bottom: 8, left: 0 }}
                accessibilityLayer={false}
              >
                <CartesianGrid stroke="#d8dde0" vertical={false} />
                <XAxis dataKey="start" tickFormatter={tickLabel} minTickGap={24} tick={{ fontSize: 12, fill: "#212b32" }} />
                <YAxis
                  domain={[0, 100]}
                  ticks={[0, 20, 40, 60, 80, 100]}
                  tickFormatter={(v: number) => `${v}%`}
                  width={48}
                  tick={{ fontSize: 12, fill: "#212b32" }}
                />
                <Overlay rows={rows} answer={answer} onMarker={setMarker} focused={marker?.id ?? null} highlightCycle={highlightCycle} />
                <Tooltip content={(props) => <PointTooltip active={props.active} payload={props.payload} answer={answer} />} isAnimationActive={false} />
                <Line
                  type="linear"
                  dataKey="pct"
                  name={MEASURE_DESCRIPTIONS[answer.measure]}
                  stroke={COLOURS.value}
                  strokeWidth={2}
                  isAnimationActive={false}
                  connectNulls={false}
                  activeDot={false}
                  dot={(props) => {
                    const row = props.payload as Row;
                    if (props.cx == null || props.cy == null || row.pct === null) return <g key={`dot-${props.index}`} />;
                    const shape = row.highlight ? SIGNAL_SHAPES[row.highlight] : "circle";
                    return (
                      <g key={`dot-${props.index}`} data-signal={row.highlight ?? undefined}>
                        <ShapeMark shape={shape} x={props.cx} y={props.cy} size={row.highlight ? 6 : 5} fill={row.highlight ? directionColour(row.direction) : COLOURS.value} />
                      </g>
                    );
                  }}
                />
              </LineChart>
              {markerNote && marker ? (
                <div
                  role="tooltip"
                  className="pointer-events-none absolute z-10 max-w-xs rounded border border-slate-500 bg-white p-2 text-sm shadow"
                  style={{ left: Math.max(0, marker.x - 40), top: marker.y + 12 }}
                >
                  <p className="font-semibold">
                    {shortDate(markerNote.date)} · {NOTE_KIND_WORDS[markerNote.kind]}
                  </p>
                  <p>{markerNote.text}</p>
                </div>
              ) : null}
            </div>
          )}
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Key">
            <li>
              <LegendShape shape="circle" fill={COLOURS.value} /> {MEASURE_DESCRIPTIONS[answer.measure]}
            </li>
            {answer.phases.some((p) => !p.provisional && p.median !== null) ? (
              <li>
                <LegendLine colour={COLOURS.median} /> Median
              </li>
            ) : null}
            {answer.phases.some((p) => p.provisional && p.median !== null) ? (
              <li>
                <LegendLine colour={COLOURS.median} dash="7 5" /> Provisional median (fewer than {answer.baseline} {unit}s with a value so far)
              </li>
            ) : null}
            {answer.target !== null ? (
              <li>
                <LegendLine colour={COLOURS.target} dash="2 4" /> Aim ({Math.round(answer.target * 100)}%{answer.targetDate ? ` by ${formatLongDate(answer.targetDate)}` : ""})
              </li>
            ) : null}
            {usedSignals.map((s) => (
              <li key={s}>
                <LegendShape shape={SIGNAL_SHAPES[s]} fill={COLOURS.value} /> {SIGNAL_LABELS[s]}
              </li>
            ))}
            {usedDirections.map((d) => (
              <li key={d} data-legend-direction={d}>
                <span className="inline-block size-3 rounded-full align-middle" style={{ background: directionColour(d) }} aria-hidden="true" /> {DIRECTION_WORDS[d]}
              </li>
            ))}
            {suppressedCount > 0 ? (
              <li>
                <span className="inline-block h-3 w-5 align-middle" style={{ background: COLOURS.suppressed }} aria-hidden="true" /> Too few responses to show
              </li>
            ) : null}
            {answer.notes.length > 0 ? (
              <li>
                <span className="inline-block rounded px-1 text-xs font-bold text-white" style={{ background: COLOURS.change }} aria-hidden="true">
                  1
                </span>{" "}
                Numbered notes (listed below the chart)
              </li>
            ) : null}
            {answer.cycles.length > 0 ? (
              <li>
                <span className="inline-block rounded px-1 text-xs font-bold" style={{ background: COLOURS.cycle, color: COLOURS.cycleText }} aria-hidden="true">
                  PDSA
                </span>{" "}
                Shaded: the dates of each PDSA cycle (listed below the chart)
              </li>
            ) : null}
          </ul>
          {suppressedCount > 0 || emptyCount > 0 ? (
            <p className="mt-2 text-sm">
              {suppressedCount > 0
                ? `${suppressedCount} ${unit}${suppressedCount === 1 ? " has" : "s have"} fewer than ${answer.minResponses} responses: ${
                    suppressedCount === 1 ? "it is" : "they are"
                  } shown as a gap, so that nobody's answer can be worked out. `
                : ""}
              {emptyCount > 0 ? `${emptyCount} ${unit}${emptyCount === 1 ? " has" : "s have"} no responses and ${emptyCount === 1 ? "is" : "are"} a gap too.` : ""}
            </p>
          ) : null}
          {rows.length > 0 ? (
            <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
              <a href={csvHref} download className="font-semibold text-nhs-blue underline">
                Download the data (CSV)
              </a>
              <button type="button" onClick={exportPng} className="min-h-11 rounded border-2 border-nhs-blue bg-white px-3 font-semibold text-nhs-blue">
                Download chart as PNG
              </button>
              <button type="button" onClick={exportSvg} className="min-h-11 rounded border-2 border-nhs-blue bg-white px-3 font-semibold text-nhs-blue">
                Download chart as SVG
              </button>
              {exportError ? <span role="alert">{exportError}</span> : null}
            </div>
          ) : null}
        </figure>

        <div id={`${uid}-words`} className="rounded border border-slate-300 bg-white p-4" data-testid="signal-text">
          <Heading className="text-lg font-bold">What the chart shows ({RULE_SET_LABELS[answer.rules]})</Heading>
          {rows.length === 0 ? (
            <p className="mt-2">No data yet.</p>
          ) : (
            <>
              <p className="mt-2 font-semibold" data-testid="status-now">
                Now: {statusWords(answer.status, answer.statusSince, answer.lastSignal)}
              </p>
              {explanations.length > 0 ? (
                <ul className="mt-2 list-disc space-y-2 pl-5">
                  {explanations.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : (
                <p className="mt-2">
                  No signal of non-random change by the {RULE_SET_LABELS[answer.rules]}
                  {answer.ihi.runs.useful < 10
                    ? `: ${answer.ihi.runs.useful === 0 ? "no" : `only ${answer.ihi.runs.useful}`} ${unit}${answer.ihi.runs.useful === 1 ? "" : "s"} off the median in the latest phase so far, and the rules need at least 10 to mean much.`
                    : "."}
                </p>
              )}
              <SubHeading className="mt-4 font-semibold">Median</SubHeading>
              <ul className="mt-1 space-y-1 text-sm">
                {answer.phases.map((phase, i) => (
                  <li key={phase.start}>
                    {answer.phases.length > 1 ? `Phase ${i + 1} from ${formatLongDate(phase.start)}: ` : ""}
                    {phase.median === null
                      ? "no values yet."
                      : `${percent(phase.median)} from the first ${phase.baselinePoints} ${unit}${phase.baselinePoints === 1 ? "" : "s"} with a value` +
                        (phase.provisional ? ` (provisional: the median may still move until there are ${answer.baseline}).` : ".")}
                    {phase.reason ? ` Reason: ${phase.reason}` : ""}
                  </li>
                ))}
              </ul>
              {latest ? (
                <p className="mt-3 text-sm">
                  {answer.rules === "ihi"
                    ? answer.ihi.runs.verdict === "not-applicable"
                      ? `Runs rule: not applicable with ${answer.ihi.runs.useful} ${unit}s off the median (it needs 10 to 60).`
                      : `Runs: ${answer.ihi.runs.runs} across ${answer.ihi.runs.useful} ${unit}s off the median (between ${answer.ihi.runs.lower} and ${answer.ihi.runs.upper} expected by chance).`
                    : answer.anhoej.longestRunMax === null
                      ? "No points off the median yet."
                      : `Longest run: ${answer.anhoej.longestRun} (a signal if more than ${answer.anhoej.longestRunMax}). Crossings: ${answer.anhoej.crossings} (a signal if fewer than ${answer.anhoej.crossingsMin}).`}
                </p>
              ) : null}
              {answer.target !== null ? <p className="mt-3 text-sm">Aim: {Math.round(answer.target * 100)}%.</p> : null}
              <p className="mt-3 text-sm text-muted">
                {RESPONDENT_LABELS[answer.respondent]} · {CHANNEL_LABELS[answer.channel]} · {answer.interval === "week" ? "ISO weeks (Monday start)" : `${answer.interval}s`}
              </p>
            </>
          )}
        </div>
      </div>

      <ChartDataTable rows={rows} answer={answer} title={title} highlighted={highlighted} />
    </div>
  );
}
