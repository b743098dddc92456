import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { assertAdmin, NotFoundError } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import {
  DRAFT_LABEL,
  ENGLISH_STANDARD,
  FORM_VERSION,
  INSTRUMENT_KEYS,
  instrumentTextsSchema,
  SURVEY_LANGUAGES,
  surveyLanguage,
  translatedInstrument,
  type Instrument,
  type InstrumentTexts,
  type SurveyLanguage,
} from "./instrument";

// Survey languages: which translations are on the public survey, and the checked translation an
// administrator uploaded in place of the shipped draft. Nothing appears on the survey until an
// administrator switches it on; every change is audited. Nothing here touches a response: no
// response records the language it was answered in.

/** A language as the public survey may show it: switched on, with its texts (checked, or the draft). */
export type PublicLanguage = { language: SurveyLanguage; instrument: Instrument; /** A qualified translator's checked texts are in use (else the shipped draft). */ checked: boolean };

type LanguageRow = { code: string; enabled: boolean; checkedTexts: Prisma.JsonValue | null; checkedAt: Date | null; updatedAt: Date };

/** The texts to show: the checked upload, key by key, over the draft (a key added since the upload keeps its draft). */
function textsOf(language: SurveyLanguage, row: Pick<LanguageRow, "checkedTexts"> | undefined): InstrumentTexts {
  const checked = row?.checkedTexts;
  if (!checked || typeof checked !== "object" || Array.isArray(checked)) return language.draft;
  const texts = { ...language.draft };
  for (const key of INSTRUMENT_KEYS) {
    const text = (checked as Record<string, unknown>)[key];
    if (typeof text === "string") texts[key] = text;
  }
  return texts;
}

const publicLanguage = (language: SurveyLanguage, row: LanguageRow | undefined): PublicLanguage => ({
  language,
  instrument: translatedInstrument(language, textsOf(language, row)),
  checked: Boolean(row?.checkedTexts),
});

// The last list read, for the pages shown while the database is unreachable (the answers kept on
// the page stay in the person's language). A cache of configuration only: nothing about anyone.
let lastSwitchedOn: PublicLanguage[] = [];

/** The languages switched on for the public survey, in the order the survey lists them. */
export async function switchedOnLanguages(): Promise<PublicLanguage[]> {
  const rows: LanguageRow[] = await db().surveyLanguage.findMany({ where: { enabled: true } });
  const byCode = new Map(rows.map((row) => [row.code, row]));
  lastSwitchedOn = SURVEY_LANGUAGES.filter((language) => byCode.has(language.code)).map((language) => publicLanguage(language, byCode.get(language.code)));
  return lastSwitchedOn;
}

/** What was switched on when the database last answered. */
export const lastKnownLanguages = (): PublicLanguage[] => lastSwitchedOn;

/**
 * The translation `?lang=` (or the form's `lang` field) asks for, if that language is switched on.
 * English, or a language nobody chose, costs no query: the survey's own path stays one round trip.
 */
export async function chosenTranslation(code: string | null | undefined): Promise<PublicLanguage | undefined> {
  const language = surveyLanguage(code);
  if (!language) return undefined;
  const row = await db().surveyLanguage.findUnique({ where: { code: language.code } });
  return row?.enabled ? publicLanguage(language, row) : undefined;
}

/** The same, from what was last known (the database is unreachable). */
export function chosenTranslationLastKnown(code: string | null | undefined): PublicLanguage | undefined {
  const language = surveyLanguage(code);
  return language ? lastSwitchedOn.find((known) => known.language.code === language.code) : undefined;
}

// Administration

export type LanguageForAdmin = {
  code: string;
  englishName: string;
  ownName: string;
  dir: "ltr" | "rtl";
  enabled: boolean;
  /** When a checked translation was uploaded; null while the shipped draft is in use. */
  checkedAt: Date | null;
  /** "Draft: not yet checked by a qualified translator", or null once checked. */
  draftLabel: string | null;
};

function forAdmin(language: SurveyLanguage, row: LanguageRow | undefined | null): LanguageForAdmin {
  const checkedAt = row?.checkedTexts ? (row.checkedAt ?? null) : null;
  return {
    code: language.code,
    englishName: language.englishName,
    ownName: language.ownName,
    dir: language.dir,
    enabled: row?.enabled ?? false,
    checkedAt,
    draftLabel: row?.checkedTexts ? null : DRAFT_LABEL,
  };
}

function shippedLanguage(code: unknown): SurveyLanguage {
  const language = typeof code === "string" ? surveyLanguage(code) : undefined;
  if (!language) throw new NotFoundError("This language");
  return language;
}

export async function listLanguagesForAdmin(actor: Actor): Promise<LanguageForAdmin[]> {
  assertAdmin(actor);
  const rows: LanguageRow[] = await db().surveyLanguage.findMany();
  const byCode = new Map(rows.map((row) => [row.code, row]));
  return SURVEY_LANGUAGES.map((language) => forAdmin(language, byCode.get(language.code)));
}

export type LanguageDetail = LanguageForAdmin & { english: InstrumentTexts; texts: InstrumentTexts };

/** One language with its texts beside the English, for reading side by side. */
export async function languageForAdmin(actor: Actor, code: unknown): Promise<LanguageDetail> {
  assertAdmin(actor);
  const language = shippedLanguage(code);
  const row = await db().surveyLanguage.findUnique({ where: { code: language.code } });
  return { ...forAdmin(language, row), english: ENGLISH_STANDARD.texts, texts: textsOf(language, row ?? undefined) };
}

/** The language file an administrator downloads, gives to a translator, and uploads once checked. */
export type LanguageFile = { language: string; name: string; formVersion: string; status: string; english: InstrumentTexts; texts: InstrumentTexts };

export async function languageFile(actor: Actor, code: unknown): Promise<LanguageFile> {
  const detail = await languageForAdmin(actor, code);
  return {
    language: detail.code,
    name: detail.englishName,
    formVersion: FORM_VERSION,
    status: detail.draftLabel ?? "Checked by a qualified translator",
    // The English is in the file for the translator; on upload only `texts` is read.
    english: detail.english,
    texts: detail.texts,
  };
}

const LANGUAGE_FILE_LIMIT = 200_000;

const languageFileSchema = z.object({ language: z.string({ error: "language: give the language's code" }), texts: instrumentTextsSchema }, { error: "The file must be one JSON object with `language` and `texts`" });

function fileProblems(error: z.ZodError): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "file";
    problems[key] ??= issue.code === "unrecognized_keys" ? `texts: ${issue.message}` : issue.message;
  }
  return problems;
}

const REFUSED = "The language file was not uploaded, and nothing has changed";

/**
 * A translation checked by a qualified translator replaces the draft once it passes the same
 * rules the shipped drafts are held to: every key, no unknown key, placeholders intact, lengths
 * within limits. Anything wrong refuses the whole file, naming each key, and changes nothing.
 */
export async function uploadCheckedTranslation(actor: Actor, input: { code: unknown; file: unknown }): Promise<LanguageForAdmin> {
  assertAdmin(actor);
  const language = shippedLanguage(input.code);
  const text = typeof input.file === "string" ? input.file : "";
  if (!text.trim()) throw new BadRequestError(REFUSED, { file: "Choose the language file to upload (a .json file downloaded from this page)" });
  if (text.length > LANGUAGE_FILE_LIMIT) throw new BadRequestError(REFUSED, { file: "The file is too large to be a language file" });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new BadRequestError(REFUSED, { file: "The file is not valid JSON: upload the language file as it was downloaded, with the texts changed" });
  }
  const parsed = languageFileSchema.safeParse(json);
  if (!parsed.success) throw new BadRequestError(REFUSED, fileProblems(parsed.error));
  if (surveyLanguage(parsed.data.language)?.code !== language.code) {
    throw new BadRequestError(REFUSED, { language: `language: this file is for "${parsed.data.language}", not ${language.englishName} (${language.code})` });
  }
  const texts = parsed.data.texts as InstrumentTexts;
  return db().$transaction(async (tx) => {
    const before = await tx.surveyLanguage.findUnique({ where: { code: language.code } });
    const row = await tx.surveyLanguage.upsert({
      where: { code: language.code },
      create: { code: language.code, checkedTexts: texts, checkedAt: new Date() },
      update: { checkedTexts: texts, checkedAt: new Date() },
    });
    const previous = textsOf(language, before ?? undefined);
    const changed = INSTRUMENT_KEYS.filter((key) => previous[key] !== texts[key]);
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: "language.upload",
        entityType: "survey_language",
        entityId: language.code,
        before: { status: before?.checkedTexts ? "checked" : "draft" },
        after: { status: "checked", changedTexts: changed },
      },
      tx,
    );
    return forAdmin(language, row);
  });
}

const switchSchema = z.object({ enabled: z.enum(["true", "false"], { error: "Choose on or off" }) });

/** On or off for the public survey; nothing appears on the survey until switched on. */
export async function setLanguageEnabled(actor: Actor, input: { code: unknown; enabled: unknown }): Promise<LanguageForAdmin> {
  assertAdmin(actor);
  const language = shippedLanguage(input.code);
  const parsed = switchSchema.safeParse({ enabled: input.enabled });
  if (!parsed.success) throw new BadRequestError("There is a problem", { enabled: "Choose on or off" });
  const enabled = parsed.data.enabled === "true";
  return db().$transaction(async (tx) => {
    const before = await tx.surveyLanguage.findUnique({ where: { code: language.code } });
    if ((before?.enabled ?? false) === enabled) return forAdmin(language, before);
    const row = await tx.surveyLanguage.upsert({ where: { code: language.code }, create: { code: language.code, enabled }, update: { enabled } });
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: enabled ? "language.switch-on" : "language.switch-off",
        entityType: "survey_language",
        entityId: language.code,
        before: { enabled: before?.enabled ?? false },
        after: { enabled },
      },
      tx,
    );
    return forAdmin(language, row);
  });
}
