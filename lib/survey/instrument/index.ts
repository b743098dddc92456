import { ENGLISH_EASY_READ, ENGLISH_STANDARD } from "./en-gb";
import { SURVEY_LANGUAGES, translatedInstrument } from "./languages";
import { SURVEY_FORMATS, type Instrument, type SurveyFormat } from "./schema";

export { fill, INSTRUMENT_KEYS, instrumentTextsSchema, SURVEY_FORMATS, type Instrument, type InstrumentKey, type InstrumentTexts, type SurveyFormat } from "./schema";
export { ENGLISH_EASY_READ, ENGLISH_STANDARD, FORM_VERSION } from "./en-gb";
export { DRAFT_LABEL, ENGLISH_NAME, SURVEY_LANGUAGES, surveyLanguage, translatedInstrument, type SurveyLanguage } from "./languages";

/** Every instrument the survey ships, for the tests that hold each one to the rules. */
export const SHIPPED_INSTRUMENTS: readonly Instrument[] = [ENGLISH_STANDARD, ENGLISH_EASY_READ, ...SURVEY_LANGUAGES.map((language) => translatedInstrument(language))];

/** `?format=` as a person chose it; anything else is no choice (the ward's default stands). */
export function chosenFormat(value: string | null | undefined): SurveyFormat | undefined {
  return SURVEY_FORMATS.find((format) => format === value);
}

/**
 * The wording to show: a switched-on language the person chose (lib/survey/languages.ts decides
 * which are on, and gives its texts as `translation`), else the format the person chose, else the
 * ward's default. A translation is the standard wording: easy read is in English only so far.
 */
export function instrumentFor(opts: { chosen?: SurveyFormat; wardDefault?: SurveyFormat; translation?: Instrument }): Instrument {
  if (opts.translation) return opts.translation;
  const format = opts.chosen ?? opts.wardDefault ?? "standard";
  return format === "easy-read" ? ENGLISH_EASY_READ : ENGLISH_STANDARD;
}
