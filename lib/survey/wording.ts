// The survey instrument. The wording is part of the measure (PRODUCT.md): change nothing here
// without the programme team, or results stop being comparable over time and across wards.

export const SURVEY_INTRODUCTION =
  "Feeling safe from sexual harm means feeling free from being made to feel uncomfortable, frightened, or intimidated in a sexual way by service users or staff. Your answers to these questions are anonymous.";

export const QUESTION_RESPONDENT = "Please tick:";
export const QUESTION_FELT_SAFE = "In the past two weeks, have you felt safe from sexual harm on the ward?";
export const QUESTION_SPEAK_UP =
  "If you did not feel safe from sexual harm at any point, would you feel able to speak to someone about it?";

export const RESPONDENT_LABELS = { service_user: "Service user", staff: "Staff" } as const;

export const THANK_YOU_TEXT =
  "If you would like to speak with someone independent about your sexual safety on the ward, please see the contact details on the ward sexual safety charter.";

export const NATIONAL_HELPLINES = [
  { name: "Samaritans", phone: "116 123" },
  { name: "The Survivors Trust", phone: "0808 801 0818" },
] as const;

/** What to do about each unanswered or wrong answer (the form's error summary): what to do, not what went wrong. */
export const FORM_ERROR_TEXT: Record<string, string> = {
  respondent: "Tick whether you are a service user or staff",
  feltSafe: "Answer whether you have felt safe from sexual harm on the ward",
  ableToSpeakUp: "Choose yes or no, or leave this question blank",
};
