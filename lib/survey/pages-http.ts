import { randomUUID } from "node:crypto";
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
  );
}

export async function showSurvey(code: string): Promise<Response> {
  const ward = await wardOrError(code);
  return ward instanceof Response ? ward : formPage(ward, 200);
}

export async function showThankYou(code: string): Promise<Response> {
  // Someone who answered just before the code was rotated still gets their thank-you page.
  const ward = (await findSurveyWard(code)) ?? (await findMovedWard(code));
  if (!ward) return UNKNOWN_WARD();
  return htmlResponse(200, thankYouPage({ wardName: ward.name, charterContact: ward.charterContact }));
}

export async function takeFormSubmission(request: Request, code: string): Promise<Response> {
  const ward = await wardOrError(code);
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
  const outcome = await submitSurveyAnswer(request, input);
  switch (outcome.kind) {
    case "recorded":
    case "duplicate":
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
    case "rate-limited":
      return htmlResponse(
        429,
        messagePage({
          title: "Please try again later",
          message: "Many answers have been sent from this device for this ward recently. Please try again in a while.",
        }),
        { "Retry-After": String(outcome.retryAfterSeconds) },
      );
    case "too-large":
      return htmlResponse(413, messagePage({ title: "Please use the survey form", message: "The answers sent were too large." }));
  }
}
