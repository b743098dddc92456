"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/http/form-state";
import { setPasswordAction } from "./actions";
import { NewPasswordFields } from "@/components/form";
import { Button, ErrorSummary } from "@/components/ui";

export function SetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setPasswordAction.bind(null, token), {});
  return (
    <form action={action} noValidate>
      <ErrorSummary error={state.error} fields={state.fields} />
      <NewPasswordFields errors={state.fields} confirmLabel="Type it again" />
      <Button type="submit" disabled={pending}>
        Set password
      </Button>
    </form>
  );
}
