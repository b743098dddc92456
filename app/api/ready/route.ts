import { DATABASE_RETRY_AFTER_SECONDS, isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { migrationStatus } from "@/lib/db/migrate";
import { env } from "@/lib/env";

// Readiness for load balancers: the database answers and every migration on disk is applied.
// 503 with Retry-After otherwise. Public, reveals nothing beyond which of the two is missing.
export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

export async function GET() {
  const status = await unlessDatabaseDown(() => migrationStatus(env().DATABASE_URL ?? ""));
  if (isUnavailable(status)) {
    return Response.json({ status: "database-unavailable" }, { status: 503, headers: { ...headers, "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } });
  }
  if (status.pending.length > 0 || status.failed.length > 0) {
    return Response.json({ status: "migrations-pending" }, { status: 503, headers: { ...headers, "Retry-After": "30" } });
  }
  return Response.json({ status: "ready" }, { headers });
}
