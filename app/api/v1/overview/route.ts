import { assertCanCompare } from "@/lib/auth/access";
import { withActor } from "@/lib/http/api";
import { overview } from "@/lib/charts/comparison-service";
import { overviewQuerySchema } from "@/lib/charts/query";
import { queryInput } from "@/lib/charts/query";

// GET /api/v1/overview?level=ward|team|trust&measure=…&respondent=…&interval=…&trust=…&team=…&sort=…&dir=…
// The collaborative overview: one row per ward, project team or trust with the latest period's
// responses and value, the last 12 periods, the run-chart status (as GET /api/v1/run-chart gives
// it) and the median. Suppressed values stay suppressed. QI coaches and administrators only; to
// anyone else 404.

export const dynamic = "force-dynamic";

export const GET = withActor(async (request, actor) => {
  assertCanCompare(actor); // before validating, so that to others the API does not exist at all
  const query = overviewQuerySchema.parse(queryInput(new URL(request.url).searchParams));
  return Response.json(await overview(actor, query), { headers: { "Cache-Control": "no-store" } });
});
