import type { Metadata } from "next";
import Link from "next/link";
import { CycleForm } from "@/app/(signed-in)/_improvement/cycle-form";
import { TeamHeader } from "../team-tabs";
import { teamPageMetadata } from "@/app/(signed-in)/teams/[teamId]/team-metadata";
import { requireActor } from "@/lib/auth/actor";
import { formatLongDate } from "@/lib/analytics/periods";
import { wardsOfTeam } from "@/lib/charts/run-chart-service";
import { teamDiagram } from "@/lib/improvement/diagram-service";
import { STATUS_LABELS } from "@/lib/improvement/driver-diagram";
import { DECISION_WORDS, nextCyclePlan, STAGE_LABELS } from "@/lib/improvement/pdsa";
import { teamCycles, today } from "@/lib/improvement/pdsa-service";
import { orNotFound } from "@/lib/http/not-found";
import { ColumnHeads } from "@/components/table";
import { Notice } from "@/components/ui";

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return teamPageMetadata(params, "PDSA cycles", "PDSA cycles");
}

export default async function CyclesPage({ params, searchParams }: Props) {
  const { teamId } = await params;
  const search = await searchParams;
  const path = `/teams/${teamId}/pdsa`;
  const actor = await requireActor(path);
  const data = await orNotFound(teamDiagram(actor, teamId));
  const { team, diagram, canEdit } = data;
  const [cycles, wards] = await Promise.all([teamCycles(actor, team.id), wardsOfTeam(actor, team.id)]);
  const chosen = typeof search.changeIdea === "string" ? search.changeIdea : undefined;
  const ideas = diagram.changeIdeas.map((c) => ({ id: c.id, text: c.text }));
  const ideaFilter = chosen ? diagram.changeIdeas.find((c) => c.id === chosen) : undefined;
  const shown = ideaFilter ? cycles.filter((c) => c.changeIdea.id === ideaFilter.id) : cycles;
  // "Plan the next cycle" on a decided cycle's page: its plan carried forward into the form.
  const previous = typeof search.after === "string" ? cycles.find((c) => c.id === search.after) : undefined;
  const carried = previous
    ? nextCyclePlan({ ...previous, changeIdeaId: previous.changeIdea.id, wardId: previous.ward?.id ?? null }, today())
    : { changeIdeaId: ideaFilter?.id ?? ideas[0]?.id ?? "", wardId: null, startDate: today(), planWhat: "", planWho: "", planWhere: "" };

  return (
    <>
      <TeamHeader team={team} title={`${team.name}: PDSA cycles`} current="pdsa" />
      {search.deleted === "1" ? <Notice>The PDSA cycle was deleted.</Notice> : null}

      <section aria-labelledby="cycles-heading" className="mb-10">
        <h2 id="cycles-heading" className="text-xl font-bold">
          {ideaFilter ? `Cycles testing “${ideaFilter.text}”` : "All cycles"}
        </h2>
        {ideaFilter ? (
          <p className="mb-2">
            <span className="font-semibold">Status:</span> {STATUS_LABELS[ideaFilter.status ?? "IDEA"]} ·{" "}
            <Link href={path} className="text-nhs-blue underline">
              Show every change idea&apos;s cycles
            </Link>
          </p>
        ) : null}
        {shown.length === 0 ? (
          <p className="mt-2">No PDSA cycles yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">PDSA cycles, newest first</caption>
              <ColumnHeads columns={["Cycle", "Change idea", "Dates", "Where", "Stage"]} />
              <tbody>
                {shown.map((c) => (
                  <tr key={c.id} className="border-b border-slate-300 align-top">
                    <td className="p-2">
                      <Link href={`${path}/${c.id}`} className="font-semibold whitespace-nowrap text-nhs-blue underline">
                        PDSA {c.number}
                        <span className="sr-only">: {c.changeIdea.text}</span>
                      </Link>
                    </td>
                    <td className="p-2">{c.changeIdea.text}</td>
                    <td className="p-2">
                      {formatLongDate(c.startDate)} to {c.endDate ? formatLongDate(c.endDate) : "now"}
                    </td>
                    <td className="p-2">{c.ward?.name ?? "All the team's wards"}</td>
                    <td className="p-2">{c.actDecision ? DECISION_WORDS[c.actDecision] : STAGE_LABELS[c.stage]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canEdit ? (
        <section aria-labelledby="new-cycle-heading" className="mb-8">
          <h2 id="new-cycle-heading" className="mb-2 text-xl font-bold">
            Plan a new PDSA cycle
          </h2>
          {ideas.length === 0 ? (
            <p>
              A cycle tests a change idea from the team&apos;s driver diagram.{" "}
              <Link href={`/teams/${team.id}/diagram`} className="text-nhs-blue underline">
                Add a change idea to the driver diagram first.
              </Link>
            </p>
          ) : (
            <>
              {previous ? (
                <p className="mb-3 max-w-3xl">
                  Carried forward from{" "}
                  <Link href={`${path}/${previous.id}`} className="text-nhs-blue underline">
                    PDSA {previous.number}: {previous.changeIdea.text}
                  </Link>
                  {previous.actDecision ? ` (${DECISION_WORDS[previous.actDecision].toLowerCase()})` : ""}: its next steps are the plan. Change what needs changing and
                  add the prediction.
                </p>
              ) : null}
              <CycleForm
                teamId={team.id}
                path={path}
                changeIdeas={ideas}
                wards={wards}
                cycle={{
                  ...carried,
                  endDate: null,
                  prediction: "",
                  doNotes: "",
                  studyNotes: "",
                  actDecision: null,
                  actNotes: "",
                }}
              />
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
