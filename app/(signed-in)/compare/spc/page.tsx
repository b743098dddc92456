import type { Metadata } from "next";
import { formatLongDate } from "@/lib/analytics";
import { NotFoundError } from "@/lib/errors";
import { comparisonChoices } from "@/lib/charts/comparison-service";
import { optionsFromSearch } from "@/lib/charts/query";
import { CHART_COLOURS, INTERVAL_LABELS, MEASURE_LABELS, RESPONDENT_LABELS, CHANNEL_LABELS, percent, periodLabel } from "@/lib/charts/labels";
import { SCREEN_LABELS, SPC_CHART_LABELS, SPC_SIGNAL_SHORT, TRIAL_LIMIT_POINTS } from "@/lib/charts/spc";
import { spcChart, spcQuerySchema, type SpcQuery } from "@/lib/charts/spc-service";
import type { ScopeRef } from "@/lib/charts/scope";
import { AssuranceBadge, ICON_COLOURS, VariationBadge } from "../_components/icons";
import { PChart } from "../_components/p-chart";
import { CompareHeader } from "../_components/parts";
import { requireComparer } from "../_components/require-comparer";
import { Choice, ApplyButton, DateInput, FilterSelect } from "@/components/filters";
import { type Search } from "@/components/nav";
import { ColumnHeads } from "@/components/table";

export const metadata: Metadata = { title: "SPC chart (p-chart)" };

type Props = { searchParams: Promise<Search> };

function scopeValue(scope: ScopeRef): string {
  switch (scope.kind) {
    case "all":
      return "all";
    case "team":
      return `team:${scope.teamId}`;
    case "trust":
      return `trust:${scope.trustId}`;
    case "ward":
      return "surveyCode" in scope ? `ward:${scope.surveyCode}` : "all";
  }
}

const CHART_NAMES = { p: "p-chart", pprime: "Laney p′ chart" } as const;

export default async function SpcPage({ searchParams }: Props) {
  const actor = await requireComparer("/compare/spc");
  const { options, errors } = optionsFromSearch(spcQuerySchema, await searchParams);
  let query: SpcQuery = options;
  let scopeError: Record<string, string> | null = null;
  let answer;
  try {
    answer = await spcChart(actor, query);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    scopeError = { scope: "There is no ward, project team or trust with this id, so the whole collaborative is shown" };
    query = { ...query, scope: { kind: "all" } };
    answer = await spcChart(actor, query);
  }
  const choices = await comparisonChoices(actor);
  const allErrors = { ...(errors ?? {}), ...(scopeError ?? {}) };
  const unit = answer.interval;
  const titleId = "spc-title";
  const latestPhase = answer.phases[answer.phases.length - 1];
  const current = scopeValue(query.scope);

  return (
    <>
      <CompareHeader current="spc" query={query} errors={allErrors} />

      <form method="get" action="/compare/spc" aria-label="SPC chart options" className="mb-6 rounded border border-slate-300 bg-white p-4">
        <div className="flex flex-wrap items-end gap-4">
          <FilterSelect id="spc-scope" name="scope" label="Chart of" value={current}>
            <option value="all">All wards (the whole collaborative)</option>
            {current.startsWith("ward:") ? <option value={current}>{answer.name}</option> : null}
            <optgroup label="Trusts">
              {choices.trusts.map((t) => (
                <option key={t.id} value={`trust:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Project teams">
              {choices.teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name} ({t.trust})
                </option>
              ))}
            </optgroup>
          </FilterSelect>
          <Choice id="spc-chart" name="chart" label="Chart" value={query.chart} options={SPC_CHART_LABELS} />
          <Choice id="spc-screen" name="screen" label="Laney σz moving ranges" value={query.screen} options={SCREEN_LABELS} />
          <Choice id="spc-measure" name="measure" label="Measure" value={query.measure} options={MEASURE_LABELS} />
          <Choice id="spc-respondent" name="respondent" label="Respondents" value={query.respondent} options={RESPONDENT_LABELS} />
          <Choice id="spc-channel" name="channel" label="Channel" value={query.channel} options={CHANNEL_LABELS} />
          <Choice id="spc-interval" name="interval" label="Period" value={query.interval} options={INTERVAL_LABELS} />
          <DateInput id="spc-from" name="from" label="From" value={query.from} />
          <DateInput id="spc-to" name="to" label="To" value={query.to} />
          <ApplyButton>Show chart</ApplyButton>
        </div>
      </form>

      <section aria-labelledby={titleId}>
        <h2 id={titleId} className="text-xl font-bold">
          {answer.name}: {MEASURE_LABELS[answer.measure].toLowerCase()}, {RESPONDENT_LABELS[answer.respondent].toLowerCase()},{answer.channel === "all" ? "" : ` ${CHANNEL_LABELS[answer.channel].toLowerCase()},`}{" "}
          {INTERVAL_LABELS[unit].toLowerCase()} ({CHART_NAMES[answer.chart]})
        </h2>

        {answer.points.length === 0 ? (
          <p className="mt-2 rounded border border-slate-300 bg-white p-4">No responses in this range yet, so there is nothing to chart.</p>
        ) : (
          <>
            <div className="mt-3 flex flex-wrap gap-6" data-testid="spc-icons">
              {answer.icons.variation ? <VariationBadge icon={answer.icons.variation} /> : <span>No variation icon: no usable value in the latest phase.</span>}
              {answer.icons.assurance ? (
                <AssuranceBadge icon={answer.icons.assurance} />
              ) : (
                <span className="self-center">{answer.target === null ? "No aim set, so no assurance icon." : "No assurance icon: no limits yet."}</span>
              )}
            </div>
            {answer.trialLimits ? (
              <p className="mt-3 border-l-8 border-nhs-blue bg-blue-50 p-3" data-testid="trial-limits">
                <strong>Trial limits:</strong> the latest phase has only {latestPhase?.baselinePoints ?? 0} {unit}
                {latestPhase?.baselinePoints === 1 ? "" : "s"} with a value (fewer than {TRIAL_LIMIT_POINTS}), so its limits and icons may still move. They are drawn
                dashed.
              </p>
            ) : null}
            <p className="mt-3" data-testid="chart-choice">
              <strong>Which chart:</strong> {answer.choice.explanation}
            </p>

            <div className="mt-3 rounded border border-slate-300 bg-white p-2">
              <PChart answer={answer} titleId={titleId} />
            </div>
            <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Key">
              <li>
                <span style={{ color: CHART_COLOURS.median }}>━</span> Mean (centre line)
              </li>
              <li>
                <span className="text-[#425563]">━</span> 3σ limits ({answer.trialLimits ? "dashed: trial limits" : "solid"})
              </li>
              <li>
                <span className="text-[#4c6272]">┅</span> 2σ lines
              </li>
              <li>
                <span style={{ color: ICON_COLOURS.improvement }}>▲</span> special cause, improvement
              </li>
              <li>
                <span style={{ color: ICON_COLOURS.concern }}>▼</span> special cause, concern
              </li>
              <li>
                <span className="text-[#4c6272]">●</span> common cause
              </li>
              {answer.target !== null ? <li>Dotted green line: aim {Math.round(answer.target * 100)}%</li> : null}
              {answer.points.some((p) => p.suppressed) ? <li>Grey band: too few responses to show</li> : null}
            </ul>

            <div className="mt-6 grid gap-6 lg:grid-cols-2">
              <section aria-labelledby="spc-words" className="rounded border border-slate-300 bg-white p-4" data-testid="spc-text">
                <h3 id="spc-words" className="text-lg font-bold">
                  What the chart shows (Making Data Count rules)
                </h3>
                {answer.explanations.length > 0 ? (
                  <ul className="mt-2 list-disc space-y-2 pl-5">
                    {answer.explanations.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-2">No special cause: no point beyond a limit, no shift, trend or two-of-three. The variation is what this process usually produces.</p>
                )}
                <h4 className="mt-4 font-semibold">Centre line</h4>
                <ul className="mt-1 space-y-1 text-sm">
                  {answer.phases.map((phase, i) => (
                    <li key={phase.start}>
                      {answer.phases.length > 1 ? `Phase ${i + 1} from ${formatLongDate(phase.start)}: ` : ""}
                      {phase.centre === null
                        ? "no values yet."
                        : `mean ${percent(phase.centre)} over ${phase.baselinePoints} ${unit}${phase.baselinePoints === 1 ? "" : "s"} (all responses added up, not the average of the percentages)${phase.trialLimits ? "; trial limits" : ""}.`}
                      {phase.sigmaZ !== null ? ` σz = ${phase.sigmaZ.toFixed(2)}.` : ""}
                      {phase.reason ? ` Reason for the phase: ${phase.reason}` : ""}
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="spc-limits" className="rounded border border-slate-300 bg-white p-4">
                <h3 id="spc-limits" className="text-lg font-bold">
                  What the limits can show
                </h3>
                {answer.limitsNote ? (
                  <p className="mt-2" data-testid="limits-note">
                    {answer.limitsNote.text}
                  </p>
                ) : null}
                <p className="mt-2">{answer.smallNumbersNote}</p>
                <p className="mt-2 text-sm text-muted">
                  Limits are p̄ ± 3σ for each {unit}&apos;s own number of responses
                  {answer.chart === "pprime" ? ", widened by σz (Laney p′)" : ""}, so they are wider when fewer people answered.
                </p>
              </section>
            </div>

            <details className="mt-6">
              <summary className="cursor-pointer font-semibold text-nhs-blue underline">Show the chart&apos;s data as a table</summary>
              <div className="mt-2 max-h-[32rem] overflow-auto">
                <table className="w-full border-collapse bg-white text-sm">
                  <caption className="p-2 text-left font-semibold">{answer.name}: each {unit}, with its limits</caption>
                  <ColumnHeads columns={["Period", "Responses", "Yes", "Percentage", "Mean", "3σ limits", "Signals"]} />
                  <tbody>
                    {answer.points.map((p) => {
                      const hidden = p.responses === 0 ? "No responses" : p.suppressed ? "Too few responses" : null;
                      return (
                        <tr key={p.start} className="border-b border-slate-200">
                          <th scope="row" className="p-2 text-left font-normal">
                            {periodLabel(p.start, p.end, unit)}
                          </th>
                          <td className="p-2">{p.responses}</td>
                          <td className="p-2">{hidden ?? p.yes}</td>
                          <td className="p-2">{hidden ?? percent(p.value)}</td>
                          <td className="p-2">{percent(p.centre)}</td>
                          <td className="p-2">{p.limits ? `${percent(p.limits.lower3)} to ${percent(p.limits.upper3)}` : ""}</td>
                          <td className="p-2">{p.signals.map((s) => SPC_SIGNAL_SHORT[s]).join(", ")}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
        <p className="mt-4 text-sm">
          <a
            href={`/api/v1/spc?${new URLSearchParams({ scope: current, chart: query.chart, measure: query.measure, respondent: query.respondent, channel: query.channel, screen: query.screen, interval: query.interval, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) })}`}
            className="text-nhs-blue underline"
          >
            This chart as JSON (the SPC API)
          </a>
        </p>
      </section>
    </>
  );
}
