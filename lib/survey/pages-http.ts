import { randomUUID } from "node:crypto";
import { DATABASE_RETRY_AFTER_SECONDS, isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { findMovedWard, findSurveyWard, type SurveyWard } from "./record";
import type { FieldErrors } from "@/lib/http/fields";
import { answerFromForm } from "./schema";
import { chosenFormat, ENGLISH_STANDARD, fill, instrumentFor, type Instrument, type SurveyFormat } from "./instrument";
import { formatQuery, htmlResponse, messagePage, surveyFormPage, thankYouPage, type PageWard, type SurveyFormState } from "./page";
import { readSurveyBody, submitSurveyAnswer } from "./submit-http";

// The survey pages at /s/<code>: GET shows the form, POST takes a plain HTML form submission (the
// path that works with JavaScript off) and redirects after a successful post. `?format=` (or the
// form's `format` field) is a format the person picked; otherwise the ward's default stands.

const RETRY_AFTER = { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) };

const pageWard = (ward: SurveyWard): PageWard => ({ wardName: ward.name, charterContact: ward.charterContact });

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

export const NOT_SAVED_NOTICE = ENGLISH_STANDARD.texts.notSavedNotice;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form again with what the person chose still selected and the same submission key, so sending again counts once. */
function notSavedPage(ward: SurveyWard | null, wardCode: string, input: unknown, chosen: SurveyFormat | undefined) {
  const values = input as SurveyFormState & { submissionKey?: unknown };
  const key = typeof values.submissionKey === "string" && UUID.test(values.submissionKey) ? values.submissionKey : randomUUID();
  const instrument = instrumentFor({ chosen, wardDefault: ward?.surveyFormat });
  return htmlResponse(
    503,
    surveyFormPage({ wardName: ward?.name ?? null, wardCode, submissionKey: key, values, notice: instrument.texts.notSavedNotice, instrument, chosenFormat: chosen, charterContact: ward?.charterContact }),
    RETRY_AFTER,
  );
}

async function wardOrError(code: string, chosen: SurveyFormat | undefined): Promise<SurveyWard | Response> {
  const ward = await findSurveyWard(code);
  if (!ward) {
    const moved = await findMovedWard(code);
    return moved ? MOVED_WARD(instrumentFor({ chosen, wardDefault: moved.surveyFormat }), moved) : UNKNOWN_WARD(instrumentFor({ chosen }));
  }
  if (!ward.active) return CLOSED_WARD(instrumentFor({ chosen, wardDefault: ward.surveyFormat }), ward);
  return ward;
}

function formPage(ward: SurveyWard, status: number, chosen: SurveyFormat | undefined, errors?: FieldErrors, values?: SurveyFormState) {
  return htmlResponse(
    status,
    surveyFormPage({
      wardName: ward.name,
      wardCode: ward.surveyCode,
      submissionKey: randomUUID(),
      errors,
      values,
      instrument: instrumentFor({ chosen, wardDefault: ward.surveyFormat }),
      chosenFormat: chosen,
      charterContact: ward.charterContact,
    }),
    status === 200 ? FRESH_FORM_CACHING : {},
  );
}

/**
 * The empty form may be kept by the browser but must be asked for again on every new visit
 * (`no-cache`): scanning the QR code again gets a new submission key, while Back after sending
 * brings back the same page, whose key was used, so sending again counts once. `private`: no
 * shared cache ever holds it.
 */
const FRESH_FORM_CACHING = { "Cache-Control": "private, no-cache" };

/** The format asked for in the address (`?format=easy-read`), if any. */
export const formatAskedFor = (request: Request) => chosenFormat(new URL(request.url).searchParams.get("format"));

export async function showSurvey(code: string, chosen?: SurveyFormat): Promise<Response> {
  const ward = await unlessDatabaseDown(() => wardOrError(code, chosen));
  if (isUnavailable(ward)) return UNAVAILABLE(instrumentFor({ chosen }));
  return ward instanceof Response ? ward : formPage(ward, 200, chosen);
}

export async function showThankYou(code: string, chosen?: SurveyFormat): Promise<Response> {
  // Someone who answered just before the code was rotated still gets their thank-you page.
  const ward = await unlessDatabaseDown(async () => (await findSurveyWard(code)) ?? (await findMovedWard(code)));
  if (isUnavailable(ward)) return UNAVAILABLE(instrumentFor({ chosen }));
  if (!ward) return UNKNOWN_WARD(instrumentFor({ chosen }));
  return htmlResponse(200, thankYouPage(pageWard(ward), instrumentFor({ chosen, wardDefault: ward.surveyFormat })));
}

export async function takeFormSubmission(request: Request, code: string): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  const formPost = /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);
  const body = formPost ? await readSurveyBody(request) : undefined;
  const fields = new URLSearchParams(typeof body === "string" ? body : "");
  const chosen = chosenFormat(fields.get("format"));

  const looked = await unlessDatabaseDown(() => wardOrError(code, chosen));
  if (looked instanceof Response) return looked;
  // Without the database the ward cannot be named, but the person's answers are kept on the page.
  const ward = isUnavailable(looked) ? null : looked;
  const instrument = instrumentFor({ chosen, wardDefault: ward?.surveyFormat });
  if (!formPost) {
    return htmlResponse(415, messagePage({ instrument, title: instrument.texts.formOnlyTitle, message: instrument.texts.formOnlyMessage }));
  }
  if (typeof body !== "string") {
    return htmlResponse(413, messagePage({ instrument, title: instrument.texts.formOnlyTitle, message: instrument.texts.tooLargeMessage }));
  }

  const surveyCode = ward?.surveyCode ?? code.trim().toUpperCase();
  const input = answerFromForm(surveyCode, fields);
  if (ward === null) return notSavedPage(null, surveyCode, input, chosen);
  const outcome = await submitSurveyAnswer(request, input);
  switch (outcome.kind) {
    case "recorded":
    case "held":
    case "duplicate":
      // A held answer gets the same thank-you: it is kept, and the person did nothing wrong.
      // 303 so that reloading the thank-you page never re-posts the answers.
      return new Response(null, {
        status: 303,
        headers: { Location: `/s/${encodeURIComponent(ward.surveyCode)}/thanks${formatQuery(chosen)}`, "Cache-Control": "no-store" },
      });
    case "invalid":
      return formPage(ward, 400, chosen, outcome.fields, input as SurveyFormState);
    case "unknown-ward":
      return UNKNOWN_WARD(instrument);
    case "inactive-ward":
      return CLOSED_WARD(instrument, ward);
    case "moved-ward":
      return MOVED_WARD(instrument, ward);
    case "too-large":
      return htmlResponse(413, messagePage({ instrument, title: instrument.texts.formOnlyTitle, message: instrument.texts.tooLargeMessage }));
    case "unavailable":
      return notSavedPage(ward, ward.surveyCode, input, chosen);
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
