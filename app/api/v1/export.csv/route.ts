import { withActor } from "@/lib/http/api";
import { aggregatedExport } from "@/lib/export/aggregated";
import { exportQueryInput, exportQuerySchema } from "@/lib/export/query";

// GET /api/v1/export.csv?scope=ward:<code>|team:<id>|trust:<id>|all&interval=week|fortnight|month[&from=…&to=…]
// Counts per period for everyone who can see the scope (404 outside it), with the charts'
// small-number suppression. Session or API token.

export const dynamic = "force-dynamic";

export const GET = withActor(async (request, actor) => {
  const query = exportQuerySchema.parse(exportQueryInput(new URL(request.url).searchParams));
  const { csv, fileName } = await aggregatedExport(actor, query);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});
