import Link from "next/link";

// The project team's three views: its run charts, its aim and driver diagram, its PDSA cycles.

const TABS = [
  { key: "charts", label: "Run charts", href: (id: string) => `/teams/${id}` },
  { key: "diagram", label: "Aim and driver diagram", href: (id: string) => `/teams/${id}/diagram` },
  { key: "pdsa", label: "PDSA cycles", href: (id: string) => `/teams/${id}/pdsa` },
] as const;

export function TeamTabs({ teamId, current }: { teamId: string; current: (typeof TABS)[number]["key"] | null }) {
  return (
    <nav aria-label="Project team" className="mb-6 border-b-2 border-slate-300 print:hidden">
      <ul className="flex flex-wrap gap-1">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href(teamId)}
              aria-current={tab.key === current ? "page" : undefined}
              className={`-mb-0.5 inline-block border-b-4 px-3 py-2 font-semibold ${
                tab.key === current ? "border-nhs-blue text-ink no-underline" : "border-transparent text-nhs-blue underline"
              }`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
