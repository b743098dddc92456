"use client";

import { deleteCycleAction } from "./actions";
import { useFormAction } from "@/components/form";
import { Button } from "@/components/ui";

export function DeleteCycleForm({ id, path, label }: { id: string; path: string; label: string }) {
  const f = useFormAction(deleteCycleAction, `delete-${id}`);
  return (
    <form action={f.formAction}>
      {f.summary}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="path" value={path} />
      <Button type="submit" variant="danger" disabled={f.pending}>
        {label}
      </Button>
    </form>
  );
}
