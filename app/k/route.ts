import { showKiosk } from "@/lib/survey/tablets/kiosk-http";

// GET /k — the ward tablet's kiosk (lib/survey/tablets). Public: the tablet's credential cookie says which ward.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return showKiosk(request);
}
