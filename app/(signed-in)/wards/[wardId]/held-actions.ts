"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/actor";
import { formText as text, type FormState } from "@/lib/http/form-state";
import { refusal } from "@/lib/http/refusal";
import { discardHeldAnswers, releaseHeldAnswers, type HeldReview } from "@/lib/survey/held";

// Releasing or discarding one day of held answers on the ward's page. The ward and day come from
// the form (no bound arguments), lib/survey/held authorises, validates and audits, and the page
// comes back saying what was done (the row it acted on is gone by then).

const WORDS = {
  notFound: "This ward is not one of yours, or those answers have been reviewed already.",
  forbidden: "Only the ward's project leads and programme administrators can release or discard held answers.",
};

async function review(form: FormData, decide: typeof releaseHeldAnswers, decision: "released" | "discarded"): Promise<FormState> {
  const wardId = text(form, "wardId") ?? "";
  const path = `/wards/${encodeURIComponent(wardId)}`;
  const actor = await requireActor(path);
  let done: HeldReview;
  try {
    done = await decide(actor, { wardId, day: text(form, "day") ?? "" });
  } catch (error) {
    return refusal(error, form, WORDS);
  }
  revalidatePath(path);
  redirect(`${path}?${new URLSearchParams({ reviewed: decision, day: done.day, answers: String(done.answers) })}#held-answers`);
}

export async function releaseHeldAction(_state: FormState, form: FormData): Promise<FormState> {
  return review(form, releaseHeldAnswers, "released");
}

export async function discardHeldAction(_state: FormState, form: FormData): Promise<FormState> {
  return review(form, discardHeldAnswers, "discarded");
}
