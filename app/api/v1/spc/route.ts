import { assertCanCompare } from "@/lib/auth/access";
import { withActor } from "@/lib/http/api";
import { queryInput } from "@/lib/charts/query";
import { spcChart, spcQuerySchema } from "@/lib/charts/spc-service";

// GET /api/v1/spc?scope=all|team:<id>|trust:<id>|ward:<code>&chart=p|pprime|auto&measure=…&respondent=…&interval=…&from=…&to=…
// A p-chart (or Laney p′ chart) with per-period limits, the Making Data Count signals, the
// variation and assurance icons, the choice of chart explained, and trial limits marked. QI coaches
// and administrators only; to anyone else 404.

export const dynamic = "force-dynamic";

export const GET = withActor(async (request, actor) => {
  assertCanCompare(actor); // before validating, so that to others the API does not exist at all
  const query = spcQuerySchema.parse(queryInput(new URL(request.url).searchParams));
  return Response.json(await spcChart(actor, query), { headers: { "Cache-Control": "no-store" } });
});
