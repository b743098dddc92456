// Where a chart's line label goes so that no point hides it: the first of the candidate places
// (in order of preference) that no point touches, else the one fewest points touch. Pure geometry,
// so the rule is unit-tested apart from the chart.

export type LabelBox = { x: number; y: number; width: number; height: number };
export type PlottedPoint = { x: number; y: number };

/** Whether a point drawn with this radius touches the box (its circle meets the rectangle). */
function touches(box: LabelBox, point: PlottedPoint, radius: number): boolean {
  const nearestX = Math.max(box.x, Math.min(point.x, box.x + box.width));
  const nearestY = Math.max(box.y, Math.min(point.y, box.y + box.height));
  return (point.x - nearestX) ** 2 + (point.y - nearestY) ** 2 <= radius ** 2;
}

/** The index of the candidate to use. */
export function clearPlace(candidates: readonly LabelBox[], points: readonly PlottedPoint[], radius = 7): number {
  let best = 0;
  let fewest = Number.POSITIVE_INFINITY;
  for (const [i, box] of candidates.entries()) {
    const hits = points.filter((p) => touches(box, p, radius)).length;
    if (hits === 0) return i;
    if (hits < fewest) {
      fewest = hits;
      best = i;
    }
  }
  return best;
}

/** Roughly how wide a label is drawn: about 0.58 em a character in the chart's sans-serif. */
export const labelWidth = (text: string, fontSize: number) => Math.ceil(text.length * fontSize * 0.58) + 4;
