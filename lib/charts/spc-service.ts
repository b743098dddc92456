import { z } from "zod";
import { periodEnd, periodStart, type AssuranceIcon, type Interval, type PChartSignal, type VariationIcon } from "@/lib/analytics";
import { assertCanCompare } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { fillPeriods } from "./comparison";
import type { ChannelFilter } from "@/lib/analytics/channels";
import { countsByPeriod, type Measure, type RespondentFilter } from "./counts";
import { chartOptionsSchema, runChartQuerySchema } from "./query";
import { env } from "@/lib/env";
import { phaseRecords, type AnsweredPeriod } from "./run-chart-service";
import { resolveScope, type ScopeRef } from "./scope";
import { describeSpc, limitsNote, SMALL_NUMBERS_NOTE, SPC_CHARTS, spcAnalysis, type LimitsNote, type SpcChart, type SpcChoice } from "./spc";

// The SPC view for teams, trusts and the whole collaborative (GET /api/v1/spc and the SPC page): a
// p-chart, or Laney's p′ chart when the data are over-dispersed, with per-period limits, the Making
// Data Count rules and the variation and assurance icons. Same scopes, counts and phases as the run
// charts (lib/charts/run-chart-service.ts); for QI coaches and administrators only.
//
// Date range: the chart is of the periods that overlap [from, to], read whole (periods are never
// cut). Unlike the run chart's frozen median, the p-chart's centre line is p̄ over every period of
// the phase shown (the Making Data Count default), so the range chosen is the range analysed.

const chartParams = chartOptionsSchema.shape;

const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

export const spcQuerySchema = z
  .object({
    scope: runChartQuerySchema.shape.scope.default({ kind: "all" } as ScopeRef),
    chart: z.enum(SPC_CHARTS, { error: 'chart must be "p", "pprime" or "auto"' }).default("auto"),
    measure: chartParams.measure,
    respondent: chartParams.respondent,
    channel: chartParams.channel,
    interval: chartParams.interval,
    screen: z.enum(["on", "off"], { error: 'screen must be "on" or "off"' }).default("on"),
    from: chartParams.from,
    to: chartParams.to,
  })
  .refine(fromBeforeTo, { path: ["to"], message: "to must be on or after from" });

export type SpcQuery = z.output<typeof spcQuerySchema>;

export interface SpcPoint extends AnsweredPeriod {
  centre: number | null;
  limits: { lower3: number; upper3: number; lower2: number; upper2: number } | null;
  signals: PChartSignal[];
  variation: VariationIcon | null;
}

export interface SpcPhase {
  start: string;
  baselinePoints: number;
  centre: number | null;
  chart: SpcChart;
  sigmaZ: number | null;
  overdispersed: boolean;
  /** Fewer than 13 points: the limits are trial limits. */
  trialLimits: boolean;
  responsesForUpperLimitBelow100: number | null;
  reason: string | null;
}

export interface SpcAnswer {
  scope: string;
  name: string;
  measure: Measure;
  respondent: RespondentFilter;
  channel: ChannelFilter;
  interval: Interval;
  from: string | null;
  to: string | null;
  minResponses: number;
  /** The chart drawn, and why. */
  chart: SpcChart;
  choice: SpcChoice;
  /** The project team's aim (for a ward, its team's), used for the assurance icon. */
  target: number | null;
  points: SpcPoint[];
  phases: SpcPhase[];
  /** The latest phase's limits are trial limits (fewer than 13 points). */
  trialLimits: boolean;
  icons: { variation: VariationIcon | null; assurance: AssuranceIcon | null };
  explanations: string[];
  limitsNote: LimitsNote | null;
  smallNumbersNote: string;
}

export async function spcChart(actor: Actor, query: SpcQuery): Promise<SpcAnswer> {
  assertCanCompare(actor);
  const resolved = await resolveScope(actor, query.scope);
  const records = await phaseRecords(resolved.owner);
  const minResponses = env().MIN_RESPONSES;
  const { interval, from, to } = query;
  const buckets = await countsByPeriod(resolved.counts, {
    measure: query.measure,
    respondent: query.respondent,
    interval,
    from: from ? periodStart(from, interval) : undefined,
    to: to ? periodEnd(to, interval) : undefined,
    channel: query.channel,
    minResponses,
  });
  const { result, choice } = spcAnalysis(fillPeriods(buckets, interval), {
    chart: query.chart,
    interval,
    minResponses,
    phaseStarts: records.map((r) => r.startDate),
    target: resolved.target,
    screen: query.screen === "on",
  });

  return {
    scope: resolved.scope,
    name: resolved.name,
    measure: query.measure,
    respondent: query.respondent,
    channel: query.channel,
    interval,
    from: from ?? null,
    to: to ?? null,
    minResponses,
    chart: choice.used,
    choice,
    target: resolved.target,
    points: result.points.map((p) => ({
      start: p.start,
      end: p.end,
      responses: p.responses,
      yes: p.yes,
      value: p.value,
      suppressed: p.suppressed,
      phase: p.phase,
      centre: p.centre,
      limits: p.limits,
      signals: [...p.signals],
      variation: p.variation,
    })),
    phases: result.phases.map((p, i) => {
      const record = i === 0 ? [...records].reverse().find((r) => r.startDate <= p.start) : records.find((r) => r.startDate === p.start);
      return {
        start: p.start,
        baselinePoints: p.baselinePoints,
        centre: p.centre,
        chart: p.method === "laney" ? "pprime" : "p",
        sigmaZ: p.sigmaZ === null ? null : Math.round(p.sigmaZ * 1000) / 1000,
        overdispersed: p.suggestLaney,
        trialLimits: p.trialLimits,
        responsesForUpperLimitBelow100: p.responsesForUpperLimitBelow100,
        reason: record?.reason ?? null,
      };
    }),
    trialLimits: result.trialLimits,
    icons: { variation: result.variation, assurance: result.assurance },
    explanations: describeSpc(result, interval),
    limitsNote: limitsNote(result, interval),
    smallNumbersNote: SMALL_NUMBERS_NOTE,
  };
}
