import { assertCanCompare } from "@/lib/auth/access";
import { withActor } from "@/lib/http/api";
import { comparison } from "@/lib/charts/comparison-service";
import { comparisonQuerySchema } from "@/lib/charts/query";
import { queryInput } from "@/lib/charts/query";

// GET /api/v1/comparison?level=ward|team|trust&measure=…&respondent=…&from=…&to=…
// The funnel plot's numbers: the overall proportion over the date range and each ward, project team
// or trust with its counts, its 95% and 99.8% limits and its position. Units with fewer responses
// than the minimum are "too-few" with their yes count and value hidden. QI coaches and
// administrators only; to anyone else 404.

export const dynamic = "force-dynamic";

export const GET = withActor(async (request, actor) => {
  assertCanCompare(actor); // before validating, so that to others the API does not exist at all
  const query = comparisonQuerySchema.parse(queryInput(new URL(request.url).searchParams));
  return Response.json(await comparison(actor, query), { headers: { "Cache-Control": "no-store" } });
});
