import { assertAdmin } from "@/lib/auth/access";
import { withActor } from "@/lib/http/api";
import { exportQueryInput, exportQuerySchema } from "@/lib/export/query";
import { responseLevelExport } from "@/lib/export/responses";

// GET /api/v1/export/responses.csv?scope=…[&from=…&to=…] — every response in the scope, one line
// each, streamed. Administrators only (403 for everyone else); each export is in the audit log.

export const dynamic = "force-dynamic";

export const GET = withActor(async (request, actor) => {
  // Who may ask comes before what they asked: a non-admin learns nothing from the parameters.
  assertAdmin(actor);
  const query = exportQuerySchema.parse(exportQueryInput(new URL(request.url).searchParams));
  const { stream, fileName } = await responseLevelExport(actor, query);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});
