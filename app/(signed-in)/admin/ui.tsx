import Link from "next/link";
import type { ReactNode } from "react";

// Small pieces the administration pages share: tables, status labels, sections, page links.

export function Section({ id, title, children, description }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-8 rounded border border-slate-300 bg-white p-6">
      <h2 id={id} className="mb-2 text-xl font-bold">
        {title}
      </h2>
      {description ? <div className="mb-4 text-muted">{description}</div> : null}
      {children}
    </section>
  );
}

export function Status({ active, inactiveLabel = "Deactivated" }: { active: boolean; inactiveLabel?: string }) {
  return active ? (
    <span className="font-semibold text-nhs-green">Active</span>
  ) : (
    <span className="font-semibold text-muted">{inactiveLabel}</span>
  );
}

export function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            {headers.map((header) => (
              <th key={header} scope="col" className="px-2 py-2 font-semibold">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export const cell = "border-b border-slate-200 px-2 py-2 align-top";

export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-nhs-blue underline">
      {children}
    </Link>
  );
}

export function Pagination({ page, pageCount, href, label }: { page: number; pageCount: number; href: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-4">
      {page > 1 ? <TextLink href={href(page - 1)}>Previous page</TextLink> : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <TextLink href={href(page + 1)}>Next page</TextLink> : null}
    </nav>
  );
}

/** A positive whole page number from a search parameter, 1 otherwise. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export function stringParam(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v ? v : undefined;
}
