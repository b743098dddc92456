import type { Metadata } from "next";
import Link from "next/link";
import { seesAllTeams } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import { listVisibleTeams } from "@/lib/structure/teams";
import { PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Project teams" };

export default async function TeamsPage() {
  const actor = await requireActor("/teams");
  const teams = await listVisibleTeams(actor);
  return (
    <>
      <PageHeader
        title="Project teams"
        description={seesAllTeams(actor) ? "Every project team in the collaborative." : "The teams you are a member of."}
      />
      {teams.length === 0 ? (
        <p>You are not a member of any project team yet. Ask your programme administrator to add you to your team.</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {teams.map((team) => (
            <li key={team.id} className="rounded border border-slate-300 bg-white p-4">
              <h2 className="text-lg font-bold">
                <Link href={`/teams/${team.id}`} className="text-nhs-blue underline">
                  {team.name}
                </Link>
                {team.active ? null : <span className="ml-2 text-sm font-normal text-muted">(inactive)</span>}
              </h2>
              <p className="text-sm text-muted">{team.trust.name}</p>
              {team.wards.length === 0 ? (
                <p className="mt-2 text-sm">No wards yet</p>
              ) : (
                <ul aria-label={`Wards of ${team.name}`} className="mt-2 text-sm">
                  {team.wards.map((ward) => (
                    <li key={ward.id}>
                      {ward.name} ·{" "}
                      <Link href={`/wards/${ward.id}/poster`} className="text-nhs-blue underline">
                        Poster<span className="sr-only"> for {ward.name}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
