import { describeActor } from "@/lib/api-tokens";
import { withActor } from "@/lib/http/api";

// GET /api/v1/me — who this session or API token acts as; lets a script check its token works.

export const dynamic = "force-dynamic";

export const GET = withActor(async (_request, actor) =>
  Response.json(await describeActor(actor), { headers: { "Cache-Control": "no-store" } }),
);
