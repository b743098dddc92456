import { withActor } from "@/lib/http/api";
import { addBox } from "@/lib/improvement/diagram-service";

// POST /api/v1/teams/{teamId}/driver-diagram/boxes { kind: "PRIMARY"|"SECONDARY"|"CHANGE_IDEA", text, parentIds, status }
// Adds a box to the team's driver diagram (members and admins).

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ teamId: string }> };

export const POST = withActor<Context>(async (request, actor, { params }) => {
  const body: unknown = await request.json().catch(() => undefined);
  return Response.json(await addBox(actor, (await params).teamId, body), { status: 201, headers: { "Cache-Control": "no-store" } });
});
