import type { ComparisonUnit } from "@/lib/charts/comparison";
import type { ComparisonAnswer } from "@/lib/charts/comparison-service";
import { percent } from "@/lib/charts/labels";
import { ICON_COLOURS } from "./icons";

// The funnel plot, drawn on the server as SVG: each unit's proportion against its number of
// responses, the overall proportion, and the 95% (dashed) and 99.8% (solid) limits as curves. Each
// point is a link to the unit's run chart, so it can be reached with the keyboard; hovering or
// focusing it shows the unit, its counts and its value (FunnelPointer; without JavaScript, the
// point's title on hover). Units outside the 99.8% limits are drawn as triangles (up above, down
// below), so the plot reads without colour, and labelled with their name (the MAX_LABELS furthest
// out when there are more, which would only overlap; every one is listed under the plot).

/** More labels than this overlap into an unreadable block; the rest are listed under the plot. */
export const MAX_LABELS = 25;

const WIDTH = 960;
const HEIGHT = 500;
const M = { left: 64, right: 24, top: 20, bottom: 56 };

function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function describePoint(u: ComparisonUnit): string {
  const where =
    u.position === "above"
      ? "above the 99.8% limit"
      : u.position === "below"
        ? "below the 99.8% limit"
        : u.position95 === "above"
          ? "above the 95% limit, within the 99.8% limits"
          : u.position95 === "below"
            ? "below the 95% limit, within the 99.8% limits"
            : "within the limits";
  const context = [u.team && u.team !== u.name ? u.team : null, u.trust && u.trust !== u.name ? u.trust : null].filter(Boolean).join(", ");
  return `${u.name}${context ? ` (${context})` : ""}: ${u.yes} of ${u.responses} responses, ${percent(u.value)}, ${where}. Opens its run chart.`;
}

/** The units outside the 99.8% limits that get a label: all of them, or the MAX_LABELS furthest out. */
export function labelledUnits(answer: ComparisonAnswer): Set<string> {
  const pBar = answer.overall.value;
  if (pBar === null) return new Set();
  const outside = answer.units.filter((u) => (u.position === "above" || u.position === "below") && u.value !== null);
  const z = (u: ComparisonUnit) => Math.abs((u.value ?? pBar) - pBar) / Math.sqrt((pBar * (1 - pBar)) / u.responses || 1);
  return new Set([...outside].sort((a, b) => z(b) - z(a)).slice(0, MAX_LABELS).map((u) => u.id));
}

export function FunnelPlot({ answer, titleId }: { answer: ComparisonAnswer; titleId: string }) {
  const placed = answer.units.filter((u) => u.position !== "too-few" && u.value !== null);
  const pBar = answer.overall.value;
  if (pBar === null || placed.length === 0) return null;
  const labelled = labelledUnits(answer);

  const maxN = Math.max(...placed.map((u) => u.responses), ...answer.curve.map((c) => c.responses));
  const xStep = niceStep(maxN, 6);
  const xMax = Math.ceil((maxN * 1.04) / xStep) * xStep;
  const lowest = Math.min(...placed.map((u) => u.value ?? 1), ...answer.curve.map((c) => c.lower998));
  const yMin = Math.max(0, Math.floor((lowest - 0.02) * 10) / 10);
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const x = (n: number) => M.left + (n / xMax) * plotW;
  const y = (v: number) => M.top + ((1 - v) / (1 - yMin || 1)) * plotH;
  const curvePath = (pick: (c: (typeof answer.curve)[number]) => number) =>
    answer.curve.map((c, i) => `${i === 0 ? "M" : "L"}${x(c.responses).toFixed(1)} ${y(Math.max(yMin, pick(c))).toFixed(1)}`).join("");
  const xTicks: number[] = [];
  for (let t = 0; t <= xMax; t += xStep) xTicks.push(t);
  const yTicks: number[] = [];
  for (let t = Math.round(yMin * 10); t <= 10; t += 1) yTicks.push(t / 10);

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="group" aria-labelledby={titleId} data-testid="funnel-plot">
      <rect x={M.left} y={M.top} width={plotW} height={plotH} fill="#fff" stroke="#aeb7bd" />
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={M.left} x2={M.left + plotW} y1={y(t)} y2={y(t)} stroke="#e8edee" />
          <text x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize={12} fill="#212b32">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <g key={`x${t}`}>
          <line x1={x(t)} x2={x(t)} y1={M.top + plotH} y2={M.top + plotH + 5} stroke="#212b32" />
          <text x={x(t)} y={M.top + plotH + 19} textAnchor="middle" fontSize={12} fill="#212b32">
            {t.toLocaleString("en-GB")}
          </text>
        </g>
      ))}
      <text x={M.left + plotW / 2} y={HEIGHT - 10} textAnchor="middle" fontSize={13} fill="#212b32">
        Number of responses
      </text>
      <text x={16} y={M.top + plotH / 2} textAnchor="middle" fontSize={13} fill="#212b32" transform={`rotate(-90 16 ${M.top + plotH / 2})`}>
        Percentage
      </text>

      <line x1={M.left} x2={M.left + plotW} y1={y(pBar)} y2={y(pBar)} stroke="#212b32" strokeWidth={2} />
      <path d={curvePath((c) => c.upper95)} stroke="#425563" strokeWidth={1.5} strokeDasharray="6 4" fill="none" />
      <path d={curvePath((c) => c.lower95)} stroke="#425563" strokeWidth={1.5} strokeDasharray="6 4" fill="none" />
      <path d={curvePath((c) => c.upper998)} stroke="#425563" strokeWidth={2} fill="none" />
      <path d={curvePath((c) => c.lower998)} stroke="#425563" strokeWidth={2} fill="none" />

      {placed.map((u) => {
        const px = x(u.responses);
        const py = y(u.value ?? 0);
        const outside = labelled.has(u.id);
        const colour = u.position === "above" ? ICON_COLOURS.improvement : u.position === "below" ? ICON_COLOURS.concern : "#4c6272";
        const context = [u.team !== u.name ? u.team : null, u.trust !== u.name ? u.trust : null].filter(Boolean).join(", ");
        return (
          <a
            key={u.id}
            href={u.href}
            aria-label={describePoint(u)}
            className="group"
            data-position={u.position}
            data-unit={u.id}
            data-tip-name={u.name}
            data-tip-context={context || undefined}
            data-tip-counts={`${u.yes} of ${u.responses} responses: ${percent(u.value)}`}
          >
            <title>{describePoint(u)}</title>
            <circle cx={px} cy={py} r={11} fill="transparent" data-mark="" />
            <circle cx={px} cy={py} r={10} fill="none" stroke="#212b32" strokeWidth={3} className="invisible group-focus:visible" />
            {u.position === "above" ? (
              <polygon points={`${px},${py - 7} ${px + 6.5},${py + 5} ${px - 6.5},${py + 5}`} fill={colour} stroke="#fff" />
            ) : u.position === "below" ? (
              <polygon points={`${px},${py + 7} ${px + 6.5},${py - 5} ${px - 6.5},${py - 5}`} fill={colour} stroke="#fff" />
            ) : (
              <circle cx={px} cy={py} r={4} fill={colour} fillOpacity={0.85} stroke="#fff" />
            )}
            {outside ? (
              <text x={px + 9} y={py + (u.position === "above" ? -6 : 14)} fontSize={12} fontWeight={600} fill="#212b32" data-label="">
                {truncate(u.name, 32)}
              </text>
            ) : null}
          </a>
        );
      })}
    </svg>
  );
}
