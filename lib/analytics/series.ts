/**
 * Input preparation shared by the run chart and the p-chart, so both apply suppression, exclusion
 * and phases alike and can never disagree about which periods count.
 */

import { isValidDate } from "./periods";
import { ratio, roundRatio, type Ratio } from "./ratio";
import type { ChartedPeriod, PeriodCounts } from "./run-chart-types";
import { DEFAULT_MIN_RESPONSES, assertValidMinResponses, isSuppressed } from "./suppression";

// ---------------------------------------------------------------------------------------------------
// Input preparation (shared with the p-chart so both apply suppression, exclusion and phases alike)
// ---------------------------------------------------------------------------------------------------

export interface PreparedPeriod {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  readonly responses: number;
  readonly yes: number;
  readonly suppressed: boolean;
  readonly excluded: boolean;
  readonly phase: number;
  /** The proportion that may be shown: null when responses = 0 or suppressed. */
  readonly shown: Ratio | null;
  /** The proportion the rules may use: additionally null when excluded. */
  readonly analysed: Ratio | null;
}

export interface PreparedSeries {
  readonly periods: PreparedPeriod[];
  /** Start date of each phase; phase 0 starts with the first period. Empty when there are no periods. */
  readonly phaseStarts: string[];
}

export interface PrepareOptions {
  readonly minResponses?: number;
  readonly phaseStarts?: readonly string[];
  readonly excluded?: ReadonlySet<string> | readonly string[];
}

function isNonNegativeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Validates the series and decides, once, what each period contributes. Bad input throws rather than
 * being "fixed": a chart silently drawn from reordered or impossible counts would mislead a team.
 */
export function prepareSeries(periods: readonly PeriodCounts[], options: PrepareOptions = {}): PreparedSeries {
  const minResponses = options.minResponses ?? DEFAULT_MIN_RESPONSES;
  assertValidMinResponses(minResponses);
  const excluded = new Set<string>(options.excluded ?? []);

  let previousStart: string | null = null;
  for (const [i, p] of periods.entries()) {
    if (!isValidDate(p.start) || !isValidDate(p.end) || p.end < p.start) {
      throw new RangeError(`Period ${i} has invalid dates: ${p.start}..${p.end}`);
    }
    if (previousStart !== null && p.start <= previousStart) {
      throw new RangeError(`Periods must be in strictly increasing order of start (period ${i}: ${p.start})`);
    }
    if (!isNonNegativeInteger(p.responses) || !isNonNegativeInteger(p.yes) || p.yes > p.responses) {
      throw new RangeError(`Period ${p.start} has impossible counts: ${p.yes} yes of ${p.responses}`);
    }
    previousStart = p.start;
  }

  for (const d of options.phaseStarts ?? []) {
    if (!isValidDate(d)) throw new RangeError(`Invalid phase start: ${JSON.stringify(d)}`);
  }

  const first = periods[0];
  if (!first) return { periods: [], phaseStarts: [] };

  // A recorded re-phase on or before the first period cannot start a phase of its own here: phase 0
  // already begins with the first period shown. Later ones are kept even if no period falls in them
  // yet, so a just-recorded re-phase shows as a new phase with "not enough data".
  const later = [...new Set(options.phaseStarts ?? [])].filter((d) => d > first.start).sort();
  const phaseStarts = [first.start, ...later];

  let phase = 0;
  const prepared = periods.map((p, index): PreparedPeriod => {
    while (phase + 1 < phaseStarts.length && (phaseStarts[phase + 1] as string) <= p.start) phase += 1;
    const suppressed = isSuppressed(p.responses, minResponses) || (p.withheld === true && p.responses > 0);
    const shown = p.responses > 0 && !suppressed ? ratio(p.yes, p.responses) : null;
    const isExcluded = excluded.has(p.start);
    return {
      index,
      start: p.start,
      end: p.end,
      responses: p.responses,
      yes: p.yes,
      suppressed,
      excluded: isExcluded,
      phase,
      shown,
      analysed: isExcluded ? null : shown,
    };
  });
  return { periods: prepared, phaseStarts };
}

/** One analysis per phase, each given that phase's periods and start date, in phase order. */
export function perPhase<T>(series: PreparedSeries, analyse: (periods: PreparedPeriod[], start: string) => T): T[] {
  return series.phaseStarts.map((start, phase) =>
    analyse(
      series.periods.filter((p) => p.phase === phase),
      start,
    ),
  );
}

/** A prepared period as every chart shows it: its count of "yes" is withheld when suppressed. */
export function chartedPeriod(p: PreparedPeriod): ChartedPeriod {
  return {
    start: p.start,
    end: p.end,
    responses: p.responses,
    yes: p.suppressed ? null : p.yes,
    value: p.shown ? roundRatio(p.shown) : null,
    suppressed: p.suppressed,
    excluded: p.excluded,
    phase: p.phase,
  };
}
