"use client";

import { usePathname } from "next/navigation";
import { SectionTabs } from "@/components/nav";

const SECTIONS: { key: string; href: string; label: string; also?: string }[] = [
  { key: "overview", href: "/admin", label: "Overview" },
  { key: "trusts", href: "/admin/trusts", label: "Trusts and wards", also: "/admin/wards" },
  { key: "teams", href: "/admin/teams", label: "Project teams" },
  { key: "users", href: "/admin/users", label: "Users" },
  { key: "languages", href: "/admin/languages", label: "Survey languages" },
  { key: "audit", href: "/admin/audit", label: "Audit log" },
];

/** The administration sections; the current one is the section the address is in (a ward's page is under trusts). */
export function AdminNav() {
  const pathname = usePathname();
  const within = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const current = SECTIONS.find((section) =>
    section.href === "/admin" ? pathname === "/admin" : within(section.href) || (section.also !== undefined && within(section.also)),
  );
  return <SectionTabs label="Administration" current={current?.key ?? null} tabs={SECTIONS} />;
}
