import { withActor } from "@/lib/http/api";
import { cycleDetail, deleteCycle, updateCycle } from "@/lib/improvement/pdsa-service";

// GET    /api/v1/pdsa-cycles/{id}: one cycle, all four stages.
// PUT    /api/v1/pdsa-cycles/{id}: replace its fields (plan, do, study, act; dates).
// DELETE /api/v1/pdsa-cycles/{id}
// A cycle of a team the caller cannot see is 404; a coach changing one is 403.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cycleId: string }> };
const NO_STORE = { "Cache-Control": "no-store" };

export const GET = withActor<Context>(async (_request, actor, { params }) => {
  const cycle: Partial<Awaited<ReturnType<typeof cycleDetail>>> = await cycleDetail(actor, (await params).cycleId);
  delete cycle.canEdit; // a page's concern, not the cycle's
  return Response.json(cycle, { headers: NO_STORE });
});

export const PUT = withActor<Context>(async (request, actor, { params }) => {
  const body: unknown = await request.json().catch(() => undefined);
  return Response.json(await updateCycle(actor, (await params).cycleId, body), { headers: NO_STORE });
});

export const DELETE = withActor<Context>(async (_request, actor, { params }) => {
  await deleteCycle(actor, (await params).cycleId);
  return new Response(null, { status: 204, headers: NO_STORE });
});
