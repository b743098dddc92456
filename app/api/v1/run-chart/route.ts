import { BadRequestError, withActor } from "@/lib/http/api";
import { csvFileName, runChartCsv } from "@/lib/charts/csv";
import { queryInput, runChartQuerySchema } from "@/lib/charts/query";
import { runChart } from "@/lib/charts/run-chart-service";

// GET /api/v1/run-chart?scope=…&measure=…&respondent=…&interval=…&from=…&to=…&rules=…&baseline=…
// The run chart's points, phases, IHI and Anhøj results, notes and target, as JSON; with
// format=csv the points as a CSV file (suppression kept). Signed in (session or API token); the
// scope is authorised by lib/auth/access, so anything outside it is 404.

export const dynamic = "force-dynamic";

export const GET = withActor(async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "json";
  if (format !== "json" && format !== "csv") {
    throw new BadRequestError("Invalid request", { format: 'format must be "json" or "csv"' });
  }
  const query = runChartQuerySchema.parse(queryInput(params));
  const answer = await runChart(actor, query);
  if (format === "csv") {
    return new Response(runChartCsv(answer), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${csvFileName(answer)}"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
});
