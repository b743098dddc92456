import { ENGLISH_STANDARD } from "./instrument/en-gb";

// The survey's standard English wording (lib/survey/instrument/en-gb.ts), by name, for the places
// that speak English only: posters, API error messages, the tests that hold it to PRODUCT.md.

const TEXT = ENGLISH_STANDARD.texts;

export const SURVEY_INTRODUCTION = TEXT.introduction;
export const QUESTION_RESPONDENT = TEXT.respondentQuestion;
export const QUESTION_FELT_SAFE = TEXT.feltSafeQuestion;
export const QUESTION_SPEAK_UP = TEXT.speakUpQuestion;
export const RESPONDENT_LABELS = { service_user: TEXT.respondentServiceUser, staff: TEXT.respondentStaff } as const;
export const THANK_YOU_TEXT = TEXT.thankYouText;

/** Names and numbers are the helplines' own, the same in every language. */
export const NATIONAL_HELPLINES = [
  { name: "Samaritans", phone: "116 123" },
  { name: "The Survivors Trust", phone: "0808 801 0818" },
] as const;
