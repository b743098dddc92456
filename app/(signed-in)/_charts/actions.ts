"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { ForbiddenError, NotFoundError } from "@/lib/auth/access";
import { requireActor } from "@/lib/auth/actor";
import {
  addPhase,
  createAnnotation,
  deleteAnnotation,
  removePhase,
  setTeamTarget,
  updateAnnotation,
  type ChartRef,
} from "@/lib/charts/annotations";
import { BadRequestError } from "@/lib/http/api";
import { fieldErrors } from "@/lib/survey/schema";

// Server actions behind the chart pages' forms (annotations, phases, the team's aim). They only read
// the form, call lib/charts/annotations (which authorises, validates and audits) and turn its errors
// into messages for the form. They work without JavaScript: the form posts and the page re-renders.

/** After a refusal, `values` holds what was typed, so the re-rendered form keeps it. */
export type ChartFormState = { error?: string; fields?: Record<string, string>; done?: string; values?: Record<string, string> };

function chartRef(form: FormData): ChartRef {
  const chart = String(form.get("chart") ?? "");
  const [kind, id] = chart.split(":");
  if (kind === "team" && id) return { teamId: id };
  if (kind === "ward" && id) return { wardId: id };
  throw new NotFoundError();
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

function typed(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  });
  return values;
}

async function run(form: FormData, action: () => Promise<string>): Promise<ChartFormState> {
  try {
    const done = await action();
    revalidatePath(pagePath(form));
    return { done };
  } catch (error) {
    const values = typed(form);
    if (error instanceof ZodError) return { error: "There is a problem", fields: fieldErrors(error), values };
    if (error instanceof BadRequestError) return { error: "There is a problem", fields: error.fields, values };
    if (error instanceof NotFoundError) return { error: "This chart or note no longer exists, or you do not have access to it." };
    if (error instanceof ForbiddenError) return { error: "Only the project team's members and programme administrators can change this chart." };
    throw error;
  }
}

function pagePath(form: FormData): string {
  const path = text(form, "path") ?? "/teams";
  // Only our own chart pages: the value comes from the form, so it must not name anything else.
  return /^\/(teams|wards)\/[A-Za-z0-9_-]+$/.test(path) ? path : "/teams";
}

export async function createAnnotationAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await createAnnotation(actor, chartRef(form), { date: text(form, "date"), kind: text(form, "kind"), text: text(form, "text") });
    return "Note added.";
  });
}

export async function updateAnnotationAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await updateAnnotation(actor, text(form, "id") ?? "", { date: text(form, "date"), kind: text(form, "kind"), text: text(form, "text") });
    return "Note saved.";
  });
}

export async function deleteAnnotationAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    await deleteAnnotation(actor, text(form, "id") ?? "");
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

export async function setTargetAction(_state: ChartFormState, form: FormData): Promise<ChartFormState> {
  const actor = await requireActor(pagePath(form));
  return run(form, async () => {
    const target = await setTeamTarget(actor, text(form, "teamId") ?? "", { targetPercent: text(form, "targetPercent") ?? "" });
    return target === null ? "Aim removed." : `Aim set to ${target}%.`;
  });
}
