import { ZodError } from "zod";
import { BadRequestError, ConfigurationError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { fieldErrors } from "./fields";
import { typedValues, type FormState } from "./form-state";

// The one way from a domain error to a form's answer, for every server action: invalid input names
// its fields, a thing outside the caller's scope or a role that may not act says so in words, and
// what was typed goes back into the form. Anything that is not a refusal is thrown again.

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
