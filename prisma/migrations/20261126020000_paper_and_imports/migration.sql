-- AlterTable
ALTER TABLE "survey_response" ADD COLUMN     "paper_batch_id" TEXT,
ADD COLUMN     "import_id" TEXT;

-- CreateTable
CREATE TABLE "paper_batch" (
    "id" TEXT NOT NULL,
    "ward_id" TEXT NOT NULL,
    "collected_on" DATE NOT NULL,
    "response_count" INTEGER NOT NULL,
    "service_user_count" INTEGER NOT NULL,
    "staff_count" INTEGER NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "paper_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "csv_import" (
    "id" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "line_count" INTEGER NOT NULL,
    "response_count" INTEGER NOT NULL,
    "first_date" DATE NOT NULL,
    "last_date" DATE NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "csv_import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "paper_batch_ward_id_collected_on_idx" ON "paper_batch"("ward_id", "collected_on");

-- CreateIndex
CREATE INDEX "csv_import_checksum_idx" ON "csv_import"("checksum");

-- CreateIndex
CREATE INDEX "survey_response_paper_batch_id_idx" ON "survey_response"("paper_batch_id");

-- CreateIndex
CREATE INDEX "survey_response_import_id_idx" ON "survey_response"("import_id");

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_paper_batch_id_fkey" FOREIGN KEY ("paper_batch_id") REFERENCES "paper_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "csv_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_batch" ADD CONSTRAINT "paper_batch_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
