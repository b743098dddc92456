/**
 * Funnel plot for comparing units (wards, teams, trusts) fairly: each unit's proportion against its
 * number of responses, with limits around the overall proportion that narrow as n grows. A rank table
 * of percentages would put the smallest wards at both ends by chance alone.
 */

import { DEFAULT_MIN_RESPONSES, assertValidMinResponses } from "./suppression";

/** 95% limits (two-sided). */
export const FUNNEL_Z_95 = 1.96;
/** 99.8% limits (two-sided). */
export const FUNNEL_Z_998 = 3.09;

// z² as exact fractions over 10 000 (1.96² = 3.8416, 3.09² = 9.5481), so classification needs no floats.
const Z2_95 = 38416n;
const Z2_998 = 95481n;
const Z2_SCALE = 10000n;

export interface FunnelUnitInput {
  readonly id: string;
  readonly responses: number;
  readonly yes: number;
}

export interface FunnelLimits {
  readonly responses: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

export type FunnelClassification = "above" | "below" | "within" | "too-few";

export interface FunnelUnit {
  readonly id: string;
  readonly responses: number;
  /** null when the unit has too few responses to show. */
  readonly yes: number | null;
  readonly value: number | null;
  /** Against the 99.8% limits: outside them, the unit differs by more than chance. */
  readonly classification: FunnelClassification;
  /** Against the 95% limits (a warning level). */
  readonly classification95: FunnelClassification;
  readonly limits: FunnelLimits | null;
}

export interface FunnelResult {
  /** Overall proportion over units with enough responses; null when there are none. */
  readonly pBar: number | null;
  readonly totalResponses: number;
  readonly totalYes: number;
  readonly units: FunnelUnit[];
}

function clip01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** p̄ ± z·√(p̄(1−p̄)/n) for both z values, clipped to [0, 1]. */
export function funnelLimits(pBar: number, responses: number): FunnelLimits {
  if (!(pBar >= 0 && pBar <= 1)) throw new RangeError("pBar must be in [0, 1]");
  if (!(responses > 0)) throw new RangeError("Funnel limits need responses > 0");
  const se = Math.sqrt((pBar * (1 - pBar)) / responses);
  return {
    responses,
    lower95: clip01(pBar - FUNNEL_Z_95 * se),
    upper95: clip01(pBar + FUNNEL_Z_95 * se),
    lower998: clip01(pBar - FUNNEL_Z_998 * se),
    upper998: clip01(pBar + FUNNEL_Z_998 * se),
  };
}

/**
 * Limits at `steps` sizes spread geometrically from `minResponses` to `maxResponses`, for drawing the
 * funnel's curves (geometric, because the curves change fastest at small n).
 */
export function funnelCurve(pBar: number, maxResponses: number, minResponses = 1, steps = 50): FunnelLimits[] {
  if (!(maxResponses >= minResponses && minResponses > 0) || !(steps >= 2)) {
    throw new RangeError("funnelCurve needs 0 < minResponses ≤ maxResponses and steps ≥ 2");
  }
  const sizes = new Set<number>();
  const ratio = maxResponses / minResponses;
  for (let i = 0; i < steps; i += 1) {
    sizes.add(Math.round(minResponses * ratio ** (i / (steps - 1))));
  }
  return [...sizes].sort((a, b) => a - b).map((n) => funnelLimits(pBar, n));
}

/**
 * Exact classification: |x/n − X/N| > z·√(p̄(1−p̄)/n) ⇔ (xN − Xn)² · 10⁴ > (10⁴z²)·X·(N−X)·n. A unit
 * exactly on a limit is "within". Clipping cannot change the verdict because proportions lie in [0, 1].
 */
function classify(
  yes: number,
  responses: number,
  totalYes: bigint,
  totalResponses: bigint,
  z2: bigint,
): FunnelClassification {
  const x = BigInt(yes);
  const n = BigInt(responses);
  const d = x * totalResponses - totalYes * n;
  if (d * d * Z2_SCALE > z2 * totalYes * (totalResponses - totalYes) * n) return d > 0n ? "above" : "below";
  return "within";
}

/**
 * Classifies every unit against the overall proportion. Units with fewer than `minResponses`
 * responses are "too-few": their counts are hidden and they are also left out of p̄, so that every
 * number on the plot can be traced back to counts that are shown.
 */
export function funnelPlot(
  units: readonly FunnelUnitInput[],
  options: { readonly minResponses?: number } = {},
): FunnelResult {
  const minResponses = options.minResponses ?? DEFAULT_MIN_RESPONSES;
  assertValidMinResponses(minResponses);
  for (const u of units) {
    if (
      !Number.isSafeInteger(u.responses) ||
      !Number.isSafeInteger(u.yes) ||
      u.responses < 0 ||
      u.yes < 0 ||
      u.yes > u.responses
    ) {
      throw new RangeError(`Unit ${u.id} has impossible counts: ${u.yes} yes of ${u.responses}`);
    }
  }

  // "Too few" here is responses < minResponses, which includes 0: a unit with no responses has no
  // point to place on the funnel.
  const eligible = units.filter((u) => u.responses >= minResponses);
  const totalYes = eligible.reduce((s, u) => s + u.yes, 0);
  const totalResponses = eligible.reduce((s, u) => s + u.responses, 0);
  const pBar = totalResponses > 0 ? totalYes / totalResponses : null;
  const bigYes = BigInt(totalYes);
  const bigResponses = BigInt(totalResponses);

  return {
    pBar,
    totalResponses,
    totalYes,
    units: units.map((u): FunnelUnit => {
      if (u.responses < minResponses || pBar === null) {
        return {
          id: u.id,
          responses: u.responses,
          yes: null,
          value: null,
          classification: "too-few",
          classification95: "too-few",
          limits: null,
        };
      }
      return {
        id: u.id,
        responses: u.responses,
        yes: u.yes,
        value: Math.round((u.yes * 10000) / u.responses) / 10000,
        classification: classify(u.yes, u.responses, bigYes, bigResponses, Z2_998),
        classification95: classify(u.yes, u.responses, bigYes, bigResponses, Z2_95),
        limits: funnelLimits(pBar, u.responses),
      };
    }),
  };
}
