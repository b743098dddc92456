// The baseline for `npm run bench:submit`: the least a server can do to accept a survey response
// the way POST /api/v1/responses does, with no framework in between. The benchmark compares the
// app against it, so it must do the same work and no less: read a size-limited body, parse JSON,
// check every field, run the app's single SQL statement through a pool of the same size, answer
// with the same status codes and JSON. What it leaves out is what the framework adds (routing,
// Web Request/Response objects, zod) and the in-memory rate limiter, which the bench sets so high
// in the app that it never refuses and costs one hash per request.
//
// Run as its own process (node --import tsx) so it never shares an event loop with autocannon.
//   PORT (0 = any free port), DATABASE_URL, DATABASE_POOL_SIZE (default 10, as lib/db/client.ts).
// Prints "listening <port>" once it accepts connections; SIGTERM closes it.
import http from "node:http";
import pg from "pg";
import { londonDateOf } from "@/lib/survey/london-date";
import { env, isSet } from "@/lib/env";

const BODY_LIMIT_BYTES = 4096; // SURVEY_BODY_LIMIT_BYTES in lib/survey/submit-http.ts
const RESPONDENT_ENUM: Record<string, string> = { service_user: "SERVICE_USER", staff: "STAFF" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALLOWED_KEYS = new Set(["ward", "respondent", "feltSafe", "ableToSpeakUp", "submissionKey"]);

// Byte for byte the statement in lib/survey/record.ts, so both servers cost PostgreSQL the same.
const RECORD_SQL = `
  WITH w AS (SELECT id, active FROM ward WHERE survey_code = $1),
  ins AS (
    INSERT INTO survey_response (ward_id, respondent, felt_safe, able_to_speak_up, source, submitted_on, submission_key)
    SELECT w.id, $2::respondent_type, $3, $4,
           'ONLINE'::response_source, $5::date, $6::uuid
    FROM w WHERE w.active
    ON CONFLICT (submission_key) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT active FROM w) AS active, (SELECT count(*)::int FROM ins) AS inserted`;

const databaseUrl = env().DATABASE_URL;
if (!databaseUrl) {
  console.error("bare-server: DATABASE_URL is not set");
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: databaseUrl, max: env().DATABASE_POOL_SIZE });

type Answer = { ward: string; respondent: string; feltSafe: boolean; ableToSpeakUp: boolean | null; submissionKey: string | null };

type Invalid = { field: string; message: string };

/** The checks surveyAnswerSchema makes, written out by hand. */
function validate(input: unknown): Answer | Invalid {
  const invalid = (field: string, message = "Invalid value") => ({ field, message });
  if (typeof input !== "object" || input === null || Array.isArray(input)) return invalid("body", "Send a JSON object");
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!ALLOWED_KEYS.has(key)) return invalid(key, "Unknown field: this API does not accept it");
  if (typeof o.ward !== "string") return invalid("ward");
  const ward = o.ward.trim().toUpperCase();
  if (ward.length < 1 || ward.length > 32) return invalid("ward");
  if (typeof o.respondent !== "string" || !Object.hasOwn(RESPONDENT_ENUM, o.respondent)) return invalid("respondent");
  if (typeof o.feltSafe !== "boolean") return invalid("feltSafe");
  const speakUp = o.ableToSpeakUp ?? null;
  if (speakUp !== null && typeof speakUp !== "boolean") return invalid("ableToSpeakUp");
  const key = o.submissionKey;
  if (key !== undefined && (typeof key !== "string" || !UUID.test(key))) return invalid("submissionKey", "submissionKey must be a UUID");
  return { ward, respondent: o.respondent, feltSafe: o.feltSafe, ableToSpeakUp: speakUp, submissionKey: key ?? null };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== "POST" || req.url !== "/api/v1/responses") return send(res, 404, { error: "Not found" });
  if (!/^application\/json\s*(;|$)/i.test(req.headers["content-type"] ?? "")) {
    return send(res, 415, { error: "Send the response as JSON with Content-Type: application/json" });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > BODY_LIMIT_BYTES) return send(res, 413, { error: "The request body is larger than 4 KB" });
    chunks.push(chunk);
  }
  let input: unknown;
  try {
    input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return send(res, 400, { error: "The body is not valid JSON" });
  }
  const answer = validate(input);
  if ("field" in answer) return send(res, 400, { error: "The response is not valid", fields: { [answer.field]: answer.message } });
  const { rows } = await pool.query<{ active: boolean | null; inserted: number }>(RECORD_SQL, [
    answer.ward,
    RESPONDENT_ENUM[answer.respondent],
    answer.feltSafe,
    answer.ableToSpeakUp,
    londonDateOf(new Date()),
    answer.submissionKey,
  ]);
  const row = rows[0];
  if (!row || row.active === null) return send(res, 404, { error: "No ward has this survey code" });
  if (!row.active) return send(res, 410, { error: "This ward's survey is closed" });
  return row.inserted === 1 ? send(res, 201, { status: "recorded" }) : send(res, 200, { status: "duplicate" });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error("bare-server:", error);
    if (!res.headersSent) send(res, 500, { error: "Internal error" });
    else res.destroy();
  });
});

server.listen(isSet("PORT") ? env().PORT : 0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : "?"}`);
});

process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close();
  pool.end().finally(() => process.exit(0));
});
