"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/http/form-state";
import { changePasswordAction } from "./actions";
import { Field, NewPasswordFields } from "@/components/form";
import { Button, ErrorSummary } from "@/components/ui";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, {});
  return (
    <form action={action} noValidate>
      <ErrorSummary error={state.error} fields={state.fields} />
      <Field id="current" label="Current password" type="password" autoComplete="current-password" error={state.fields?.current} />
      <NewPasswordFields errors={state.fields} confirmLabel="Type the new password again" />
      <Button type="submit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
