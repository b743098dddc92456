-- CreateEnum
CREATE TYPE "respondent_type" AS ENUM ('SERVICE_USER', 'STAFF');

-- CreateEnum
CREATE TYPE "response_source" AS ENUM ('ONLINE', 'PAPER');

-- CreateTable
CREATE TABLE "trust" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trust_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_team" (
    "id" TEXT NOT NULL,
    "trust_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "target_percent" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "project_team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ward" (
    "id" TEXT NOT NULL,
    "trust_id" TEXT NOT NULL,
    "team_id" TEXT,
    "name" TEXT NOT NULL,
    "survey_code" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "charter_contact" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_response" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ward_id" TEXT NOT NULL,
    "respondent" "respondent_type" NOT NULL,
    "felt_safe" BOOLEAN NOT NULL,
    "able_to_speak_up" BOOLEAN,
    "source" "response_source" NOT NULL DEFAULT 'ONLINE',
    "submitted_on" DATE NOT NULL,
    "submission_key" UUID,

    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "trust_name_key" ON "trust"("name");

-- CreateIndex
CREATE UNIQUE INDEX "project_team_trust_id_name_key" ON "project_team"("trust_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ward_survey_code_key" ON "ward"("survey_code");

-- CreateIndex
CREATE INDEX "ward_team_id_idx" ON "ward"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "ward_trust_id_name_key" ON "ward"("trust_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "survey_response_submission_key_key" ON "survey_response"("submission_key");

-- CreateIndex
CREATE INDEX "survey_response_ward_id_submitted_on_idx" ON "survey_response"("ward_id", "submitted_on");

-- AddForeignKey
ALTER TABLE "project_team" ADD CONSTRAINT "project_team_trust_id_fkey" FOREIGN KEY ("trust_id") REFERENCES "trust"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ward" ADD CONSTRAINT "ward_trust_id_fkey" FOREIGN KEY ("trust_id") REFERENCES "trust"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ward" ADD CONSTRAINT "ward_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "project_team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
