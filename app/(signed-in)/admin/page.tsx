import type { Metadata } from "next";
import Link from "next/link";
import { adminOverview } from "@/lib/structure/audit-log";
import { requireAdmin } from "./require-admin";
import { PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminOverviewPage() {
  const actor = await requireAdmin("/admin");
  const counts = await adminOverview(actor);
  const sections = [
    { href: "/admin/trusts", title: "Trusts and wards", text: `${counts.trusts} active trusts, ${counts.wards} wards taking answers. Add wards, set their charter contacts, give a ward a new survey code.` },
    { href: "/admin/teams", title: "Project teams", text: `${counts.teams} active project teams. Put wards into teams and people into teams.` },
    { href: "/admin/users", title: "Users", text: `${counts.users} active users. Invite people, make set-password links, change roles.` },
    { href: "/admin/audit", title: "Audit log", text: "Who changed what, and when, with the values before and after." },
  ];
  return (
    <>
      <PageHeader title="Administration" description="Set up the collaborative: trusts, wards, project teams and the people who use Wardsafe." />
      <ul className="grid gap-4 md:grid-cols-2">
        {sections.map((section) => (
          <li key={section.href} className="rounded border border-slate-300 bg-white p-4">
            <h2 className="text-lg font-bold">
              <Link href={section.href} className="text-nhs-blue underline">
                {section.title}
              </Link>
            </h2>
            <p className="mt-1">{section.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
