import { ZodError } from "zod";
import { BadRequestError, withActor } from "@/lib/http/api";
import { changeBox, deleteBox, moveBox } from "@/lib/improvement/diagram-service";

// PATCH  /api/v1/driver-diagram-boxes/{id} { text?, parentIds?, status? } or { move: "up"|"down"|"top"|"bottom"|<place from 1> }
// DELETE /api/v1/driver-diagram-boxes/{id}
// A box on a team the caller cannot see is 404; a coach changing one is 403.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ boxId: string }> };
const NO_STORE = { "Cache-Control": "no-store" };

export const PATCH = withActor<Context>(async (request, actor, { params }) => {
  const { boxId } = await params;
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== "object" || body === null) throw new BadRequestError("Send JSON: { text, parentIds, status } or { move }", { body: "The request body is not a JSON object" });
  if ("move" in body) {
    const { move, ...rest } = body as Record<string, unknown>;
    const others = Object.keys(rest);
    if (others.length > 0) throw new BadRequestError("Send a move on its own, then the changes", Object.fromEntries(others.map((k) => [k, "Send a move on its own, then the changes"])));
    try {
      await moveBox(actor, boxId, { direction: move });
    } catch (error) {
      // The service names its own field; the API's is "move".
      if (error instanceof ZodError) throw new BadRequestError("Invalid request", { move: 'move must be "up", "down", "top", "bottom" or a place in the column from 1' });
      throw error;
    }
    return new Response(null, { status: 204, headers: NO_STORE });
  }
  return Response.json(await changeBox(actor, boxId, body), { headers: NO_STORE });
});

export const DELETE = withActor<Context>(async (_request, actor, { params }) => {
  await deleteBox(actor, (await params).boxId);
  return new Response(null, { status: 204, headers: NO_STORE });
});
