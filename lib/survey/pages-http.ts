import { randomUUID } from "node:crypto";
import { DATABASE_RETRY_AFTER_SECONDS, isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { findMovedWard, findSurveyWard, type SurveyWard } from "./record";
import type { FieldErrors } from "@/lib/http/fields";
import { answerFromForm } from "./schema";
import { chosenFormat, ENGLISH_STANDARD, fill, instrumentFor, surveyLanguage, type Instrument } from "./instrument";
import { chosenTranslation, chosenTranslationLastKnown, lastKnownLanguages, switchedOnLanguages, type PublicLanguage } from "./languages";
import { choiceQuery, htmlResponse, messagePage, surveyFormPage, thankYouPage, type PageWard, type SurveyChoice, type SurveyFormState } from "./page";
import { readSurveyBody, submitSurveyAnswer } from "./submit-http";

// The survey pages at /s/<code>: GET shows the form, POST takes a plain HTML form submission (the
// path that works with JavaScript off) and redirects after a successful post. What the person
// chose (`?format=`, `?lang=`, or the form's `format` and `lang` fields) is kept from page to page;
// otherwise the ward's default format stands. A language shows only once it is switched on.

const RETRY_AFTER = { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) };

const pageWard = (ward: SurveyWard): PageWard => ({ wardName: ward.name, charterContact: ward.charterContact });

/** What the person chose, read from the address or the form; anything unrecognised is no choice. */
export function choiceFrom(params: URLSearchParams): SurveyChoice {
  return { format: chosenFormat(params.get("format")), lang: params.get("lang") ?? undefined };
}

export const choiceAskedFor = (request: Request): SurveyChoice => choiceFrom(new URL(request.url).searchParams);

/** The wording for this page, and the choice as it stands (a language not switched on is dropped). */
function wording(choice: SurveyChoice, translation: PublicLanguage | undefined, wardDefault?: SurveyWard["surveyFormat"]) {
  const kept: SurveyChoice = { format: choice.format, lang: translation?.language.code };
  return { instrument: instrumentFor({ chosen: choice.format, wardDefault, translation: translation?.instrument }), choice: kept };
}

type Looked = { kind: "open"; ward: SurveyWard } | { kind: "closed"; ward: SurveyWard } | { kind: "moved"; ward: SurveyWard } | { kind: "unknown" };

async function lookUp(code: string): Promise<Looked> {
  const ward = await findSurveyWard(code);
  if (ward) return ward.active ? { kind: "open", ward } : { kind: "closed", ward };
  const moved = await findMovedWard(code);
  return moved ? { kind: "moved", ward: moved } : { kind: "unknown" };
}

const UNKNOWN_WARD = (instrument: Instrument) =>
  htmlResponse(404, messagePage({ instrument, title: instrument.texts.notFoundTitle, message: instrument.texts.notFoundMessage }));

const CLOSED_WARD = (instrument: Instrument, ward: SurveyWard) =>
  htmlResponse(410, messagePage({ instrument, title: instrument.texts.closedTitle, message: fill(instrument.texts.closedMessage, { ward: ward.name }), ward: pageWard(ward) }));

// The ward's code was rotated (a new poster went up): the old address takes no answers and does not
// reveal the new one, since the point of rotating is to stop the old address being used.
const MOVED_WARD = (instrument: Instrument, ward: SurveyWard) =>
  htmlResponse(410, messagePage({ instrument, title: instrument.texts.movedTitle, message: fill(instrument.texts.movedMessage, { ward: ward.name }), ward: pageWard(ward) }));

// The database is unreachable: the page says so plainly and asks to come back, never a 500.
const UNAVAILABLE = (instrument: Instrument) =>
  htmlResponse(503, messagePage({ instrument, title: instrument.texts.unavailableTitle, message: instrument.texts.unavailableMessage }), RETRY_AFTER);

/** The page for a ward that takes no answers at this address. */
function notTakingAnswers(looked: Exclude<Looked, { kind: "open" }>, instrument: Instrument): Response {
  switch (looked.kind) {
    case "unknown":
      return UNKNOWN_WARD(instrument);
    case "closed":
      return CLOSED_WARD(instrument, looked.ward);
    case "moved":
      return MOVED_WARD(instrument, looked.ward);
  }
}

const wardOf = (looked: Looked) => (looked.kind === "unknown" ? undefined : looked.ward);

export const NOT_SAVED_NOTICE = ENGLISH_STANDARD.texts.notSavedNotice;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The empty form may be kept by the browser but must be asked for again on every new visit
 * (`no-cache`): scanning the QR code again gets a new submission key, while Back after sending
 * brings back the same page, whose key was used, so sending again counts once. `private`: no
 * shared cache ever holds it.
 */
const FRESH_FORM_CACHING = { "Cache-Control": "private, no-cache" };

function formPage(opts: {
  status: number;
  ward: SurveyWard | null;
  wardCode: string;
  choice: SurveyChoice;
  translation: PublicLanguage | undefined;
  languages: PublicLanguage[];
  errors?: FieldErrors;
  values?: SurveyFormState;
  submissionKey?: string;
  notice?: (instrument: Instrument) => string;
}) {
  const { instrument, choice } = wording(opts.choice, opts.translation, opts.ward?.surveyFormat);
  return htmlResponse(
    opts.status,
    surveyFormPage({
      wardName: opts.ward?.name ?? null,
      wardCode: opts.wardCode,
      submissionKey: opts.submissionKey ?? randomUUID(),
      errors: opts.errors,
      values: opts.values,
      notice: opts.notice?.(instrument),
      instrument,
      choice,
      languages: opts.languages.map((known) => known.language),
      charterContact: opts.ward?.charterContact,
    }),
    opts.status === 200 ? FRESH_FORM_CACHING : opts.status === 503 ? RETRY_AFTER : {},
  );
}

/** The form again with what the person chose still selected and the same submission key, so sending again counts once. */
function notSavedPage(ward: SurveyWard | null, wardCode: string, input: unknown, choice: SurveyChoice, translation: PublicLanguage | undefined) {
  const values = input as SurveyFormState & { submissionKey?: unknown };
  const submissionKey = typeof values.submissionKey === "string" && UUID.test(values.submissionKey) ? values.submissionKey : randomUUID();
  return formPage({ status: 503, ward, wardCode, choice, translation, languages: lastKnownLanguages(), values, submissionKey, notice: (i) => i.texts.notSavedNotice });
}

export async function showSurvey(code: string, asked: SurveyChoice = {}): Promise<Response> {
  const found = await unlessDatabaseDown(() => Promise.all([lookUp(code), switchedOnLanguages()]));
  if (isUnavailable(found)) return UNAVAILABLE(wording(asked, chosenTranslationLastKnown(asked.lang)).instrument);
  const [looked, languages] = found;
  const wanted = surveyLanguage(asked.lang);
  const translation = languages.find((known) => known.language.code === wanted?.code);
  if (looked.kind !== "open") return notTakingAnswers(looked, wording(asked, translation, wardOf(looked)?.surveyFormat).instrument);
  return formPage({ status: 200, ward: looked.ward, wardCode: looked.ward.surveyCode, choice: asked, translation, languages });
}

export async function showThankYou(code: string, asked: SurveyChoice = {}): Promise<Response> {
  // Someone who answered just before the code was rotated still gets their thank-you page.
  const found = await unlessDatabaseDown(() => Promise.all([findSurveyWard(code).then(async (ward) => ward ?? (await findMovedWard(code))), chosenTranslation(asked.lang)]));
  if (isUnavailable(found)) return UNAVAILABLE(wording(asked, chosenTranslationLastKnown(asked.lang)).instrument);
  const [ward, translation] = found;
  const { instrument } = wording(asked, translation, ward?.surveyFormat);
  if (!ward) return UNKNOWN_WARD(instrument);
  return htmlResponse(200, thankYouPage(pageWard(ward), instrument));
}

export async function takeFormSubmission(request: Request, code: string): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  const formPost = /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);
  const body = formPost ? await readSurveyBody(request) : undefined;
  const fields = new URLSearchParams(typeof body === "string" ? body : "");
  const asked = choiceFrom(fields);

  const found = await unlessDatabaseDown(() => Promise.all([lookUp(code), chosenTranslation(asked.lang)]));
  // Without the database the ward cannot be named, but the person's answers are kept on the page.
  const [looked, translation] = isUnavailable(found) ? [null, chosenTranslationLastKnown(asked.lang)] : found;
  const ward = looked && looked.kind !== "unknown" ? looked.ward : null;
  const { instrument, choice } = wording(asked, translation, ward?.surveyFormat);
  if (looked && looked.kind !== "open") return notTakingAnswers(looked, instrument);
  if (!formPost) {
    return htmlResponse(415, messagePage({ instrument, title: instrument.texts.formOnlyTitle, message: instrument.texts.formOnlyMessage }));
  }
  if (typeof body !== "string") {
    return htmlResponse(413, messagePage({ instrument, title: instrument.texts.formOnlyTitle, message: instrument.texts.tooLargeMessage }));
  }

  const surveyCode = ward?.surveyCode ?? code.trim().toUpperCase();
  const input = answerFromForm(surveyCode, fields);
  if (ward === null) return notSavedPage(null, surveyCode, input, asked, translation);
  const outcome = await submitSurveyAnswer(request, input);
  switch (outcome.kind) {
    case "recorded":
    case "held":
    case "duplicate":
      // A held answer gets the same thank-you: it is kept, and the person did nothing wrong.
      // 303 so that reloading the thank-you page never re-posts the answers.
      return new Response(null, {
        status: 303,
        headers: { Location: `/s/${encodeURIComponent(ward.surveyCode)}/thanks${choiceQuery(choice)}`, "Cache-Control": "no-store" },
      });
    case "invalid":
      return formPage({ status: 400, ward, wardCode: ward.surveyCode, choice: asked, translation, languages: [], errors: outcome.fields, values: input as SurveyFormState });
    case "unknown-ward":
      return UNKNOWN_WARD(instrument);
    case "inactive-ward":
      return CLOSED_WARD(instrument, ward);
    case "moved-ward":
      return MOVED_WARD(instrument, ward);
    case "too-large":
      return htmlResponse(413, messagePage({ instrument, title: instrument.texts.formOnlyTitle, message: instrument.texts.tooLargeMessage }));
    case "unavailable":
      return notSavedPage(ward, ward.surveyCode, input, asked, translation);
    case "unknown-tablet":
    case "tablet-limit":
      // Only a browser holding a ward tablet's credential gets here; the kiosk (/k) is its page.
      return tabletRefusal(outcome, instrument);
  }
}

/** A ward tablet's answer that cannot be taken: the tablet is not enrolled, or has sent its day's answers. */
export function tabletRefusal(outcome: { kind: "unknown-tablet" } | { kind: "tablet-limit"; retryAfterSeconds: number }, instrument: Instrument = ENGLISH_STANDARD): Response {
  const t = instrument.texts;
  // The tablet never leads anywhere else, so its helplines are plain text.
  if (outcome.kind === "unknown-tablet") {
    return htmlResponse(403, messagePage({ instrument, title: t.tabletNotEnrolledTitle, message: t.tabletNotEnrolledMessage, callLinks: false, bodyClass: "kiosk" }));
  }
  return htmlResponse(429, messagePage({ instrument, title: t.tabletLimitTitle, message: t.tabletLimitMessage, callLinks: false, bodyClass: "kiosk" }), {
    "Retry-After": String(outcome.retryAfterSeconds),
  });
}
