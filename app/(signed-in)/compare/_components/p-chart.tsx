import { CHART_COLOURS, percent, periodLabel, shortDate } from "@/lib/charts/labels";
import { SPC_SIGNAL_SHORT } from "@/lib/charts/spc";
import type { SpcAnswer } from "@/lib/charts/spc-service";
import { ICON_COLOURS } from "./icons";

// The p-chart (or p′ chart), drawn on the server as SVG: values joined by a line, each phase's
// centre line, the 3σ limits per period as steps (solid; dashed while they are trial limits), the 2σ
// lines lighter, and the aim. Points are coloured AND shaped by the Making Data Count variation:
// improvement a triangle up, concern a triangle down, common cause a circle. Every number is also in
// the data table under the chart.

const WIDTH = 960;
const HEIGHT = 400;
const M = { left: 56, right: 20, top: 18, bottom: 44 };

export function PChart({ answer, titleId }: { answer: SpcAnswer; titleId: string }) {
  const points = answer.points;
  const n = points.length;
  if (n === 0) return null;
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const band = plotW / n;
  const cx = (i: number) => M.left + band * (i + 0.5);
  const left = (i: number) => M.left + band * i;

  // The y axis fits the data and the limits (in 5% steps), so narrow limits stay readable.
  const seen: number[] = [];
  for (const p of points) {
    if (p.value !== null) seen.push(p.value);
    if (p.limits && p.responses >= answer.minResponses) seen.push(p.limits.lower3, p.limits.upper3);
    if (p.centre !== null) seen.push(p.centre);
  }
  if (answer.target !== null) seen.push(answer.target);
  const yMin = Math.max(0, Math.floor((Math.min(...seen) - 0.02) * 20) / 20);
  const yMax = Math.min(1, Math.ceil((Math.max(...seen) + 0.02) * 20) / 20);
  const y = (v: number) => M.top + ((yMax - Math.min(yMax, Math.max(yMin, v))) / (yMax - yMin || 1)) * plotH;
  const yTicks: number[] = [];
  const yStep = yMax - yMin > 0.5 ? 0.1 : 0.05;
  for (let t = Math.ceil(yMin / yStep - 1e-9) * yStep; t <= yMax + 1e-9; t += yStep) yTicks.push(Math.round(t * 100) / 100);

  // Limits as steps: one horizontal piece per period, joined while consecutive periods have limits.
  const stepPath = (pick: (l: NonNullable<(typeof points)[number]["limits"]>) => number, phase: number) => {
    let d = "";
    let open = false;
    points.forEach((p, i) => {
      if (!p.limits || p.phase !== phase) {
        open = false;
        return;
      }
      const v = y(pick(p.limits));
      d += `${open ? "V" : `M${left(i).toFixed(1)} `}${v.toFixed(1)}H${left(i + 1).toFixed(1)}`;
      open = true;
    });
    return d;
  };
  let valuePath = "";
  points.forEach((p, i) => {
    if (p.value === null) return;
    const prev = points[i - 1];
    valuePath += `${prev && prev.value !== null ? "L" : "M"}${cx(i).toFixed(1)} ${y(p.value).toFixed(1)}`;
  });
  const tickEvery = Math.max(1, Math.ceil(n / 8));

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby={titleId} data-testid="p-chart">
      <rect x={M.left} y={M.top} width={plotW} height={plotH} fill="#fff" stroke="#aeb7bd" />
      {yTicks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={M.left + plotW} y1={y(t)} y2={y(t)} stroke="#e8edee" />
          <text x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize={12} fill="#212b32">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        i % tickEvery === 0 ? (
          <text key={p.start} x={cx(i)} y={M.top + plotH + 18} textAnchor="middle" fontSize={12} fill="#212b32">
            {answer.interval === "month" ? periodLabel(p.start, p.end, "month") : shortDate(p.start)}
          </text>
        ) : null,
      )}
      {points.map((p, i) =>
        p.suppressed ? <rect key={`s${p.start}`} x={left(i)} y={M.top} width={band} height={plotH} fill={CHART_COLOURS.suppressed} /> : null,
      )}
      {answer.phases.map((phase, k) => {
        const trial = phase.trialLimits;
        const first = points.findIndex((p) => p.phase === k);
        const last = points.findLastIndex((p) => p.phase === k);
        return (
          <g key={phase.start}>
            {k > 0 && first >= 0 ? (
              <line x1={left(first)} x2={left(first)} y1={M.top} y2={M.top + plotH} stroke={CHART_COLOURS.phase} strokeDasharray="4 3" />
            ) : null}
            <path d={stepPath((l) => l.upper2, k)} stroke="#768692" strokeWidth={1} strokeDasharray="3 3" fill="none" />
            <path d={stepPath((l) => l.lower2, k)} stroke="#768692" strokeWidth={1} strokeDasharray="3 3" fill="none" />
            <path d={stepPath((l) => l.upper3, k)} stroke="#425563" strokeWidth={1.5} strokeDasharray={trial ? "7 4" : undefined} fill="none" />
            <path d={stepPath((l) => l.lower3, k)} stroke="#425563" strokeWidth={1.5} strokeDasharray={trial ? "7 4" : undefined} fill="none" />
            {phase.centre !== null && first >= 0 ? (
              <>
                <line x1={left(first)} x2={left(last + 1)} y1={y(phase.centre)} y2={y(phase.centre)} stroke={CHART_COLOURS.median} strokeWidth={2} />
                <text x={left(first) + 4} y={y(phase.centre) - 5} fontSize={11} fill={CHART_COLOURS.median}>
                  {`Mean ${percent(phase.centre)}${trial ? " (trial limits)" : ""}`}
                </text>
              </>
            ) : null}
          </g>
        );
      })}
      {answer.target !== null ? (
        <g>
          <line x1={M.left} x2={M.left + plotW} y1={y(answer.target)} y2={y(answer.target)} stroke={CHART_COLOURS.target} strokeWidth={2} strokeDasharray="2 4" />
          <text x={M.left + plotW - 4} y={y(answer.target) - 5} textAnchor="end" fontSize={12} fontWeight={600} fill={CHART_COLOURS.target}>
            Aim {Math.round(answer.target * 100)}%
          </text>
        </g>
      ) : null}
      <path d={valuePath} stroke={CHART_COLOURS.value} strokeWidth={1.5} fill="none" />
      {points.map((p, i) => {
        if (p.value === null) return null;
        const px = cx(i);
        const py = y(p.value);
        const colour = p.variation === "improvement" ? ICON_COLOURS.improvement : p.variation === "concern" ? ICON_COLOURS.concern : "#768692";
        const text = `${periodLabel(p.start, p.end, answer.interval)}: ${p.yes} of ${p.responses}, ${percent(p.value)}${
          p.limits ? `; limits ${percent(p.limits.lower3)} to ${percent(p.limits.upper3)}` : ""
        }${p.signals.length > 0 ? `; ${p.signals.map((s) => SPC_SIGNAL_SHORT[s]).join(", ")}` : ""}`;
        return (
          <g key={p.start} data-variation={p.variation ?? undefined}>
            <title>{text}</title>
            {p.variation === "improvement" ? (
              <polygon points={`${px},${py - 6} ${px + 5.5},${py + 4} ${px - 5.5},${py + 4}`} fill={colour} stroke="#fff" />
            ) : p.variation === "concern" ? (
              <polygon points={`${px},${py + 6} ${px + 5.5},${py - 4} ${px - 5.5},${py - 4}`} fill={colour} stroke="#fff" />
            ) : (
              <circle cx={px} cy={py} r={3.5} fill={colour} stroke="#fff" />
            )}
          </g>
        );
      })}
    </svg>
  );
}
