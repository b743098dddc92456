import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { ForbiddenError, NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { BadRequestError } from "@/lib/http/api";
import { PublicBaseUrlError } from "@/lib/posters";
import { fieldErrors } from "@/lib/survey/schema";
import type { FormState } from "./form-state";
import { requireAdmin } from "./require-admin";

// The shape every administration action shares, so each actions.ts stays thin: check the actor
// is an administrator, call lib/structure, refresh the pages, and turn refusals into field errors.

function submittedValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length === 1 ? all[0]! : all;
  }
  return values;
}

/** The form as a plain object for lib/structure's schemas; `lists` are fields that may repeat (checkboxes). */
export function formObject(form: FormData, lists: string[] = []): Record<string, unknown> {
  const values: Record<string, unknown> = submittedValues(form);
  for (const key of lists) values[key] = form.getAll(key).filter((v) => typeof v === "string");
  return values;
}

export async function adminAction(path: string, form: FormData, run: (actor: Actor) => Promise<FormState | void>): Promise<FormState> {
  const actor = await requireAdmin(path);
  let result: FormState | void;
  try {
    result = await run(actor);
  } catch (error) {
    const values = submittedValues(form);
    if (error instanceof BadRequestError) return { error: error.message, fields: error.fields, values };
    if (error instanceof ZodError) return { error: "There is a problem", fields: fieldErrors(error), values };
    if (error instanceof NotFoundError) return { error: `${error.message}: it may have been changed by someone else. Reload the page.`, values };
    if (error instanceof ForbiddenError || error instanceof PublicBaseUrlError) return { error: error.message, values };
    throw error;
  }
  revalidatePath("/admin", "layout");
  revalidatePath("/teams");
  return result ?? {};
}
