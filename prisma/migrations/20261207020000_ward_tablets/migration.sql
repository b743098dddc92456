-- Ward tablets (kiosk mode, issue 14 section 1): tablets enrolled per ward through one-time links,
-- and a third channel a response can come by. Neither table is referenced by survey_response:
-- nothing stored with a response says which tablet it came from.
ALTER TYPE "response_source" ADD VALUE 'TABLET';

CREATE TABLE "ward_tablet" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ward_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "credential_hash" TEXT NOT NULL,
    "enrolled_by_email" TEXT NOT NULL,
    "enrolled_on" DATE NOT NULL,
    "last_seen_on" DATE,
    "waiting_answers" INTEGER NOT NULL DEFAULT 0,
    "oldest_waiting_on" DATE,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "ward_tablet_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ward_tablet_credential_hash_key" ON "ward_tablet"("credential_hash");
CREATE INDEX "ward_tablet_ward_id_idx" ON "ward_tablet"("ward_id");
ALTER TABLE "ward_tablet" ADD CONSTRAINT "ward_tablet_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "tablet_enrolment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ward_id" TEXT NOT NULL,
    "tablet_name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_email" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),

    CONSTRAINT "tablet_enrolment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "tablet_enrolment_token_hash_key" ON "tablet_enrolment"("token_hash");
CREATE INDEX "tablet_enrolment_ward_id_idx" ON "tablet_enrolment"("ward_id");
ALTER TABLE "tablet_enrolment" ADD CONSTRAINT "tablet_enrolment_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;
