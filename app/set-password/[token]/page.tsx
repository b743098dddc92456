import type { Metadata } from "next";
import { checkPasswordLink } from "@/lib/users";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkPasswordLink(token);
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <p className="text-lg font-bold text-nhs-blue">Wardsafe</p>
      {link.valid ? (
        <>
          <h1 className="mb-2 text-3xl font-bold">Set your password</h1>
          <p className="mb-6">
            For {link.name} ({link.email}). This link works once.
          </p>
          <SetPasswordForm token={token} />
        </>
      ) : (
        <>
          <h1 className="mb-4 text-3xl font-bold">This link no longer works</h1>
          <p>Set-password links work once and expire after 72 hours. Ask your programme administrator for a new one.</p>
        </>
      )}
    </main>
  );
}
