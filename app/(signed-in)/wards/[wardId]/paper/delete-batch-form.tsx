"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/http/form-state";
import { deletePaperBatchAction } from "./actions";
import { Button, ButtonLink, ErrorSummary } from "@/components/ui";

export function DeleteBatchForm({ wardId, batchId, cancelHref }: { wardId: string; batchId: string; cancelHref: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deletePaperBatchAction.bind(null, wardId), {});
  return (
    <form action={action}>
      <ErrorSummary error={state.error} />
      <input type="hidden" name="batchId" value={batchId} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" disabled={pending}>
          Delete the batch
        </Button>
        <ButtonLink href={cancelHref}>Keep it</ButtonLink>
      </div>
    </form>
  );
}
