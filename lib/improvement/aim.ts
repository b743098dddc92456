import { z } from "zod";
import { isValidDate } from "@/lib/analytics/periods";

// A project team's aim (Model for Improvement: "what are we trying to accomplish?"): a statement,
// a target percentage (the dotted line on its run charts) and the date it aims to reach it by.
// A team that has not written its own statement works to the collaborative's.

export const COLLABORATIVE_AIM = "To increase the percentage of service users and staff who feel safe from sexual harm";

export const MAX_AIM_LENGTH = 500;

export interface TeamAim {
  /** The team's own statement, or the collaborative's when it has none. */
  statement: string;
  /** True when the statement is the collaborative's default. */
  isDefault: boolean;
  targetPercent: number | null;
  /** ISO date, or null. */
  targetDate: string | null;
}

export function teamAim(team: { aimStatement: string | null; targetPercent: number | null; targetDate: Date | string | null }): TeamAim {
  const targetDate = team.targetDate === null ? null : typeof team.targetDate === "string" ? team.targetDate : team.targetDate.toISOString().slice(0, 10);
  return {
    statement: team.aimStatement ?? COLLABORATIVE_AIM,
    isDefault: team.aimStatement === null,
    targetPercent: team.targetPercent,
    targetDate,
  };
}

/** "To increase … from sexual harm to 90% by 31 March 2027". */
export function aimSentence(aim: TeamAim): string {
  const parts = [aim.statement.replace(/[.\s]+$/, "")];
  if (aim.targetPercent !== null) parts.push(`to ${aim.targetPercent}%`);
  if (aim.targetDate !== null) parts.push(`by ${longDate(aim.targetDate)}`);
  return `${parts.join(" ")}.`;
}

function longDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const PERCENT_MESSAGE = "Enter the target as a whole percentage from 1 to 100, or leave it blank for no target";

/** Blank or absent means "no target". */
export const targetPercentField = z.preprocess(
  (v) => (v === undefined ? null : blankToNull(v)),
  z.union(
    [
      z.null(),
      z
        .string()
        .trim()
        .regex(/^\d{1,3}$/, PERCENT_MESSAGE)
        .transform(Number)
        .refine((n) => n >= 1 && n <= 100, PERCENT_MESSAGE),
      z.number({ error: PERCENT_MESSAGE }).int(PERCENT_MESSAGE).min(1, PERCENT_MESSAGE).max(100, PERCENT_MESSAGE),
    ],
    { error: PERCENT_MESSAGE },
  ),
);

/** An optional ISO date: blank or absent means none. */
export const optionalDateField = (what: string) =>
  z.preprocess(
    (v) => (v === undefined ? null : blankToNull(v)),
    z.union([
      z.null(),
      z
        .string({ error: `Enter the ${what} as a date, for example 2027-03-31` })
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a date, for example 2027-03-31`)
        .refine(isValidDate, `The ${what} must be a real date`),
    ], { error: `Enter the ${what} as a date, for example 2027-03-31` }),
  );

/**
 * The aim form and API. A blank statement, or the collaborative's own words, means "use the
 * collaborative's aim", so a team that later sees the collaborative's wording change keeps up.
 */
export const aimSchema = z.object({
  statement: z.preprocess(
    (v) => (v === undefined ? null : blankToNull(v)),
    // The union's own error: without it a non-text statement gets zod's "Invalid input".
    z.union([z.null(), z.string({ error: "Enter the aim statement" }).trim().max(MAX_AIM_LENGTH, `The aim statement must be ${MAX_AIM_LENGTH} characters or fewer`)], { error: "Enter the aim statement" }),
  ).transform((s) => (s === null || s === COLLABORATIVE_AIM ? null : s)),
  targetPercent: targetPercentField,
  targetDate: optionalDateField("target date"),
});
export type AimInput = z.output<typeof aimSchema>;

/** The run chart's target alone (kept for the chart's own form and API). */
export const targetSchema = z.object({ targetPercent: targetPercentField });
