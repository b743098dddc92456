import { FORM_VERSION } from "./en-gb";
import type { Instrument, InstrumentTexts } from "./schema";
import { ARABIC } from "./translations/ar";
import { BENGALI } from "./translations/bn";
import { WELSH } from "./translations/cy";
import { PANJABI } from "./translations/pa";
import { POLISH } from "./translations/pl";
import { PORTUGUESE } from "./translations/pt";
import { ROMANIAN } from "./translations/ro";
import { URDU } from "./translations/ur";

// The languages the survey ships in besides English. Each is a draft until an administrator
// uploads a translation a qualified translator has checked (lib/survey/languages.ts keeps that and
// whether the language is switched on). A translation asks the same questions with the same
// answers: it is the same measure, and nothing stored with a response says which language it was in.

export type SurveyLanguage = {
  /** BCP 47, set on <html lang> as it is and used in `?lang=`. */
  code: string;
  /** For administrators. */
  englishName: string;
  /** What a person looking for their language reads: its own name, in its own script. */
  ownName: string;
  /** Set explicitly, never guessed from the text: Arabic and Urdu are right to left. */
  dir: "ltr" | "rtl";
  /** The shipped translation: a draft, not yet checked by a qualified translator. */
  draft: InstrumentTexts;
};

export const ENGLISH_NAME = { code: "en-GB", ownName: "English" } as const;

export const SURVEY_LANGUAGES: readonly SurveyLanguage[] = [
  { code: "cy", englishName: "Welsh", ownName: "Cymraeg", dir: "ltr", draft: WELSH },
  { code: "pl", englishName: "Polish", ownName: "Polski", dir: "ltr", draft: POLISH },
  { code: "ro", englishName: "Romanian", ownName: "Română", dir: "ltr", draft: ROMANIAN },
  { code: "pa-Guru", englishName: "Panjabi (Gurmukhi)", ownName: "ਪੰਜਾਬੀ", dir: "ltr", draft: PANJABI },
  { code: "ur", englishName: "Urdu", ownName: "اردو", dir: "rtl", draft: URDU },
  { code: "bn", englishName: "Bengali", ownName: "বাংলা", dir: "ltr", draft: BENGALI },
  { code: "ar", englishName: "Arabic", ownName: "العربية", dir: "rtl", draft: ARABIC },
  { code: "pt", englishName: "Portuguese", ownName: "Português", dir: "ltr", draft: PORTUGUESE },
];

export const DRAFT_LABEL = "Draft: not yet checked by a qualified translator";

/** The language `?lang=` names (BCP 47 tags are case-insensitive), if the survey ships it. */
export function surveyLanguage(code: string | null | undefined): SurveyLanguage | undefined {
  if (!code) return undefined;
  const wanted = code.trim().toLowerCase();
  return SURVEY_LANGUAGES.find((language) => language.code.toLowerCase() === wanted);
}

/** A translation as an instrument: the standard wording (easy read is English only for now). */
export function translatedInstrument(language: SurveyLanguage, texts: InstrumentTexts = language.draft): Instrument {
  return { lang: language.code, dir: language.dir, format: "standard", version: FORM_VERSION, texts };
}
