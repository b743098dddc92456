import { choiceAskedFor, showSurvey, takeFormSubmission } from "@/lib/survey/pages-http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context) {
  return showSurvey((await params).code, choiceAskedFor(request));
}

export async function POST(request: Request, { params }: Context) {
  return takeFormSubmission(request, (await params).code);
}
