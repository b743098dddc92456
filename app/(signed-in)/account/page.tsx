import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { ChangePasswordForm } from "./change-password-form";
import { PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const actor = await requireActor("/account");
  return (
    <>
      <PageHeader title="My account" description={`${actor.name} · ${actor.email} · ${ROLE_LABELS[actor.role]}`} />
      <section aria-labelledby="password-heading" className="max-w-xl rounded border border-slate-300 bg-white p-6">
        <h2 id="password-heading" className="mb-4 text-xl font-bold">
          Change password
        </h2>
        <p className="mb-4 text-muted">Changing your password signs you out everywhere, this browser included.</p>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="tokens-heading" className="mt-6 max-w-xl rounded border border-slate-300 bg-white p-6">
        <h2 id="tokens-heading" className="mb-2 text-xl font-bold">
          API tokens
        </h2>
        <p>
          Let a script or analysis tool use the Wardsafe API as you.{" "}
          <Link href="/account/tokens" className="text-nhs-blue underline">
            Manage your API tokens
          </Link>
        </p>
      </section>
    </>
  );
}
