import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../lib/db/migrate";
import { MIGRATIONS_DIR, freshDatabase, withPg } from "../../scripts/support/db";

// The audit log keeps one word each after the rename (box, note): events recorded under the old
// names by a database migrated before 20261207000000 read as the new ones, and nothing else moves.

const RENAME = "20261207000000_box_and_note_words";
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("migration 20261207000000: box and note in the audit log", () => {
  it("renames the old driver-node and annotation events, keeping who, when, before and after", async () => {
    const before = await mkdtemp(path.join(tmpdir(), "wardsafe-migrations-"));
    cleanups.push(() => rm(before, { recursive: true, force: true }));
    for (const entry of await readdir(MIGRATIONS_DIR)) {
      if (entry !== RENAME) await cp(path.join(MIGRATIONS_DIR, entry), path.join(before, entry), { recursive: true });
    }
    const db = await freshDatabase({ migrationsDir: before });
    cleanups.push(db.cleanup);

    const rows = [
      ["driver-node.create", "driver-node", { after: { text: "Daily safety huddle" } }],
      ["driver-node.move", "driver-node", { before: { order: 1 }, after: { order: 2 } }],
      ["annotation.delete", "annotation", { before: { text: "PDSA 1" } }],
      ["ward.update", "ward", { after: { name: "Willow" } }],
    ] as const;
    await withPg(db.url, async (client) => {
      for (const [action, entityType, change] of rows) {
        await client.query(
          `INSERT INTO audit_event (at, actor_email, action, entity_type, entity_id, before, after) VALUES ('2026-11-30 10:00', 'lead@example.nhs.uk', $1, $2, 'x1', $3, $4)`,
          [action, entityType, JSON.stringify("before" in change ? change.before : null), JSON.stringify("after" in change ? change.after : null)],
        );
      }
    });

    expect((await migrate(db.url, { migrationsDir: MIGRATIONS_DIR })).applied).toEqual([RENAME]);

    const after = await withPg(db.url, async (client) =>
      (await client.query(`SELECT action, entity_type, actor_email, at::text AS at, before, after FROM audit_event ORDER BY action`)).rows,
    );
    expect(after).toEqual([
      { action: "driver-box.create", entity_type: "driver-box", actor_email: "lead@example.nhs.uk", at: "2026-11-30 10:00:00", before: null, after: { text: "Daily safety huddle" } },
      { action: "driver-box.move", entity_type: "driver-box", actor_email: "lead@example.nhs.uk", at: "2026-11-30 10:00:00", before: { order: 1 }, after: { order: 2 } },
      { action: "note.delete", entity_type: "note", actor_email: "lead@example.nhs.uk", at: "2026-11-30 10:00:00", before: { text: "PDSA 1" }, after: null },
      { action: "ward.update", entity_type: "ward", actor_email: "lead@example.nhs.uk", at: "2026-11-30 10:00:00", before: null, after: { name: "Willow" } },
    ]);
  });
});
