-- Survey languages (issue 15 section 3): which translations are on the public survey, and a
-- translation checked by a qualified translator once an administrator uploads one. No response
-- refers to it: on a ward of fifteen, the one answer in Polish is one person.
CREATE TABLE "survey_language" (
    "code" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "checked_texts" JSONB,
    "checked_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "survey_language_pkey" PRIMARY KEY ("code")
);
