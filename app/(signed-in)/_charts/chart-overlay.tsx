"use client";

import { usePlotArea, useXAxisScale, useYAxisScale } from "recharts";
import { clearPlace, labelWidth } from "@/lib/charts/label-place";
import { formatLongDate } from "@/lib/analytics/periods";
import { NOTE_KIND_WORDS, percent, shortDate } from "@/lib/charts/labels";
import type { RunChartAnswer } from "@/lib/charts/run-chart-service";

import { COLOURS, type Row } from "./chart-shapes";

// The layer drawn over the line with the chart's own scales: medians, the aim, phase boundaries,
// suppressed periods, PDSA cycle spans and note markers.

/** "PDSA 2: Charter poster in…", cut to the span's width (about 6px a character at 11px bold). */
function spanLabel(number: number, changeIdea: string, width: number): string {
  const short = `PDSA ${number}`;
  const room = Math.floor((width - 6) / 6.2);
  const full = `${short}: ${changeIdea}`;
  if (full.length <= room) return full;
  return room >= short.length + 6 ? `${full.slice(0, room - 1).trimEnd()}…` : short;
}

export type MarkerFocus = { id: string; x: number; y: number } | null;

/** Medians, the aim, phase boundaries, suppressed periods, PDSA cycles and note markers, placed with the chart's own scales. */
export function Overlay({
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
  // The points as drawn, so the median and aim labels go where none of them hides the words.
  const drawn = rows.filter((r) => r.pct !== null).map((r) => ({ x: x(r.start), y: y(r.pct!) }));
  /** A line label's baseline: below the line at its start if clear, else above it, else at the line's end. */
  const placeLabel = (text: string, fontSize: number, lineY: number, from: number, to: number, prefer: "below" | "above") => {
    const width = labelWidth(text, fontSize);
    const belowY = lineY + fontSize + 3;
    const aboveY = lineY - 5;
    const startX = from + 4;
    const endX = Math.max(from + 4, to - width - 4);
    const spots = [
      { x: startX, baseline: prefer === "below" ? belowY : aboveY },
      { x: startX, baseline: prefer === "below" ? aboveY : belowY },
      { x: endX, baseline: prefer === "below" ? belowY : aboveY },
      { x: endX, baseline: prefer === "below" ? aboveY : belowY },
    ];
    return spots[clearPlace(spots.map((spot) => ({ x: spot.x, y: spot.baseline - fontSize, width, height: fontSize + 2 })), drawn)]!;
  };
  const lineLabel = (
    kind: "aim" | "median",
    text: string,
    line: { y: number; from: number; to: number },
    style: { fontSize: number; colour: string; bold?: boolean; prefer: "below" | "above" },
  ) => {
    const at = placeLabel(text, style.fontSize, line.y, line.from, line.to, style.prefer);
    return (
      <text x={at.x} y={at.baseline} fontSize={style.fontSize} fill={style.colour} fontWeight={style.bold ? 600 : undefined} data-label={kind}>
        {text}
      </text>
    );
  };

  const phaseSpans = answer.phases
    .map((phase, index) => {
      const inPhase = rows.filter((r) => r.phase === index);
      return inPhase.length > 0 ? { phase, index, first: inPhase[0]!, last: inPhase[inPhase.length - 1]! } : null;
    })
    .filter((s): s is NonNullable<typeof s> => s !== null);

  // Several notes in one period are stacked, each keeping its number from the list under the chart.
  const stacks = new Map<string, number>();
  const markers = answer.notes.flatMap((a, index) => {
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
          {lineLabel(
            "aim",
            `Aim ${Math.round(answer.target * 100)}%${answer.targetDate ? ` by ${shortDate(answer.targetDate)}` : ""}`,
            { y: y(answer.target * 100), from: plot.x, to: plot.x + plot.width },
            { fontSize: 12, colour: COLOURS.target, bold: true, prefer: "above" },
          )}
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
              {lineLabel(
                "median",
                `Median ${percent(phase.median)}${phase.provisional ? " (provisional)" : ""}`,
                { y: y(phase.median * 100), from: left(first.start), to: right(last.start) },
                { fontSize: 11, colour: COLOURS.median, prefer: "below" },
              )}
            </>
          ) : null}
        </g>
      ))}
      {markers.map(({ a, number, cx, top }) => {
        const label = `${a.teamNote ? "Team note" : "Note"} ${number}, ${formatLongDate(a.date)}, ${NOTE_KIND_WORDS[a.kind]}: ${a.text}`;
        const show = () => onMarker({ id: a.id, x: cx, y: top + 20 });
        return (
          <g
            key={a.id}
            role="img"
            aria-label={label}
            tabIndex={0}
            data-note={a.id}
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

