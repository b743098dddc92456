import type { Metadata } from "next";
import Link from "next/link";
import { ChartControls, chartSearch } from "@/app/(signed-in)/_charts/chart-panels";
import { RunChart } from "@/app/(signed-in)/_charts/run-chart";
import { visibleTrust } from "@/lib/auth/access";
import { currentActor } from "@/lib/auth/actor";
import { chartFileName, chartTitle } from "@/lib/charts/labels";
import { chartOptionsSchema, optionsFromSearch } from "@/lib/charts/query";
import { chartView } from "@/lib/charts/run-chart-service";
import { CompareNav } from "../../_components/parts";
import { requireComparer } from "../../_components/require-comparer";
import { orNotFound } from "@/lib/http/not-found";
import { PageHeader } from "@/components/ui";
import { InvalidChoices } from "@/components/filters";

// A trust's run chart (all its wards together), for QI coaches and administrators: where the
// overview and the funnel plot link a trust to. Trusts have no notes or phases of their own.

type Props = { params: Promise<{ trustId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { trustId } = await params;
  const actor = await currentActor();
  if (!actor) return { title: "Trust" };
  try {
    return { title: `${(await visibleTrust(actor, trustId)).name}: run chart` };
  } catch {
    return { title: "Not found" };
  }
}

export default async function TrustChartPage({ params, searchParams }: Props) {
  const { trustId } = await params;
  const path = `/compare/trusts/${trustId}`;
  const actor = await requireComparer(path);
  const { options, errors } = optionsFromSearch(chartOptionsSchema, await searchParams);
  const trust = await orNotFound(visibleTrust(actor, trustId));
  const view = await chartView(actor, { kind: "trust", trustId: trust.id }, options);

  return (
    <>
      <PageHeader
        title={trust.name}
        description={
          <>
            Run chart for the trust (all its wards) ·{" "}
            <Link href={`/compare?level=trust`} className="text-nhs-blue underline">
              All trusts
            </Link>{" "}
            ·{" "}
            <Link href={`/compare?trust=${trust.id}`} className="text-nhs-blue underline">
              This trust&apos;s wards
            </Link>{" "}
            ·{" "}
            <Link href={`/compare/spc?scope=trust:${trust.id}`} className="text-nhs-blue underline">
              SPC chart
            </Link>
          </>
        }
      />
      <CompareNav current="overview" />
      <InvalidChoices errors={errors} prefix="chart" what="chart options" />
      <RunChart
        answer={view.answer}
        title={chartTitle(trust.name, options)}
        fileName={chartFileName(trust.name, options)}
        csvHref={`/api/v1/run-chart?${new URLSearchParams({ scope: `trust:${trust.id}` })}&${chartSearch(options, { format: "csv" })}`}
        headingLevel={2}
      />
      <h2 className="mt-6 mb-2 text-lg font-bold">Chart options</h2>
      <ChartControls path={path} options={options} />
    </>
  );
}
