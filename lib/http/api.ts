import { ZodError } from "zod";
import { actorFromRequest } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { fieldErrors } from "@/lib/survey/schema";

// Every signed-in API route is wrapped by withActor: no actor → 401; a scope miss → 404 (never
// revealing that the thing exists); a role that may not act → 403; invalid input → 400 naming the
// fields. Route handlers themselves only parse, call lib, and shape the answer.

export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonError(status: number, error: string, fields?: Record<string, string>): Response {
  return Response.json(fields ? { error, fields } : { error }, { status, headers: NO_STORE });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof NotFoundError) return jsonError(404, "Not found");
  if (error instanceof ForbiddenError) return jsonError(403, error.message);
  if (error instanceof BadRequestError) return jsonError(400, error.message, error.fields);
  if (error instanceof ZodError) return jsonError(400, "Invalid request", fieldErrors(error));
  throw error;
}

type Handler<C> = (request: Request, actor: Actor, context: C) => Promise<Response>;

export function withActor<C = unknown>(handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const actor = await actorFromRequest(request);
    if (!actor) return jsonError(401, "Sign in, or send a valid API token as Authorization: Bearer <token>");
    try {
      return await handler(request, actor, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
