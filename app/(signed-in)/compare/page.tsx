import type { Metadata } from "next";
import Link from "next/link";
import { RunChart } from "@/app/(signed-in)/_charts/run-chart";
import type { RunChartStatus } from "@/lib/analytics";
import { LEVEL_LABELS, STATUS_DESCRIPTIONS, STATUS_LABELS, STATUS_ORDER, type Level, type OverviewRow, type OverviewSort } from "@/lib/charts/comparison";
import { comparisonChoices, overview } from "@/lib/charts/comparison-service";
import { optionsFromSearch, overviewQuerySchema, type OverviewQuery } from "@/lib/charts/query";
import { INTERVAL_LABELS, MEASURE_LABELS, RESPONDENT_LABELS, CHANNEL_LABELS, chartFileName, chartTitle, percent, periodLabel } from "@/lib/charts/labels";
import { chartOptionsSchema } from "@/lib/charts/query";
import { chartView } from "@/lib/charts/run-chart-service";
import { BadRequestError } from "@/lib/errors";
import { StatusBadge, StatusGlyph } from "./_components/icons";
import { CompareHeader, LevelTabs, linkParams } from "./_components/parts";
import { requireComparer } from "./_components/require-comparer";
import { Sparkline } from "./_components/sparkline";
import { Choice, ApplyButton, FilterSelect } from "@/components/filters";
import { hrefWith, pageParam, Pagination, type Search } from "@/components/nav";

export const metadata: Metadata = { title: "Compare wards" };

const PAGE_SIZE = 100;

type Props = { searchParams: Promise<Search> };

/** The overview's choices as link parameters (defaults left out, so links stay short). */
function params(q: OverviewQuery, extra: Record<string, string | number | undefined> = {}) {
  return linkParams({ level: q.level, measure: q.measure, respondent: q.respondent, channel: q.channel, interval: q.interval, trust: q.trust, team: q.team, sort: q.sort, dir: q.dir }, extra);
}

const COLUMNS: Record<Level, { key: OverviewSort | null; label: string; numeric?: boolean }[]> = {
  ward: [
    { key: "name", label: "Ward" },
    { key: "trust", label: "Trust" },
    { key: "team", label: "Project team" },
  ],
  team: [
    { key: "name", label: "Project team" },
    { key: "trust", label: "Trust" },
    { key: null, label: "Wards", numeric: true },
  ],
  trust: [
    { key: "name", label: "Trust" },
    { key: null, label: "Wards", numeric: true },
  ],
};

export default async function ComparePage({ searchParams }: Props) {
  const actor = await requireComparer("/compare");
  const search = await searchParams;
  const { options: query, errors } = optionsFromSearch(overviewQuerySchema, search);
  const page = pageParam(search.page);
  const chartOptions = chartOptionsSchema.parse({ measure: query.measure, respondent: query.respondent, channel: query.channel, interval: query.interval });

  let answerError: Record<string, string> | null = null;
  let safeQuery = query;
  let answer;
  try {
    answer = await overview(actor, query);
  } catch (error) {
    // An unknown trust or team id (a stale link): say so and show everything instead.
    if (error instanceof BadRequestError) {
      answerError = error.fields;
      safeQuery = { ...query, trust: undefined, team: undefined };
      answer = await overview(actor, safeQuery);
    } else {
      throw error;
    }
  }
  const [choices, collaborative] = await Promise.all([comparisonChoices(actor), chartView(actor, { kind: "all" }, chartOptions)]);
  const allErrors = { ...(errors ?? {}), ...(answerError ?? {}) };

  const level = answer.level;
  const words = LEVEL_LABELS[level];
  const pages = Math.max(1, Math.ceil(answer.units.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = answer.units.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const statusCounts = new Map<RunChartStatus, number>();
  for (const row of answer.units) statusCounts.set(row.status, (statusCounts.get(row.status) ?? 0) + 1);
  const unit = answer.interval;
  const latestLabel = answer.latestPeriod ? periodLabel(answer.latestPeriod.start, answer.latestPeriod.end, unit) : null;
  const columns = COLUMNS[level];

  return (
    <>
      <CompareHeader current="overview" query={safeQuery} errors={allErrors} />

      <LevelTabs current={level} href={(l) => hrefWith("/compare", params({ ...safeQuery, level: l, sort: "trust", dir: "asc" }))} />

      <form method="get" action="/compare" aria-label="Filter the overview" className="mb-4 rounded border border-slate-300 bg-white p-4">
        {level !== "ward" ? <input type="hidden" name="level" value={level} /> : null}
        {safeQuery.sort !== "trust" ? <input type="hidden" name="sort" value={safeQuery.sort} /> : null}
        {safeQuery.dir !== "asc" ? <input type="hidden" name="dir" value={safeQuery.dir} /> : null}
        <div className="flex flex-wrap items-end gap-4">
          <Choice id="overview-measure" name="measure" label="Measure" value={safeQuery.measure} options={MEASURE_LABELS} />
          <Choice id="overview-respondent" name="respondent" label="Respondents" value={safeQuery.respondent} options={RESPONDENT_LABELS} />
          <Choice id="overview-channel" name="channel" label="Channel" value={safeQuery.channel} options={CHANNEL_LABELS} />
          <Choice id="overview-interval" name="interval" label="Period" value={safeQuery.interval} options={INTERVAL_LABELS} />
          <FilterSelect id="overview-trust" name="trust" label="Trust" value={safeQuery.trust ?? ""}>
            <option value="">All trusts</option>
            {choices.trusts.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </FilterSelect>
          {level !== "trust" ? (
            <FilterSelect id="overview-team" name="team" label="Project team" value={safeQuery.team ?? ""}>
              <option value="">All project teams</option>
              {choices.trusts.map((trust) => {
                const teams = choices.teams.filter((t) => t.trustId === trust.id);
                return teams.length > 0 ? (
                  <optgroup key={trust.id} label={trust.name}>
                    {teams.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null;
              })}
            </FilterSelect>
          ) : null}
          <ApplyButton />
        </div>
      </form>

      <section aria-labelledby="overview-heading">
        <h2 id="overview-heading" className="text-xl font-bold">
          {MEASURE_LABELS[answer.measure]}: {RESPONDENT_LABELS[answer.respondent].toLowerCase()}{answer.channel === "all" ? "" : `, ${CHANNEL_LABELS[answer.channel].toLowerCase()}`}, by {words.one}
        </h2>
        <p className="mt-1">
          {answer.units.length.toLocaleString("en-GB")} {answer.units.length === 1 ? words.one : words.many}
          {answer.filters.trust ? ` in ${answer.filters.trust.name}` : ""}
          {answer.filters.team ? ` in ${answer.filters.team.name}` : ""}.{" "}
          {latestLabel ? `Latest ${unit} with a response: ${latestLabel}.` : "No responses yet."} Values from fewer than {answer.minResponses}{" "}
          responses are shown as &ldquo;too few&rdquo;.
        </p>
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1" aria-label="Run-chart status">
          {STATUS_ORDER.map((s) => (
            <li key={s} className="inline-flex items-center gap-1.5" title={STATUS_DESCRIPTIONS[s]}>
              <StatusGlyph status={s} /> {STATUS_LABELS[s]}: <strong>{statusCounts.get(s) ?? 0}</strong>
            </li>
          ))}
        </ul>

        {rows.length === 0 ? (
          <p className="mt-4 rounded border border-slate-300 bg-white p-4">Nothing to show for these choices.</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-sm" data-testid="overview-table">
              <caption className="sr-only">
                {`${words.many}: latest ${unit}, last ${answer.periods.length} ${unit}s, run-chart status and median. Column headings sort the table.`}
              </caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  {columns.map((c) =>
                    c.key ? <SortHeader key={c.label} query={safeQuery} sortKey={c.key} label={c.label} /> : (
                      <th key={c.label} scope="col" className="p-2 text-right align-bottom">
                        {c.label}
                      </th>
                    ),
                  )}
                  <SortHeader query={safeQuery} sortKey="responses" label={`Responses, latest ${unit}`} numeric />
                  <SortHeader query={safeQuery} sortKey="value" label={`Latest ${unit}`} numeric />
                  <th scope="col" className="p-2 text-left align-bottom">
                    Last {answer.periods.length} {unit}s
                  </th>
                  <SortHeader query={safeQuery} sortKey="status" label="Run chart" />
                  <SortHeader query={safeQuery} sortKey="median" label="Median" numeric />
                  <th scope="col" className="p-2 text-left align-bottom">
                    Charts
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <OverviewTableRow key={row.id} row={row} level={level} unit={unit} query={safeQuery} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          page={current}
          pages={pages}
          label={`Pages of ${words.many}`}
          href={(p) => hrefWith("/compare", params(safeQuery, { page: p === 1 ? undefined : p }))}
        />
      </section>

      <section aria-labelledby="collaborative-heading" className="mt-12">
        <h2 id="collaborative-heading" className="mb-3 text-xl font-bold">
          Run chart for the whole collaborative (all wards together)
        </h2>
        <RunChart
          answer={collaborative.answer}
          title={chartTitle("All wards", chartOptions)}
          fileName={chartFileName("all-wards", chartOptions)}
          csvHref={`/api/v1/run-chart?${new URLSearchParams({ scope: "all", measure: chartOptions.measure, respondent: chartOptions.respondent, interval: chartOptions.interval, format: "csv" })}`}
        />
        <p className="mt-4">
          <Link href={hrefWith("/compare/spc", { scope: "all", measure: params(safeQuery).measure, respondent: params(safeQuery).respondent })} className="font-semibold text-nhs-blue underline">
            SPC chart (p-chart) for the whole collaborative
          </Link>
        </p>
      </section>
    </>
  );
}

function SortHeader({ query, sortKey, label, numeric }: { query: OverviewQuery; sortKey: OverviewSort; label: string; numeric?: boolean }) {
  const active = query.sort === sortKey;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  const href = hrefWith("/compare", params(query, { sort: sortKey === "trust" && dir === "asc" ? undefined : sortKey, dir: dir === "asc" ? undefined : dir }));
  return (
    <th scope="col" className={`p-2 align-bottom ${numeric ? "text-right" : "text-left"}`} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="text-nhs-blue underline">
        {label}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        <span className="sr-only">{active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}; select to reverse` : ", select to sort"}</span>
      </Link>
    </th>
  );
}

function OverviewTableRow({ row, level, unit, query }: { row: OverviewRow; level: Level; unit: string; query: OverviewQuery }) {
  const latest = row.latest;
  const latestText = !latest || latest.responses === 0 ? "No responses" : latest.suppressed ? "Too few" : percent(latest.value);
  const chartSearch = hrefWith("", { measure: query.measure, respondent: query.respondent, interval: query.interval }).replace(/^\?/, "");
  const withSearch = (href: string) => `${href}?${chartSearch}`;
  return (
    <tr className="border-b border-slate-200 align-middle" data-unit={row.id}>
      <th scope="row" className="p-2 text-left font-semibold">
        <Link href={withSearch(row.href)} className="text-nhs-blue underline">
          {row.name}
        </Link>
        {row.active ? null : <span className="ml-1 text-xs font-normal text-muted">({level === "ward" ? "survey closed" : "inactive"})</span>}
      </th>
      {level !== "trust" ? <td className="p-2">{row.trust}</td> : null}
      {level === "ward" ? <td className="p-2">{row.team ?? <span className="text-muted">No team</span>}</td> : null}
      {level !== "ward" ? <td className="p-2 text-right">{row.wards}</td> : null}
      <td className="p-2 text-right">{latest?.responses ?? 0}</td>
      <td className="p-2 text-right" data-latest="">
        {latestText}
      </td>
      <td className="p-2">
        <Sparkline points={row.sparkline} label={`${row.name}, last ${row.sparkline.length} ${unit}s`} status={row.status} />
      </td>
      <td className="p-2">
        <StatusBadge status={row.status} since={row.statusSince} lastSignal={row.lastSignal} />
      </td>
      <td className="p-2 text-right">
        {row.median === null ? "" : percent(row.median)}
        {row.medianProvisional && row.median !== null ? <span className="block text-xs text-muted">provisional</span> : null}
      </td>
      <td className="p-2">
        {level === "ward" ? (
          row.teamId ? (
            <Link href={withSearch(`/teams/${row.teamId}`)} className="text-nhs-blue underline">
              Team&apos;s run charts<span className="sr-only"> for {row.name}</span>
            </Link>
          ) : (
            <Link href={withSearch(row.href)} className="text-nhs-blue underline">
              Run chart<span className="sr-only"> for {row.name}</span>
            </Link>
          )
        ) : (
          <Link href={hrefWith("/compare/spc", { scope: `${level}:${row.id}`, measure: query.measure, respondent: query.respondent, interval: query.interval })} className="text-nhs-blue underline">
            SPC chart<span className="sr-only"> for {row.name}</span>
          </Link>
        )}
      </td>
    </tr>
  );
}
