"use client";

import { deleteCycleAction } from "./actions";
import { ConfirmButtonForm, useFormAction } from "@/components/form";

export function DeleteCycleForm({ id, path, label }: { id: string; path: string; label: string }) {
  const f = useFormAction(deleteCycleAction, `delete-${id}`);
  return (
    <ConfirmButtonForm
      form={f}
      hidden={{ id, path }}
      question={`${label}? Its plan, prediction, what was done, what was learned and the decision are all deleted, and this cannot be undone.`}
      yes={`Yes, ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
      cancelHref={path}
    >
      {label}
    </ConfirmButtonForm>
  );
}
