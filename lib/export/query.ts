import { z } from "zod";
import { CHANNELS } from "@/lib/analytics/channels";
import { parseScope } from "@/lib/charts/scope";
import { responseDateSchema } from "@/lib/survey/schema";

// The query of both exports: which ward, project team or trust (scope, as the run-chart API takes
// it), which dates, which channel (own phone, ward tablet, paper, or all), and for the per-period
// counts the period length.

const SCOPE_HELP = "scope must be ward:<ward code>, team:<team id>, trust:<trust id> or all";

export const exportQuerySchema = z
  .object({
    scope: z.string({ error: SCOPE_HELP }).transform((value, ctx) => {
      const scope = parseScope(value);
      if (!scope) {
        ctx.addIssue({ code: "custom", message: SCOPE_HELP });
        return z.NEVER;
      }
      return scope;
    }),
    interval: z.enum(["week", "fortnight", "month"], { error: 'interval must be "week", "fortnight" or "month"' }).default("week"),
    from: responseDateSchema.optional(),
    to: responseDateSchema.optional(),
    channel: z.enum(CHANNELS, { error: 'channel must be "all", "own-phone", "ward-tablet" or "paper"' }).default("all"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "to must be on or after from" });

export type ExportQuery = z.output<typeof exportQuerySchema>;

/** Query parameters to the schema's input: empty values count as absent (a blank date field means no limit). */
export function exportQueryInput(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["scope", "interval", "from", "to", "channel"]) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}
