import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; changed?: string }> }) {
  const { callbackUrl, changed } = await searchParams;
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <p className="text-lg font-bold text-nhs-blue">Wardsafe</p>
      <h1 className="mb-6 text-3xl font-bold">Sign in</h1>
      {changed ? (
        <p role="status" className="mb-4 border-l-8 border-nhs-blue bg-blue-50 p-3">
          Your password has been set. Sign in with your new password.
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl ?? "/"} />
      <p className="mt-8 text-sm text-muted">Forgotten your password? Ask your programme administrator for a new set-password link.</p>
    </main>
  );
}
