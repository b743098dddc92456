-- A ward's default survey format (issue 15): easy read for learning-disability services. It is the
-- ward's setting, never stored with a response: a response records the same measure in any format.
CREATE TYPE "survey_format" AS ENUM ('STANDARD', 'EASY_READ');

ALTER TABLE "ward" ADD COLUMN "survey_format" "survey_format" NOT NULL DEFAULT 'STANDARD';
