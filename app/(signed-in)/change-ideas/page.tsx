import type { Metadata } from "next";
import Link from "next/link";
import { formatLongDate } from "@/lib/analytics/periods";
import { requireActor } from "@/lib/auth/actor";
import { seesEverything } from "@/lib/auth/roles";
import { CHANGE_IDEA_STATUSES, STATUS_LABELS, type ChangeIdeaStatus } from "@/lib/improvement/driver-diagram";
import { DECISION_WORDS } from "@/lib/improvement/pdsa";
import { changeIdeasAcrossTeams } from "@/lib/improvement/pdsa-service";
import { sharedIdeas } from "@/lib/improvement/shared-ideas";
import { Table } from "@/components/table";
import { Button, PageHeader } from "@/components/ui";
import { PickOne } from "@/components/filters";

export const metadata: Metadata = { title: "Change ideas across the collaborative" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// What is being tested where, and what was adopted: every team's change ideas in one list, for
// QI coaches (all teams) and project leads (their own). Filtering is a plain GET form.

export default async function ChangeIdeasPage({ searchParams }: Props) {
  const actor = await requireActor("/change-ideas");
  const search = await searchParams;
  const wanted = typeof search.status === "string" && (CHANGE_IDEA_STATUSES as readonly string[]).includes(search.status) ? (search.status as ChangeIdeaStatus) : null;
  const ideas = await changeIdeasAcrossTeams(actor);
  const counts = new Map<ChangeIdeaStatus, number>(CHANGE_IDEA_STATUSES.map((s) => [s, 0]));
  for (const idea of ideas) counts.set(idea.status, (counts.get(idea.status) ?? 0) + 1);
  const shown = wanted ? ideas.filter((i) => i.status === wanted) : ideas;
  const teams = new Set(ideas.map((i) => i.team.id)).size;
  const shared = sharedIdeas(ideas);

  return (
    <>
      <PageHeader
        title="Change ideas"
        description={`${seesEverything(actor) ? "Every project team's" : "Your project teams'"} change ideas, with their status and PDSA cycles: ${ideas.length} ideas from ${teams} team${teams === 1 ? "" : "s"}.`}
      />
      <section aria-labelledby="status-summary" className="mb-6">
        <h2 id="status-summary" className="sr-only">
          How many change ideas are at each status
        </h2>
        <ul className="flex flex-wrap gap-3">
          {CHANGE_IDEA_STATUSES.map((s) => (
            <li key={s} className="rounded border border-slate-300 bg-white px-3 py-2">
              <span className="text-2xl font-bold">{counts.get(s)}</span> <span>{STATUS_LABELS[s].toLowerCase()}</span>
            </li>
          ))}
        </ul>
      </section>
      {shared.length > 0 ? (
        <section aria-labelledby="shared-heading" className="mb-8">
          <h2 id="shared-heading" className="text-xl font-bold">
            Tried by more than one team
          </h2>
          <p className="mb-2 max-w-3xl text-muted">The same idea, written the same way (capitals and punctuation aside), in two or more teams&apos; diagrams.</p>
          <Table caption="Change ideas that more than one team has, with where each team has got to" columns={["Change idea", "Teams", "Where each team has got to"]}>
            {shared.map((idea) => (
              <tr key={idea.text} className="border-b border-slate-300 align-top">
                <th scope="row" className="p-2 font-semibold">
                  {idea.text}
                </th>
                <td className="p-2">{idea.teams}</td>
                <td className="p-2">
                  <ul>
                    {idea.byStatus.map(({ status, teams: atStatus }) => (
                      <li key={status}>
                        <span className="font-semibold">{STATUS_LABELS[status]}:</span> {atStatus.map((t) => t.name).join(", ")}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
      <h2 className="mb-2 text-xl font-bold">Every change idea</h2>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <PickOne id="status" name="status" label="Show" value={wanted} any="Every status" options={CHANGE_IDEA_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        <Button type="submit" variant="secondary">
          Show
        </Button>
        <a href="/api/v1/change-ideas?format=csv" download className="ml-auto inline-flex min-h-11 items-center font-semibold text-nhs-blue underline">
          Download every change idea (CSV)
        </a>
      </form>
      {shown.length === 0 ? (
        <p>{ideas.length === 0 ? "No team has added change ideas to its driver diagram yet." : "No change ideas have this status."}</p>
      ) : (
        <Table
          caption={`Change ideas${wanted ? ` with status ${STATUS_LABELS[wanted].toLowerCase()}` : ""}, by trust and team`}
          columns={["Change idea", "Project team", "Serves", "Status", "PDSA cycles"]}
        >
          {shown.map((idea) => (
            <tr key={idea.id} className="border-b border-slate-300 align-top">
              <td className="p-2 font-semibold">{idea.text}</td>
              <td className="p-2">
                <Link href={`/teams/${idea.team.id}/diagram`} className="text-nhs-blue underline">
                  {idea.team.name}
                </Link>
                <div className="text-sm text-muted">{idea.team.trustName}</div>
              </td>
              <td className="p-2 text-sm">{idea.secondaryDrivers.join("; ")}</td>
              <td className="p-2">{STATUS_LABELS[idea.status]}</td>
              <td className="p-2">
                {idea.latestCycle ? (
                  <>
                    {idea.cycles} ·{" "}
                    <Link href={`/teams/${idea.team.id}/pdsa/${idea.latestCycle.id}`} className="text-nhs-blue underline">
                      latest: PDSA {idea.latestCycle.number}
                      <span className="sr-only"> of {idea.text}</span>
                    </Link>
                    <div className="text-sm text-muted">
                      {formatLongDate(idea.latestCycle.startDate)}
                      {idea.latestCycle.decision ? ` · ${DECISION_WORDS[idea.latestCycle.decision]}` : ""}
                    </div>
                  </>
                ) : (
                  "None yet"
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
