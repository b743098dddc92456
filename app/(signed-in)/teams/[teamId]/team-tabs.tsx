import { SectionTabs } from "@/components/nav";

// The project team's three views: its run charts, its aim and driver diagram, its PDSA cycles.

const TABS = [
  { key: "charts", label: "Run charts", path: "" },
  { key: "diagram", label: "Aim and driver diagram", path: "/diagram" },
  { key: "pdsa", label: "PDSA cycles", path: "/pdsa" },
] as const;

export function TeamTabs({ teamId, current }: { teamId: string; current: (typeof TABS)[number]["key"] | null }) {
  return <SectionTabs label="Project team" current={current} tabs={TABS.map((tab) => ({ key: tab.key, label: tab.label, href: `/teams/${teamId}${tab.path}` }))} />;
}
