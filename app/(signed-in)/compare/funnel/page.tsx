import type { Metadata } from "next";
import Link from "next/link";
import { formatLongDate } from "@/lib/analytics";
import { LEVEL_LABELS, type ComparisonUnit } from "@/lib/charts/comparison";
import { comparison } from "@/lib/charts/comparison-service";
import { comparisonQuerySchema, optionsFromSearch, type ComparisonQuery } from "@/lib/charts/query";
import { MEASURE_LABELS, RESPONDENT_LABELS, CHANNEL_LABELS, percent } from "@/lib/charts/labels";
import { FunnelPlot, MAX_LABELS } from "../_components/funnel-plot";
import { FunnelPointer } from "../_components/funnel-pointer";
import { CompareHeader, LevelTabs, linkParams } from "../_components/parts";
import { requireComparer } from "../_components/require-comparer";
import { Choice, ApplyButton, DateInput } from "@/components/filters";
import { hrefWith, type Search } from "@/components/nav";
import { ColumnHeads } from "@/components/table";

export const metadata: Metadata = { title: "Funnel plot: compare wards fairly" };

type Props = { searchParams: Promise<Search> };

function params(q: ComparisonQuery, extra: Record<string, string | undefined> = {}) {
  return linkParams({ level: q.level, measure: q.measure, respondent: q.respondent, channel: q.channel, from: q.from, to: q.to }, extra);
}

const POSITION_WORDS: Record<ComparisonUnit["position"], string> = {
  above: "Above the 99.8% limit",
  below: "Below the 99.8% limit",
  within: "Within the limits",
  "too-few": "Too few responses",
};

function positionText(u: ComparisonUnit): string {
  if (u.position === "within" && u.position95 !== "within") return `Within 99.8%, ${u.position95} the 95% limit`;
  return POSITION_WORDS[u.position];
}

export default async function FunnelPage({ searchParams }: Props) {
  const actor = await requireComparer("/compare/funnel");
  const { options: query, errors } = optionsFromSearch(comparisonQuerySchema, await searchParams);
  const answer = await comparison(actor, query);
  const words = LEVEL_LABELS[answer.level];
  const placed = answer.units.filter((u) => u.position !== "too-few");
  const outside = placed.filter((u) => u.position !== "within").sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  const tooFew = answer.units.filter((u) => u.position === "too-few" && u.responses > 0);
  const none = answer.units.filter((u) => u.responses === 0);
  const range =
    answer.from && answer.to
      ? `from ${formatLongDate(answer.from)} to ${formatLongDate(answer.to)}`
      : answer.from
        ? `from ${formatLongDate(answer.from)}`
        : answer.to
          ? `up to ${formatLongDate(answer.to)}`
          : "over all responses so far";
  const titleId = "funnel-title";

  return (
    <>
      <CompareHeader current="funnel" query={query} errors={errors} />

      <LevelTabs current={answer.level} href={(l) => hrefWith("/compare/funnel", params({ ...query, level: l }))} />
      <form method="get" action="/compare/funnel" aria-label="Funnel plot options" className="mb-4 rounded border border-slate-300 bg-white p-4">
        {answer.level !== "ward" ? <input type="hidden" name="level" value={answer.level} /> : null}
        <div className="flex flex-wrap items-end gap-4">
          <Choice id="funnel-measure" name="measure" label="Measure" value={query.measure} options={MEASURE_LABELS} />
          <Choice id="funnel-respondent" name="respondent" label="Respondents" value={query.respondent} options={RESPONDENT_LABELS} />
          <Choice id="funnel-channel" name="channel" label="Channel" value={query.channel} options={CHANNEL_LABELS} />
          <DateInput id="funnel-from" name="from" label="From" value={query.from} />
          <DateInput id="funnel-to" name="to" label="To" value={query.to} />
          <ApplyButton />
        </div>
      </form>

      <section aria-labelledby={titleId}>
        <h2 id={titleId} className="text-xl font-bold">
          {MEASURE_LABELS[answer.measure]}, {RESPONDENT_LABELS[answer.respondent].toLowerCase()}{answer.channel === "all" ? "" : `, ${CHANNEL_LABELS[answer.channel].toLowerCase()}`}: {words.many} {range}
        </h2>
        {answer.overall.value === null ? (
          <p className="mt-2 rounded border border-slate-300 bg-white p-4">
            No {words.one} has {answer.minResponses} or more responses in this range, so there is nothing to compare.
          </p>
        ) : (
          <>
            <p className="mt-1">
              Overall: {answer.overall.yes.toLocaleString("en-GB")} of {answer.overall.responses.toLocaleString("en-GB")} responses,{" "}
              <strong>{percent(answer.overall.value)}</strong> (from the {placed.length.toLocaleString("en-GB")} {placed.length === 1 ? words.one : words.many} with at
              least {answer.minResponses} responses). {outside.length === 0 ? "No" : outside.length} {outside.length === 1 ? words.one : words.many} outside the 99.8% limits.
            </p>
            <p className="mt-2">
              <a href="#funnel-table" className="font-semibold text-nhs-blue underline">
                Skip the plot: go to the table
              </a>
            </p>
            <div className="mt-2 rounded border border-slate-300 bg-white p-2">
              <FunnelPointer>
                <FunnelPlot answer={answer} titleId={titleId} />
              </FunnelPointer>
            </div>
            <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Key">
              <li>Solid horizontal line: overall {percent(answer.overall.value)}</li>
              <li>Dashed curves: 95% limits</li>
              <li>Solid curves: 99.8% limits</li>
              <li>▲ above the 99.8% limit (labelled)</li>
              <li>▼ below the 99.8% limit (labelled)</li>
              <li>● within the limits</li>
            </ul>
            <p className="mt-2 text-sm text-muted">Hover over or move the keyboard focus to a point to see its counts; select it to open its run chart.</p>
            {outside.length > MAX_LABELS ? (
              <p className="mt-2 text-sm">
                {outside.length.toLocaleString("en-GB")} {words.many} are outside the 99.8% limits: the {MAX_LABELS} furthest from the overall percentage are
                labelled on the plot, and all of them are listed below. So many outside the limits usually means the {words.many} differ for reasons beyond
                chance in general (over-dispersion): start with those furthest out.
              </p>
            ) : null}
          </>
        )}

        {outside.length > 0 ? (
          <section aria-labelledby="outside-heading" className="mt-6">
            <h3 id="outside-heading" className="text-lg font-bold">
              Outside the 99.8% limits
            </h3>
            <ul className="mt-2 list-disc pl-5" data-testid="outside-list">
              {outside.map((u) => (
                <li key={u.id}>
                  <Link href={u.href} className="font-semibold text-nhs-blue underline">
                    {u.name}
                  </Link>
                  {u.trust && u.trust !== u.name ? `, ${u.trust}` : ""}: {u.yes} of {u.responses}, {percent(u.value)} ({u.position} the limits)
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {tooFew.length > 0 || none.length > 0 ? (
          <section aria-labelledby="too-few-heading" className="mt-6">
            <h3 id="too-few-heading" className="text-lg font-bold">
              Too few responses to place
            </h3>
            <p className="mt-1">
              Fewer than {answer.minResponses} responses in this range: not plotted, their percentages not shown, and not counted in the overall figure.
            </p>
            {tooFew.length > 0 ? (
              <ul className="mt-2 list-disc pl-5" data-testid="too-few-list">
                {tooFew.map((u) => (
                  <li key={u.id}>
                    <Link href={u.href} className="text-nhs-blue underline">
                      {u.name}
                    </Link>
                    {u.trust && u.trust !== u.name ? `, ${u.trust}` : ""}: too few responses ({u.responses})
                  </li>
                ))}
              </ul>
            ) : null}
            {none.length > 0 ? (
              <p className="mt-2">
                {none.length.toLocaleString("en-GB")} {none.length === 1 ? words.one : words.many} had no responses in this range.
              </p>
            ) : null}
          </section>
        ) : null}

        {placed.length > 0 ? (
          <details className="mt-6" id="funnel-table">
            <summary className="cursor-pointer font-semibold text-nhs-blue underline">Show every placed {words.one} as a table</summary>
            <div className="mt-2 max-h-[40rem] overflow-auto">
              <table className="w-full border-collapse bg-white text-sm">
                <caption className="p-2 text-left font-semibold">
                  {words.many} with their counts and limits, {range}
                </caption>
                <ColumnHeads columns={[words.one[0]!.toUpperCase() + words.one.slice(1), "Responses", "Yes", "Percentage", "95% limits", "99.8% limits", "Position"]} />
                <tbody>
                  {placed.map((u) => (
                    <tr key={u.id} className="border-b border-slate-200">
                      <th scope="row" className="p-2 text-left font-normal">
                        <Link href={u.href} className="text-nhs-blue underline">
                          {u.name}
                        </Link>
                      </th>
                      <td className="p-2">{u.responses}</td>
                      <td className="p-2">{u.yes}</td>
                      <td className="p-2">{percent(u.value)}</td>
                      <td className="p-2">{u.limits ? `${percent(u.limits.lower95)} to ${percent(u.limits.upper95)}` : ""}</td>
                      <td className="p-2">{u.limits ? `${percent(u.limits.lower998)} to ${percent(u.limits.upper998)}` : ""}</td>
                      <td className="p-2">{positionText(u)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null}
        <p className="mt-4 text-sm">
          <a href={`/api/v1/comparison?${new URLSearchParams(Object.entries({ level: answer.level, measure: answer.measure, respondent: answer.respondent, channel: answer.channel, from: answer.from ?? "", to: answer.to ?? "" }).filter(([, v]) => v !== ""))}`} className="text-nhs-blue underline">
            These figures as JSON (the comparison API)
          </a>
        </p>
      </section>
    </>
  );
}
