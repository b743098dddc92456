import { LEVEL_LABELS, type Level } from "@/lib/charts/comparison";
import { InvalidChoices } from "@/components/filters";
import { hrefWith, LinkTabs, SectionTabs } from "@/components/nav";
import { PageHeader } from "@/components/ui";

// The links between the comparison views; the measure and respondents chosen carry over.

// Each view: its tab, its page title and description, and the prefix of its form's field ids.
const SECTIONS = [
  {
    key: "overview",
    href: "/compare",
    label: "Overview",
    title: "Compare wards",
    description: "Every ward, project team and trust in the collaborative: where each stands now, and what its run chart says.",
    prefix: "overview",
  },
  {
    key: "funnel",
    href: "/compare/funnel",
    label: "Funnel plot",
    title: "Funnel plot: compare fairly",
    description:
      "A ward with few responses can look best or worst by chance alone. The funnel's limits narrow as the number of responses grows: a point outside them differs from the overall percentage by more than chance.",
    prefix: "funnel",
  },
  {
    key: "small-multiples",
    href: "/compare/small-multiples",
    label: "Small multiples",
    title: "Small multiples",
    description: "Every unit's run chart at thumbnail size, all on the same scale: scan them for signals, then open the one you want.",
    prefix: "multiples",
  },
  {
    key: "spc",
    href: "/compare/spc",
    label: "SPC charts",
    title: "SPC charts",
    description: "Statistical process control for large numbers of responses: a p-chart with limits for each period, the Making Data Count rules and icons.",
    prefix: "spc",
  },
] as const;

export type CompareSection = (typeof SECTIONS)[number]["key"];

export function CompareNav({ current, carry = {} }: { current: CompareSection; carry?: { measure?: string; respondent?: string } }) {
  return <SectionTabs label="Comparison views" current={current} tabs={SECTIONS.map((s) => ({ key: s.key, label: s.label, href: hrefWith(s.href, linkParams(carry)) }))} />;
}

/** The comparison choices that need not appear in a link, because they are what a page shows anyway. */
export const LINK_DEFAULTS: Record<string, string> = { level: "ward", measure: "felt-safe", respondent: "all", channel: "all", interval: "week", sort: "trust", dir: "asc" };

/** Choices as link parameters, defaults left out so links stay short; `extra` is added as given. */
export function linkParams<V extends string | number | undefined>(
  values: Record<string, V>,
  extra: Record<string, V> = {},
  defaults: Record<string, string> = LINK_DEFAULTS,
): Record<string, V | undefined> {
  const kept = Object.entries(values).map(([key, value]) => [key, value === defaults[key] ? undefined : value]);
  return { ...Object.fromEntries(kept), ...extra };
}

/**
 * The top of every comparison view: its title, the links between the views (carrying the
 * measure and respondents over) and any choices in the address that were not valid.
 */
export function CompareHeader({ current, query, errors, description }: { current: CompareSection; query: { measure: string; respondent: string }; errors: Record<string, string> | null; description?: string }) {
  const section = SECTIONS.find((s) => s.key === current)!;
  return (
    <>
      <PageHeader title={section.title} description={description ?? section.description} />
      <CompareNav current={current} carry={{ measure: query.measure, respondent: query.respondent }} />
      <InvalidChoices errors={errors} prefix={section.prefix} />
    </>
  );
}

/** Tabs choosing what to compare (wards, project teams or trusts), each a plain link. */
export function LevelTabs({ label = "Compare by", levels = ["ward", "team", "trust"], current, href }: { label?: string; levels?: readonly Level[]; current: Level; href: (level: Level) => string }) {
  return (
    <LinkTabs
      label={label}
      items={levels.map((level) => ({ href: href(level), text: `${LEVEL_LABELS[level].many[0]!.toUpperCase()}${LEVEL_LABELS[level].many.slice(1)}`, current: level === current }))}
    />
  );
}
