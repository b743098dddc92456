import type { Metadata } from "next";
import Link from "next/link";
import { NoteList, ChartControls, CycleList, PhaseList, chartSearch } from "@/app/(signed-in)/_charts/chart-panels";
import { RunChart } from "@/app/(signed-in)/_charts/run-chart";
import { visibleWard } from "@/lib/auth/access";
import { currentActor, requireActor } from "@/lib/auth/actor";
import { canEditChart } from "@/lib/charts/chart-changes";
import { chartFileName, chartTitle } from "@/lib/charts/labels";
import { chartOptionsSchema, optionsFromSearch } from "@/lib/charts/query";
import { chartView } from "@/lib/charts/run-chart-service";
import { orNotFound } from "@/lib/http/not-found";
import { listHeldAnswers } from "@/lib/survey/held";
import { londonDateOf } from "@/lib/survey/london-date";
import { listTablets } from "@/lib/survey/tablets/tablets";
import { PageHeader } from "@/components/ui";
import { InvalidChoices } from "@/components/filters";
import { HeldAnswersSection, reviewedMessage } from "./held-answers";
import { TabletsSection } from "./tablets";

type Props = { params: Promise<{ wardId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { wardId } = await params;
  const actor = await currentActor();
  if (!actor) return { title: "Ward" };
  try {
    return { title: `${(await visibleWard(actor, { id: wardId })).name}: run chart` };
  } catch {
    return { title: "Not found" };
  }
}

export default async function WardPage({ params, searchParams }: Props) {
  const { wardId } = await params;
  const path = `/wards/${wardId}`;
  const actor = await requireActor(path);
  const search = await searchParams;
  const { options, errors } = optionsFromSearch(chartOptionsSchema, search);

  const ward = await orNotFound(visibleWard(actor, { id: wardId }));
  const [view, canEdit, held, tablets] = await Promise.all([
    chartView(actor, { kind: "ward", wardId: ward.id }, options),
    canEditChart(actor, { wardId: ward.id }),
    listHeldAnswers(actor, ward.id),
    listTablets(actor, ward.id),
  ]);
  const chart = `ward:${ward.id}`;

  return (
    <>
      <PageHeader
        title={ward.name}
        description={
          <>
            {ward.trust.name}
            {ward.team ? (
              <>
                {" · "}
                <Link href={`/teams/${ward.team.id}?${chartSearch(options)}`} className="text-nhs-blue underline">
                  {ward.team.name}
                </Link>
              </>
            ) : (
              " · not in a project team"
            )}
            {ward.active ? "" : " · survey closed"}
          </>
        }
      />
      <nav aria-label="For the ward" className="mb-6 flex flex-wrap gap-x-6 gap-y-2">
        <Link href={`${path}/poster`} className="text-nhs-blue underline">
          Poster with QR code
        </Link>
        <Link href={`${path}/printable-form`} className="text-nhs-blue underline">
          Paper survey form
        </Link>
        <Link href={`${path}/paper`} className="text-nhs-blue underline">
          Count paper forms
        </Link>
      </nav>
      <InvalidChoices errors={errors} prefix="chart" what="chart options" />
      <HeldAnswersSection
        wardId={ward.id}
        path={path}
        held={held}
        confirmDay={typeof search.discard === "string" ? search.discard : undefined}
        message={reviewedMessage(search)}
      />
      <section aria-labelledby="ward-chart-heading">
        <h2 id="ward-chart-heading" className="mb-3 text-xl font-bold">
          Run chart for the ward
        </h2>
        <h3 className="mb-2 text-lg font-bold">Chart options</h3>
        <ChartControls path={path} options={options} />
        <RunChart
          answer={view.answer}
          title={chartTitle(ward.name, options)}
          fileName={chartFileName(ward.name, options)}
          csvHref={`/api/v1/run-chart?${new URLSearchParams({ scope: `ward:${ward.surveyCode}` })}&${chartSearch(options, { format: "csv" })}`}
        />
        <NoteList notes={view.answer.notes} canEdit={canEdit} path={path} chart={chart} />
        <CycleList cycles={view.answer.cycles} canEdit={canEdit} teamId={ward.teamId} />
        <PhaseList records={view.records} canEdit={canEdit} path={path} chart={chart} suggestion={view.answer.suggestedPhase} />
        {view.answer.target !== null ? (
          <p className="mt-8">The project team&apos;s aim, {Math.round(view.answer.target * 100)}%, is drawn as a dotted line.</p>
        ) : null}
      </section>
      <TabletsSection
        wardId={ward.id}
        path={path}
        tablets={tablets}
        today={londonDateOf(new Date())}
        confirmId={typeof search.revokeTablet === "string" ? search.revokeTablet : undefined}
        revokedName={typeof search.revokedTablet === "string" ? search.revokedTablet.slice(0, 60) : undefined}
      />
    </>
  );
}
