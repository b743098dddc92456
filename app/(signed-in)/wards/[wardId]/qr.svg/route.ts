import { qrRoute } from "../qr-response";

export const dynamic = "force-dynamic";

export const GET = qrRoute("svg");
