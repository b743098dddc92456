import Link from "next/link";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/actor";
import { isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { canCompare, canImport } from "@/lib/auth/access";
import { ROLE_LABELS, isAdmin } from "@/lib/auth/roles";
import { signOutAction } from "./actions";
import { TemporarilyUnavailable } from "./unavailable";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const found = await unlessDatabaseDown(() => requireActor("/"));
  if (isUnavailable(found)) return <TemporarilyUnavailable />;
  const actor = found;
  const links = [
    { href: "/teams", label: "Project teams" },
    { href: "/change-ideas", label: "Change ideas" },
    ...(canCompare(actor) ? [{ href: "/compare", label: "Compare wards" }] : []),
    ...(canImport(actor) ? [{ href: "/import", label: "Import" }] : []),
    { href: "/export", label: "Export" },
    ...(isAdmin(actor) ? [{ href: "/admin", label: "Administration" }] : []),
    { href: "/account", label: "My account" },
  ];
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        Skip to main content
      </a>
      <header className="bg-nhs-blue text-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-3">
          <Link href="/" className="text-xl font-bold text-white no-underline">
            Wardsafe
          </Link>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-4">
              {links.map((link) => (
                <li key={link.href}>
                  <Link href={link.href} className="text-white underline-offset-4 hover:underline">
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <form action={signOutAction} className="flex items-center gap-3">
            <span className="text-sm">
              {actor.name} · {ROLE_LABELS[actor.role]}
            </span>
            <button type="submit" className="min-h-11 rounded border-2 border-white px-3 text-sm font-semibold">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8 print:max-w-none print:p-0">
        {children}
      </main>
    </>
  );
}
