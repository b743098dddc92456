/**
 * The IHI runs table: for N useful observations (points not on the median), the fewest and the most
 * runs expected from random variation. Fewer runs than `lower`, or more than `upper`, is a signal.
 *
 * Source: Perla RJ, Provost LP, Murray SK. "The run chart: a simple analytical tool for learning from
 * variation in healthcare processes." BMJ Qual Saf 2011;20:46–51, Table 1, which is derived from
 * Swed FS, Eisenhart C. "Tables for testing randomness of grouping in a sequence of alternatives."
 * Ann Math Stat 1943;14:66–87 (about a 5% risk of a false signal).
 *
 * Provenance, as recorded in /work/shared/reference/run-chart-rules.md: rows with `corroborated: true`
 * (the * rows there: N = 10–26, 28, 31, 32, 34, 36, 38, 40) were confirmed by two independent copies
 * of the table; the others come from a single reconstruction and should be checked against the
 * published paper. This file is the only copy in the code base, so a correction is a one-line edit
 * here; nothing else may hard-code these limits.
 */

export interface RunsTableRow {
  /** Number of useful observations. */
  readonly n: number;
  /** Too few runs if runs < lower. */
  readonly lower: number;
  /** Too many runs if runs > upper. */
  readonly upper: number;
  /** Confirmed by two independent copies of Perla 2011 Table 1 (the * rows). */
  readonly corroborated: boolean;
}

export const RUNS_TABLE_MIN_N = 10;
export const RUNS_TABLE_MAX_N = 60;

// [n, lower, upper, corroborated]
const ROWS: ReadonlyArray<readonly [number, number, number, boolean]> = [
  [10, 3, 9, true],
  [11, 3, 10, true],
  [12, 3, 11, true],
  [13, 4, 11, true],
  [14, 4, 12, true],
  [15, 5, 12, true],
  [16, 5, 13, true],
  [17, 5, 13, true],
  [18, 6, 14, true],
  [19, 6, 15, true],
  [20, 6, 16, true],
  [21, 7, 16, true],
  [22, 7, 17, true],
  [23, 7, 17, true],
  [24, 8, 18, true],
  [25, 8, 18, true],
  [26, 9, 19, true],
  [27, 10, 19, false],
  [28, 10, 20, true],
  [29, 10, 20, false],
  [30, 11, 21, false],
  [31, 11, 22, true],
  [32, 11, 23, true],
  [33, 12, 23, false],
  [34, 12, 24, true],
  [35, 12, 24, false],
  [36, 13, 25, true],
  [37, 13, 25, false],
  [38, 14, 26, true],
  [39, 14, 26, false],
  [40, 15, 27, true],
  [41, 16, 27, false],
  [42, 16, 28, false],
  [43, 17, 28, false],
  [44, 17, 29, false],
  [45, 17, 30, false],
  [46, 17, 31, false],
  [47, 18, 31, false],
  [48, 18, 32, false],
  [49, 19, 32, false],
  [50, 19, 33, false],
  [51, 20, 33, false],
  [52, 20, 34, false],
  [53, 21, 34, false],
  [54, 21, 35, false],
  [55, 22, 35, false],
  [56, 22, 36, false],
  [57, 23, 36, false],
  [58, 23, 37, false],
  [59, 24, 38, false],
  [60, 24, 38, false],
];

export const RUNS_TABLE: readonly RunsTableRow[] = Object.freeze(
  ROWS.map(([n, lower, upper, corroborated]) => Object.freeze({ n, lower, upper, corroborated })),
);

/**
 * Limits for N useful observations, or null outside 10..60 where the table (and so the rule) does not
 * apply. Returning null rather than extrapolating is deliberate: the reference says the response must
 * say "not applicable" there.
 */
export function runsLimits(usefulObservations: number): { lower: number; upper: number } | null {
  if (!Number.isInteger(usefulObservations)) return null;
  if (usefulObservations < RUNS_TABLE_MIN_N || usefulObservations > RUNS_TABLE_MAX_N) return null;
  const row = RUNS_TABLE[usefulObservations - RUNS_TABLE_MIN_N];
  if (!row || row.n !== usefulObservations) return null;
  return { lower: row.lower, upper: row.upper };
}
