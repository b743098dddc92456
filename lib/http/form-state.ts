import type { FieldErrors } from "./fields";

// What every server action behind a form answers, admin pages included: a message when it worked
// (`done`), or the problem (`error`, and `fields` naming each field and what was wrong) with what
// was typed (`values`), so the re-rendered form keeps it, with or without JavaScript. `refusal`
// (lib/http/refusal.ts) turns the domain's errors into that answer; components/form.tsx shows it.
// Free of zod and the domain, so the browser's forms can import it too.

export type FormState = {
  error?: string;
  fields?: FieldErrors;
  values?: Record<string, string | string[]>;
  done?: string;
  /** A set-password link: shown once, in the answer to the action that made it, never stored. */
  link?: { url: string; label: string };
  /** Nothing was done yet: the change cannot be undone, so the form asks first (askFirst). */
  confirm?: true;
};

/**
 * For changes that cannot be undone: unless the form says it was confirmed (its "Yes" button sends
 * confirmed=yes), the answer is only the question, and nothing is changed. Works without
 * JavaScript, since the question is the action's own answer.
 */
export function askFirst(form: FormData, when = true): FormState | null {
  return when && form.get("confirmed") !== "yes" ? { confirm: true } : null;
}

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
