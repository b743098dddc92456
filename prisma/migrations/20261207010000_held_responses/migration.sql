-- Answers over the per-network limit are kept for review instead of refused (issue 14, section 4).
-- A table of their own rather than a flag on survey_response: nothing that counts responses (the
-- chart_rollup triggers, exports, comparison, imports' duplicate checks) can include them by
-- forgetting a WHERE clause. Releasing one moves it into survey_response in one transaction.
CREATE TABLE "held_response" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ward_id" TEXT NOT NULL,
    "respondent" "respondent_type" NOT NULL,
    "felt_safe" BOOLEAN NOT NULL,
    "able_to_speak_up" BOOLEAN,
    "submitted_on" DATE NOT NULL,
    "submission_key" UUID,

    CONSTRAINT "held_response_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "held_response_submission_key_key" ON "held_response"("submission_key");
CREATE INDEX "held_response_ward_id_submitted_on_idx" ON "held_response"("ward_id", "submitted_on");

ALTER TABLE "held_response" ADD CONSTRAINT "held_response_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
