import { csvLine } from "@/lib/csv/write";
import { BadRequestError, withActor } from "@/lib/http/api";
import { STATUS_LABELS } from "@/lib/improvement/driver-diagram";
import { changeIdeasAcrossTeams } from "@/lib/improvement/pdsa-service";

// GET /api/v1/change-ideas[?format=csv]: every change idea the caller can see (QI coaches and
// admins: all teams; project leads: their own teams), with its status, team and latest PDSA
// cycle; as CSV for the collaborative's own reports.

export const dynamic = "force-dynamic";

export const GET = withActor(async (request, actor) => {
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new BadRequestError("Invalid request", { format: 'format must be "json" or "csv"' });
  const ideas = await changeIdeasAcrossTeams(actor);
  if (format === "json") return Response.json({ changeIdeas: ideas }, { headers: { "Cache-Control": "no-store" } });
  const lines = [
    csvLine(["trust", "project_team", "change_idea", "status", "serves", "pdsa_cycles", "latest_cycle_start", "latest_cycle_end", "latest_cycle_decision"]),
    ...ideas.map((i) =>
      csvLine([
        i.team.trustName,
        i.team.name,
        i.text,
        STATUS_LABELS[i.status].toLowerCase(),
        i.secondaryDrivers.join("; "),
        i.cycles,
        i.latestCycle?.startDate ?? "",
        i.latestCycle?.endDate ?? "",
        i.latestCycle?.decision?.toLowerCase() ?? "",
      ]),
    ),
  ];
  return new Response(lines.join(""), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="change-ideas.csv"', "Cache-Control": "no-store" },
  });
});
