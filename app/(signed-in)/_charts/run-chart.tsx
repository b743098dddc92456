"use client";

import { useId, useRef, useState } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  type TooltipContentProps,
} from "recharts";
import type { PointSignal } from "@/lib/analytics";
import { formatLongDate } from "@/lib/analytics/run-chart";
import {
  ANNOTATION_KIND_WORDS,
  CHART_COLOURS,
  HIGHLIGHTED_SIGNALS,
  INTERVAL_LABELS,
  MEASURE_DESCRIPTIONS,
  RESPONDENT_LABELS,
  RULE_SET_LABELS,
  SIGNAL_LABELS,
  percent,
  periodLabel,
  shortDate,
} from "@/lib/charts/labels";
import type { RunChartAnswer } from "@/lib/charts/run-chart-service";
import { downloadBlob, svgToPng } from "@/components/svg-download";

// The run chart, drawn with Recharts in the browser: values as dots joined by a line (gaps where a
// period has no value), each phase's median (dashed while provisional), the aim, phase boundaries,
// annotation markers, and signal points drawn with a shape as well as a colour so the chart reads
// without colour. Recharts draws nothing on the server, so everything the chart says is also in
// words next to it and in the data table below it, which are server-rendered and need no JS.

const COLOURS = CHART_COLOURS;

type Shape = "circle" | "square" | "triangle" | "diamond";

const SIGNAL_SHAPES: Record<PointSignal, Shape> = {
  shift: "square",
  "anhoej-long-run": "square",
  trend: "triangle",
  runs: "diamond",
  "anhoej-crossings": "diamond",
};

type Row = {
  start: string;
  end: string;
  pct: number | null;
  responses: number;
  yes: number | null;
  suppressed: boolean;
  phase: number;
  highlight: PointSignal | null;
  signals: PointSignal[];
};

function ShapeMark({ shape, x, y, size, fill }: { shape: Shape; x: number; y: number; size: number; fill: string }) {
  const s = size;
  switch (shape) {
    case "square":
      return <rect x={x - s} y={y - s} width={2 * s} height={2 * s} fill={fill} stroke="#fff" strokeWidth={1} />;
    case "triangle":
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} fill={fill} stroke="#fff" strokeWidth={1} />;
    case "diamond":
      return <polygon points={`${x},${y - s - 2} ${x + s + 2},${y} ${x},${y + s + 2} ${x - s - 2},${y}`} fill={fill} stroke="#fff" strokeWidth={1} />;
    default:
      return <circle cx={x} cy={y} r={s - 1} fill={fill} stroke="#fff" strokeWidth={1} />;
  }
}

function LegendShape({ shape, fill }: { shape: Shape; fill: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="inline-block align-middle">
      <ShapeMark shape={shape} x={8} y={8} size={5} fill={fill} />
    </svg>
  );
}

function LegendLine({ colour, dash }: { colour: string; dash?: string }) {
  return (
    <svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" className="inline-block align-middle">
      <line x1="0" y1="8" x2="28" y2="8" stroke={colour} strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
}

/** "PDSA 2: Charter poster in…", cut to the span's width (about 6px a character at 11px bold). */
function spanLabel(number: number, changeIdea: string, width: number): string {
  const short = `PDSA ${number}`;
  const room = Math.floor((width - 6) / 6.2);
  const full = `${short}: ${changeIdea}`;
  if (full.length <= room) return full;
  return room >= short.length + 6 ? `${full.slice(0, room - 1).trimEnd()}…` : short;
}

type MarkerFocus = { id: string; x: number; y: number } | null;

/** Medians, the aim, phase boundaries, suppressed periods, PDSA cycles and annotation markers, placed with the chart's own scales. */
function Overlay({
  rows,
  answer,
  onMarker,
  focused,
  highlightCycle,
}: {
  rows: Row[];
  answer: RunChartAnswer;
  onMarker: (focus: MarkerFocus) => void;
  focused: string | null;
  highlightCycle?: string;
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  if (!xScale || !yScale || !plot || rows.length === 0) return null;
  const x = (start: string) => xScale(start, { position: "middle" }) ?? plot.x;
  const y = (pct: number) => yScale(pct) ?? plot.y;
  const step = rows.length > 1 ? Math.abs(x(rows[1]!.start) - x(rows[0]!.start)) : Math.min(plot.width, 80);
  const left = (start: string) => Math.max(plot.x, x(start) - step / 2);
  const right = (start: string) => Math.min(plot.x + plot.width, x(start) + step / 2);
  const bottom = plot.y + plot.height;

  const phaseSpans = answer.phases
    .map((phase, index) => {
      const inPhase = rows.filter((r) => r.phase === index);
      return inPhase.length > 0 ? { phase, index, first: inPhase[0]!, last: inPhase[inPhase.length - 1]! } : null;
    })
    .filter((s): s is NonNullable<typeof s> => s !== null);

  // Several notes in one period are stacked, each keeping its number from the list under the chart.
  const stacks = new Map<string, number>();
  const markers = answer.annotations.flatMap((a, index) => {
    const row = rows.find((r) => r.start <= a.date && a.date <= r.end);
    if (!row) return [];
    const level = stacks.get(row.start) ?? 0;
    stacks.set(row.start, level + 1);
    return [{ a, number: index + 1, cx: x(row.start), top: plot.y + 2 + level * 22 }];
  });

  // PDSA cycles: a shaded span over the periods each one ran (to the last period while it runs),
  // linked to the cycle's page. Overlapping cycles get their labels on separate lines.
  const lastEnd = rows[rows.length - 1]!.end;
  const lanes: number[] = [];
  const cycleSpans = answer.cycles.flatMap((c) => {
    const end = c.end ?? lastEnd;
    const inside = rows.filter((r) => r.end >= c.start && r.start <= end);
    if (inside.length === 0) return [];
    const x1 = left(inside[0]!.start);
    const x2 = right(inside[inside.length - 1]!.start);
    let lane = lanes.findIndex((edge) => edge <= x1);
    if (lane === -1) lane = lanes.length;
    lanes[lane] = x2 + 4;
    return [{ c, x1, x2, lane }];
  });

  return (
    <g className="run-chart-overlay">
      {cycleSpans.map(({ c, x1, x2, lane }) => {
        // The name starts with the words drawn on the span, so a speech-input user can say what they see (WCAG 2.5.3).
        const label = `PDSA ${c.number}: ${c.changeIdea}, cycle ${c.number} from ${formatLongDate(c.start)} to ${c.end ? formatLongDate(c.end) : "now (running)"}${c.ward ? `, ${c.ward}` : ""}`;
        const labelY = bottom - 22 - lane * 16;
        return (
          <a key={`cycle-${c.id}`} href={`/teams/${c.teamId}/pdsa/${c.id}`} aria-label={label} data-cycle={c.id}>
            <title>{label}</title>
            <rect
              x={x1}
              y={plot.y}
              width={Math.max(2, x2 - x1)}
              height={plot.height}
              fill={COLOURS.cycle}
              fillOpacity={highlightCycle === undefined ? 0.18 : highlightCycle === c.id ? 0.32 : 0.07}
            />
            <rect x={x1} y={labelY - 11} width={Math.max(2, x2 - x1)} height={15} fill={COLOURS.cycle} fillOpacity={0.55} />
            <text x={x1 + 3} y={labelY} fontSize={11} fontWeight={700} fill={COLOURS.cycleText}>
              {spanLabel(c.number, c.changeIdea, x2 - x1)}
            </text>
          </a>
        );
      })}
      {rows
        .filter((r) => r.suppressed)
        .map((r) => (
          <rect key={`sup-${r.start}`} x={left(r.start)} y={plot.y} width={right(r.start) - left(r.start)} height={plot.height} fill={COLOURS.suppressed} />
        ))}
      {answer.target !== null ? (
        <g>
          <line x1={plot.x} x2={plot.x + plot.width} y1={y(answer.target * 100)} y2={y(answer.target * 100)} stroke={COLOURS.target} strokeWidth={2} strokeDasharray="2 4" />
          <text x={plot.x + 4} y={y(answer.target * 100) - 5} fontSize={12} fill={COLOURS.target} fontWeight={600}>
            Aim {Math.round(answer.target * 100)}%{answer.targetDate ? ` by ${shortDate(answer.targetDate)}` : ""}
          </text>
        </g>
      ) : null}
      {phaseSpans.map(({ phase, index, first, last }) => (
        <g key={`phase-${index}`}>
          {index > 0 ? (
            <>
              <line x1={left(first.start)} x2={left(first.start)} y1={plot.y} y2={bottom} stroke={COLOURS.phase} strokeWidth={1.5} strokeDasharray="4 3" />
              <text x={left(first.start) + 4} y={bottom - 6} fontSize={12} fill={COLOURS.phase}>
                Phase {index + 1}
              </text>
            </>
          ) : null}
          {phase.median !== null ? (
            <>
              <line
                x1={left(first.start)}
                x2={right(last.start)}
                y1={y(phase.median * 100)}
                y2={y(phase.median * 100)}
                stroke={COLOURS.median}
                strokeWidth={2}
                strokeDasharray={phase.provisional ? "7 5" : undefined}
              />
              <text x={left(first.start) + 4} y={y(phase.median * 100) + 14} fontSize={11} fill={COLOURS.median}>
                {`Median ${percent(phase.median)}${phase.provisional ? " (provisional)" : ""}`}
              </text>
            </>
          ) : null}
        </g>
      ))}
      {markers.map(({ a, number, cx, top }) => {
        const label = `Note ${number}, ${formatLongDate(a.date)}, ${ANNOTATION_KIND_WORDS[a.kind]}: ${a.text}`;
        const show = () => onMarker({ id: a.id, x: cx, y: top + 20 });
        return (
          <g
            key={a.id}
            role="img"
            aria-label={label}
            tabIndex={0}
            data-annotation={a.id}
            onFocus={show}
            onMouseEnter={show}
            onBlur={() => onMarker(null)}
            onMouseLeave={() => onMarker(null)}
            style={{ cursor: "pointer", outline: "none" }}
          >
            <title>{label}</title>
            <line x1={cx} x2={cx} y1={top + 18} y2={bottom} stroke={COLOURS[a.kind]} strokeWidth={1} strokeDasharray="1 3" />
            {focused === a.id ? <rect x={cx - 13} y={top - 4} width={26} height={26} rx={4} fill="#ffeb3b" stroke="#212b32" strokeWidth={2} /> : null}
            <rect x={cx - 9} y={top} width={18} height={18} rx={3} fill={COLOURS[a.kind]} />
            <text x={cx} y={top + 13} textAnchor="middle" fontSize={11} fontWeight={700} fill="#fff">
              {a.kind === "astronomical" ? `!${number}` : number}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function PointTooltip({ active, payload, answer }: Pick<TooltipContentProps, "active" | "payload"> & { answer: RunChartAnswer }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  let body: string;
  if (row.responses === 0) body = "No responses";
  else if (row.suppressed) body = `Too few responses to show (fewer than ${answer.minResponses})`;
  else body = `${row.yes} of ${row.responses}: ${percent(row.pct === null ? null : row.pct / 100)}`;
  return (
    <div className="rounded border border-slate-400 bg-white p-2 text-sm shadow">
      <p className="font-semibold">{periodLabel(row.start, row.end, answer.interval)}</p>
      <p>{body}</p>
      {row.signals.length > 0 ? <p>{row.signals.map((s) => SIGNAL_LABELS[s]).join(", ")}</p> : null}
    </div>
  );
}

/** The chart's SVG as a standalone file: white background, a title, no interactive attributes. */
function standaloneSvg(svg: SVGSVGElement, title: string): { text: string; width: number; height: number } {
  const width = svg.width.baseVal.value || svg.clientWidth;
  const height = svg.height.baseVal.value || svg.clientHeight;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height + 28));
  clone.setAttribute("viewBox", `0 -28 ${width} ${height + 28}`);
  clone.setAttribute("font-family", "Arial, sans-serif");
  clone.removeAttribute("tabindex");
  clone.removeAttribute("role");
  clone.querySelectorAll("[tabindex]").forEach((el) => el.removeAttribute("tabindex"));
  const ns = "http://www.w3.org/2000/svg";
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("x", "0");
  background.setAttribute("y", "-28");
  background.setAttribute("width", String(width));
  background.setAttribute("height", String(height + 28));
  background.setAttribute("fill", "#ffffff");
  const heading = document.createElementNS(ns, "text");
  heading.setAttribute("x", "8");
  heading.setAttribute("y", "-8");
  heading.setAttribute("font-size", "15");
  heading.setAttribute("font-weight", "700");
  heading.setAttribute("fill", "#212b32");
  heading.textContent = title;
  const titleElement = document.createElementNS(ns, "title");
  titleElement.textContent = title;
  clone.prepend(titleElement, background, heading);
  return { text: new XMLSerializer().serializeToString(clone), width, height: height + 28 };
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
  }));
  const suppressedCount = rows.filter((r) => r.suppressed).length;
  const emptyCount = rows.filter((r) => r.responses === 0).length;
  const explanations = answer.rules === "ihi" ? answer.explanations.ihi : answer.explanations.anhoej;
  const latest = answer.phases[answer.phases.length - 1];
  const usedSignals = [...new Set(rows.map((r) => r.highlight).filter((s): s is PointSignal => s !== null))];
  const markerAnnotation = marker ? answer.annotations.find((a) => a.id === marker.id) : undefined;

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
                        <ShapeMark shape={shape} x={props.cx} y={props.cy} size={row.highlight ? 6 : 5} fill={row.highlight ? COLOURS.signal : COLOURS.value} />
                      </g>
                    );
                  }}
                />
              </LineChart>
              {markerAnnotation && marker ? (
                <div
                  role="tooltip"
                  className="pointer-events-none absolute z-10 max-w-xs rounded border border-slate-500 bg-white p-2 text-sm shadow"
                  style={{ left: Math.max(0, marker.x - 40), top: marker.y + 12 }}
                >
                  <p className="font-semibold">
                    {shortDate(markerAnnotation.date)} · {ANNOTATION_KIND_WORDS[markerAnnotation.kind]}
                  </p>
                  <p>{markerAnnotation.text}</p>
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
                <LegendShape shape={SIGNAL_SHAPES[s]} fill={COLOURS.signal} /> {SIGNAL_LABELS[s]}
              </li>
            ))}
            {suppressedCount > 0 ? (
              <li>
                <span className="inline-block h-3 w-5 align-middle" style={{ background: COLOURS.suppressed }} aria-hidden="true" /> Too few responses to show
              </li>
            ) : null}
            {answer.annotations.length > 0 ? (
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
                {RESPONDENT_LABELS[answer.respondent]} · {answer.interval === "week" ? "ISO weeks (Monday start)" : `${answer.interval}s`}
              </p>
            </>
          )}
        </div>
      </div>

      {rows.length > 0 ? (
        <details className="mt-4">
          <summary className="cursor-pointer font-semibold text-nhs-blue underline">Show the chart&apos;s data as a table</summary>
          <div className="mt-2 max-h-[32rem] overflow-auto">
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="p-2 text-left font-semibold">
                {title}: {INTERVAL_LABELS[answer.interval].toLowerCase()} values
              </caption>
              <thead>
                <tr className="border-b-2 border-ink text-left">
                  <th scope="col" className="p-2">
                    Period
                  </th>
                  <th scope="col" className="p-2">
                    Responses
                  </th>
                  <th scope="col" className="p-2">
                    Yes
                  </th>
                  <th scope="col" className="p-2">
                    Percentage
                  </th>
                  <th scope="col" className="p-2">
                    Median
                  </th>
                  <th scope="col" className="p-2">
                    Signals ({RULE_SET_LABELS[answer.rules]})
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const median = answer.phases[r.phase]?.median ?? null;
                  const hidden = r.responses === 0 ? "No responses" : r.suppressed ? "Too few responses" : null;
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
      ) : null}
    </div>
  );
}
