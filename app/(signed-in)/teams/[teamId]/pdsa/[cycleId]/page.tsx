import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CycleForm } from "@/app/(signed-in)/_improvement/cycle-form";
import { DeleteCycleForm } from "@/app/(signed-in)/_improvement/delete-cycle-form";
import { RunChart } from "@/app/(signed-in)/_charts/run-chart";
import { TeamTabs } from "../../team-tabs";
import { formatLongDate } from "@/lib/analytics/periods";
import { currentActor, requireActor } from "@/lib/auth/actor";
import { chartFileName, chartTitle, SIGNAL_LABELS } from "@/lib/charts/labels";
import { chartOptionsSchema } from "@/lib/charts/query";
import { chartView, wardsOfTeam } from "@/lib/charts/run-chart-service";
import { STATUS_LABELS } from "@/lib/improvement/driver-diagram";
import { DECISION_LABELS, leadsToNextCycle, neighbourCycles, STAGE_LABELS, studyChartRange, studyCycle, studySentences } from "@/lib/improvement/pdsa";
import { cycleDetail, teamCycles, today } from "@/lib/improvement/pdsa-service";
import { orNotFound } from "@/lib/http/not-found";
import { Notice, PageHeader } from "@/components/ui";

type Props = { params: Promise<{ teamId: string; cycleId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cycleId } = await params;
  const actor = await currentActor();
  if (!actor) return { title: "PDSA cycle" };
  try {
    const cycle = await cycleDetail(actor, cycleId);
    return { title: `PDSA cycle ${cycle.number}: ${cycle.changeIdea.text}` };
  } catch {
    return { title: "Not found" };
  }
}

function Stage({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6 rounded border border-slate-300 bg-white p-4">
      <h2 id={id} className="mb-2 text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const Text = ({ value, empty }: { value: string; empty: string }) => <p className="whitespace-pre-line">{value || <span className="text-muted">{empty}</span>}</p>;

export default async function CyclePage({ params, searchParams }: Props) {
  const { teamId, cycleId } = await params;
  const search = await searchParams;
  const path = `/teams/${teamId}/pdsa/${cycleId}`;
  const actor = await requireActor(path);
  const cycle = await orNotFound(cycleDetail(actor, cycleId));
  if (cycle.team.id !== teamId) notFound();

  const now = today();
  const range = studyChartRange(cycle, now);
  const options = chartOptionsSchema.parse({ interval: range.interval, from: range.from, to: range.to });
  const scope = cycle.ward ? ({ kind: "ward", wardId: cycle.ward.id } as const) : ({ kind: "team", teamId: cycle.team.id } as const);
  const [view, wards, teamsCycles] = await Promise.all([chartView(actor, scope, options), wardsOfTeam(actor, cycle.team.id), teamCycles(actor, cycle.team.id)]);
  const cyclesOfIdea = teamsCycles.filter((c) => c.changeIdea.id === cycle.changeIdea.id);
  const { previous, next } = neighbourCycles(cyclesOfIdea, cycle.id);
  const cyclePath = (id: string) => `/teams/${cycle.team.id}/pdsa/${id}`;
  const study = studyCycle(view.answer.points, view.answer.phases.map((p) => p.median), cycle, now);
  const sentences = studySentences(study, range.interval, (s) => SIGNAL_LABELS[s]);
  const chartName = cycle.ward?.name ?? cycle.team.name;
  const chartPage = `${cycle.ward ? `/wards/${cycle.ward.id}` : `/teams/${cycle.team.id}`}?${new URLSearchParams({ interval: range.interval, from: range.from, ...(range.to ? { to: range.to } : {}) })}#cycle-${cycle.id}`;

  return (
    <>
      <PageHeader
        title={`PDSA cycle ${cycle.number}: ${cycle.changeIdea.text}`}
        description={
          <>
            {cycle.team.name} · {cycle.team.trustName} ·{" "}
            <Link href={`/teams/${cycle.team.id}/pdsa`} className="text-nhs-blue underline">
              All the team&apos;s PDSA cycles
            </Link>
          </>
        }
      />
      <TeamTabs teamId={cycle.team.id} current="pdsa" />
      {search.saved === "created" ? <Notice>PDSA cycle {cycle.number} planned. Record what happened as it runs.</Notice> : null}

      <dl className="mb-6 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
        <dt className="font-semibold">Change idea</dt>
        <dd>
          <Link href={`/teams/${cycle.team.id}/diagram`} className="text-nhs-blue underline">
            {cycle.changeIdea.text}
          </Link>{" "}
          ({STATUS_LABELS[cycle.changeIdea.status ?? "IDEA"]})
        </dd>
        <dt className="font-semibold">Dates</dt>
        <dd>
          {formatLongDate(cycle.startDate)} to {cycle.endDate ? formatLongDate(cycle.endDate) : "not ended yet"}
        </dd>
        <dt className="font-semibold">Where</dt>
        <dd>
          {cycle.ward?.name ?? "All the team's wards"}
          {cycle.planWhere ? ` · ${cycle.planWhere}` : ""}
        </dd>
        <dt className="font-semibold">Stage</dt>
        <dd>{STAGE_LABELS[cycle.stage]}</dd>
      </dl>
      <p className="mb-6">
        <Link href={chartPage} className="font-semibold text-nhs-blue underline">
          See this cycle on the {cycle.ward ? "ward's" : "team's"} run chart
        </Link>
      </p>

      <Stage id="plan-heading" title="Plan">
        <h3 className="font-semibold">What will be tested</h3>
        <Text value={cycle.planWhat} empty="Not written yet." />
        <h3 className="mt-3 font-semibold">Who</h3>
        <Text value={cycle.planWho} empty="Not written yet." />
        <h3 className="mt-3 font-semibold">Prediction</h3>
        <Text value={cycle.prediction} empty="Not written yet." />
      </Stage>
      <Stage id="do-heading" title="Do">
        <Text value={cycle.doNotes} empty="Nothing recorded yet." />
      </Stage>
      <Stage id="study-heading" title="Study">
        <h3 className="font-semibold">What the data showed</h3>
        <ul className="mb-3 ml-6 list-disc" data-testid="cycle-study">
          {sentences.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
        <p className="mb-3">
          <span className="font-semibold">The prediction was:</span> {cycle.prediction}
        </p>
        <RunChart
          answer={view.answer}
          title={`${chartTitle(chartName, options)}, around PDSA cycle ${cycle.number}`}
          fileName={`${chartFileName(chartName, options)}-pdsa-${cycle.number}`}
          csvHref={`/api/v1/run-chart?${new URLSearchParams({ scope: view.resolved.scope, interval: range.interval, from: range.from, ...(range.to ? { to: range.to } : {}), format: "csv" })}`}
          height={300}
          highlightCycle={cycle.id}
        />
        <h3 className="mt-4 font-semibold">The team&apos;s study</h3>
        <Text value={cycle.studyNotes} empty="Not written yet." />
      </Stage>
      <Stage id="act-heading" title="Act">
        <p className="mb-2">
          <span className="font-semibold">Decision:</span> {cycle.actDecision ? DECISION_LABELS[cycle.actDecision] : "Not decided yet."}
        </p>
        <Text value={cycle.actNotes} empty="No next steps recorded yet." />
        {previous || next ? (
          <ul className="mt-3" aria-label="This change idea's other cycles">
            {previous ? (
              <li>
                Previous cycle:{" "}
                <Link href={cyclePath(previous.id)} className="text-nhs-blue underline">
                  PDSA {previous.number}
                </Link>
              </li>
            ) : null}
            {next ? (
              <li>
                Next cycle:{" "}
                <Link href={cyclePath(next.id)} className="text-nhs-blue underline">
                  PDSA {next.number}
                </Link>
              </li>
            ) : null}
          </ul>
        ) : null}
        {cycle.canEdit && leadsToNextCycle(cycle, cyclesOfIdea) ? (
          <p className="mt-3">
            <Link
              href={`/teams/${cycle.team.id}/pdsa?${new URLSearchParams({ changeIdea: cycle.changeIdea.id, after: cycle.id })}#new-cycle-heading`}
              className="font-semibold text-nhs-blue underline"
            >
              Plan the next cycle of this change idea
            </Link>
          </p>
        ) : null}
      </Stage>

      {cycle.canEdit ? (
        <section aria-labelledby="record-heading" className="mb-8">
          <h2 id="record-heading" className="mb-2 text-xl font-bold">
            Record this cycle
          </h2>
          <CycleForm teamId={cycle.team.id} path={path} wards={wards} cycle={{ ...cycle, wardId: cycle.ward?.id ?? null }} />
          <div className="mt-6">
            <DeleteCycleForm id={cycle.id} path={path} label={`Delete PDSA cycle ${cycle.number}`} />
          </div>
        </section>
      ) : null}
    </>
  );
}
