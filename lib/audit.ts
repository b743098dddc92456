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
