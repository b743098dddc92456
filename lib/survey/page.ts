import type { FieldErrors } from "@/lib/http/fields";
import { surveyAssetVersion } from "./assets";
import {
  NATIONAL_HELPLINES,
  QUESTION_FELT_SAFE,
  QUESTION_RESPONDENT,
  QUESTION_SPEAK_UP,
  RESPONDENT_LABELS,
  SURVEY_INTRODUCTION,
  THANK_YOU_TEXT,
  FORM_ERROR_TEXT,
} from "./wording";

// The patient-facing pages are plain server-rendered HTML with one small stylesheet and one small
// script, not React: they must load fast on a cheap phone on ward Wi-Fi and work with JavaScript
// off, and a page that needs no framework runtime does both. Everything interpolated is escaped.


export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** The page around every patient-facing screen; `scripts` are paths under public/ (versioned here). */
export function layout(title: string, body: string, { scripts = [], bodyClass, head = "" }: { scripts?: string[]; bodyClass?: string; head?: string } = {}): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/survey.css?v=${surveyAssetVersion()}">
${scripts.map((src) => `<script src="${src}?v=${surveyAssetVersion()}" defer></script>`).join("\n")}${head}
</head>
<body${bodyClass ? ` class="${bodyClass}"` : ""}>
<header class="banner"><span class="brand">Ward sexual safety survey</span></header>
<main id="main" class="page">
${body}
</main>
</body>
</html>`;
}

export type SurveyFormState = {
  respondent?: unknown;
  feltSafe?: unknown;
  ableToSpeakUp?: unknown;
};

function radio(name: string, value: string, label: string, checked: boolean, describedBy: string | undefined, required: boolean) {
  const id = `${name}-${value}`;
  // `required` on the radios (not aria-required on the fieldset, which a group may not carry) is
  // what screen readers announce; the form is novalidate so the server's error summary still leads.
  return `<div class="choice">
<input type="radio" id="${id}" name="${name}" value="${value}"${required ? " required" : ""}${checked ? " checked" : ""}${
    describedBy ? ` aria-describedby="${describedBy}"` : ""
  }>
<label for="${id}">${escapeHtml(label)}</label>
</div>`;
}

export function question(opts: {
  name: string;
  legend: string;
  hint?: string;
  choices: [string, string][];
  selected: string | undefined;
  error: string | undefined;
  required: boolean;
}) {
  const errorId = `${opts.name}-error`;
  const hintId = `${opts.name}-hint`;
  const describedBy = [opts.hint ? hintId : "", opts.error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return `<div class="question${opts.error ? " question--error" : ""}" id="${opts.name}">
<fieldset${opts.error ? ' aria-invalid="true"' : ""}>
<legend>${escapeHtml(opts.legend)}</legend>
${opts.hint ? `<p class="hint" id="${hintId}">${escapeHtml(opts.hint)}</p>` : ""}
${opts.error ? `<p class="error-message" id="${errorId}"><span class="visually-hidden">Error:</span> ${escapeHtml(opts.error)}</p>` : ""}
<div class="choices">
${opts.choices.map(([value, label]) => radio(opts.name, value, label, opts.selected === value, describedBy, opts.required)).join("\n")}
</div>
</fieldset>
</div>`;
}


export function asYesNo(value: unknown): string | undefined {
  return value === true ? "yes" : value === false ? "no" : undefined;
}

export function surveyFormPage(opts: {
  /** null when the ward could not be looked up (the database is unreachable). */
  wardName: string | null;
  wardCode: string;
  submissionKey: string;
  errors?: FieldErrors;
  values?: SurveyFormState;
  /** A message above the form, read out at once (the answers could not be saved). */
  notice?: string;
}): string {
  const errors = opts.errors ?? {};
  const errorFields = Object.keys(errors).filter((field) => field in FORM_ERROR_TEXT);
  // An error on a field the form does not have (a tampered post) still deserves a message.
  const otherError = Object.keys(errors).some((field) => !(field in FORM_ERROR_TEXT));
  const values = opts.values ?? {};
  const survey = `/s/${encodeURIComponent(opts.wardCode)}`;
  const summary =
    errorFields.length > 0 || otherError
      ? `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${errorFields.map((field) => `<li><a href="#${field}-${field === "respondent" ? "service_user" : "yes"}">${escapeHtml(FORM_ERROR_TEXT[field] ?? "")}</a></li>`).join("\n")}
${otherError ? "<li>Something in the form was not recognised; please answer the questions again.</li>" : ""}
</ul>
</div>`
      : "";
  const notice = opts.notice ? `<div class="notice" role="alert">${escapeHtml(opts.notice)}</div>\n` : "";
  const wardName = opts.wardName ?? "your ward";
  const body = `${notice}${summary}
<h1><span class="caption">Survey for</span> ${escapeHtml(wardName)}</h1>
<p class="intro">${escapeHtml(SURVEY_INTRODUCTION)}</p>
<form method="post" action="${survey}/answers" novalidate data-survey-form data-ward="${escapeHtml(opts.wardCode)}" data-thanks="${survey}/thanks">
<input type="hidden" name="submissionKey" value="${escapeHtml(opts.submissionKey)}">
${question({
  name: "respondent",
  legend: QUESTION_RESPONDENT,
  choices: [
    ["service_user", RESPONDENT_LABELS.service_user],
    ["staff", RESPONDENT_LABELS.staff],
  ],
  selected: typeof values.respondent === "string" ? values.respondent : undefined,
  error: errors.respondent ? FORM_ERROR_TEXT.respondent : undefined,
  required: true,
})}
${question({
  name: "feltSafe",
  legend: QUESTION_FELT_SAFE,
  choices: [
    ["yes", "Yes"],
    ["no", "No"],
  ],
  selected: asYesNo(values.feltSafe),
  error: errors.feltSafe ? FORM_ERROR_TEXT.feltSafe : undefined,
  required: true,
})}
${question({
  name: "ableToSpeakUp",
  legend: QUESTION_SPEAK_UP,
  hint: "You can leave this question blank.",
  choices: [
    ["yes", "Yes"],
    ["no", "No"],
  ],
  selected: asYesNo(values.ableToSpeakUp),
  error: errors.ableToSpeakUp ? FORM_ERROR_TEXT.ableToSpeakUp : undefined,
  required: false,
})}
<p class="status" role="status" aria-live="polite" data-status></p>
<button type="submit" class="button">Send my answers</button>
</form>`;
  return layout(`${errorFields.length || otherError || opts.notice ? "Error: " : ""}Survey for ${wardName}`, body, { scripts: ["/survey.js"] });
}

/**
 * The thank-you words, the ward's charter contact and the national helplines. On a ward tablet the
 * helplines are plain text, not call links: the kiosk never leads anywhere else.
 */
export function thankYouContent(
  opts: { wardName: string; charterContact: string },
  { callLinks = true, heading = "Thank you, your answers have been sent", headingId }: { callLinks?: boolean; heading?: string; headingId?: string } = {},
): string {
  const contact = opts.charterContact.trim();
  return `<h1${headingId ? ` id="${headingId}"` : ""}>${escapeHtml(heading)}</h1>
<p>${escapeHtml(THANK_YOU_TEXT)}</p>
${
  contact
    ? `<section class="panel" aria-labelledby="ward-contact"><h2 id="ward-contact">Contacts for ${escapeHtml(opts.wardName)}</h2>
<p class="contact">${escapeHtml(contact)}</p></section>`
    : ""
}
<section class="panel" aria-labelledby="helplines"><h2 id="helplines">National helplines</h2>
<ul class="helplines">
${NATIONAL_HELPLINES.map(
  (line) =>
    `<li><span class="helpline-name">${escapeHtml(line.name)}</span> ${
      callLinks ? `<a href="tel:${line.phone.replaceAll(" ", "")}">${escapeHtml(line.phone)}</a>` : `<span class="helpline-phone">${escapeHtml(line.phone)}</span>`
    }</li>`,
).join("\n")}
</ul></section>`;
}

export function thankYouPage(opts: { wardName: string; charterContact: string }): string {
  return layout(`Thank you — ${opts.wardName}`, thankYouContent(opts));
}

export function messagePage(opts: { title: string; message: string }): string {
  return layout(opts.title, `<h1>${escapeHtml(opts.title)}</h1>\n<p>${escapeHtml(opts.message)}</p>`);
}

export const SURVEY_PAGE_HEADERS: Record<string, string> = {
  "Content-Type": "text/html; charset=utf-8",
  // Answers, refusals and thank-yous are never kept; the empty form says otherwise itself
  // (lib/survey/pages-http.ts, FRESH_FORM_CACHING).
  "Cache-Control": "no-store",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

export function htmlResponse(status: number, html: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(html, { status, headers: { ...SURVEY_PAGE_HEADERS, ...extraHeaders } });
}
