import type { z } from "zod";

// The one shape every caller shows a refusal in, field by field: the survey API, server-action
// forms, the admin pages and the CSV import all name the field and say what was wrong with it.

export type FieldErrors = Record<string, string>;

/** Flattens zod issues to one plain message per field, the shape the API and the form both show. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out[key] ??= "Unknown field: this API does not accept it";
      continue;
    }
    const key = issue.path.length > 0 ? issue.path.join(".") : "body";
    out[key] ??= issue.message;
  }
  return out;
}
