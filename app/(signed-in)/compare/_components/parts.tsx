import { LEVEL_LABELS, type Level } from "@/lib/charts/comparison";
import { InvalidChoices } from "@/components/filters";
import { hrefWith, LinkTabs, SectionTabs } from "@/components/nav";
import { PageHeader } from "@/components/ui";

// The links between the comparison views; the measure and respondents chosen carry over.

const SECTIONS = [
  { key: "overview", href: "/compare", label: "Overview" },
  { key: "funnel", href: "/compare/funnel", label: "Funnel plot" },
  { key: "small-multiples", href: "/compare/small-multiples", label: "Small multiples" },
  { key: "spc", href: "/compare/spc", label: "SPC charts" },
] as const;

export type CompareSection = (typeof SECTIONS)[number]["key"];

export function CompareNav({ current, carry = {} }: { current: CompareSection; carry?: { measure?: string; respondent?: string } }) {
  return <SectionTabs label="Comparison views" current={current} tabs={SECTIONS.map((s) => ({ ...s, href: hrefWith(s.href, linkParams(carry)) }))} />;
}

/** The comparison choices that need not appear in a link, because they are what a page shows anyway. */
export const LINK_DEFAULTS: Record<string, string> = { level: "ward", measure: "felt-safe", respondent: "all", interval: "week", sort: "trust", dir: "asc" };

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
export function CompareHeader(props: {
  title: string;
  description: string;
  current: CompareSection;
  carry: { measure?: string; respondent?: string };
  errors: Record<string, string> | null;
  /** The prefix of the page's form field ids, so each invalid choice links to its field. */
  prefix: string;
}) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <CompareNav current={props.current} carry={props.carry} />
      <InvalidChoices errors={props.errors} prefix={props.prefix} />
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
