import { takeKioskForm } from "@/lib/survey/tablets/kiosk-http";

// POST /k/answers — the kiosk's form when the tablet's browser runs no JavaScript.

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return takeKioskForm(request);
}

export function GET() {
  return new Response(null, { status: 303, headers: { Location: "/k", "Cache-Control": "no-store" } });
}
