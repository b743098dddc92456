import { showKioskThanks } from "@/lib/survey/tablets/kiosk-http";

// GET /k/thanks — after the kiosk's no-JavaScript post; back to an empty form after 8 seconds.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return showKioskThanks(request);
}
