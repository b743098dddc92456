"use server";

import { revalidatePath } from "next/cache";
import { NotFoundError } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import {
  addPhase,
  createNote,
  deleteNote,
  removePhase,
  updateNote,
  type ChartRef,
} from "@/lib/charts/chart-changes";
import { askFirst, formText, type FormState } from "@/lib/http/form-state";
import { formOutcome } from "@/lib/http/refusal";

// Server actions behind the chart pages' forms (notes and phases). They only read
// the form, call lib/charts/chart-changes (which authorises, validates and audits) and turn its errors
// into messages for the form. They work without JavaScript: the form posts and the page re-renders.

export type ChartFormState = FormState;

function chartRef(form: FormData): ChartRef {
  const chart = String(form.get("chart") ?? "");
  const [kind, id] = chart.split(":");
  if (kind === "team" && id) return { teamId: id };
  if (kind === "ward" && id) return { wardId: id };
  throw new NotFoundError();
}

const text = formText;

async function run(form: FormData, action: () => Promise<string>): Promise<ChartFormState> {
  const state = await formOutcome(form, action, {
    notFound: "This chart or note no longer exists, or you do not have access to it.",
    forbidden: "Only the project team's members and programme administrators can change this chart.",
  });
  if (state.done) revalidatePath(pagePath(form));
  return state;
}

function pagePath(form: FormData): string {
  const path = text(form, "path") ?? "/teams";
  // Only our own chart pages: the value comes from the form, so it must not name anything else.
  return /^\/(teams|wards)\/[A-Za-z0-9_-]+$/.test(path) ? path : "/teams";
}

export async function createNoteAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await createNote(actor, chartRef(form), { date: text(form, "date"), kind: text(form, "kind"), text: text(form, "text") });
    return "Note added.";
  });
}

export async function updateNoteAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await updateNote(actor, text(form, "id") ?? "", { date: text(form, "date"), kind: text(form, "kind"), text: text(form, "text") });
    return "Note saved.";
  });
}

export async function deleteNoteAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  const ask = askFirst(form);
  if (ask) return ask;
  return run(form, async () => {
    await deleteNote(actor, text(form, "id") ?? "");
    return "Note deleted.";
  });
}

export async function addPhaseAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await addPhase(actor, chartRef(form), { startDate: text(form, "startDate"), reason: text(form, "reason") });
    return "New phase started.";
  });
}

export async function removePhaseAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await removePhase(actor, text(form, "id") ?? "");
    return "Phase removed.";
  });
}
