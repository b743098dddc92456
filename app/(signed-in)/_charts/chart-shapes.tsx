import type { PointSignal } from "@/lib/analytics";
import { CHART_COLOURS } from "@/lib/charts/labels";


// What the run chart is drawn with: one row per period, the signal shapes (a shape as well as a
// colour, so the chart reads without colour) and the legend's marks.

export const COLOURS = CHART_COLOURS;

export type Shape = "circle" | "square" | "triangle" | "diamond";

export const SIGNAL_SHAPES: Record<PointSignal, Shape> = {
  shift: "square",
  "anhoej-long-run": "square",
  trend: "triangle",
  runs: "diamond",
  "anhoej-crossings": "diamond",
};

export type Row = {
  start: string;
  end: string;
  pct: number | null;
  responses: number;
  yes: number | null;
  suppressed: boolean;
  phase: number;
  highlight: PointSignal | null;
  signals: PointSignal[];
  /** Which way the highlighted signal points: improvement (up) or concern (down). */
  direction: "up" | "down" | null;
};

export function ShapeMark({ shape, x, y, size, fill }: { shape: Shape; x: number; y: number; size: number; fill: string }) {
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

export function LegendShape({ shape, fill }: { shape: Shape; fill: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="inline-block align-middle">
      <ShapeMark shape={shape} x={8} y={8} size={5} fill={fill} />
    </svg>
  );
}

export function LegendLine({ colour, dash }: { colour: string; dash?: string }) {
  return (
    <svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" className="inline-block align-middle">
      <line x1="0" y1="8" x2="28" y2="8" stroke={colour} strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
}

