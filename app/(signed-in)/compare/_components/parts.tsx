import Link from "next/link";
import type { ReactNode } from "react";

// Shared parts of the comparison pages: the section links, plain GET forms (so every choice is a
// link and works without JavaScript) and links that keep the current choices.

export type Search = Record<string, string | string[] | undefined>;

const SECTIONS = [
  { key: "overview", href: "/compare", label: "Overview" },
  { key: "funnel", href: "/compare/funnel", label: "Funnel plot" },
  { key: "small-multiples", href: "/compare/small-multiples", label: "Small multiples" },
  { key: "spc", href: "/compare/spc", label: "SPC charts" },
] as const;

export type Section = (typeof SECTIONS)[number]["key"];

/** `path` with the given parameters (empty ones left out). */
export function hrefWith(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** Links between the comparison views; the measure and respondents chosen carry over. */
export function CompareNav({ current, carry = {} }: { current: Section; carry?: Record<string, string | undefined> }) {
  return (
    <nav aria-label="Comparison views" className="mb-6 border-b-2 border-slate-300">
      <ul className="flex flex-wrap gap-1">
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <Link
              href={hrefWith(s.href, carry)}
              aria-current={s.key === current ? "page" : undefined}
              className={`-mb-0.5 inline-block min-h-11 border-b-4 px-4 py-2.5 font-semibold ${
                s.key === current ? "border-nhs-blue text-ink no-underline" : "border-transparent text-nhs-blue underline"
              }`}
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Tabs that are links (each keeps the other choices). */
export function LinkTabs({ label, items }: { label: string; items: { href: string; text: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded border-2 px-4 font-semibold ${
                item.current ? "border-nhs-blue bg-nhs-blue text-white no-underline" : "border-nhs-blue bg-white text-nhs-blue underline"
              }`}
            >
              {item.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Select({
  id,
  name,
  label,
  value,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="mt-1 block min-h-11 max-w-xs rounded border-2 border-ink bg-white px-2">
        {children}
      </select>
    </div>
  );
}

export function Options<T extends string>({ options }: { options: Record<T, string> }) {
  return (
    <>
      {(Object.entries(options) as [T, string][]).map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </>
  );
}

export function DateInput({ id, name, label, value }: { id: string; name: string; label: string; value: string | undefined }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input id={id} name={name} type="date" defaultValue={value ?? ""} className="mt-1 block min-h-11 rounded border-2 border-ink px-2" />
    </div>
  );
}

export function ApplyButton({ children = "Apply" }: { children?: ReactNode }) {
  return (
    <button type="submit" className="min-h-11 rounded bg-nhs-blue px-4 font-semibold text-white">
      {children}
    </button>
  );
}

/** Page links for long tables: previous, numbered pages around the current one, next. */
export function Pagination({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label={label} className="mt-4">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link href={href(page - 1)} className="inline-flex min-h-11 items-center px-2 font-semibold text-nhs-blue underline">
              Previous<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
        {shown.map((p, i) => (
          <li key={p} className="flex items-center gap-2">
            {i > 0 && p - (shown[i - 1] ?? p) > 1 ? <span aria-hidden="true">…</span> : null}
            <Link
              href={href(p)}
              aria-current={p === page ? "page" : undefined}
              className={`inline-flex min-h-11 min-w-11 items-center justify-center rounded px-2 font-semibold ${
                p === page ? "bg-nhs-blue text-white no-underline" : "text-nhs-blue underline"
              }`}
            >
              <span className="sr-only">Page </span>
              {p}
            </Link>
          </li>
        ))}
        {page < pages ? (
          <li>
            <Link href={href(page + 1)} className="inline-flex min-h-11 items-center px-2 font-semibold text-nhs-blue underline">
              Next<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A page number from the search parameters: a positive whole number, otherwise 1. */
export function pageFrom(search: Search): number {
  const raw = search.page;
  const value = typeof raw === "string" && /^\d{1,5}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, value);
}
