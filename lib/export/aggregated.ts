import { enumeratePeriods, isSuppressed, periodEnd, periodStart, type Interval } from "@/lib/analytics";
import type { Actor } from "@/lib/auth/roles";
import { countsByPeriod, type BucketCounts, type Measure, type RespondentFilter } from "@/lib/charts/counts";
import { env } from "@/lib/env";
import { resolveScope } from "@/lib/charts/scope";
import { csvLine } from "@/lib/csv/write";
import type { ExportQuery } from "./query";

// Counts per period for a ward, a project team, a trust or every ward, as CSV, for everyone who can
// see that scope. The counts come from lib/charts/counts.ts, the same SQL as the run charts, and
// suppression is the charts' own rule (lib/analytics isSuppressed): a period with too few responses
// shows how many responses it has but neither its yes count nor its percentage. With one channel
// chosen, a period is also withheld when showing it would give away a suppressed channel by
// subtraction from the all-channels counts (lib/analytics/channels.ts).

export const AGGREGATED_COLUMNS = [
  "scope",
  "name",
  "period_start",
  "period_end",
  "respondent",
  "channel",
  "responses",
  "felt_safe_yes",
  "felt_safe_percent",
  "felt_safe_suppressed",
  "speak_up_answered",
  "speak_up_yes",
  "speak_up_percent",
  "speak_up_suppressed",
] as const;

const RESPONDENTS: { filter: RespondentFilter; label: string }[] = [
  { filter: "all", label: "all" },
  { filter: "service-user", label: "service_user" },
  { filter: "staff", label: "staff" },
];

const percentOf = (yes: number, total: number) => Math.round((yes / total) * 1000) / 10;

export type AggregatedExport = { fileName: string; csv: string; rows: number };

export async function aggregatedExport(actor: Actor, query: ExportQuery): Promise<AggregatedExport> {
  const resolved = await resolveScope(actor, query.scope);
  const minResponses = env().MIN_RESPONSES;
  const interval: Interval = query.interval;
  // Whole periods only, as on the charts: a period that overlaps the range is counted in full.
  const from = query.from ? periodStart(query.from, interval) : undefined;
  const to = query.to ? periodEnd(query.to, interval) : undefined;

  const channel = query.channel;
  const count = (measure: Measure, respondent: RespondentFilter) =>
    countsByPeriod(resolved.counts, { measure, respondent, interval, from, to, channel, minResponses }).then((rows) => new Map(rows.map((r) => [r.start, r])));
  const series = await Promise.all(
    RESPONDENTS.map(async ({ filter }) => ({ feltSafe: await count("felt-safe", filter), speakUp: await count("speak-up", filter) })),
  );

  // Every period from the first to the last with any response (felt safe counts every response).
  const starts = [...series[0]!.feltSafe.keys()].sort();
  const periods = starts.length > 0 ? enumeratePeriods(starts[0]!, starts[starts.length - 1]!, interval) : [];

  let csv = csvLine(AGGREGATED_COLUMNS);
  let rows = 0;
  for (const period of periods) {
    RESPONDENTS.forEach(({ label }, i) => {
      const felt: BucketCounts | undefined = series[i]!.feltSafe.get(period.start);
      const speak: BucketCounts | undefined = series[i]!.speakUp.get(period.start);
      const responses = felt?.responses ?? 0;
      const answered = speak?.responses ?? 0;
      // A channel's count is also withheld when showing it would give away a suppressed channel.
      const feltHidden = isSuppressed(responses, minResponses) || (responses > 0 && felt?.withheld === true);
      const speakHidden = isSuppressed(answered, minResponses) || (answered > 0 && speak?.withheld === true);
      csv += csvLine([
        resolved.scope,
        resolved.name,
        period.start,
        period.end,
        label,
        channel,
        responses,
        feltHidden ? null : (felt?.yes ?? 0),
        feltHidden || responses === 0 ? null : percentOf(felt?.yes ?? 0, responses),
        feltHidden,
        answered,
        speakHidden ? null : (speak?.yes ?? 0),
        speakHidden || answered === 0 ? null : percentOf(speak?.yes ?? 0, answered),
        speakHidden,
      ]);
      rows++;
    });
  }
  const slug = resolved.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "export";
  return { fileName: `${slug}-counts-per-${interval}${channel === "all" ? "" : `-${channel}`}.csv`, csv, rows };
}
