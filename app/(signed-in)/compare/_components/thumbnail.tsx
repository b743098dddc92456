import type { PeriodRange } from "@/lib/analytics";
import type { BucketCounts } from "@/lib/charts/counts";
import type { UnitAnalysis } from "@/lib/charts/comparison";
import { CHART_COLOURS, shortDate } from "@/lib/charts/labels";

// One run chart at thumbnail size for the small multiples: every thumbnail has the same x axis (the
// whole comparison's periods) and the same 0–100% y axis, so they can be compared at a glance.
// Values as a line, each phase's median, the aim, and the points that carry an IHI signal as
// magenta squares (a shape as well as a colour). Server-rendered SVG: no script needed.

export const THUMB_WIDTH = 176;
export const THUMB_HEIGHT = 80;
const LEFT = 27;
const RIGHT = 4;
const TOP = 5;
const BOTTOM = 14;

export function Thumbnail({
  axis,
  buckets,
  analysis,
  minResponses,
  target,
  label,
}: {
  axis: readonly PeriodRange[];
  buckets: readonly BucketCounts[];
  analysis: UnitAnalysis;
  minResponses: number;
  target: number | null;
  label: string;
}) {
  const plotWidth = THUMB_WIDTH - LEFT - RIGHT;
  const plotHeight = THUMB_HEIGHT - TOP - BOTTOM;
  const index = new Map(axis.map((p, i) => [p.start, i]));
  const n = axis.length;
  const x = (i: number) => LEFT + (n <= 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1));
  const y = (value: number) => TOP + (1 - value) * plotHeight;

  const values: { i: number; value: number; start: string }[] = [];
  for (const b of buckets) {
    const i = index.get(b.start);
    if (i === undefined || b.responses < minResponses || b.responses === 0) continue;
    values.push({ i, value: b.yes / b.responses, start: b.start });
  }
  // A line joins neighbouring periods only: a gap (no value) breaks it.
  let path = "";
  values.forEach((v, k) => {
    const prev = values[k - 1];
    path += `${prev && prev.i === v.i - 1 ? "L" : "M"}${x(v.i).toFixed(1)} ${y(v.value).toFixed(1)}`;
  });
  const signalled = new Set(analysis.signalled);
  const concerns = new Set(analysis.concerns);
  const lastIndex = buckets.length > 0 ? (index.get(buckets[buckets.length - 1]?.start ?? "") ?? n - 1) : n - 1;
  const phases = analysis.phases.map((phase, k) => {
    const next = analysis.phases[k + 1];
    const from = index.get(phase.start) ?? firstIndexOnOrAfter(axis, phase.start);
    const to = next ? (firstIndexOnOrAfter(axis, next.start) ?? n) - 1 : lastIndex;
    return { phase, from, to };
  });

  return (
    <svg width={THUMB_WIDTH} height={THUMB_HEIGHT} viewBox={`0 0 ${THUMB_WIDTH} ${THUMB_HEIGHT}`} role="img" aria-label={label} className="block max-w-full">
      <title>{label}</title>
      {[0, 0.5, 1].map((v) => (
        <g key={v}>
          <line x1={LEFT} x2={LEFT + plotWidth} y1={y(v)} y2={y(v)} stroke="#d8dde0" strokeWidth={1} />
          <text x={LEFT - 3} y={y(v) + 3.5} textAnchor="end" fontSize={8.5} fill="#212b32">
            {v * 100}%
          </text>
        </g>
      ))}
      {axis[0] ? (
        <text x={LEFT} y={THUMB_HEIGHT - 3} fontSize={8.5} fill="#212b32">
          {shortDate(axis[0].start)}
        </text>
      ) : null}
      {axis[n - 1] ? (
        <text x={LEFT + plotWidth} y={THUMB_HEIGHT - 3} fontSize={8.5} textAnchor="end" fill="#212b32">
          {shortDate(axis[n - 1]!.start)}
        </text>
      ) : null}
      {target !== null ? (
        <line x1={LEFT} x2={LEFT + plotWidth} y1={y(target)} y2={y(target)} stroke={CHART_COLOURS.target} strokeWidth={1.5} strokeDasharray="2 3" />
      ) : null}
      {phases.map(({ phase, from, to }) =>
        phase.median !== null && from !== undefined && to >= from ? (
          <line
            key={phase.start}
            x1={x(from)}
            x2={x(Math.max(to, from))}
            y1={y(phase.median)}
            y2={y(phase.median)}
            stroke={CHART_COLOURS.median}
            strokeWidth={1.5}
            strokeDasharray={phase.provisional ? "4 3" : undefined}
          />
        ) : null,
      )}
      <path d={path} stroke={CHART_COLOURS.value} strokeWidth={1.2} fill="none" />
      {values.length === 1 && values[0] ? <circle cx={x(values[0].i)} cy={y(values[0].value)} r={2} fill={CHART_COLOURS.value} /> : null}
      {values
        .filter((v) => signalled.has(v.start))
        .map((v) => (
          <rect
            key={v.start}
            x={x(v.i) - 2.5}
            y={y(v.value) - 2.5}
            width={5}
            height={5}
            fill={concerns.has(v.start) ? CHART_COLOURS.concern : CHART_COLOURS.improvement}
            data-signal={concerns.has(v.start) ? "concern" : "improvement"}
          />
        ))}
    </svg>
  );
}

function firstIndexOnOrAfter(axis: readonly PeriodRange[], date: string): number | undefined {
  const i = axis.findIndex((p) => p.start >= date);
  return i === -1 ? undefined : i;
}
