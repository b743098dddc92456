import { actorFromRequest } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/roles";
import { BadRequestError } from "@/lib/errors";
import { errorResponse, jsonError } from "./errors";

// Every signed-in API route is wrapped by withActor: no actor → 401, and the domain's errors are
// mapped by lib/http/errors.ts (404 / 403 / 400, and 503 while the database is unreachable). Route handlers themselves only parse, call lib,
// and shape the answer.

export { BadRequestError, errorResponse, jsonError };

type Handler<C> = (request: Request, actor: Actor, context: C) => Promise<Response>;

export function withActor<C = unknown>(handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const actor = await actorFromRequest(request);
      if (!actor) return jsonError(401, "Sign in, or send a valid API token as Authorization: Bearer <token>");
      return await handler(request, actor, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
