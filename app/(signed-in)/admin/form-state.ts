// What every administration form's server action returns: field errors to show next to the
// fields, the values to put back after an error, a success message, or a one-time link to show.

export type FormState = {
  error?: string;
  fields?: Record<string, string>;
  values?: Record<string, string | string[]>;
  ok?: string;
  /** A set-password link: shown once, in the response to the action that made it, never stored. */
  link?: { url: string; label: string };
};
