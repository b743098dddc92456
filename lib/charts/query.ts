import { z } from "zod";
import { DEFAULT_BASELINE_POINTS, isValidDate } from "@/lib/analytics";
import { fieldErrors } from "@/lib/http/fields";
import { LEVELS, OVERVIEW_SORTS, SORT_DIRECTIONS } from "./comparison";
import { CHANNELS } from "@/lib/analytics/channels";
import { MEASURES, RESPONDENT_FILTERS } from "./counts";
import { parseScope, SCOPE_HELP } from "./scope";

// The query parameters of every chart: the run chart's options (measure, respondent, interval,
// rules, baseline, from, to), the comparison's and the overview's, defined once for the API, the
// pages and the exports, with the messages a person reads when a value is wrong.

export const RULE_SETS = ["ihi", "anhoej"] as const;
export type RuleSet = (typeof RULE_SETS)[number];

export const MAX_BASELINE_POINTS = 100;

const dateParam = (name: string) =>
  z
    .string({ error: `${name} must be a date written YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a date written YYYY-MM-DD`)
    .refine(isValidDate, `${name} is not a real calendar date`);

const scopeParam = z.string({ error: SCOPE_HELP }).transform((value, ctx) => {
  const scope = parseScope(value);
  if (!scope) {
    ctx.addIssue({ code: "custom", message: SCOPE_HELP });
    return z.NEVER;
  }
  return scope;
});

const optionParams = {
  measure: z.enum(MEASURES, { error: 'measure must be "felt-safe" or "speak-up"' }).default("felt-safe"),
  respondent: z.enum(RESPONDENT_FILTERS, { error: 'respondent must be "all", "service-user" or "staff"' }).default("all"),
  channel: z.enum(CHANNELS, { error: 'channel must be "all", "own-phone", "ward-tablet" or "paper"' }).default("all"),
  interval: z.enum(["week", "fortnight", "month"], { error: 'interval must be "week", "fortnight" or "month"' }).default("week"),
  rules: z.enum(RULE_SETS, { error: 'rules must be "ihi" or "anhoej"' }).default("ihi"),
  baseline: z
    .string({ error: `baseline must be a whole number from 1 to ${MAX_BASELINE_POINTS}` })
    .regex(/^\d{1,3}$/, `baseline must be a whole number from 1 to ${MAX_BASELINE_POINTS}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_BASELINE_POINTS, `baseline must be a whole number from 1 to ${MAX_BASELINE_POINTS}`)
    .default(DEFAULT_BASELINE_POINTS),
  from: dateParam("from").optional(),
  to: dateParam("to").optional(),
};

const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const FROM_BEFORE_TO = { path: ["to"], message: "to must be on or after from" };

/** The query of GET /api/v1/run-chart. */
export const runChartQuerySchema = z.object({ scope: scopeParam, ...optionParams }).refine(fromBeforeTo, FROM_BEFORE_TO);

/** The chart options alone: the chart pages' search parameters (the page itself says which chart). */
export const chartOptionsSchema = z.object(optionParams).refine(fromBeforeTo, FROM_BEFORE_TO);

export type RunChartQuery = z.output<typeof runChartQuerySchema>;
export type ChartOptions = z.output<typeof chartOptionsSchema>;

const levelParam = z.enum(LEVELS, { error: 'level must be "ward", "team" or "trust"' });

const idParam = (name: string, what: string) =>
  z.string({ error: `${name} must be a ${what} id` }).regex(/^[A-Za-z0-9_-]{1,64}$/, `${name} must be a ${what} id`);

/** GET /api/v1/comparison and the funnel page. */
export const comparisonQuerySchema = z
  .object({
    level: levelParam.default("ward"),
    measure: optionParams.measure,
    respondent: optionParams.respondent,
    channel: optionParams.channel,
    from: optionParams.from,
    to: optionParams.to,
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

/** GET /api/v1/overview, the overview page and the small multiples. */
export const overviewQuerySchema = z.object({
  level: levelParam.default("ward"),
  measure: optionParams.measure,
  respondent: optionParams.respondent,
  channel: optionParams.channel,
  interval: optionParams.interval,
  trust: idParam("trust", "trust").optional(),
  team: idParam("team", "project team").optional(),
  sort: z.enum(OVERVIEW_SORTS, { error: `sort must be one of ${OVERVIEW_SORTS.join(", ")}` }).default("trust"),
  dir: z.enum(SORT_DIRECTIONS, { error: 'dir must be "asc" or "desc"' }).default("asc"),
});

export type ComparisonQuery = z.output<typeof comparisonQuerySchema>;
export type OverviewQuery = z.output<typeof overviewQuerySchema>;

type Search = Record<string, string | string[] | undefined>;

/**
 * For the pages: the options from the search parameters. Invalid ones are reported and replaced by
 * their defaults, so a mistyped link still shows a chart.
 */
export function optionsFromSearch<S extends z.ZodType<object>>(schema: S, search: Search): { options: z.output<S>; errors: Record<string, string> | null } {
  const input = queryInput(search);
  const parsed = schema.safeParse(input);
  if (parsed.success) return { options: parsed.data, errors: null };
  const errors = fieldErrors(parsed.error);
  const valid = Object.fromEntries(Object.entries(input).filter(([key]) => !(key in errors)));
  const retry = schema.safeParse(valid);
  return { options: retry.success ? retry.data : schema.parse({}), errors };
}


/**
 * Query parameters to the schema's input. Empty values count as absent, so a form submitted with
 * a blank date field means "no limit". A repeated parameter is passed on as a list, which the
 * schema refuses with that parameter's message.
 */
export function queryInput(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, unknown> {
  const entries: [string, string | string[] | undefined][] =
    params instanceof URLSearchParams
      ? [...new Set(params.keys())].map((key) => {
          const all = params.getAll(key);
          return [key, all.length === 1 ? all[0] : all];
        })
      : Object.entries(params);
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (value === undefined || value === "") continue;
    out[key] = value;
  }
  return out;
}

