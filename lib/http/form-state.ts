import { ZodError } from "zod";
import { BadRequestError, ConfigurationError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { fieldErrors, type FieldErrors } from "./fields";

// What every server action behind a form answers, admin pages included: a message when it worked
// (`done`), or the problem (`error`, and `fields` naming each field and what was wrong) with what
// was typed (`values`), so the re-rendered form keeps it, with or without JavaScript. One function,
// `refusal`, turns the domain's errors into that answer; the forms (components/form.tsx) show it.

export type FormState = {
  error?: string;
  fields?: FieldErrors;
  values?: Record<string, string | string[]>;
  done?: string;
  /** A set-password link: shown once, in the answer to the action that made it, never stored. */
  link?: { url: string; label: string };
};

/** What was typed, for re-showing after a refusal (Next's own `$ACTION_…` fields and any in `skip` left out); a repeated field (checkboxes) as a list. */
export function typedValues(form: FormData, skip: readonly string[] = []): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$") || skip.includes(key)) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (all.length > 0) values[key] = all.length === 1 ? all[0]! : all;
  }
  return values;
}

/** One typed value as text (the first, for a repeated field). */
export function valueText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export const formText = (form: FormData, name: string): string | undefined => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The form as a plain object for a lib schema; `lists` are fields that may repeat (checkboxes) and are always lists. */
export function formObject(form: FormData, lists: readonly string[] = []): Record<string, unknown> {
  const values: Record<string, unknown> = typedValues(form);
  for (const key of lists) values[key] = form.getAll(key).filter((v) => typeof v === "string");
  return values;
}

export type RefusalWords = {
  /** The summary's heading for input refused by a rule (BadRequestError): its own message, or this text. Default "There is a problem". */
  invalid?: "own" | string;
  /** What to say when the thing is outside the caller's scope or gone. Default: the error's own message. */
  notFound?: string | ((error: NotFoundError) => string);
  /** What to say when the caller's role may not do this. Default: the error's own message. */
  forbidden?: string;
  /** Put back what was typed (default). Off for passwords: they are never sent back to the browser. */
  keepValues?: boolean;
};

/** The form answer for one of the domain's refusals; anything else is not a refusal and is thrown again. */
export function refusal(error: unknown, form: FormData, words: RefusalWords = {}): FormState {
  const values = words.keepValues === false ? undefined : typedValues(form);
  if (error instanceof ZodError) return { error: "There is a problem", fields: fieldErrors(error), values };
  if (error instanceof BadRequestError) {
    const fields = Object.keys(error.fields).length > 0 ? error.fields : undefined;
    return { error: words.invalid === "own" ? error.message : (words.invalid ?? "There is a problem"), fields, values };
  }
  if (error instanceof NotFoundError) {
    const message = typeof words.notFound === "function" ? words.notFound(error) : (words.notFound ?? error.message);
    return { error: message, values };
  }
  if (error instanceof ForbiddenError) return { error: words.forbidden ?? error.message, values };
  if (error instanceof ConfigurationError) return { error: error.message, values };
  throw error;
}

/** Runs the change: its message (or its own answer) when it worked, the refusal when the domain said no; anything else throws. */
export async function formOutcome(form: FormData, change: () => Promise<string | FormState | void>, words: RefusalWords = {}): Promise<FormState> {
  try {
    const result = await change();
    return typeof result === "string" ? { done: result } : (result ?? {});
  } catch (error) {
    return refusal(error, form, words);
  }
}

/** Whether the answer is a success (so the action may refresh pages or redirect). */
export const succeeded = (state: FormState): boolean => !state.error && !state.fields;
