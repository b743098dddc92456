-- CreateEnum
CREATE TYPE "driver_node_kind" AS ENUM ('PRIMARY', 'SECONDARY', 'CHANGE_IDEA');

-- CreateEnum
CREATE TYPE "change_idea_status" AS ENUM ('IDEA', 'TESTING', 'ADOPTED', 'ADAPTED', 'ABANDONED');

-- CreateEnum
CREATE TYPE "pdsa_decision" AS ENUM ('ADOPT', 'ADAPT', 'ABANDON');

-- AlterTable
ALTER TABLE "project_team" ADD COLUMN     "aim_statement" TEXT,
ADD COLUMN     "target_date" DATE;

-- CreateTable
CREATE TABLE "driver_node" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "kind" "driver_node_kind" NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" "change_idea_status",
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "driver_node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "driver_link" (
    "parent_id" TEXT NOT NULL,
    "child_id" TEXT NOT NULL,

    CONSTRAINT "driver_link_pkey" PRIMARY KEY ("parent_id","child_id")
);

-- CreateTable
CREATE TABLE "pdsa_cycle" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "change_idea_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "ward_id" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "plan_what" TEXT NOT NULL,
    "plan_who" TEXT NOT NULL DEFAULT '',
    "plan_where" TEXT NOT NULL DEFAULT '',
    "prediction" TEXT NOT NULL,
    "do_notes" TEXT NOT NULL DEFAULT '',
    "study_notes" TEXT NOT NULL DEFAULT '',
    "act_decision" "pdsa_decision",
    "act_notes" TEXT NOT NULL DEFAULT '',
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "pdsa_cycle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "driver_node_team_id_kind_position_idx" ON "driver_node"("team_id", "kind", "position");

-- CreateIndex
CREATE INDEX "driver_link_child_id_idx" ON "driver_link"("child_id");

-- CreateIndex
CREATE INDEX "pdsa_cycle_team_id_start_date_idx" ON "pdsa_cycle"("team_id", "start_date");

-- CreateIndex
CREATE INDEX "pdsa_cycle_ward_id_idx" ON "pdsa_cycle"("ward_id");

-- CreateIndex
CREATE UNIQUE INDEX "pdsa_cycle_change_idea_id_number_key" ON "pdsa_cycle"("change_idea_id", "number");

-- AddForeignKey
ALTER TABLE "driver_node" ADD CONSTRAINT "driver_node_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "project_team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "driver_link" ADD CONSTRAINT "driver_link_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "driver_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "driver_link" ADD CONSTRAINT "driver_link_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "driver_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pdsa_cycle" ADD CONSTRAINT "pdsa_cycle_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "project_team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pdsa_cycle" ADD CONSTRAINT "pdsa_cycle_change_idea_id_fkey" FOREIGN KEY ("change_idea_id") REFERENCES "driver_node"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pdsa_cycle" ADD CONSTRAINT "pdsa_cycle_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;
