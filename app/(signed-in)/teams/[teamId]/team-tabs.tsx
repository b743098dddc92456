import { SectionTabs } from "@/components/nav";
import { PageHeader, TextLink } from "@/components/ui";

// The project team's three views: its run charts, its aim and driver diagram, its PDSA cycles,
// each under the same header.

const TABS = [
  { key: "charts", label: "Run charts", path: "" },
  { key: "diagram", label: "Aim and driver diagram", path: "/diagram" },
  { key: "pdsa", label: "PDSA cycles", path: "/pdsa" },
] as const;

export function TeamTabs({ teamId, current }: { teamId: string; current: (typeof TABS)[number]["key"] | null }) {
  return <SectionTabs label="Project team" current={current} tabs={TABS.map((tab) => ({ key: tab.key, label: tab.label, href: `/teams/${teamId}${tab.path}` }))} />;
}

type TeamTab = (typeof TABS)[number]["key"];

/** The header of a team's page: its title, its trust (and any more `about`), the way back to all teams, and the tabs. */
export function TeamHeader({ team, title, current, about }: { team: { id: string; trustName: string }; title: string; current: TeamTab; about?: string }) {
  return (
    <>
      <PageHeader
        title={title}
        description={
          <>
            {team.trustName}
            {about ? ` · ${about}` : ""} · <TextLink href="/teams">All project teams</TextLink>
          </>
        }
      />
      <TeamTabs teamId={team.id} current={current} />
    </>
  );
}
