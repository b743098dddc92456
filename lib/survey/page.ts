import type { FieldErrors } from "@/lib/http/fields";
import { surveyAssetVersion } from "./assets";
import { ENGLISH_NAME, ENGLISH_STANDARD, fill, type Instrument, type InstrumentKey, type SurveyFormat, type SurveyLanguage } from "./instrument";
import { phoneNumberParts, telHref } from "./phone-links";
import { NATIONAL_HELPLINES } from "./wording";

// The patient-facing pages are plain server-rendered HTML with one small stylesheet and one small
// script, not React: they must load fast on a cheap phone on ward Wi-Fi and work with JavaScript
// off, and a page that needs no framework runtime does both. Everything interpolated is escaped.
// Every word comes from an Instrument (lib/survey/instrument): one per language and format.

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** The ward a page is about, when it is known (it is not while the database is down). */
export type PageWard = { wardName: string; charterContact: string };

type LayoutOptions = {
  /** Paths under public/, versioned here. */
  scripts?: string[];
  bodyClass?: string;
  head?: string;
  /** The link to the other format, at the top of survey pages: where it goes. */
  formatSwitch?: string;
  /** The languages to offer at the top of survey pages, each a plain link in its own name. */
  languageLinks?: LanguageLink[];
};

export type LanguageLink = { href: string; lang: string; dir: "ltr" | "rtl"; ownName: string; current: boolean };

/**
 * Each language in its own name and script, marked with its own lang and dir so a screen reader
 * says it in that language; the page's own language is the current one.
 */
function languageNav(instrument: Instrument, links: LanguageLink[]): string {
  if (links.length < 2) return "";
  return `<nav class="languages" aria-label="${escapeHtml(instrument.texts.languagesLabel)}"><ul>
${links
  .map(
    (link) =>
      `<li><a href="${escapeHtml(link.href)}" lang="${escapeHtml(link.lang)}" hreflang="${escapeHtml(link.lang)}" dir="${link.dir}"${link.current ? ' aria-current="true"' : ""}>${escapeHtml(link.ownName)}</a></li>`,
  )
  .join("\n")}
</ul></nav>`;
}

/** The page around every patient-facing screen, in the instrument's language and direction (set, never guessed). */
export function layout(instrument: Instrument, title: string, body: string, { scripts = [], bodyClass, head = "", formatSwitch, languageLinks = [] }: LayoutOptions = {}): string {
  const classes = [bodyClass, instrument.format === "easy-read" ? "easy-read" : ""].filter(Boolean).join(" ");
  const other: InstrumentKey = instrument.format === "easy-read" ? "standardLink" : "easyReadLink";
  return `<!doctype html>
<html lang="${escapeHtml(instrument.lang)}" dir="${instrument.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/survey.css?v=${surveyAssetVersion()}">
${scripts.map((src) => `<script src="${src}?v=${surveyAssetVersion()}" defer></script>`).join("\n")}${head}
</head>
<body${classes ? ` class="${classes}"` : ""}>
<header class="banner"><span class="brand">${escapeHtml(instrument.texts.brand)}</span>${
    formatSwitch ? `<a class="format-switch" href="${escapeHtml(formatSwitch)}">${escapeHtml(instrument.texts[other])}</a>` : ""
  }${languageNav(instrument, languageLinks)}</header>
<main id="main" class="page">
${body}
</main>
</body>
</html>`;
}

/** An easy-read picture: beside text that says the same, so it is decorative to a screen reader. */
const picture = (name: string) => `<img class="picture" src="/easy-read/${name}.svg?v=${surveyAssetVersion()}" alt="" width="64" height="64">`;

export type SurveyFormState = {
  respondent?: unknown;
  feltSafe?: unknown;
  ableToSpeakUp?: unknown;
};

function radio(name: string, value: string, label: string, checked: boolean, describedBy: string | undefined, required: boolean, image: string) {
  const id = `${name}-${value}`;
  // `required` on the radios (not aria-required on the fieldset, which a group may not carry) is
  // what screen readers announce; the form is novalidate so the server's error summary still leads.
  return `<div class="choice">
<input type="radio" id="${id}" name="${name}" value="${value}"${required ? " required" : ""}${checked ? " checked" : ""}${
    describedBy ? ` aria-describedby="${describedBy}"` : ""
  }>
<label for="${id}">${image}${escapeHtml(label)}</label>
</div>`;
}

function question(opts: {
  name: string;
  legend: string;
  hint?: string;
  choices: [value: string, label: string, picture: string][];
  selected: string | undefined;
  error: string | undefined;
  /** What the error says when a script finds the question unanswered (the kiosk offline). */
  errorText: string;
  errorPrefix: string;
  listen: string;
  required: boolean;
  picture?: string;
}) {
  const errorId = `${opts.name}-error`;
  const hintId = `${opts.name}-hint`;
  const describedBy = [opts.hint ? hintId : "", opts.error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  // data-listen: the read-aloud button's word, for the script that adds it when the device has a voice.
  return `<div class="question${opts.error ? " question--error" : ""}" id="${opts.name}" data-error-text="${escapeHtml(opts.errorText)}" data-listen="${escapeHtml(opts.listen)}">
<fieldset${opts.error ? ' aria-invalid="true"' : ""}>
<legend id="${opts.name}-legend">${opts.picture ?? ""}${escapeHtml(opts.legend)}</legend>
${opts.hint ? `<p class="hint" id="${hintId}">${escapeHtml(opts.hint)}</p>` : ""}
${opts.error ? `<p class="error-message" id="${errorId}"><span class="visually-hidden">${escapeHtml(opts.errorPrefix)}</span> ${escapeHtml(opts.error)}</p>` : ""}
<div class="choices">
${opts.choices.map(([value, label, image]) => radio(opts.name, value, label, opts.selected === value, describedBy, opts.required, image)).join("\n")}
</div>
</fieldset>
</div>`;
}

export function asYesNo(value: unknown): string | undefined {
  return value === true ? "yes" : value === false ? "no" : undefined;
}

/** The questions' error texts by field: what to do, not what went wrong. */
export function formErrorText(instrument: Instrument): Record<string, string> {
  return { respondent: instrument.texts.errorRespondent, feltSafe: instrument.texts.errorFeltSafe, ableToSpeakUp: instrument.texts.errorSpeakUp };
}

/** The fields with errors the form can show, and whether something else was wrong (a tampered post). */
export function formErrors(instrument: Instrument, errors: FieldErrors | undefined): { fields: string[]; other: boolean } {
  const known = formErrorText(instrument);
  const names = Object.keys(errors ?? {});
  return { fields: names.filter((field) => field in known), other: names.some((field) => !(field in known)) };
}

/** The error summary above the form; `alwaysThere` keeps it in the page, hidden, for a script to fill. */
export function errorSummary(instrument: Instrument, errors: { fields: string[]; other: boolean }, { alwaysThere = false }: { alwaysThere?: boolean } = {}): string {
  const shown = errors.fields.length > 0 || errors.other;
  if (!shown && !alwaysThere) return "";
  const text = formErrorText(instrument);
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary"${alwaysThere ? " data-kiosk-errors" : ""}${shown ? "" : " hidden"}>
<h2 id="error-summary-title">${escapeHtml(instrument.texts.errorSummaryTitle)}</h2>
<ul>
${errors.fields.map((field) => `<li><a href="#${field}-${field === "respondent" ? "service_user" : "yes"}">${escapeHtml(text[field] ?? "")}</a></li>`).join("\n")}
${errors.other ? `<li>${escapeHtml(instrument.texts.errorUnrecognised)}</li>` : ""}
</ul>
</div>`;
}

/** The three questions, the same on the phone and the kiosk, in every format and language. */
export function surveyQuestions(instrument: Instrument, values: SurveyFormState = {}, errorFields: string[] = []): string {
  const t = instrument.texts;
  const pictures = instrument.format === "easy-read";
  const pic = (name: string) => (pictures ? picture(name) : "");
  const yesNo: [string, string, string][] = [
    ["yes", t.yes, pic("tick")],
    ["no", t.no, pic("cross")],
  ];
  const text = formErrorText(instrument);
  const error = (field: string) => (errorFields.includes(field) ? text[field] : undefined);
  const selected = (value: unknown) => (typeof value === "string" ? value : asYesNo(value));
  return `${question({
    name: "respondent",
    legend: t.respondentQuestion,
    choices: [
      ["service_user", t.respondentServiceUser, pic("service-user")],
      ["staff", t.respondentStaff, pic("staff")],
    ],
    selected: selected(values.respondent),
    error: error("respondent"),
    errorText: text.respondent!,
    errorPrefix: t.errorPrefix,
    listen: t.listen,
    required: true,
  })}
${question({ name: "feltSafe", legend: t.feltSafeQuestion, choices: yesNo, selected: selected(values.feltSafe), error: error("feltSafe"), errorText: text.feltSafe!, errorPrefix: t.errorPrefix, listen: t.listen, required: true, picture: pic("safe") })}
${question({
  name: "ableToSpeakUp",
  legend: t.speakUpQuestion,
  hint: t.speakUpHint,
  choices: yesNo,
  selected: selected(values.ableToSpeakUp),
  error: error("ableToSpeakUp"),
  errorText: text.ableToSpeakUp!,
  errorPrefix: t.errorPrefix,
  listen: t.listen,
  required: false,
  picture: pic("speak"),
})}`;
}

/** The heading of a survey page: the ward's name (or "your ward" while it cannot be looked up). */
export function surveyHeading(instrument: Instrument, wardName: string, attributes = ""): string {
  return `<h1${attributes}><span class="caption">${escapeHtml(instrument.texts.surveyFor)}</span> ${escapeHtml(wardName)}</h1>
<p class="intro">${instrument.format === "easy-read" ? picture("ward") : ""}${escapeHtml(instrument.texts.introduction)}</p>`;
}

/** What the person chose on the survey: a format, a language (only a switched-on one is kept). */
export type SurveyChoice = { format?: SurveyFormat; lang?: string };

/** `?format=` and `?lang=` for what the person chose, so the next page keeps it; nothing when they chose nothing. */
export function choiceQuery(choice: SurveyChoice): string {
  const query = new URLSearchParams();
  if (choice.format) query.set("format", choice.format);
  if (choice.lang) query.set("lang", choice.lang);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** English and every switched-on language, as links to this survey in each. */
export function languageLinks(survey: string, instrument: Instrument, languages: readonly SurveyLanguage[]): LanguageLink[] {
  return [
    { href: survey, lang: ENGLISH_NAME.code, dir: "ltr", ownName: ENGLISH_NAME.ownName, current: instrument.lang === ENGLISH_NAME.code },
    ...languages.map((language): LanguageLink => ({
      href: `${survey}${choiceQuery({ lang: language.code })}`,
      lang: language.code,
      dir: language.dir,
      ownName: language.ownName,
      current: instrument.lang === language.code,
    })),
  ];
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
  instrument?: Instrument;
  /** What the person picked (a link, ?format=, ?lang=), kept through the post and the thank-you page. */
  choice?: SurveyChoice;
  /** The languages switched on, offered at the top of the page. */
  languages?: readonly SurveyLanguage[];
  /** The ward's charter contact, for the help at the foot of the page. */
  charterContact?: string;
}): string {
  const choice = opts.choice ?? {};
  const instrument = opts.instrument ?? ENGLISH_STANDARD;
  const t = instrument.texts;
  const errors = formErrors(instrument, opts.errors);
  const survey = `/s/${encodeURIComponent(opts.wardCode)}`;
  const notice = opts.notice ? `<div class="notice" role="alert">${escapeHtml(opts.notice)}</div>\n` : "";
  const wardName = opts.wardName ?? "your ward";
  const body = `${notice}${errorSummary(instrument, errors)}
${surveyHeading(instrument, wardName)}
<form method="post" action="${survey}/answers" novalidate data-survey-form data-ward="${escapeHtml(opts.wardCode)}" data-thanks="${survey}/thanks${escapeHtml(choiceQuery(choice))}">
<input type="hidden" name="submissionKey" value="${escapeHtml(opts.submissionKey)}">
${choice.format ? `<input type="hidden" name="format" value="${choice.format}">\n` : ""}${choice.lang ? `<input type="hidden" name="lang" value="${escapeHtml(choice.lang)}">\n` : ""}${surveyQuestions(instrument, opts.values, errors.fields)}
<p class="status" role="status" aria-live="polite" data-status data-sending="${escapeHtml(t.statusSending)}" data-not-sent="${escapeHtml(t.statusNotSent)}" data-trying="${escapeHtml(t.statusTryingAgain)}" data-sent="${escapeHtml(t.statusSent)}"></p>
<button type="submit" class="button">${escapeHtml(t.send)}</button>
</form>
${helpContent(instrument, opts.wardName === null ? null : { wardName, charterContact: opts.charterContact ?? "" })}`;
  const otherFormat = instrument.format === "easy-read" ? "standard" : "easy-read";
  return layout(instrument, `${errors.fields.length || errors.other || opts.notice ? `${t.errorPrefix} ` : ""}${t.surveyFor} ${wardName}`, body, {
    scripts: ["/survey.js"],
    formatSwitch: `${survey}?format=${otherFormat}`,
    languageLinks: languageLinks(survey, instrument, opts.languages ?? []),
  });
}

/** Free text with its phone numbers as call links (or, on a kiosk, as plain bold numbers), escaped. */
export function withPhoneLinks(text: string, callLinks: boolean): string {
  return phoneNumberParts(text)
    .map((part) =>
      !part.phone
        ? escapeHtml(part.text)
        : callLinks
          ? `<a href="${telHref(part.text)}">${escapeHtml(part.text)}</a>`
          : `<span class="helpline-phone">${escapeHtml(part.text)}</span>`,
    )
    .join("");
}

/**
 * The help on every patient-facing page: the ward's charter contact when the ward is known, and
 * the national helplines. Numbers are call links on a phone; on a ward tablet they are plain text,
 * because the kiosk never leads anywhere else.
 */
export function helpContent(instrument: Instrument, ward: PageWard | null, { callLinks = true }: { callLinks?: boolean } = {}): string {
  const t = instrument.texts;
  const contact = ward?.charterContact.trim() ?? "";
  return `${
    ward && contact
      ? `<section class="panel" aria-labelledby="ward-contact"><h2 id="ward-contact">${escapeHtml(fill(t.wardContactsHeading, { ward: ward.wardName }))}</h2>
<p class="contact">${withPhoneLinks(contact, callLinks)}</p></section>
`
      : ""
  }<section class="panel" aria-labelledby="helplines"><h2 id="helplines">${escapeHtml(t.helplinesHeading)}</h2>
<p>${escapeHtml(t.helplinesText)}</p>
<ul class="helplines">
${NATIONAL_HELPLINES.map((line) => `<li><span class="helpline-name">${escapeHtml(line.name)}</span> ${withPhoneLinks(line.phone, callLinks)}</li>`).join("\n")}
</ul></section>`;
}

/**
 * The thank-you screen. What to do if in danger now comes first, on every thank-you page whatever
 * was answered: a page that changed after "No" would tell the next person to pick up the phone
 * (or glance at the tablet) how this person answered.
 */
export function thankYouContent(
  instrument: Instrument,
  ward: PageWard,
  { callLinks = true, heading, headingId }: { callLinks?: boolean; heading?: string; headingId?: string } = {},
): string {
  const t = instrument.texts;
  return `<h1${headingId ? ` id="${headingId}"` : ""}>${escapeHtml(heading ?? t.thankYouHeading)}</h1>
<section class="panel panel--urgent" aria-labelledby="danger-now"><h2 id="danger-now">${escapeHtml(t.dangerHeading)}</h2>
<p>${withPhoneLinks(t.dangerText, callLinks)}</p>
<p>${escapeHtml(t.confidenceText)}</p></section>
<p>${escapeHtml(t.thankYouText)}</p>
${helpContent(instrument, ward, { callLinks })}`;
}

export function thankYouPage(ward: PageWard, instrument: Instrument = ENGLISH_STANDARD): string {
  return layout(instrument, `${instrument.texts.thankYouHeading} — ${ward.wardName}`, thankYouContent(instrument, ward));
}

/** A page that only says something (not found, closed, unavailable), with the help every patient-facing page carries. */
export function messagePage(opts: { title: string; message: string; ward?: PageWard | null; instrument?: Instrument; callLinks?: boolean; bodyClass?: string }): string {
  const instrument = opts.instrument ?? ENGLISH_STANDARD;
  return layout(
    instrument,
    opts.title,
    `<h1>${escapeHtml(opts.title)}</h1>\n<p>${escapeHtml(opts.message)}</p>\n${helpContent(instrument, opts.ward ?? null, { callLinks: opts.callLinks ?? true })}`,
    { bodyClass: opts.bodyClass },
  );
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
