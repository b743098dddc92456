import { takeFormSubmission } from "@/lib/survey/pages-http";

// Where the survey form posts. Not /s/<code> itself: a POST to an address makes the browser drop
// its cached copy of that address, and the cached form (with the submission key already used) is
// what lets Back, then Send again, count once. POST /s/<code> still works for forms opened before.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context) {
  return takeFormSubmission(request, (await params).code);
}

/** Reached by hand or from history: the form itself. */
export async function GET(_request: Request, { params }: Context) {
  const code = (await params).code;
  return new Response(null, { status: 303, headers: { Location: `/s/${encodeURIComponent(code)}`, "Cache-Control": "no-store" } });
}
