// Liveness for load balancers and the start script: the process is up and answering. It asks
// nothing of the database (that is /api/ready), so a database outage never gets the app restarted.
// Public, reveals nothing.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
