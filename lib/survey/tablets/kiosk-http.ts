import { randomUUID } from "node:crypto";
import { DATABASE_RETRY_AFTER_SECONDS, isUnavailable, unlessDatabaseDown } from "@/lib/db/availability";
import { env } from "@/lib/env";
import { fieldErrors } from "@/lib/http/fields";
import { ENGLISH_STANDARD, fill, instrumentFor, type Instrument } from "@/lib/survey/instrument";
import { htmlResponse, messagePage, type PageWard } from "@/lib/survey/page";
import { tabletRefusal } from "@/lib/survey/pages-http";
import { answerFromForm } from "@/lib/survey/schema";
import { readSurveyBody, submitSurveyAnswer } from "@/lib/survey/submit-http";
import { enrolConfirmPage, kioskPage, kioskThanksPage } from "./kiosk-page";
import {
  TABLET_COOKIE,
  TABLET_COOKIE_MAX_AGE_SECONDS,
  completeEnrolment,
  pendingEnrolment,
  queueReportSchema,
  recordQueueReport,
  tabletByCredential,
  tabletCredentialOf,
  type TabletWard,
} from "./tablets";

// The ward tablet's pages: /k (the kiosk), /k/answers (its no-JavaScript post), /k/thanks,
// /k/status (the tablet reports its queue) and /k/enrol/<token> (a one-time enrolment link).
// Each route handler under app/k only calls one of these.

const RETRY_AFTER = { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) };

// The kiosk never leads anywhere else, so the help on its pages has plain numbers, not call links.
const kioskMessage = (status: number, instrument: Instrument, title: string, message: string, ward: PageWard | null, headers: Record<string, string> = {}) =>
  htmlResponse(status, messagePage({ instrument, title, message, ward, callLinks: false, bodyClass: "kiosk" }), headers);

// Read by whoever set the tablet up, so in the staff's words.
const NOT_ENROLLED = () =>
  kioskMessage(
    403,
    ENGLISH_STANDARD,
    "This tablet is not enrolled",
    "This is the ward survey kiosk, but this tablet is not enrolled to a ward (or it has been revoked). A project lead can enrol it from the ward's page in Wardsafe: choose Enrol a tablet, then open the link on this tablet.",
    null,
  );

const UNAVAILABLE = (instrument: Instrument = ENGLISH_STANDARD) =>
  kioskMessage(503, instrument, instrument.texts.unavailableTitle, instrument.texts.unavailableMessage, null, RETRY_AFTER);

const CLOSED = (tablet: TabletWard) => {
  const instrument = kioskInstrument(tablet);
  return kioskMessage(410, instrument, instrument.texts.closedTitle, fill(instrument.texts.closedMessage, { ward: tablet.wardName }), kioskWard(tablet));
};

const kioskInstrument = (tablet: TabletWard) => instrumentFor({ wardDefault: tablet.surveyFormat });

const TOO_LARGE = (instrument: Instrument) => kioskMessage(413, instrument, instrument.texts.formOnlyTitle, instrument.texts.tooLargeMessage, null);

/** The tablet's ward, or the page that says why there is none. */
async function tabletOrPage(request: Request): Promise<TabletWard | Response> {
  const tablet = await unlessDatabaseDown(() => tabletByCredential(tabletCredentialOf(request.headers)));
  if (isUnavailable(tablet)) return UNAVAILABLE();
  if (!tablet) return NOT_ENROLLED();
  if (!tablet.active) return CLOSED(tablet);
  return tablet;
}

const kioskWard = (tablet: TabletWard) => ({ wardName: tablet.wardName, surveyCode: tablet.surveyCode, charterContact: tablet.charterContact });

export async function showKiosk(request: Request): Promise<Response> {
  const tablet = await tabletOrPage(request);
  if (tablet instanceof Response) return tablet;
  // Opening the kiosk counts as the tablet being seen today; the queue figure comes with its next report.
  await unlessDatabaseDown(() => recordQueueReport(tablet.tabletId, null));
  // As the phone form: a new visit asks again (a fresh key for the no-JavaScript post); the service
  // worker keeps its own copy for when there is no network.
  return htmlResponse(200, kioskPage(kioskWard(tablet), randomUUID(), {}, kioskInstrument(tablet)), { "Cache-Control": "private, no-cache" });
}

export async function showKioskThanks(request: Request): Promise<Response> {
  const tablet = await tabletOrPage(request);
  if (tablet instanceof Response) return tablet;
  return htmlResponse(200, kioskThanksPage(kioskWard(tablet), kioskInstrument(tablet)));
}

/** The kiosk's form without JavaScript: stored at once (the page cannot queue), then the thank-you. */
export async function takeKioskForm(request: Request): Promise<Response> {
  const tablet = await tabletOrPage(request);
  if (tablet instanceof Response) return tablet;
  const instrument = kioskInstrument(tablet);
  const body = await readSurveyBody(request);
  if (typeof body !== "string") return TOO_LARGE(instrument);
  const input = answerFromForm(tablet.surveyCode, new URLSearchParams(body));
  const outcome = await submitSurveyAnswer(request, input);
  switch (outcome.kind) {
    case "recorded":
    case "duplicate":
    case "held":
      return new Response(null, { status: 303, headers: { Location: "/k/thanks", "Cache-Control": "no-store" } });
    case "invalid":
      // Same markup as the phone form's refusal, on the kiosk's own page.
      return htmlResponse(400, kioskPage(kioskWard(tablet), keyOf(input), { errors: outcome.fields, values: input as Record<string, unknown> }, instrument));
    case "unavailable":
      return htmlResponse(503, kioskPage(kioskWard(tablet), keyOf(input), { values: input as Record<string, unknown>, notice: true }, instrument), RETRY_AFTER);
    case "unknown-tablet":
    case "tablet-limit":
      return tabletRefusal(outcome, instrument);
    case "unknown-ward":
    case "moved-ward":
    case "inactive-ward":
      return CLOSED(tablet);
    case "too-large":
      return TOO_LARGE(instrument);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const keyOf = (input: unknown) => {
  const key = (input as { submissionKey?: unknown }).submissionKey;
  return typeof key === "string" && UUID.test(key) ? key : randomUUID();
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** POST /k/status {waiting, oldestOn}: what the tablet holds unsent, for the ward's page. */
export async function takeQueueReport(request: Request): Promise<Response> {
  const body = await readSurveyBody(request);
  if (typeof body !== "string") return json(413, { error: "The request body is larger than 4 KB" });
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return json(400, { error: "The body is not valid JSON", fields: { body: "Not valid JSON" } });
  }
  const parsed = queueReportSchema.safeParse(input);
  if (!parsed.success) return json(400, { error: "The report is not valid", fields: fieldErrors(parsed.error) });
  const done = await unlessDatabaseDown(async () => {
    const tablet = await tabletByCredential(tabletCredentialOf(request.headers));
    if (!tablet) return false;
    await recordQueueReport(tablet.tabletId, parsed.data);
    return true;
  });
  if (isUnavailable(done)) return json(503, { error: "unavailable" }, RETRY_AFTER);
  if (!done) return json(403, { error: "This ward tablet is not enrolled, or it has been revoked", fields: { tablet: "Not an enrolled ward tablet" } });
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

const LINK_GONE = () =>
  htmlResponse(
    410,
    messagePage({
      title: "This enrolment link cannot be used",
      message: "This link has been used already, or it is more than 15 minutes old. Make a new one on the ward's page in Wardsafe (Enrol a tablet), and open it on the tablet.",
    }),
  );

/** GET /k/enrol/<token>: what the link is for, and a button (a link preview must not use it up). */
export async function showEnrolment(token: string): Promise<Response> {
  const pending = await unlessDatabaseDown(() => pendingEnrolment(token));
  if (isUnavailable(pending)) return UNAVAILABLE();
  if (!pending) return LINK_GONE();
  return htmlResponse(200, enrolConfirmPage({ ...pending, token }));
}

/** POST /k/enrol/<token>: the tablet takes its credential and goes to the kiosk. */
export async function takeEnrolment(request: Request, token: string): Promise<Response> {
  const enrolled = await unlessDatabaseDown(() => completeEnrolment(token));
  if (isUnavailable(enrolled)) return UNAVAILABLE();
  if (!enrolled) return LINK_GONE();
  const secure = (env().PUBLIC_BASE_URL ?? request.url).startsWith("https:");
  const cookie = [
    `${TABLET_COOKIE}=${enrolled.credential}`,
    "Path=/",
    `Max-Age=${TABLET_COOKIE_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
  return new Response(null, { status: 303, headers: { Location: "/k", "Set-Cookie": cookie, "Cache-Control": "no-store" } });
}
