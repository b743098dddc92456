import { ENGLISH_EASY_READ, ENGLISH_STANDARD } from "./en-gb";
import { SURVEY_FORMATS, type Instrument, type SurveyFormat } from "./schema";

export { fill, INSTRUMENT_KEYS, instrumentTextsSchema, SURVEY_FORMATS, type Instrument, type InstrumentKey, type InstrumentTexts, type SurveyFormat } from "./schema";
export { ENGLISH_EASY_READ, ENGLISH_STANDARD, FORM_VERSION } from "./en-gb";

/** Every instrument the survey ships, for the tests that hold each one to the rules. */
export const SHIPPED_INSTRUMENTS: readonly Instrument[] = [ENGLISH_STANDARD, ENGLISH_EASY_READ];

/** `?format=` as a person chose it; anything else is no choice (the ward's default stands). */
export function chosenFormat(value: string | null | undefined): SurveyFormat | undefined {
  return SURVEY_FORMATS.find((format) => format === value);
}

/** The wording to show: the format the person chose, else the ward's default. */
export function instrumentFor(opts: { chosen?: SurveyFormat; wardDefault?: SurveyFormat }): Instrument {
  const format = opts.chosen ?? opts.wardDefault ?? "standard";
  return format === "easy-read" ? ENGLISH_EASY_READ : ENGLISH_STANDARD;
}
