import type { PeriodValue } from "@/lib/charts/comparison";
import type { RunChartStatus } from "@/lib/analytics";
import { CHART_COLOURS, percent } from "@/lib/charts/labels";

// The overview's sparkline: the last periods' values on a fixed 0–100% scale, drawn on the server
// as plain SVG (no script, no layout work in the browser for hundreds of rows). A period with too
// few responses is a short grey mark on the baseline, never a value; a period nobody answered in is
// a gap. The values are in the label, for screen readers.

const WIDTH = 132;
const HEIGHT = 32;
const PAD = 4;

function word(p: PeriodValue): string {
  if (p.responses === 0) return "none";
  if (p.suppressed) return p.withheld ? "withheld" : "too few";
  return percent(p.value, 0);
}

/** The latest point's colour, by the chart's status now: improvement blue, concern orange, else common-cause grey. */
function latestColour(status: RunChartStatus | undefined): string {
  return status === "improving" ? CHART_COLOURS.improvement : status === "deteriorating" ? CHART_COLOURS.concern : CHART_COLOURS.value;
}

export function Sparkline({ points, label, status }: { points: readonly PeriodValue[]; label: string; status?: RunChartStatus }) {
  const n = points.length;
  const x = (i: number) => (n <= 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (n - 1));
  const y = (value: number) => PAD + (1 - value) * (HEIGHT - 2 * PAD);
  const segments: string[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (i > 0 && prev && prev.value !== null && p.value !== null) {
      segments.push(`M${x(i - 1).toFixed(1)} ${y(prev.value).toFixed(1)}L${x(i).toFixed(1)} ${y(p.value).toFixed(1)}`);
    }
  });
  const description = `${label}: ${points.map(word).join(", ")}`;
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={description} className="block">
      <title>{description}</title>
      <line x1={0} x2={WIDTH} y1={y(0.5)} y2={y(0.5)} stroke="#d8dde0" strokeWidth={1} />
      <path d={segments.join("")} stroke={CHART_COLOURS.value} strokeWidth={1.5} fill="none" />
      {points.map((p, i) =>
        p.value !== null ? (
          <circle key={i} cx={x(i)} cy={y(p.value)} r={i === n - 1 ? 3 : 2} fill={i === n - 1 ? latestColour(status) : CHART_COLOURS.value} data-latest={i === n - 1 ? status : undefined} />
        ) : p.suppressed ? (
          <rect key={i} x={x(i) - 2} y={HEIGHT - 6} width={4} height={5} fill="#768692" />
        ) : null,
      )}
    </svg>
  );
}
