import { ZodError } from "zod";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { fieldErrors } from "@/lib/survey/schema";

// What a server action behind a form answers: a message when it worked, or the problem with each
// field and what was typed (so the re-rendered form keeps it). Shared by every form's actions, so
// a refusal reads the same everywhere and the forms (components/form-parts.tsx) show it the same.

export type FormState = { error?: string; fields?: Record<string, string>; done?: string; values?: Record<string, string> };

/** What was typed, for re-showing after a refusal (Next's own `$ACTION_…` fields left out). */
export function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  });
  return values;
}

export const formText = (form: FormData, name: string): string | undefined => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** Runs the change; turns the domain's refusals into a FormState and lets anything else throw. */
export async function formOutcome(
  form: FormData,
  change: () => Promise<string>,
  messages: { notFound: string; forbidden: string },
): Promise<FormState> {
  try {
    return { done: await change() };
  } catch (error) {
    const values = typedValues(form);
    if (error instanceof ZodError) return { error: "There is a problem", fields: fieldErrors(error), values };
    if (error instanceof BadRequestError) return { error: "There is a problem", fields: error.fields, values };
    if (error instanceof NotFoundError) return { error: messages.notFound };
    if (error instanceof ForbiddenError) return { error: messages.forbidden };
    throw error;
  }
}
