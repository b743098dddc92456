-- PDSA cycles are numbered once per project team (issue 16): numbered within each change idea,
-- "PDSA 1" appeared once per idea, so three times on one chart. Existing cycles are renumbered in
-- the order they started (then were planned).
DROP INDEX "pdsa_cycle_change_idea_id_number_key";

WITH ordered AS (
    SELECT "id", row_number() OVER (PARTITION BY "team_id" ORDER BY "start_date", "created_at", "id") AS n
    FROM "pdsa_cycle"
)
UPDATE "pdsa_cycle" c SET "number" = ordered.n FROM ordered WHERE c."id" = ordered."id";

CREATE UNIQUE INDEX "pdsa_cycle_team_id_number_key" ON "pdsa_cycle"("team_id", "number");
