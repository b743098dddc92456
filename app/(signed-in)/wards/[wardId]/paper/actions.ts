"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import { BadRequestError } from "@/lib/http/api";
import { checkPaperBatch, createPaperBatch, deletePaperBatch } from "@/lib/paper/service";
import type { BatchTotals } from "@/lib/paper/tally";

export type PaperFormState = {
  step: "edit" | "review";
  error?: string;
  fields?: Record<string, string>;
  /** What was typed, put back into the form (and carried through the summary step). */
  values: Record<string, string>;
  totals?: BatchTotals;
};

function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION") || key === "intent" || typeof value !== "string") continue;
    values[key] = value;
  }
  return values;
}

/** "Check the totals" shows the summary; "Save the batch" stores it; "Change the counts" goes back. */
export async function paperBatchAction(wardId: string, _state: PaperFormState, form: FormData): Promise<PaperFormState> {
  const path = `/wards/${wardId}/paper`;
  const actor = await requireActor(path);
  const values = formValues(form);
  const intent = form.get("intent");
  if (intent === "edit") return { step: "edit", values };
  let savedId: string;
  try {
    if (intent !== "save") {
      const checked = await checkPaperBatch(actor, wardId, values);
      return checked.ok
        ? { step: "review", values, totals: checked.batch.totals }
        : { step: "edit", values, error: "There is a problem with the batch", fields: checked.fields };
    }
    savedId = (await createPaperBatch(actor, wardId, values)).id;
  } catch (error) {
    if (error instanceof BadRequestError) return { step: "edit", values, error: error.message, fields: error.fields };
    if (error instanceof ForbiddenError) return { step: "edit", values, error: error.message };
    if (error instanceof NotFoundError) return { step: "edit", values, error: "This ward is not one of yours, or it no longer exists" };
    throw error;
  }
  revalidatePath(path);
  redirect(`${path}?saved=${encodeURIComponent(savedId)}`);
}

export type DeleteState = { error?: string };

export async function deletePaperBatchAction(wardId: string, _state: DeleteState, form: FormData): Promise<DeleteState> {
  const path = `/wards/${wardId}/paper`;
  const actor = await requireActor(path);
  const batchId = String(form.get("batchId") ?? "");
  let removed: number;
  try {
    removed = (await deletePaperBatch(actor, batchId)).responses;
  } catch (error) {
    if (error instanceof BadRequestError) return { error: Object.values(error.fields)[0] ?? error.message };
    if (error instanceof ForbiddenError) return { error: error.message };
    if (error instanceof NotFoundError) return { error: "This batch no longer exists: it may have been deleted already." };
    throw error;
  }
  revalidatePath(path);
  redirect(`${path}?deleted=${removed}`);
}
