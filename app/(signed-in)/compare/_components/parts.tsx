import { hrefWith, SectionTabs } from "@/components/nav";

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
