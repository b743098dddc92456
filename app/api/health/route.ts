import { db } from "@/lib/db/client";

// Liveness and database reachability for load balancers and the test harness. Public, reveals nothing.
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "database-unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
