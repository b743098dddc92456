import { showEnrolment, takeEnrolment } from "@/lib/survey/tablets/kiosk-http";

// /k/enrol/<token> — a one-time link from the ward's page: GET asks to confirm, POST enrols the tablet.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export async function GET(_request: Request, { params }: Context) {
  return showEnrolment((await params).token);
}

export async function POST(request: Request, { params }: Context) {
  return takeEnrolment(request, (await params).token);
}
