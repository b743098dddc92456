import { z } from "zod";
import type { PointSignal } from "@/lib/analytics/run-chart-types";
import type { ChangeIdeaStatus } from "./driver-diagram";
import { optionalDateField } from "./aim";
import { addDays, isValidDate } from "@/lib/analytics/periods";

// PDSA cycles: Plan (what, who, where, when, the prediction), Do (what happened), Study (what the
// data showed against the prediction), Act (adopt, adapt or abandon, and the next cycle). The
// rules for a cycle's fields and dates, its stage, what its act decision means for the change
// idea, and the summary of the run chart over its dates live here, free of the database.

export const PDSA_DECISIONS = ["ADOPT", "ADAPT", "ABANDON"] as const;
export type PdsaDecision = (typeof PDSA_DECISIONS)[number];

export const DECISION_LABELS: Record<PdsaDecision, string> = {
  ADOPT: "Adopt: make it part of how the ward works",
  ADAPT: "Adapt: change it and test again",
  ABANDON: "Abandon: stop testing it",
};
export const DECISION_WORDS: Record<PdsaDecision, string> = { ADOPT: "Adopted", ADAPT: "Adapted", ABANDON: "Abandoned" };

/** What the act decision makes of the change idea. */
export const STATUS_AFTER_DECISION: Record<PdsaDecision, ChangeIdeaStatus> = { ADOPT: "ADOPTED", ADAPT: "ADAPTED", ABANDON: "ABANDONED" };

export const MAX_PDSA_TEXT = 4000;
export const MAX_PDSA_SHORT = 300;

const blankToEmpty = (v: unknown) => (v === undefined || v === null ? "" : v);

const required = (what: string, max = MAX_PDSA_TEXT) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `This must be ${max} characters or fewer`);
const optional = (max = MAX_PDSA_TEXT) =>
  z.preprocess(blankToEmpty, z.string({ error: "Enter text" }).trim().max(max, `This must be ${max} characters or fewer`));

const dateField = (what: string) =>
  z
    .string({ error: `Enter the ${what} as a date, for example 2026-03-02` })
    .trim()
    .min(1, `Enter the ${what}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a date, for example 2026-03-02`)
    .refine(isValidDate, `The ${what} must be a real date`);

/** The fields of a cycle, all four stages. A new cycle needs the plan; the rest is filled in as it runs. */
const cycleFields = {
  wardId: z.preprocess((v) => (v === undefined || v === "" ? null : v), z.string().min(1).nullable()),
  startDate: dateField("start date"),
  endDate: optionalDateField("end date"),
  planWhat: required("what the team will test (the plan)"),
  planWho: optional(MAX_PDSA_SHORT),
  planWhere: optional(MAX_PDSA_SHORT),
  prediction: required("the prediction: what the team expects to happen"),
  doNotes: optional(),
  studyNotes: optional(),
  actDecision: z.preprocess(
    (v) => (v === undefined || v === "" ? null : v),
    z.enum(PDSA_DECISIONS, { error: "Choose adopt, adapt or abandon" }).nullable(),
  ),
  actNotes: optional(),
};

type CycleDates = { startDate?: string; endDate?: string | null; actDecision?: PdsaDecision | null };

/** Dates in order; a decided cycle has ended. Shared by the new-cycle and the change-cycle schemas. */
function checkCycle(cycle: CycleDates, ctx: z.RefinementCtx) {
  if (cycle.startDate && cycle.endDate && cycle.endDate < cycle.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be on or after the start date" });
  }
  if (cycle.actDecision && !cycle.endDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "Enter the end date: a cycle with an act decision has ended" });
  }
}

export const newCycleSchema = z
  .object({ changeIdeaId: z.string({ error: "Choose the change idea this cycle tests" }).min(1, "Choose the change idea this cycle tests"), ...cycleFields })
  .superRefine(checkCycle);
export type NewCycle = z.output<typeof newCycleSchema>;

/** A whole cycle as the edit form and PUT send it (the change idea does not change). */
export const cycleSchema = z.object(cycleFields).superRefine(checkCycle);
export type CycleInput = z.output<typeof cycleSchema>;

export type CycleStage = "planned" | "doing" | "study" | "decided";

/** What a cycle records, stage by stage, as the pages and the API show it (dates YYYY-MM-DD). */
export type CycleRecord = {
  startDate: string;
  endDate: string | null;
  planWhat: string;
  planWho: string;
  planWhere: string;
  prediction: string;
  doNotes: string;
  studyNotes: string;
  actDecision: PdsaDecision | null;
  actNotes: string;
};
export const STAGE_LABELS: Record<CycleStage, string> = {
  planned: "Planned",
  doing: "Running",
  study: "Ended: study and act to do",
  decided: "Decided",
};

/** Where a cycle is, on a given day (ISO date). */
export function cycleStage(cycle: { startDate: string; endDate: string | null; actDecision: PdsaDecision | null }, today: string): CycleStage {
  if (cycle.actDecision) return "decided";
  if (cycle.startDate > today) return "planned";
  if (cycle.endDate === null || cycle.endDate >= today) return "doing";
  return "study";
}

/** The change idea's status after a cycle is added or decided; null to leave it as it is. */
export function statusAfterCycle(current: ChangeIdeaStatus, decision: PdsaDecision | null): ChangeIdeaStatus | null {
  if (decision) return STATUS_AFTER_DECISION[decision] === current ? null : STATUS_AFTER_DECISION[decision];
  // A new cycle on an idea (or an adapted one) means it is being tested.
  return current === "IDEA" || current === "ADAPTED" ? "TESTING" : null;
}

// ---------------------------------------------------------------------------------------------------
// One cycle after another: PDSA 1, 2, 3… of a change idea
// ---------------------------------------------------------------------------------------------------

/** The cycles before and after this one among its change idea's cycles (any order given). */
export function neighbourCycles<T extends { id: string; number: number }>(cyclesOfIdea: readonly T[], id: string): { previous: T | null; next: T | null } {
  const sorted = [...cyclesOfIdea].sort((a, b) => a.number - b.number);
  const at = sorted.findIndex((c) => c.id === id);
  if (at === -1) return { previous: null, next: null };
  return { previous: sorted[at - 1] ?? null, next: sorted[at + 1] ?? null };
}

/**
 * Whether Act leads on to another cycle from this one: it was adopted (test it wider or for longer)
 * or adapted (test the changed version), and no later cycle of the idea exists yet. An abandoned
 * idea ends here.
 */
export function leadsToNextCycle(cycle: { id: string; actDecision: PdsaDecision | null }, cyclesOfIdea: readonly { id: string; number: number }[]): boolean {
  return (cycle.actDecision === "ADOPT" || cycle.actDecision === "ADAPT") && neighbourCycles(cyclesOfIdea, cycle.id).next === null;
}

export interface NextCyclePlan {
  changeIdeaId: string;
  wardId: string | null;
  startDate: string;
  planWhat: string;
  planWho: string;
  planWhere: string;
}

/**
 * The next cycle's plan carried forward from the one before, for the team to change: the same
 * change idea, ward, people and place; what to test is the earlier cycle's next steps; it starts
 * the day after the earlier one ended (today if that was not recorded).
 */
export function nextCyclePlan(
  previous: { changeIdeaId: string; wardId: string | null; endDate: string | null; planWho: string; planWhere: string; actNotes: string },
  today: string,
): NextCyclePlan {
  return {
    changeIdeaId: previous.changeIdeaId,
    wardId: previous.wardId,
    startDate: previous.endDate ? addDays(previous.endDate, 1) : today,
    planWhat: previous.actNotes,
    planWho: previous.planWho,
    planWhere: previous.planWhere,
  };
}

// ---------------------------------------------------------------------------------------------------
// Study: what the run chart showed over the cycle's dates
// ---------------------------------------------------------------------------------------------------

export interface StudyPoint {
  start: string;
  end: string;
  responses: number;
  value: number | null;
  suppressed: boolean;
  phase: number;
  signals: readonly PointSignal[];
}

export interface CycleStudy {
  /** Periods that overlap the cycle's dates. */
  periods: number;
  /** Of those, periods with a value to read (not empty, not suppressed). */
  withValues: number;
  above: number;
  below: number;
  onMedian: number;
  /** The median the points are compared with: that of the phase the cycle's first period is in. */
  median: number | null;
  /** Each rule signal with the number of the cycle's periods it marks. */
  signals: { signal: PointSignal; periods: number }[];
  /** The first and last dates of the periods read. */
  first: string | null;
  last: string | null;
}

/**
 * Reads the run chart's points over a cycle's dates: how many periods sat above and below the
 * median and which rule signals fired there. An unfinished cycle runs to `today`.
 */
export function studyCycle(
  points: readonly StudyPoint[],
  phaseMedians: readonly (number | null)[],
  cycle: { startDate: string; endDate: string | null },
  today: string,
): CycleStudy {
  const end = cycle.endDate ?? today;
  const within = points.filter((p) => p.end >= cycle.startDate && p.start <= end);
  const shown = within.filter((p) => p.value !== null && !p.suppressed && p.responses > 0);
  const median = within.length > 0 ? (phaseMedians[within[0]!.phase] ?? null) : null;
  const signalCounts = new Map<PointSignal, number>();
  for (const p of within) for (const s of p.signals) signalCounts.set(s, (signalCounts.get(s) ?? 0) + 1);
  const medianOf = (p: StudyPoint) => phaseMedians[p.phase] ?? null;
  return {
    periods: within.length,
    withValues: shown.length,
    above: shown.filter((p) => medianOf(p) !== null && p.value! > medianOf(p)!).length,
    below: shown.filter((p) => medianOf(p) !== null && p.value! < medianOf(p)!).length,
    onMedian: shown.filter((p) => medianOf(p) !== null && p.value === medianOf(p)).length,
    median,
    signals: [...signalCounts].map(([signal, periods]) => ({ signal, periods })),
    first: within[0]?.start ?? null,
    last: within[within.length - 1]?.end ?? null,
  };
}

/** Whether a cycle's dates overlap a chart's date range (either end may be open). */
export function overlapsRange(cycle: { startDate: string; endDate: string | null }, from: string | null, to: string | null): boolean {
  if (to !== null && cycle.startDate > to) return false;
  if (from !== null && cycle.endDate !== null && cycle.endDate < from) return false;
  return true;
}

/** Periods of context shown before a cycle on its study chart, so the team sees before and during. */
export const STUDY_CONTEXT_WEEKS = 8;

/**
 * The run chart options for studying a cycle: weekly for a cycle of up to about four months (a PDSA
 * cycle is usually weeks long), monthly beyond, from a few periods before the start to the end.
 */
export function studyChartRange(cycle: { startDate: string; endDate: string | null }, today: string): { interval: "week" | "month"; from: string; to: string | undefined } {
  const end = cycle.endDate ?? today;
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${cycle.startDate}T00:00:00Z`)) / 86_400_000;
  const interval = days > 120 ? "month" : "week";
  const contextDays = interval === "week" ? STUDY_CONTEXT_WEEKS * 7 : 92;
  return { interval, from: addDays(cycle.startDate, -contextDays), to: cycle.endDate ?? undefined };
}

/** The study in words, for the cycle page and screen readers. */
export function studySentences(study: CycleStudy, interval: string, signalLabel: (s: PointSignal) => string): string[] {
  if (study.periods === 0) return [`There are no responses in the cycle's dates yet.`];
  const unit = (n: number) => `${n} ${interval}${n === 1 ? "" : "s"}`;
  const lines = [`The cycle's dates cover ${unit(study.periods)}, ${study.withValues} with enough responses to show.`];
  if (study.median !== null && study.withValues > 0) {
    lines.push(`Against the median of ${Math.round(study.median * 1000) / 10}%: ${study.above} above, ${study.below} below${study.onMedian ? `, ${study.onMedian} on it` : ""}.`);
  }
  lines.push(
    study.signals.length === 0
      ? "No run chart rule signalled in these periods: by the rules, no evidence yet of a non-random change."
      : `Rule signals in these periods: ${study.signals.map((s) => `${signalLabel(s.signal)} (${unit(s.periods)})`).join("; ")}.`,
  );
  return lines;
}
