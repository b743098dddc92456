import type { Metadata } from "next";
import Link from "next/link";
import { NoteList, ChartControls, CycleList, PhaseList, chartSearch } from "@/app/(signed-in)/_charts/chart-panels";
import { RunChart } from "@/app/(signed-in)/_charts/run-chart";
import { TeamHeader } from "./team-tabs";
import { visibleTeam } from "@/lib/auth/access";
import { teamPageMetadata } from "@/app/(signed-in)/teams/[teamId]/team-metadata";
import { requireActor } from "@/lib/auth/actor";
import { canEditChart } from "@/lib/charts/chart-changes";
import { chartFileName, chartTitle } from "@/lib/charts/labels";
import { chartOptionsSchema, optionsFromSearch } from "@/lib/charts/query";
import { chartView, wardsOfTeam } from "@/lib/charts/run-chart-service";
import { aimSentence, teamAim } from "@/lib/improvement/aim";
import { orNotFound } from "@/lib/http/not-found";
import { InvalidChoices } from "@/components/filters";

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return teamPageMetadata(params, "run chart", "Project team");
}

export default async function TeamPage({ params, searchParams }: Props) {
  const { teamId } = await params;
  const path = `/teams/${teamId}`;
  const actor = await requireActor(path);
  const { options, errors } = optionsFromSearch(chartOptionsSchema, await searchParams);

  const team = await orNotFound(visibleTeam(actor, teamId));
  const [view, wards, canEdit] = await Promise.all([
    chartView(actor, { kind: "team", teamId: team.id }, options),
    wardsOfTeam(actor, team.id),
    canEditChart(actor, { teamId: team.id }),
  ]);
  const wardViews = await Promise.all(wards.map(async (ward) => ({ ward, view: await chartView(actor, { kind: "ward", wardId: ward.id }, options) })));
  const search = chartSearch(options);
  const chart = `team:${team.id}`;

  return (
    <>
      <TeamHeader team={{ id: team.id, trustName: team.trust.name }} title={team.name} current="charts" about={wards.length === 0 ? "no wards yet" : `${wards.length} ward${wards.length === 1 ? "" : "s"}`} />
      <InvalidChoices errors={errors} prefix="chart" what="chart options" />

      <section aria-labelledby="team-chart-heading">
        <h2 id="team-chart-heading" className="mb-3 text-xl font-bold">
          Run chart for the team (all its wards)
        </h2>
        <h3 className="mb-2 text-lg font-bold">Chart options</h3>
        <ChartControls path={path} options={options} />
        <RunChart
          answer={view.answer}
          title={chartTitle(team.name, options)}
          fileName={chartFileName(team.name, options)}
          csvHref={`/api/v1/run-chart?${new URLSearchParams({ scope: chart })}&${chartSearch(options, { format: "csv" })}`}
        />

        <NoteList notes={view.answer.notes} canEdit={canEdit} path={path} chart={chart} />
        <PhaseList records={view.records} canEdit={canEdit} path={path} chart={chart} suggestion={view.answer.suggestedPhase} />

        <CycleList cycles={view.answer.cycles} canEdit={canEdit} teamId={team.id} />

        <section className="mt-8" aria-labelledby="aim-heading">
          <h3 id="aim-heading" className="text-lg font-bold">
            Aim
          </h3>
          <p className="mb-2">{aimSentence(teamAim(team))}</p>
          <p>
            {team.targetPercent === null ? "No target set, so no target line is drawn. " : "The target is drawn as a dotted line on the charts. "}
            <Link href={`/teams/${team.id}/diagram`} className="text-nhs-blue underline">
              {canEdit ? "Change the aim, and see the driver diagram" : "See the aim and driver diagram"}
            </Link>
          </p>
        </section>
      </section>

      <section aria-labelledby="ward-charts-heading" className="mt-12">
        <h2 id="ward-charts-heading" className="mb-3 text-xl font-bold">
          Each ward
        </h2>
        {wardViews.length === 0 ? <p>This team has no wards yet.</p> : null}
        {wardViews.map(({ ward, view: wardView }) => (
          <section key={ward.id} aria-labelledby={`ward-${ward.id}`} className="mb-10">
            <h3 id={`ward-${ward.id}`} className="mb-2 text-lg font-bold">
              <Link href={`/wards/${ward.id}?${search}`} className="text-nhs-blue underline">
                {ward.name}
              </Link>
              {ward.active ? null : <span className="ml-2 text-sm font-normal text-muted">(survey closed)</span>}
            </h3>
            <RunChart
              answer={wardView.answer}
              title={chartTitle(ward.name, options)}
              fileName={chartFileName(ward.name, options)}
              csvHref={`/api/v1/run-chart?${new URLSearchParams({ scope: `ward:${ward.surveyCode}` })}&${chartSearch(options, { format: "csv" })}`}
              headingLevel={4}
              height={280}
            />
          </section>
        ))}
      </section>
    </>
  );
}
