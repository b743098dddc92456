/**
 * Small-number suppression: the ONE place that decides whether a period's (or a unit's) proportion
 * may be shown. Charts, tables, exports and APIs must all ask this function, so that changing the
 * rule changes it everywhere at once.
 *
 * Why: a proportion computed from very few responses lets a reader infer an individual's answer
 * (e.g. 2 of 3 felt safe on a ward where everyone knows who answered), and a respondent who fears
 * being identified will not answer honestly.
 */

/** Programme default from PRODUCT.md: fewer than 5 responses is "too few responses". */
export const DEFAULT_MIN_RESPONSES = 5;

/**
 * True when a count exists but is too small to show (0 < responses < minResponses).
 *
 * Zero responses is deliberately NOT suppressed: there is nothing to infer from an empty period, and
 * the UI needs to tell "nobody answered" apart from "some answered but too few to show".
 */
export function isSuppressed(responses: number, minResponses: number = DEFAULT_MIN_RESPONSES): boolean {
  return responses > 0 && responses < minResponses;
}

/** Throws when a caller passes a minimum that would silently disable or distort suppression. */
export function assertValidMinResponses(minResponses: number): void {
  if (!Number.isSafeInteger(minResponses) || minResponses < 1) {
    throw new RangeError(`minResponses must be a positive integer, got ${String(minResponses)}`);
  }
}
