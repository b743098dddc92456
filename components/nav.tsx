import Link from "next/link";

// Navigation made of plain links, so it works without JavaScript: section tabs, choice tabs that
// keep the other choices, page links for long tables, and reading those choices back from the
// address.

export type Search = Record<string, string | string[] | undefined>;

/** `path` with the given parameters (empty ones left out). */
export function hrefWith(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export type SectionTab = { key: string; href: string; label: string };

/** A row of tabs between the sections of one area (a team's views, the comparison views, administration); the current one is marked for screen readers too. */
export function SectionTabs({ label, tabs, current }: { label: string; tabs: readonly SectionTab[]; current: string | null }) {
  return (
    <nav aria-label={label} className="mb-6 border-b-2 border-slate-300 print:hidden">
      <ul className="flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? "page" : undefined}
              className={`-mb-0.5 inline-block min-h-11 border-b-4 px-4 py-2.5 font-semibold ${
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

/** Choices that are links, drawn as buttons (each keeps the other choices). */
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

/** Page links for long tables: previous, numbered pages around the current one, next. */
export function Pagination({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const step = "inline-flex min-h-11 items-center px-2 font-semibold text-nhs-blue underline";
  return (
    <nav aria-label={label} className="mt-4">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link href={href(page - 1)} className={step}>
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
            <Link href={href(page + 1)} className={step}>
              Next<span className="sr-only"> page</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** One search parameter as text; empty counts as absent. */
export function stringParam(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v ? v : undefined;
}

/** A page number from a search parameter: a positive whole number, otherwise 1. */
export function pageParam(value: string | string[] | undefined): number {
  const raw = stringParam(value);
  return raw !== undefined && /^\d{1,5}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
}
