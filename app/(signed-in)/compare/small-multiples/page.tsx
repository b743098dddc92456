import type { Metadata } from "next";
import Link from "next/link";
import { LEVEL_LABELS, type Level } from "@/lib/charts/comparison";
import { comparisonChoices, smallMultiples } from "@/lib/charts/comparison-service";
import { optionsFromSearch, overviewQuerySchema, type OverviewQuery } from "@/lib/charts/query";
import { BadRequestError } from "@/lib/errors";
import { CHART_COLOURS, INTERVAL_LABELS, MEASURE_LABELS, RESPONDENT_LABELS, CHANNEL_LABELS, percent } from "@/lib/charts/labels";
import { StatusBadge } from "../_components/icons";
import { statusWords } from "@/lib/charts/labels";
import { CompareHeader, LINK_DEFAULTS, LevelTabs, linkParams } from "../_components/parts";
import { requireComparer } from "../_components/require-comparer";
import { Thumbnail } from "../_components/thumbnail";
import { Choice, ApplyButton, FilterSelect } from "@/components/filters";
import { hrefWith, pageParam, Pagination, type Search } from "@/components/nav";

export const metadata: Metadata = { title: "Small multiples: every run chart at a glance" };

/** About one screen of thumbnails (the original programme had 57 project teams). */
const PAGE_SIZE = 60;

type Props = { searchParams: Promise<Search> };

function params(q: OverviewQuery, extra: Record<string, string | number | undefined> = {}) {
  return linkParams({ level: q.level, measure: q.measure, respondent: q.respondent, channel: q.channel, interval: q.interval, trust: q.trust }, extra, { ...LINK_DEFAULTS, level: "team" });
}

export default async function SmallMultiplesPage({ searchParams }: Props) {
  const actor = await requireComparer("/compare/small-multiples");
  const search = await searchParams;
  // Project teams by default; trusts too. Wards are left to the overview: thousands of thumbnails
  // would not be a glance.
  const level: Level = search.level === "trust" ? "trust" : "team";
  const { options, errors } = optionsFromSearch(overviewQuerySchema, { ...search, level, sort: "name", dir: "asc", team: undefined });
  let query: OverviewQuery = options;
  let trustError: Record<string, string> | null = null;
  let answer;
  try {
    answer = await smallMultiples(actor, query);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    trustError = error.fields;
    query = { ...query, trust: undefined };
    answer = await smallMultiples(actor, query);
  }
  const choices = await comparisonChoices(actor);
  const allErrors = { ...(errors ?? {}), ...(trustError ?? {}) };
  const words = LEVEL_LABELS[level];
  const pages = Math.max(1, Math.ceil(answer.series.length / PAGE_SIZE));
  const page = Math.min(pageParam(search.page), pages);
  const shown = answer.series.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const unit = answer.interval;
  const chartSearch = new URLSearchParams({ measure: answer.measure, respondent: answer.respondent, interval: answer.interval, ...(answer.channel === "all" ? {} : { channel: answer.channel }) }).toString();

  return (
    <>
      <CompareHeader current="small-multiples" query={query} errors={allErrors} description={`Every ${words.one}'s run chart at thumbnail size, all on the same scale: scan them for signals, then open the one you want.`} />
      <LevelTabs label="Show" levels={["team", "trust"]} current={level} href={(l) => hrefWith("/compare/small-multiples", params({ ...query, level: l }))} />
      <form method="get" action="/compare/small-multiples" aria-label="Small multiples options" className="mb-4 rounded border border-slate-300 bg-white p-4">
        {level !== "team" ? <input type="hidden" name="level" value={level} /> : null}
        <div className="flex flex-wrap items-end gap-4">
          <Choice id="multiples-measure" name="measure" label="Measure" value={query.measure} options={MEASURE_LABELS} />
          <Choice id="multiples-respondent" name="respondent" label="Respondents" value={query.respondent} options={RESPONDENT_LABELS} />
          <Choice id="multiples-channel" name="channel" label="Channel" value={query.channel} options={CHANNEL_LABELS} />
          <Choice id="multiples-interval" name="interval" label="Period" value={query.interval} options={INTERVAL_LABELS} />
          {level === "team" ? (
            <FilterSelect id="multiples-trust" name="trust" label="Trust" value={query.trust ?? ""}>
              <option value="">All trusts</option>
              {choices.trusts.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </FilterSelect>
          ) : null}
          <ApplyButton />
        </div>
      </form>

      <h2 className="text-xl font-bold">
        {MEASURE_LABELS[answer.measure]}, {RESPONDENT_LABELS[answer.respondent].toLowerCase()}, {answer.channel === "all" ? "" : `${CHANNEL_LABELS[answer.channel].toLowerCase()}, `}{INTERVAL_LABELS[unit].toLowerCase()}: {answer.series.length}{" "}
        {answer.series.length === 1 ? words.one : words.many}
        {answer.filters.trust ? ` in ${answer.filters.trust.name}` : ""}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Key">
        <li>
          <svg width="28" height="12" aria-hidden="true" className="inline-block align-middle">
            <line x1="0" x2="28" y1="6" y2="6" stroke={CHART_COLOURS.value} strokeWidth="2" />
          </svg>{" "}
          Percentage (gaps: no responses, or fewer than {answer.minResponses})
        </li>
        <li>
          <svg width="28" height="12" aria-hidden="true" className="inline-block align-middle">
            <line x1="0" x2="28" y1="6" y2="6" stroke={CHART_COLOURS.median} strokeWidth="2" />
          </svg>{" "}
          Median (dashed while provisional)
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true" className="inline-block align-middle">
            <rect x="1" y="1" width="10" height="10" fill={CHART_COLOURS.improvement} />
          </svg>{" "}
          Point in a shift, trend or unusual number of runs (IHI rules) pointing to improvement;{" "}
          <svg width="12" height="12" aria-hidden="true" className="inline-block align-middle">
            <rect x="1" y="1" width="10" height="10" fill={CHART_COLOURS.concern} />
          </svg>{" "}
          to concern
        </li>
        <li>
          <svg width="28" height="12" aria-hidden="true" className="inline-block align-middle">
            <line x1="0" x2="28" y1="6" y2="6" stroke={CHART_COLOURS.target} strokeWidth="2" strokeDasharray="2 3" />
          </svg>{" "}
          Aim
        </li>
      </ul>
      <p className="mt-1 text-sm text-muted">All charts share one scale: 0% to 100%, {answer.axis.length} {unit}s from the first response to the latest.</p>

      {shown.length === 0 ? (
        <p className="mt-4 rounded border border-slate-300 bg-white p-4">Nothing to show for these choices.</p>
      ) : (
        <ul className="mt-4 grid grid-cols-[repeat(auto-fill,minmax(11.5rem,1fr))] gap-2" data-testid="small-multiples">
          {shown.map(({ row, buckets, analysis }) => {
            const latestPhase = analysis.phases[analysis.phases.length - 1];
            const label = `${row.name} run chart: ${statusWords(row.status, row.statusSince, row.lastSignal).toLowerCase()}; median ${
              latestPhase?.median == null ? "not yet known" : percent(latestPhase.median)
            }; latest ${unit} ${
              !row.latest || row.latest.responses === 0 ? "no responses" : row.latest.suppressed ? "too few responses" : percent(row.latest.value)
            }${analysis.signalled.length > 0 ? `; ${analysis.signalled.length} ${unit}s in a signal` : ""}.`;
            return (
              <li key={row.id} className="rounded border border-slate-300 bg-white p-1.5" data-unit={row.id}>
                <h3 className="truncate text-sm font-bold">
                  <Link href={`${row.href}?${chartSearch}`} className="text-nhs-blue underline">
                    {row.name}
                  </Link>
                </h3>
                {level === "team" && !answer.filters.trust ? <p className="truncate text-xs text-muted">{row.trust}</p> : null}
                <Thumbnail axis={answer.axis} buckets={buckets} analysis={analysis} minResponses={answer.minResponses} target={row.target} label={label} />
                <p className="mt-1 text-xs">
                  <StatusBadge status={row.status} since={row.statusSince} lastSignal={row.lastSignal} size={16} />
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination
        page={page}
        pages={pages}
        label={`Pages of ${words.many}`}
        href={(p) => hrefWith("/compare/small-multiples", params(query, { page: p === 1 ? undefined : p }))}
      />
    </>
  );
}
