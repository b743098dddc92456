import type { Instrument, InstrumentTexts } from "./schema";

// The survey in English. The standard wording of the introduction and the three questions is
// PRODUCT.md's, word for word: it is part of the measure, so change nothing here without the
// programme team, or results stop being comparable over time and across wards.

const STANDARD: InstrumentTexts = {
  brand: "Ward sexual safety survey",
  surveyFor: "Survey for",
  introduction:
    "Feeling safe from sexual harm means feeling free from being made to feel uncomfortable, frightened, or intimidated in a sexual way by service users or staff. Your answers to these questions are anonymous.",
  respondentQuestion: "Please tick:",
  respondentServiceUser: "Service user",
  respondentStaff: "Staff",
  feltSafeQuestion: "In the past two weeks, have you felt safe from sexual harm on the ward?",
  speakUpQuestion: "If you did not feel safe from sexual harm at any point, would you feel able to speak to someone about it?",
  speakUpHint: "You can leave this question blank.",
  yes: "Yes",
  no: "No",
  send: "Send my answers",
  errorSummaryTitle: "There is a problem",
  errorPrefix: "Error:",
  errorRespondent: "Tick whether you are a service user or staff",
  errorFeltSafe: "Answer whether you have felt safe from sexual harm on the ward",
  errorSpeakUp: "Choose yes or no, or leave this question blank",
  errorUnrecognised: "Something in the form was not recognised; please answer the questions again.",
  statusSending: "Sending your answers…",
  statusNotSent: "Your answers are not sent yet. We will keep trying while this page is open.",
  statusTryingAgain: "Trying again now…",
  statusSent: "Sent",
  thankYouHeading: "Thank you, your answers have been sent",
  thankYouText:
    "If you would like to speak with someone independent about your sexual safety on the ward, please see the contact details on the ward sexual safety charter.",
  wardContactsHeading: "Contacts for {ward}",
  helplinesHeading: "National helplines",
  helplinesText: "These calls are free. You can talk to someone in confidence.",
  dangerHeading: "If you are in danger now",
  dangerText: "Tell a member of staff you trust straight away, or call 999.",
  confidenceText:
    "To talk to someone in confidence, you can speak to a member of staff you trust, an advocate, or one of the helplines below.",
  notFoundTitle: "Survey not found",
  notFoundMessage: "We could not find a survey at this address. Please check the address on the ward poster, or scan its QR code again.",
  closedTitle: "This survey is closed",
  closedMessage:
    "The survey for {ward} is no longer taking answers. Thank you for wanting to take part. If you would like to talk to someone, please see the ward sexual safety charter.",
  movedTitle: "This survey has moved",
  movedMessage:
    "The survey for {ward} has a new address, so this one no longer takes answers. Thank you for wanting to take part: please scan the new poster on the ward.",
  unavailableTitle: "The survey is not available just now",
  unavailableMessage:
    "We cannot take answers at the moment. Please try again in a minute or two. If you would like to talk to someone now, please speak to a member of staff you trust.",
  notSavedNotice: "We could not save your answers just now. They are still selected below: please press Send again in a minute.",
  formOnlyTitle: "Please use the survey form",
  formOnlyMessage: "Answers must be sent from the survey form.",
  tooLargeMessage: "The answers sent were too large.",
  kioskThanksHeading: "Thank you, your answers have been taken",
  kioskNext: "The survey will start again for the next person in a few seconds.",
  kioskStartAgain: "Start again now",
  kioskIdleHeading: "Are you still there?",
  kioskIdleText: "Your answers will be cleared in {seconds} seconds, so that the next person does not see them.",
  kioskMoreTime: "I need more time",
  tabletNotEnrolledTitle: "This tablet is not enrolled",
  tabletNotEnrolledMessage:
    "This tablet is no longer enrolled to a ward, so it cannot take answers. Please ask a member of staff: a project lead can enrol it again from the ward's page.",
  tabletLimitTitle: "This tablet cannot take more answers today",
  tabletLimitMessage:
    "This tablet has taken as many answers as it may in one day. Please try again tomorrow, or ask a member of staff for the survey's poster to answer on your own phone.",
  listen: "Listen",
  paperReturn: "Please fold this form and put it in the ward's sealed box.",
  paperScan: "Or answer on a phone: scan the code.",
  formVersion: "Form version {version}",
  easyReadLink: "Easy read version, with pictures",
  standardLink: "Standard version",
  languagesLabel: "Languages",
};

// Easy read: the same questions in short sentences (at most 15 words, one idea each), for
// learning-disability services. A companion wording, not a new measure: a trust should check it
// with the people who use it (co-production) before relying on it.
const EASY_READ: InstrumentTexts = {
  ...STANDARD,
  brand: "Feeling safe on the ward",
  surveyFor: "Survey for",
  introduction:
    "This survey is about feeling safe from sexual harm. Sexual harm is when someone makes you feel uncomfortable or scared in a sexual way. It can be another patient or a member of staff. You do not write your name. Nobody will know which answers are yours.",
  respondentQuestion: "Who are you?",
  respondentServiceUser: "I am a patient here",
  respondentStaff: "I work here",
  feltSafeQuestion: "In the last 2 weeks, have you felt safe from sexual harm on the ward?",
  speakUpQuestion: "If you did not feel safe, could you tell someone about it?",
  speakUpHint: "You do not have to answer this one.",
  send: "Send my answers",
  errorSummaryTitle: "Please look again",
  errorRespondent: "Choose if you are a patient or if you work here.",
  errorFeltSafe: "Choose yes or no. Have you felt safe from sexual harm?",
  errorSpeakUp: "Choose yes or no. Or leave this one blank.",
  errorUnrecognised: "Something went wrong with the form. Please answer the questions again.",
  statusSending: "Sending your answers.",
  statusNotSent: "Your answers are not sent yet. We will keep trying.",
  statusTryingAgain: "Trying again now.",
  thankYouHeading: "Thank you. We have your answers.",
  thankYouText: "You can talk to someone about feeling safe. Their details are on the ward charter.",
  wardContactsHeading: "Who to talk to on {ward}",
  helplinesHeading: "Phone numbers you can call",
  helplinesText: "These calls are free. You can talk to someone in private.",
  dangerHeading: "If you are in danger now",
  dangerText: "Tell a member of staff you trust. Or call 999.",
  confidenceText: "You can talk to someone in private. It can be staff you trust. It can be an advocate.",
  notFoundTitle: "We cannot find this survey",
  notFoundMessage: "Please ask a member of staff for help. Or scan the code on the poster again.",
  closedTitle: "This survey has finished",
  closedMessage: "The survey for {ward} has finished. Thank you for wanting to help.",
  movedTitle: "This survey has moved",
  movedMessage: "The survey for {ward} has moved. Please scan the new poster on the ward.",
  unavailableTitle: "The survey is not working just now",
  unavailableMessage: "Please try again in a few minutes. You can talk to a member of staff you trust.",
  notSavedNotice: "We could not save your answers just now. Your answers are still here. Please press Send again soon.",
  formOnlyTitle: "Please use the survey form",
  formOnlyMessage: "Please send your answers with the survey form.",
  tooLargeMessage: "Something went wrong with the form. Please try again.",
  kioskThanksHeading: "Thank you. We have your answers.",
  kioskNext: "The survey will start again for the next person soon.",
  kioskIdleHeading: "Are you still there?",
  kioskIdleText: "Your answers will go in {seconds} seconds. Then the next person cannot see them.",
  kioskMoreTime: "I need more time",
  tabletNotEnrolledTitle: "This tablet is not working",
  tabletNotEnrolledMessage: "This tablet cannot take answers. Please ask a member of staff for help.",
  tabletLimitTitle: "This tablet is full for today",
  tabletLimitMessage: "Please try again tomorrow. Or ask a member of staff for help.",
  paperReturn: "Put this form in the ward's sealed box.",
  paperScan: "You can answer on a phone too. Scan the code.",
  easyReadLink: "Easy read version, with pictures",
  standardLink: "Standard version",
};

/**
 * The instrument's revision, the same for every language and format of it: printed on paper forms
 * and kept with paper batches, so a change of wording can be traced without recording which
 * language or format anyone answered in.
 */
export const FORM_VERSION = "1.0";

export const ENGLISH_STANDARD: Instrument = { lang: "en-GB", dir: "ltr", format: "standard", version: FORM_VERSION, texts: STANDARD };
export const ENGLISH_EASY_READ: Instrument = { lang: "en-GB", dir: "ltr", format: "easy-read", version: FORM_VERSION, texts: EASY_READ };
