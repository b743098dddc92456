import { analyseUnit, wardBuckets, type AnalysisSettings, type Unit, type UnitAnalysis } from "./comparison";
import { countsByWardAndPeriod, countsFingerprint, wardCountFingerprints, type BucketCounts, type CountsQuery, type CountsScope } from "./counts";
import type { OverviewQuery } from "./query";

// The comparison views' memory (lib/charts/comparison-service.ts uses it). Each ward's series and each unit's analysis, kept between requests and redone only for the wards
// whose counts changed. Change detection is exact, from the database itself (lib/charts/counts.ts
// countsFingerprint and wardCountFingerprints), so nothing here can serve a stale value: the first
// request after a response is stored re-reads that ward.

/** The whole-collaborative fingerprint the kept per-ward fingerprints belong to. */
let knownGlobal: string | null = null;
let knownWards = new Map<string, string>();

/**
 * Each ward's fingerprint in the scope. The global fingerprint is read FIRST, so a change committed
 * after it can only make what is kept newer than the fingerprint it is filed under (and so be
 * re-read next time), never older. When nothing changed anywhere, no per-ward pass is needed.
 */
export async function fingerprintsFor(scope: CountsScope): Promise<Map<string, string>> {
  const global = await countsFingerprint();
  if (global === knownGlobal) {
    if ("all" in scope) return knownWards;
    const out = new Map<string, string>();
    for (const wardId of scope.wardIds) {
      const fingerprint = knownWards.get(wardId);
      if (fingerprint !== undefined) out.set(wardId, fingerprint);
    }
    return out;
  }
  const fingerprints = await wardCountFingerprints(scope);
  if ("all" in scope) {
    knownGlobal = global;
    knownWards = fingerprints;
  }
  return fingerprints;
}

/** Measure, respondents and period combinations whose series are kept (each holds every ward once). */
const SERIES_CACHE_COMBINATIONS = 6;
const seriesCache = new Map<string, Map<string, { fingerprint: string; buckets: BucketCounts[] }>>();
/** Period starts are shared by every ward: one string each rather than one per ward and period. */
const periodStrings = new Map<string, string>();

function intern(start: string): string {
  const known = periodStrings.get(start);
  if (known !== undefined) return known;
  if (periodStrings.size > 100_000) periodStrings.clear();
  periodStrings.set(start, start);
  return start;
}

/** Every ward's per-period counts for the wards fingerprinted; only changed wards are read, in one query. */
export async function wardSeries(fingerprints: ReadonlyMap<string, string>, everyWard: boolean, query: CountsQuery): Promise<Map<string, BucketCounts[]>> {
  const combination = `${query.measure}|${query.respondent}|${query.interval}|${query.channel ?? "all"}`;
  const cache = seriesCache.get(combination) ?? new Map<string, { fingerprint: string; buckets: BucketCounts[] }>();
  seriesCache.delete(combination);
  seriesCache.set(combination, cache);
  if (seriesCache.size > SERIES_CACHE_COMBINATIONS) {
    const oldest = seriesCache.keys().next().value;
    if (oldest !== undefined) seriesCache.delete(oldest);
  }

  const stale: string[] = [];
  for (const [wardId, fingerprint] of fingerprints) if (cache.get(wardId)?.fingerprint !== fingerprint) stale.push(wardId);
  if (stale.length > 0) {
    const fresh = await countsByWardAndPeriod(everyWard && stale.length === fingerprints.size ? { all: true } : { wardIds: stale }, query);
    const byWard = new Map(fresh.map((w) => [w.wardId, w]));
    for (const wardId of stale) {
      const counts = byWard.get(wardId);
      const buckets = counts ? wardBuckets(counts).map((b) => ({ ...b, start: intern(b.start) })) : [];
      cache.set(wardId, { fingerprint: fingerprints.get(wardId) ?? "", buckets });
    }
  }
  if (everyWard) {
    // Wards that no longer have any counts (every response deleted) are forgotten.
    for (const wardId of cache.keys()) if (!fingerprints.has(wardId)) cache.delete(wardId);
  }
  const out = new Map<string, BucketCounts[]>();
  for (const wardId of fingerprints.keys()) out.set(wardId, cache.get(wardId)?.buckets ?? []);
  return out;
}

const ANALYSIS_CACHE_LIMIT = 20_000;
const analysisCache = new Map<string, UnitAnalysis>();

/**
 * A unit's run-chart analysis, kept under everything it depends on: the options, the unit's phases,
 * and the fingerprint of each of its wards (which pins down their counts).
 */
export function cachedAnalysis(
  unit: Unit,
  fingerprints: ReadonlyMap<string, string>,
  buckets: () => BucketCounts[],
  query: OverviewQuery,
  settings: AnalysisSettings,
): UnitAnalysis {
  const key = [
    query.measure,
    query.respondent,
    query.channel,
    query.interval,
    settings.minResponses,
    settings.baselinePoints,
    unit.phaseStarts.join(","),
    unit.wardIds.map((id) => `${id}=${fingerprints.get(id) ?? "-"}`).join(","),
  ].join("|");
  const hit = analysisCache.get(key);
  if (hit) {
    analysisCache.delete(key);
    analysisCache.set(key, hit);
    return hit;
  }
  const analysis = analyseUnit(buckets(), query.interval, unit.phaseStarts, settings);
  analysisCache.set(key, analysis);
  if (analysisCache.size > ANALYSIS_CACHE_LIMIT) {
    const oldest = analysisCache.keys().next().value;
    if (oldest !== undefined) analysisCache.delete(oldest);
  }
  return analysis;
}

