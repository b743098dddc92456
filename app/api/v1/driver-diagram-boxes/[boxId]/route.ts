import { BadRequestError, withActor } from "@/lib/http/api";
import { changeNode, deleteNode, moveNode } from "@/lib/improvement/diagram-service";

// PATCH  /api/v1/driver-diagram-boxes/{id} { text?, parentIds?, status? } or { move: "up"|"down"|"top"|"bottom" }
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
    await moveNode(actor, boxId, { direction: (body as { move: unknown }).move });
    return new Response(null, { status: 204, headers: NO_STORE });
  }
  return Response.json(await changeNode(actor, boxId, body), { headers: NO_STORE });
});

export const DELETE = withActor<Context>(async (_request, actor, { params }) => {
  await deleteNode(actor, (await params).boxId);
  return new Response(null, { status: 204, headers: NO_STORE });
});
