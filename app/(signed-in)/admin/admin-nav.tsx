"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS: { href: string; label: string; also?: string }[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/trusts", label: "Trusts and wards", also: "/admin/wards" },
  { href: "/admin/teams", label: "Project teams" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
];

/** The administration sections, with the current one marked for screen readers as well as visually. */
export function AdminNav() {
  const pathname = usePathname();
  const within = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const current = (section: (typeof SECTIONS)[number]) =>
    section.href === "/admin" ? pathname === "/admin" : within(section.href) || (section.also !== undefined && within(section.also));
  return (
    <nav aria-label="Administration" className="mb-8 border-b border-slate-300 print:hidden">
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              aria-current={current(section) ? "page" : undefined}
              className={`inline-block border-b-4 pb-2 font-semibold ${current(section) ? "border-nhs-blue text-ink no-underline" : "border-transparent text-nhs-blue underline"}`}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
