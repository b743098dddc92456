import { readSurveyBody, submitSurveyAnswer } from "@/lib/survey/submit-http";

// POST /api/v1/responses — the public survey API (the form, kiosk apps, load tests).
// Public and anonymous: no sign-in, no cookies, nothing about the caller is kept.

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export async function POST(request: Request) {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    return json(415, { error: "Send the response as JSON with Content-Type: application/json" });
  }
  const body = await readSurveyBody(request);
  if (typeof body !== "string") return json(413, { error: "The request body is larger than 4 KB" });

  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return json(400, { error: "The body is not valid JSON", fields: { body: "Not valid JSON" } });
  }

  const outcome = await submitSurveyAnswer(request, input);
  switch (outcome.kind) {
    case "recorded":
      return json(201, { status: "recorded" });
    case "duplicate":
      return json(200, { status: "duplicate" });
    case "invalid":
      return json(400, { error: "The response is not valid", fields: outcome.fields });
    case "unknown-ward":
      return json(404, { error: "No ward has this survey code", fields: { ward: "Unknown ward code" } });
    case "inactive-ward":
      return json(410, { error: "This ward's survey is closed", fields: { ward: "This ward no longer takes responses" } });
    case "moved-ward":
      return json(410, {
        error: "This survey has moved: the ward has a new survey code; please scan the new poster",
        fields: { ward: "This survey code has been replaced and no longer takes responses" },
      });
    case "held":
      // Over the per-network limit: kept for a lead to review, counted nowhere until released.
      return json(202, { status: "held" });
    case "unknown-tablet":
      return json(403, {
        error: "This ward tablet is not enrolled, or it has been revoked: enrol it again from the ward's page",
        fields: { tablet: "Not an enrolled ward tablet" },
      });
    case "tablet-limit":
      // The tablet keeps the answer and sends it again after Retry-After (tomorrow).
      return json(
        429,
        { error: "This ward tablet has sent its answers for today (TABLET_DAILY_LIMIT); send again tomorrow", fields: { tablet: "Daily limit reached" } },
        { "Retry-After": String(outcome.retryAfterSeconds) },
      );
    case "too-large":
      return json(413, { error: "The request body is larger than 4 KB" });
    case "unavailable":
      // Nothing was stored; the same submissionKey may be sent again, and counts once.
      return json(503, { error: "unavailable" }, { "Retry-After": String(outcome.retryAfterSeconds) });
  }
}
