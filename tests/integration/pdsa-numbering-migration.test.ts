import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../lib/db/migrate";
import { MIGRATIONS_DIR, freshDatabase, withPg } from "../../scripts/support/db";

// Migration 20261208000000 numbers PDSA cycles once per project team: a database whose cycles were
// numbered per change idea (two "PDSA 1" on one team) comes out numbered 1, 2, 3 through each team
// in the order the cycles started, other teams untouched by it, and the team-wide key in place.

const RENUMBER = "20261208000000_pdsa_numbered_per_team";
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("migration 20261208000000: PDSA cycles numbered per team", () => {
  it("renumbers each team's cycles in start order and then refuses a repeated number within a team", async () => {
    const before = await mkdtemp(path.join(tmpdir(), "wardsafe-migrations-"));
    cleanups.push(() => rm(before, { recursive: true, force: true }));
    for (const entry of await readdir(MIGRATIONS_DIR)) {
      if (entry !== RENUMBER) await cp(path.join(MIGRATIONS_DIR, entry), path.join(before, entry), { recursive: true });
    }
    const db = await freshDatabase({ migrationsDir: before });
    cleanups.push(db.cleanup);

    await withPg(db.url, async (client) => {
      await client.query(`INSERT INTO trust (id, name, updated_at) VALUES ('t', 'Trust', now())`);
      await client.query(`INSERT INTO project_team (id, trust_id, name, updated_at) VALUES ('a', 't', 'Team A', now()), ('b', 't', 'Team B', now())`);
      await client.query(
        `INSERT INTO driver_node (id, team_id, kind, text, position, updated_at) VALUES
         ('huddles', 'a', 'CHANGE_IDEA', 'Huddles', 0, now()), ('locks', 'a', 'CHANGE_IDEA', 'Locks', 1, now()), ('posters', 'b', 'CHANGE_IDEA', 'Posters', 0, now())`,
      );
      const cycle = (id: string, team: string, idea: string, number: number, start: string) =>
        client.query(`INSERT INTO pdsa_cycle (id, team_id, change_idea_id, number, start_date, plan_what, prediction, updated_at) VALUES ($1, $2, $3, $4, $5, 'x', 'y', now())`, [
          id,
          team,
          idea,
          number,
          start,
        ]);
      await cycle("h1", "a", "huddles", 1, "2026-01-05");
      await cycle("l1", "a", "locks", 1, "2026-02-02");
      await cycle("h2", "a", "huddles", 2, "2026-03-02");
      await cycle("p1", "b", "posters", 1, "2026-01-12");
    });

    expect((await migrate(db.url, { migrationsDir: MIGRATIONS_DIR })).applied).toEqual([RENUMBER]);

    await withPg(db.url, async (client) => {
      const rows = (await client.query(`SELECT id, team_id, number FROM pdsa_cycle ORDER BY team_id, number`)).rows;
      expect(rows).toEqual([
        { id: "h1", team_id: "a", number: 1 },
        { id: "l1", team_id: "a", number: 2 },
        { id: "h2", team_id: "a", number: 3 },
        { id: "p1", team_id: "b", number: 1 },
      ]);
      await expect(
        client.query(`INSERT INTO pdsa_cycle (id, team_id, change_idea_id, number, start_date, plan_what, prediction, updated_at) VALUES ('dup', 'a', 'locks', 3, '2026-04-06', 'x', 'y', now())`),
      ).rejects.toThrow(/pdsa_cycle_team_id_number_key/);
    });
  });
});
