import { takeQueueReport } from "@/lib/survey/tablets/kiosk-http";

// POST /k/status — the tablet reports how many answers wait on it, for the ward's page.

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return takeQueueReport(request);
}
