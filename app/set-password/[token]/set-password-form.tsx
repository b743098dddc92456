"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/http/form-state";
import { setPasswordAction } from "./actions";
import { Field } from "@/components/form";
import { Button, ErrorSummary } from "@/components/ui";

export function SetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setPasswordAction.bind(null, token), {});
  return (
    <form action={action} noValidate>
      <ErrorSummary error={state.error} fields={state.fields} />
      <Field id="password" label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." error={state.fields?.password} />
      <Field id="confirm" label="Type it again" type="password" autoComplete="new-password" error={state.fields?.confirm} />
      <Button type="submit" disabled={pending}>
        Set password
      </Button>
    </form>
  );
}
