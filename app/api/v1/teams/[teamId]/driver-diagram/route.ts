import { BadRequestError, withActor } from "@/lib/http/api";
import { aimSentence } from "@/lib/improvement/aim";
import { exportDiagram, importDiagram, importOptions, teamDiagram } from "@/lib/improvement/diagram-service";
import { teamDiagramPicture } from "@/lib/improvement/diagram-svg";

// GET  /api/v1/teams/{teamId}/driver-diagram[?format=json|svg][&download=1]
//      The team's aim and driver diagram as the structured JSON file (format "wardsafe-driver-diagram",
//      the same file the page downloads and imports), or as the SVG picture.
// POST /api/v1/teams/{teamId}/driver-diagram  { file, mode: "add"|"replace", keepStatuses, takeAim }
//      Imports a diagram file into this team's diagram, all or nothing.
// Reading: anyone who can see the team (lib/auth/access); importing: the team's members and admins.

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ teamId: string }> };

export const GET = withActor<Context>(async (request, actor, { params }) => {
  const { teamId } = await params;
  const query = new URL(request.url).searchParams;
  const format = query.get("format") ?? "json";
  if (format !== "json" && format !== "svg") throw new BadRequestError("Invalid request", { format: 'format must be "json" or "svg"' });
  const attachment = query.get("download") === "1";
  const { team, aim, diagram } = await teamDiagram(actor, teamId);
  const picture = teamDiagramPicture(team.name, aimSentence(aim), diagram);
  const headers = (type: string, extension: string): HeadersInit => ({
    "Content-Type": type,
    "Cache-Control": "no-store",
    ...(attachment ? { "Content-Disposition": `attachment; filename="${picture.fileName}.${extension}"` } : {}),
  });
  if (format === "svg") return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${picture.svg}\n`, { headers: headers("image/svg+xml; charset=utf-8", "svg") });
  return new Response(JSON.stringify(await exportDiagram(actor, teamId), null, 2), { headers: headers("application/json; charset=utf-8", "json") });
});

export const POST = withActor<Context>(async (request, actor, { params }) => {
  const { teamId } = await params;
  let body: { file?: unknown; mode?: unknown; keepStatuses?: unknown; takeAim?: unknown };
  try {
    body = (await request.json()) as typeof body;
  } catch {
    throw new BadRequestError("Send JSON: { file, mode, keepStatuses, takeAim }", { body: "The request body is not JSON" });
  }
  if (typeof body !== "object" || body === null || body.file === undefined) throw new BadRequestError("Send the diagram file as \"file\"", { file: "Send the diagram file as \"file\"" });
  const result = await importDiagram(actor, teamId, body.file, importOptions(body));
  return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
