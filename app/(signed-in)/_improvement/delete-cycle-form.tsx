"use client";

import { deleteCycleAction } from "./actions";
import { ButtonForm, useFormAction } from "@/components/form";

export function DeleteCycleForm({ id, path, label }: { id: string; path: string; label: string }) {
  const f = useFormAction(deleteCycleAction, `delete-${id}`);
  return (
    <ButtonForm form={f} hidden={{ id, path }}>
      {label}
    </ButtonForm>
  );
}
