import { assertAdmin } from "@/lib/auth/access";
import { withActor } from "@/lib/http/api";
import { languageFile } from "@/lib/survey/languages";

// GET /admin/languages/<code>/file: the language file to give a translator (English beside each
// text), uploaded again once checked. Administrators only (anyone else is refused).

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export const GET = withActor<Context>(async (_request, actor, { params }) => {
  assertAdmin(actor);
  const file = await languageFile(actor, (await params).code);
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="wardsafe-survey-${file.language}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
});
