-- Which paper form a batch was counted from (issue 15): a Wardsafe form version, the same for every
-- language and format so it says nothing about who answered, or 'original' (the programme's own
-- paper form, which every batch entered before this was counted from).
ALTER TABLE "paper_batch" ADD COLUMN "form_version" TEXT NOT NULL DEFAULT 'original';
