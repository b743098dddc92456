-- CreateTable
CREATE TABLE "ward_day_count" (
    "ward_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "service_user_responses" INTEGER NOT NULL,
    "service_user_felt_safe_yes" INTEGER NOT NULL,
    "service_user_speak_up_answered" INTEGER NOT NULL,
    "service_user_speak_up_yes" INTEGER NOT NULL,
    "staff_responses" INTEGER NOT NULL,
    "staff_felt_safe_yes" INTEGER NOT NULL,
    "staff_speak_up_answered" INTEGER NOT NULL,
    "staff_speak_up_yes" INTEGER NOT NULL,

    CONSTRAINT "ward_day_count_pkey" PRIMARY KEY ("ward_id","day")
);

-- CreateTable
CREATE TABLE "ward_week_count" (
    "ward_id" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "service_user_responses" INTEGER NOT NULL,
    "service_user_felt_safe_yes" INTEGER NOT NULL,
    "service_user_speak_up_answered" INTEGER NOT NULL,
    "service_user_speak_up_yes" INTEGER NOT NULL,
    "staff_responses" INTEGER NOT NULL,
    "staff_felt_safe_yes" INTEGER NOT NULL,
    "staff_speak_up_answered" INTEGER NOT NULL,
    "staff_speak_up_yes" INTEGER NOT NULL,

    CONSTRAINT "ward_week_count_pkey" PRIMARY KEY ("ward_id","week")
);

-- CreateTable
CREATE TABLE "ward_month_count" (
    "ward_id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "service_user_responses" INTEGER NOT NULL,
    "service_user_felt_safe_yes" INTEGER NOT NULL,
    "service_user_speak_up_answered" INTEGER NOT NULL,
    "service_user_speak_up_yes" INTEGER NOT NULL,
    "staff_responses" INTEGER NOT NULL,
    "staff_felt_safe_yes" INTEGER NOT NULL,
    "staff_speak_up_answered" INTEGER NOT NULL,
    "staff_speak_up_yes" INTEGER NOT NULL,

    CONSTRAINT "ward_month_count_pkey" PRIMARY KEY ("ward_id","month")
);

-- CreateTable
CREATE TABLE "all_wards_day_count" (
    "day" DATE NOT NULL,
    "slot" SMALLINT NOT NULL,
    "service_user_responses" INTEGER NOT NULL,
    "service_user_felt_safe_yes" INTEGER NOT NULL,
    "service_user_speak_up_answered" INTEGER NOT NULL,
    "service_user_speak_up_yes" INTEGER NOT NULL,
    "staff_responses" INTEGER NOT NULL,
    "staff_felt_safe_yes" INTEGER NOT NULL,
    "staff_speak_up_answered" INTEGER NOT NULL,
    "staff_speak_up_yes" INTEGER NOT NULL,

    CONSTRAINT "all_wards_day_count_pkey" PRIMARY KEY ("day","slot")
);

-- Everything below is written by hand: Prisma's schema has no functions or triggers.
--
-- The four tables above hold the run charts' counts per ward and day, ISO week (Monday) and calendar
-- month, and per day for all wards together. They are derived data, kept current by statement-level
-- triggers on survey_response in the same transaction as the change, so they never disagree with the
-- responses. A statement's rows (its transition table) are first added up per ward and day, so an
-- import of 5,000 rows costs a few hundred upserts rather than 5,000, and the upserts go in key
-- order, so two statements never take the same rows' locks in opposite orders. INSERT … ON CONFLICT
-- DO UPDATE makes concurrent writers of one row wait for each other and then add to it: no count is
-- lost and nobody fails.
--
-- all_wards_day_count has one row per day and "slot", the writing connection's backend pid modulo
-- 16: submissions from different wards at the same moment then update different rows instead of
-- queueing on one row per day for the whole country. A slot may hold negative counts (a deletion on
-- another connection than the insert); only the sum over a day's slots means anything.

-- Adds per-ward, per-day changes (negative for removed responses) to the four tables, and removes
-- per-ward rows that fall to zero and this connection's all-wards rows that do.
CREATE FUNCTION "chart_rollup_add"(changes "ward_day_count"[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    my_slot smallint := pg_backend_pid() % 16;
BEGIN
    -- A statement that changed nothing (a duplicate submission key) costs nothing more.
    IF cardinality(changes) = 0 THEN
        RETURN;
    END IF;

    INSERT INTO "ward_day_count" AS c
    SELECT * FROM unnest(changes) ORDER BY ward_id, day
    ON CONFLICT (ward_id, day) DO UPDATE SET
        service_user_responses = c.service_user_responses + EXCLUDED.service_user_responses,
        service_user_felt_safe_yes = c.service_user_felt_safe_yes + EXCLUDED.service_user_felt_safe_yes,
        service_user_speak_up_answered = c.service_user_speak_up_answered + EXCLUDED.service_user_speak_up_answered,
        service_user_speak_up_yes = c.service_user_speak_up_yes + EXCLUDED.service_user_speak_up_yes,
        staff_responses = c.staff_responses + EXCLUDED.staff_responses,
        staff_felt_safe_yes = c.staff_felt_safe_yes + EXCLUDED.staff_felt_safe_yes,
        staff_speak_up_answered = c.staff_speak_up_answered + EXCLUDED.staff_speak_up_answered,
        staff_speak_up_yes = c.staff_speak_up_yes + EXCLUDED.staff_speak_up_yes;

    INSERT INTO "ward_week_count" AS c
    SELECT ward_id, date_trunc('week', day::timestamp)::date, sum(service_user_responses), sum(service_user_felt_safe_yes), sum(service_user_speak_up_answered), sum(service_user_speak_up_yes), sum(staff_responses), sum(staff_felt_safe_yes), sum(staff_speak_up_answered), sum(staff_speak_up_yes)
      FROM unnest(changes) GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (ward_id, week) DO UPDATE SET
        service_user_responses = c.service_user_responses + EXCLUDED.service_user_responses,
        service_user_felt_safe_yes = c.service_user_felt_safe_yes + EXCLUDED.service_user_felt_safe_yes,
        service_user_speak_up_answered = c.service_user_speak_up_answered + EXCLUDED.service_user_speak_up_answered,
        service_user_speak_up_yes = c.service_user_speak_up_yes + EXCLUDED.service_user_speak_up_yes,
        staff_responses = c.staff_responses + EXCLUDED.staff_responses,
        staff_felt_safe_yes = c.staff_felt_safe_yes + EXCLUDED.staff_felt_safe_yes,
        staff_speak_up_answered = c.staff_speak_up_answered + EXCLUDED.staff_speak_up_answered,
        staff_speak_up_yes = c.staff_speak_up_yes + EXCLUDED.staff_speak_up_yes;

    INSERT INTO "ward_month_count" AS c
    SELECT ward_id, date_trunc('month', day::timestamp)::date, sum(service_user_responses), sum(service_user_felt_safe_yes), sum(service_user_speak_up_answered), sum(service_user_speak_up_yes), sum(staff_responses), sum(staff_felt_safe_yes), sum(staff_speak_up_answered), sum(staff_speak_up_yes)
      FROM unnest(changes) GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (ward_id, month) DO UPDATE SET
        service_user_responses = c.service_user_responses + EXCLUDED.service_user_responses,
        service_user_felt_safe_yes = c.service_user_felt_safe_yes + EXCLUDED.service_user_felt_safe_yes,
        service_user_speak_up_answered = c.service_user_speak_up_answered + EXCLUDED.service_user_speak_up_answered,
        service_user_speak_up_yes = c.service_user_speak_up_yes + EXCLUDED.service_user_speak_up_yes,
        staff_responses = c.staff_responses + EXCLUDED.staff_responses,
        staff_felt_safe_yes = c.staff_felt_safe_yes + EXCLUDED.staff_felt_safe_yes,
        staff_speak_up_answered = c.staff_speak_up_answered + EXCLUDED.staff_speak_up_answered,
        staff_speak_up_yes = c.staff_speak_up_yes + EXCLUDED.staff_speak_up_yes;

    INSERT INTO "all_wards_day_count" AS c
    SELECT day, my_slot, sum(service_user_responses), sum(service_user_felt_safe_yes), sum(service_user_speak_up_answered), sum(service_user_speak_up_yes), sum(staff_responses), sum(staff_felt_safe_yes), sum(staff_speak_up_answered), sum(staff_speak_up_yes)
      FROM unnest(changes) GROUP BY 1 ORDER BY 1
    ON CONFLICT (day, slot) DO UPDATE SET
        service_user_responses = c.service_user_responses + EXCLUDED.service_user_responses,
        service_user_felt_safe_yes = c.service_user_felt_safe_yes + EXCLUDED.service_user_felt_safe_yes,
        service_user_speak_up_answered = c.service_user_speak_up_answered + EXCLUDED.service_user_speak_up_answered,
        service_user_speak_up_yes = c.service_user_speak_up_yes + EXCLUDED.service_user_speak_up_yes,
        staff_responses = c.staff_responses + EXCLUDED.staff_responses,
        staff_felt_safe_yes = c.staff_felt_safe_yes + EXCLUDED.staff_felt_safe_yes,
        staff_speak_up_answered = c.staff_speak_up_answered + EXCLUDED.staff_speak_up_answered,
        staff_speak_up_yes = c.staff_speak_up_yes + EXCLUDED.staff_speak_up_yes;

    -- A ward and day (week, month) whose last response was deleted (a paper batch entered by
    -- mistake) keeps no row.
    IF EXISTS (SELECT 1 FROM unnest(changes) x WHERE x.service_user_responses < 0 OR x.staff_responses < 0) THEN
        DELETE FROM "ward_day_count" c USING unnest(changes) x
         WHERE c.ward_id = x.ward_id AND c.day = x.day AND c.service_user_responses = 0 AND c.staff_responses = 0;
        DELETE FROM "ward_week_count" c USING unnest(changes) x
         WHERE c.ward_id = x.ward_id AND c.week = date_trunc('week', x.day::timestamp)::date
           AND c.service_user_responses = 0 AND c.staff_responses = 0;
        DELETE FROM "ward_month_count" c USING unnest(changes) x
         WHERE c.ward_id = x.ward_id AND c.month = date_trunc('month', x.day::timestamp)::date
           AND c.service_user_responses = 0 AND c.staff_responses = 0;
        DELETE FROM "all_wards_day_count" c USING (SELECT DISTINCT day FROM unnest(changes)) x
         WHERE c.day = x.day AND c.slot = my_slot
           AND c.service_user_responses = 0
           AND c.service_user_felt_safe_yes = 0
           AND c.service_user_speak_up_answered = 0
           AND c.service_user_speak_up_yes = 0
           AND c.staff_responses = 0
           AND c.staff_felt_safe_yes = 0
           AND c.staff_speak_up_answered = 0
           AND c.staff_speak_up_yes = 0;
    END IF;
END;
$$;

CREATE FUNCTION "chart_rollup_apply"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE "ward_day_count", "ward_week_count", "ward_month_count", "all_wards_day_count";
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM "chart_rollup_add"(ARRAY(
            SELECT ROW(ward_id, submitted_on,
                       -(count(*) FILTER (WHERE respondent = 'SERVICE_USER'))::int,
                       -(count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND felt_safe))::int,
                       -(count(able_to_speak_up) FILTER (WHERE respondent = 'SERVICE_USER'))::int,
                       -(count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND able_to_speak_up))::int,
                       -(count(*) FILTER (WHERE respondent = 'STAFF'))::int,
                       -(count(*) FILTER (WHERE respondent = 'STAFF' AND felt_safe))::int,
                       -(count(able_to_speak_up) FILTER (WHERE respondent = 'STAFF'))::int,
                       -(count(*) FILTER (WHERE respondent = 'STAFF' AND able_to_speak_up))::int)::"ward_day_count"
              FROM old_rows GROUP BY ward_id, submitted_on));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM "chart_rollup_add"(ARRAY(
            SELECT ROW(ward_id, submitted_on,
                       (count(*) FILTER (WHERE respondent = 'SERVICE_USER'))::int,
                       (count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND felt_safe))::int,
                       (count(able_to_speak_up) FILTER (WHERE respondent = 'SERVICE_USER'))::int,
                       (count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND able_to_speak_up))::int,
                       (count(*) FILTER (WHERE respondent = 'STAFF'))::int,
                       (count(*) FILTER (WHERE respondent = 'STAFF' AND felt_safe))::int,
                       (count(able_to_speak_up) FILTER (WHERE respondent = 'STAFF'))::int,
                       (count(*) FILTER (WHERE respondent = 'STAFF' AND able_to_speak_up))::int)::"ward_day_count"
              FROM new_rows GROUP BY ward_id, submitted_on));
    END IF;
    RETURN NULL;
END;
$$;

-- Transition tables need one trigger per event (and no column list), hence four triggers.
CREATE TRIGGER "survey_response_chart_rollup_insert" AFTER INSERT ON "survey_response"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "chart_rollup_apply"();
CREATE TRIGGER "survey_response_chart_rollup_delete" AFTER DELETE ON "survey_response"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "chart_rollup_apply"();
CREATE TRIGGER "survey_response_chart_rollup_update" AFTER UPDATE ON "survey_response"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "chart_rollup_apply"();
CREATE TRIGGER "survey_response_chart_rollup_truncate" AFTER TRUNCATE ON "survey_response"
    FOR EACH STATEMENT EXECUTE FUNCTION "chart_rollup_apply"();

-- Backfill from the responses already stored. CREATE TRIGGER above locked survey_response against
-- writes until this migration commits, so no response is counted twice or missed.
INSERT INTO "ward_day_count"
SELECT ward_id, submitted_on,
       (count(*) FILTER (WHERE respondent = 'SERVICE_USER'))::int,
       (count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND felt_safe))::int,
       (count(able_to_speak_up) FILTER (WHERE respondent = 'SERVICE_USER'))::int,
       (count(*) FILTER (WHERE respondent = 'SERVICE_USER' AND able_to_speak_up))::int,
       (count(*) FILTER (WHERE respondent = 'STAFF'))::int,
       (count(*) FILTER (WHERE respondent = 'STAFF' AND felt_safe))::int,
       (count(able_to_speak_up) FILTER (WHERE respondent = 'STAFF'))::int,
       (count(*) FILTER (WHERE respondent = 'STAFF' AND able_to_speak_up))::int
  FROM "survey_response"
 GROUP BY ward_id, submitted_on;

INSERT INTO "ward_week_count"
SELECT ward_id, date_trunc('week', day::timestamp)::date, sum(service_user_responses), sum(service_user_felt_safe_yes), sum(service_user_speak_up_answered), sum(service_user_speak_up_yes), sum(staff_responses), sum(staff_felt_safe_yes), sum(staff_speak_up_answered), sum(staff_speak_up_yes)
  FROM "ward_day_count" GROUP BY 1, 2;

INSERT INTO "ward_month_count"
SELECT ward_id, date_trunc('month', day::timestamp)::date, sum(service_user_responses), sum(service_user_felt_safe_yes), sum(service_user_speak_up_answered), sum(service_user_speak_up_yes), sum(staff_responses), sum(staff_felt_safe_yes), sum(staff_speak_up_answered), sum(staff_speak_up_yes)
  FROM "ward_day_count" GROUP BY 1, 2;

INSERT INTO "all_wards_day_count"
SELECT day, 0, sum(service_user_responses), sum(service_user_felt_safe_yes), sum(service_user_speak_up_answered), sum(service_user_speak_up_yes), sum(staff_responses), sum(staff_felt_safe_yes), sum(staff_speak_up_answered), sum(staff_speak_up_yes)
  FROM "ward_day_count" GROUP BY 1;
