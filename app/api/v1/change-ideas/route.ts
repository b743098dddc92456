import { withActor } from "@/lib/http/api";
import { changeIdeasAcrossTeams } from "@/lib/improvement/pdsa-service";

// GET /api/v1/change-ideas: every change idea the caller can see (QI coaches and admins: all
// teams; project leads: their own teams), with its status, team and latest PDSA cycle.

export const dynamic = "force-dynamic";

export const GET = withActor(async (_request, actor) => Response.json({ changeIdeas: await changeIdeasAcrossTeams(actor) }, { headers: { "Cache-Control": "no-store" } }));
