import { randomUUID } from "node:crypto";
import { DATABASE_RETRY_AFTER_SECONDS, isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { findMovedWard, findSurveyWard, type SurveyWard } from "./record";
import type { FieldErrors } from "@/lib/http/fields";
import { answerFromForm } from "./schema";
import { htmlResponse, messagePage, surveyFormPage, thankYouPage, type SurveyFormState } from "./page";
import { readSurveyBody, submitSurveyAnswer } from "./submit-http";

// The survey pages at /s/<code>: GET shows the form, POST takes a plain HTML form submission (the
// path that works with JavaScript off) and redirects after a successful post.

const UNKNOWN_WARD = () =>
  htmlResponse(
    404,
    messagePage({
      title: "Survey not found",
      message:
        "We could not find a survey at this address. Please check the address on the ward poster, or scan its QR code again.",
    }),
  );

const CLOSED_WARD = (wardName: string) =>
  htmlResponse(
    410,
    messagePage({
      title: "This survey is closed",
      message: `The survey for ${wardName} is no longer taking answers. Thank you for wanting to take part. If you would like to talk to someone, please see the ward sexual safety charter.`,
    }),
  );

// The ward's code was rotated (a new poster went up): the old address takes no answers and does not
// reveal the new one, since the point of rotating is to stop the old address being used.
const MOVED_WARD = (wardName: string) =>
  htmlResponse(
    410,
    messagePage({
      title: "This survey has moved",
      message: `The survey for ${wardName} has a new address, so this one no longer takes answers. Thank you for wanting to take part: please scan the new poster on the ward.`,
    }),
  );

const RETRY_AFTER = { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) };

// The database is unreachable: the page says so plainly and asks to come back, never a 500.
const UNAVAILABLE = () =>
  htmlResponse(
    503,
    messagePage({
      title: "The survey is not available just now",
      message: "We cannot take answers at the moment. Please try again in a minute or two. If you would like to talk to someone now, please speak to a member of staff you trust.",
    }),
    RETRY_AFTER,
  );

export const NOT_SAVED_NOTICE = "We could not save your answers just now. They are still selected below: please press Send again in a minute.";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form again with what the person chose still selected and the same submission key, so sending again counts once. */
function notSavedPage(wardName: string | null, wardCode: string, input: unknown) {
  const values = input as SurveyFormState & { submissionKey?: unknown };
  const key = typeof values.submissionKey === "string" && UUID.test(values.submissionKey) ? values.submissionKey : randomUUID();
  return htmlResponse(503, surveyFormPage({ wardName, wardCode, submissionKey: key, values, notice: NOT_SAVED_NOTICE }), RETRY_AFTER);
}

async function wardOrError(code: string): Promise<SurveyWard | Response> {
  const ward = await findSurveyWard(code);
  if (!ward) {
    const moved = await findMovedWard(code);
    return moved ? MOVED_WARD(moved.name) : UNKNOWN_WARD();
  }
  if (!ward.active) return CLOSED_WARD(ward.name);
  return ward;
}

function formPage(ward: SurveyWard, status: number, errors?: FieldErrors, values?: SurveyFormState) {
  return htmlResponse(
    status,
    surveyFormPage({ wardName: ward.name, wardCode: ward.surveyCode, submissionKey: randomUUID(), errors, values }),
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

export async function showSurvey(code: string): Promise<Response> {
  const ward = await unlessDatabaseDown(() => wardOrError(code));
  if (isUnavailable(ward)) return UNAVAILABLE();
  return ward instanceof Response ? ward : formPage(ward, 200);
}

export async function showThankYou(code: string): Promise<Response> {
  // Someone who answered just before the code was rotated still gets their thank-you page.
  const ward = await unlessDatabaseDown(async () => (await findSurveyWard(code)) ?? (await findMovedWard(code)));
  if (isUnavailable(ward)) return UNAVAILABLE();
  if (!ward) return UNKNOWN_WARD();
  return htmlResponse(200, thankYouPage({ wardName: ward.name, charterContact: ward.charterContact }));
}

export async function takeFormSubmission(request: Request, code: string): Promise<Response> {
  const looked = await unlessDatabaseDown(() => wardOrError(code));
  // Without the database the ward cannot be named, but the person's answers are kept on the page.
  const ward = isUnavailable(looked) ? { name: null, surveyCode: code.trim().toUpperCase() } : looked;
  if (ward instanceof Response) return ward;

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
    return htmlResponse(415, messagePage({ title: "Please use the survey form", message: "Answers must be sent from the survey form." }));
  }
  const body = await readSurveyBody(request);
  if (typeof body !== "string") {
    return htmlResponse(413, messagePage({ title: "Please use the survey form", message: "The answers sent were too large." }));
  }

  const input = answerFromForm(ward.surveyCode, new URLSearchParams(body));
  if (ward.name === null) return notSavedPage(null, ward.surveyCode, input);
  const outcome = await submitSurveyAnswer(request, input);
  switch (outcome.kind) {
    case "recorded":
    case "held":
    case "duplicate":
      // A held answer gets the same thank-you: it is kept, and the person did nothing wrong.
      // 303 so that reloading the thank-you page never re-posts the answers.
      return new Response(null, {
        status: 303,
        headers: { Location: `/s/${encodeURIComponent(ward.surveyCode)}/thanks`, "Cache-Control": "no-store" },
      });
    case "invalid":
      return formPage(ward, 400, outcome.fields, input as SurveyFormState);
    case "unknown-ward":
      return UNKNOWN_WARD();
    case "inactive-ward":
      return CLOSED_WARD(ward.name);
    case "moved-ward":
      return MOVED_WARD(ward.name);
    case "too-large":
      return htmlResponse(413, messagePage({ title: "Please use the survey form", message: "The answers sent were too large." }));
    case "unavailable":
      return notSavedPage(ward.name, ward.surveyCode, input);
    case "unknown-tablet":
    case "tablet-limit":
      // Only a browser holding a ward tablet's credential gets here; the kiosk (/k) is its page.
      return tabletRefusal(outcome);
  }
}

/** A ward tablet's answer that cannot be taken: the tablet is not enrolled, or has sent its day's answers. */
export function tabletRefusal(outcome: { kind: "unknown-tablet" } | { kind: "tablet-limit"; retryAfterSeconds: number }): Response {
  if (outcome.kind === "unknown-tablet") {
    return htmlResponse(
      403,
      messagePage({
        title: "This tablet is not enrolled",
        message: "This tablet is no longer enrolled to a ward, so it cannot take answers. Please ask a member of staff: a project lead can enrol it again from the ward's page.",
      }),
    );
  }
  return htmlResponse(
    429,
    messagePage({
      title: "This tablet cannot take more answers today",
      message: "This tablet has taken as many answers as it may in one day. Please try again tomorrow, or ask a member of staff for the survey's poster to answer on your own phone.",
    }),
    { "Retry-After": String(outcome.retryAfterSeconds) },
  );
}
