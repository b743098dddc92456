import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";

// The audit log: who did what, when, and for changes the before and after. Written in the same
// transaction as the change it records, so a change is never unrecorded and a record never
// describes a change that was rolled back.

export type AuditEntry = {
  actorId?: string | null;
  actorEmail?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

export async function recordAudit(entry: AuditEntry, client: AuditWriter = db()): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: entry.actorId ?? null,
      actorEmail: entry.actorEmail ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      before: entry.before,
      after: entry.after,
    },
  });
}

/**
 * The same record, for code that writes through a plain pg connection rather than Prisma (the CSV
 * import's bulk transaction, which bypasses Prisma so that large batches are not kept in Prisma's
 * query-plan cache). Pass the connection the change is made on, inside its transaction.
 */
export async function recordAuditSql(entry: AuditEntry, client: { query: (text: string, values: unknown[]) => Promise<unknown> }): Promise<void> {
  await client.query(
    `INSERT INTO audit_event (actor_id, actor_email, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [
      entry.actorId ?? null,
      entry.actorEmail ?? null,
      entry.action,
      entry.entityType ?? null,
      entry.entityId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}
