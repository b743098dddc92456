"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "./actions";
import { Field } from "@/components/form";
import { Button } from "@/components/ui";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} noValidate>
      {state.error ? (
        <div role="alert" className="mb-4 border-4 border-nhs-red p-3 font-semibold">
          {state.error}
        </div>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field id="email" label="Email address" type="email" autoComplete="username" required defaultValue={state.email} />
      <Field id="password" label="Password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
