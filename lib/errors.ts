// The domain's errors, free of any framework, so lib/ services can throw them and every caller
// (API routes via lib/http/api.ts, server actions, scripts, tests) can turn them into its own answer.

/** Outside the caller's scope, or absent: both answer "not found", so ids do not reveal what exists. */
export class NotFoundError extends Error {
  constructor(what = "Not found") {
    super(what);
  }
}

/** Visible to the caller, but their role may not do this. */
export class ForbiddenError extends Error {
  constructor(what = "You do not have permission to do this") {
    super(what);
  }
}

/** Input that fails a rule zod cannot express (a duplicate name, a used link), naming the fields. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The server's configuration prevents this (a bad PUBLIC_BASE_URL, say): shown to the person as is. */
export class ConfigurationError extends Error {}
