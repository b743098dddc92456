import { choiceAskedFor, showThankYou } from "@/lib/survey/pages-http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return showThankYou((await params).code, choiceAskedFor(request));
}
