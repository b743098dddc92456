import { withActor } from "@/lib/http/api";
import { createCycle, teamCycles } from "@/lib/improvement/pdsa-service";

// GET  /api/v1/teams/{teamId}/pdsa-cycles: the team's PDSA cycles, newest first.
// POST /api/v1/teams/{teamId}/pdsa-cycles: plan a cycle { changeIdeaId, startDate, planWhat, prediction, … }.
// Reading: anyone who can see the team; planning: its members and admins.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ teamId: string }> };
const NO_STORE = { "Cache-Control": "no-store" };

export const GET = withActor<Context>(async (_request, actor, { params }) => Response.json({ cycles: await teamCycles(actor, (await params).teamId) }, { headers: NO_STORE }));

export const POST = withActor<Context>(async (request, actor, { params }) => {
  const body: unknown = await request.json().catch(() => undefined);
  const cycle = await createCycle(actor, (await params).teamId, body);
  return Response.json(cycle, { status: 201, headers: NO_STORE });
});
