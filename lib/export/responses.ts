import { Prisma } from "@/generated/prisma/client";
import { assertAdmin } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit";
import { resolveScope } from "@/lib/charts/scope";
import { csvLine } from "@/lib/csv/write";
import { db } from "@/lib/db/client";
import type { ExportQuery } from "./query";

// Every response (ward, date, respondent type, answers, source) as CSV, for the programme's own
// analysis. Administrators only, and recorded in the audit log. The columns are the CSV import's,
// so an export can be imported again (the round trip is tested). Streamed a page at a time with
// keyset pagination: neither the server nor the database holds the whole export at once, and no
// connection is held between pages while a slow client downloads.

const SOURCE_OF_CHANNEL = { "own-phone": "ONLINE", "ward-tablet": "TABLET", paper: "PAPER" } as const;

export const RESPONSE_COLUMNS = ["ward_code", "date", "respondent", "felt_safe", "able_to_speak_up", "source"] as const;

const PAGE_ROWS = 10_000;

const RESPONDENT_TEXT: Record<string, string> = { SERVICE_USER: "service_user", STAFF: "staff" };
const SOURCE_TEXT: Record<string, string> = { ONLINE: "online", PAPER: "paper", TABLET: "tablet" };
const yesNo = (value: boolean | null) => (value === null ? "" : value ? "yes" : "no");

type Row = { id: string; ward_id: string; day: string; code: string; respondent: string; felt_safe: boolean; able_to_speak_up: boolean | null; source: string };

export type ResponseExport = { fileName: string; stream: ReadableStream<Uint8Array> };

export async function responseLevelExport(actor: Actor, query: ExportQuery): Promise<ResponseExport> {
  assertAdmin(actor);
  const resolved = await resolveScope(actor, query.scope);
  await recordAudit({
    actorId: actor.id,
    actorEmail: actor.email,
    action: "responses.export",
    entityType: "export",
    entityId: resolved.scope,
    after: { scope: resolved.scope, name: resolved.name, from: query.from ?? null, to: query.to ?? null, channel: query.channel },
  });

  const conditions: Prisma.Sql[] = [];
  if (!("all" in resolved.counts)) conditions.push(Prisma.sql`r.ward_id = ANY(${[...resolved.counts.wardIds]}::text[])`);
  if (query.from) conditions.push(Prisma.sql`r.submitted_on >= ${query.from}::date`);
  if (query.channel !== "all") conditions.push(Prisma.sql`r.source = ${SOURCE_OF_CHANNEL[query.channel]}::response_source`);
  if (query.to) conditions.push(Prisma.sql`r.submitted_on <= ${query.to}::date`);
  const noWards = !("all" in resolved.counts) && resolved.counts.wardIds.length === 0;

  const encoder = new TextEncoder();
  let after: { wardId: string; day: string; id: string } | null = null;
  let done = noWards;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(RESPONSE_COLUMNS)));
      if (done) controller.close();
    },
    async pull(controller) {
      if (done) return;
      const where = [...conditions];
      if (after) where.push(Prisma.sql`(r.ward_id, r.submitted_on, r.id) > (${after.wardId}, ${after.day}::date, ${after.id}::uuid)`);
      const rows = await db().$queryRaw<Row[]>`
        SELECT r.id::text AS id, r.ward_id, to_char(r.submitted_on, 'YYYY-MM-DD') AS day, w.survey_code AS code,
               r.respondent::text AS respondent, r.felt_safe, r.able_to_speak_up, r.source::text AS source
        FROM survey_response r JOIN ward w ON w.id = r.ward_id
        ${where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
        ORDER BY r.ward_id, r.submitted_on, r.id
        LIMIT ${PAGE_ROWS}`;
      let text = "";
      for (const row of rows) {
        text += csvLine([row.code, row.day, RESPONDENT_TEXT[row.respondent], yesNo(row.felt_safe), yesNo(row.able_to_speak_up), SOURCE_TEXT[row.source]]);
      }
      if (text) controller.enqueue(encoder.encode(text));
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE_ROWS) {
        done = true;
        controller.close();
      } else {
        after = { wardId: last.ward_id, day: last.day, id: last.id };
      }
    },
  });
  const slug = resolved.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "responses";
  return { fileName: `${slug}-responses.csv`, stream };
}
