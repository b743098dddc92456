"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/actor";
import { typedValues, type FormState } from "@/lib/http/form-state";
import { refusal } from "@/lib/http/refusal";
import { checkPaperBatch, createPaperBatch, deletePaperBatch } from "@/lib/paper/service";
import type { BatchTotals } from "@/lib/paper/tally";

export type PaperFormState = FormState & {
  step: "edit" | "review";
  /** What was typed, put back into the form (and carried through the summary step). */
  values: Record<string, string>;
  totals?: BatchTotals;
};

/** The counts as typed: one value per field (the button's `intent` left out). */
function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries(Object.entries(typedValues(form, ["intent"])).map(([key, value]) => [key, Array.isArray(value) ? (value[0] ?? "") : value]));
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
    const refused = refusal(error, form, { invalid: "own", notFound: "This ward is not one of yours, or it no longer exists" });
    return { ...refused, step: "edit", values };
  }
  revalidatePath(path);
  redirect(`${path}?saved=${encodeURIComponent(savedId)}`);
}

export async function deletePaperBatchAction(wardId: string, _state: FormState, form: FormData): Promise<FormState> {
  const path = `/wards/${wardId}/paper`;
  const actor = await requireActor(path);
  const batchId = String(form.get("batchId") ?? "");
  let removed: number;
  try {
    removed = (await deletePaperBatch(actor, batchId)).responses;
  } catch (error) {
    // The form has no fields to point at: the reason (too old to delete, say) is the message.
    const refused = refusal(error, form, { invalid: "own", notFound: "This batch no longer exists: it may have been deleted already." });
    return { error: Object.values(refused.fields ?? {})[0] ?? refused.error };
  }
  revalidatePath(path);
  redirect(`${path}?deleted=${removed}`);
}
