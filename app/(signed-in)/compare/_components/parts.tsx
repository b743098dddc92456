import { hrefWith, SectionTabs } from "@/components/nav";

// The links between the comparison views; the measure and respondents chosen carry over.

const SECTIONS = [
  { key: "overview", href: "/compare", label: "Overview" },
  { key: "funnel", href: "/compare/funnel", label: "Funnel plot" },
  { key: "small-multiples", href: "/compare/small-multiples", label: "Small multiples" },
  { key: "spc", href: "/compare/spc", label: "SPC charts" },
] as const;

export type CompareSection = (typeof SECTIONS)[number]["key"];

export function CompareNav({ current, carry = {} }: { current: CompareSection; carry?: Record<string, string | undefined> }) {
  return <SectionTabs label="Comparison views" current={current} tabs={SECTIONS.map((s) => ({ ...s, href: hrefWith(s.href, carry) }))} />;
}
