import { ZodError } from "zod";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { DATABASE_RETRY_AFTER_SECONDS, databaseWatch } from "@/lib/db/availability";
import { fieldErrors } from "@/lib/http/fields";

// How the domain's errors become HTTP answers: outside the caller's scope → 404 (never revealing
// that the thing exists); a role that may not act → 403; invalid input → 400 naming the fields;
// an unreachable database → 503 with Retry-After.
// Kept apart from lib/http/api.ts (which reads the session) so it can be used and tested anywhere.

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonError(status: number, error: string, fields?: Record<string, string>): Response {
  return Response.json(fields ? { error, fields } : { error }, { status, headers: NO_STORE });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof NotFoundError) return jsonError(404, "Not found");
  if (error instanceof ForbiddenError) return jsonError(403, error.message);
  if (error instanceof BadRequestError) return jsonError(400, error.message, error.fields);
  if (error instanceof ZodError) return jsonError(400, "Invalid request", fieldErrors(error));
  // The database is down or restarting: nothing was changed, and the caller may simply try again.
  if (databaseWatch().sawFailure(error)) {
    return Response.json({ error: "unavailable" }, { status: 503, headers: { ...NO_STORE, "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } });
  }
  throw error;
}
