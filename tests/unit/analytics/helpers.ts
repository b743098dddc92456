import { addDays } from "../../../lib/analytics/periods";
import type { PeriodCounts } from "../../../lib/analytics/run-chart-types";

/**
 * A compact way to write a weekly series by hand:
 * - a number v means v "yes" out of 10 responses (value v/10);
 * - [x, n] means x "yes" out of n responses;
 * - null means a week with no responses.
 */
export type Spec = number | readonly [number, number] | null;

export const FIRST_MONDAY = "2026-01-05";

/** Start date of week `index` of the series (week 0 starts Monday 5 January 2026). */
export function weekStart(index: number, first = FIRST_MONDAY): string {
  return addDays(first, 7 * index);
}

export function weeks(specs: readonly Spec[], first = FIRST_MONDAY): PeriodCounts[] {
  return specs.map((spec, i) => {
    const start = weekStart(i, first);
    const end = addDays(start, 6);
    if (spec === null) return { start, end, responses: 0, yes: 0 };
    if (typeof spec === "number") return { start, end, responses: 10, yes: spec };
    return { start, end, responses: spec[1], yes: spec[0] };
  });
}

/**
 * Values (out of 10) for consecutive runs of the given lengths, alternating low (2) and high (8)
 * around a median of 5. Starting with blocks [2, 2] makes the first four values 2, 2, 8, 8, so a
 * baseline of 4 gives a median of exactly 0.5.
 */
export function fromBlocks(lengths: readonly number[], startLow = true): number[] {
  const values: number[] = [];
  lengths.forEach((length, i) => {
    const low = (i % 2 === 0) === startLow;
    for (let k = 0; k < length; k += 1) values.push(low ? 2 : 8);
  });
  return values;
}

export function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}
