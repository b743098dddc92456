import type { FieldErrors } from "@/lib/http/fields";
import { surveyAssetVersion } from "@/lib/survey/assets";
import { asYesNo, escapeHtml, layout, question, thankYouContent } from "@/lib/survey/page";
import { NOT_SAVED_NOTICE } from "@/lib/survey/pages-http";
import { FORM_ERROR_TEXT, QUESTION_FELT_SAFE, QUESTION_RESPONDENT, QUESTION_SPEAK_UP, RESPONDENT_LABELS, SURVEY_INTRODUCTION } from "@/lib/survey/wording";

// The ward tablet's kiosk screen, /k: the survey's own wording and markup (lib/survey/page), with
// larger targets and no way off the page. It is plain HTML like the phone survey, so it works with
// JavaScript off (the form posts to /k/answers); with JavaScript (public/kiosk.js, built from
// lib/survey/tablets/kiosk-client.ts) the page is kept by a service worker, so it opens without a network,
// and every answer is queued on the tablet until the server has it.
//
// The page holds nothing about anyone who answered: the same HTML is served (and cached) for every
// person, and the submission key in it is only for the no-JavaScript post.

export type KioskWard = { wardName: string; surveyCode: string; charterContact: string };

// The tablet may still be holding the answers until the Wi-Fi is back: it says "taken", not "sent".
const KIOSK_THANKS = "Thank you, your answers have been taken";

const yesNo: [string, string][] = [
  ["yes", "Yes"],
  ["no", "No"],
];

/** After a no-JavaScript post was refused: what was wrong, what was chosen, and whether nothing could be saved. */
export type KioskFormState = { errors?: FieldErrors; values?: Record<string, unknown>; notice?: boolean };

export function kioskPage(ward: KioskWard, submissionKey: string, state: KioskFormState = {}): string {
  const version = surveyAssetVersion();
  const errors = Object.keys(state.errors ?? {}).filter((field) => field in FORM_ERROR_TEXT);
  const values = state.values ?? {};
  const selected = (name: string) => {
    const value = values[name];
    return typeof value === "string" ? value : asYesNo(value);
  };
  const error = (name: string) => (errors.includes(name) ? FORM_ERROR_TEXT[name] : undefined);
  // The script fills the same summary when it finds an answer missing (it may be offline).
  const body = `${state.notice ? `<div class="notice" role="alert">${escapeHtml(NOT_SAVED_NOTICE)}</div>\n` : ""}<div data-kiosk-survey>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary" data-kiosk-errors${errors.length ? "" : " hidden"}>
<h2 id="error-summary-title">There is a problem</h2>
<ul>${errors.map((field) => `<li><a href="#${field}-${field === "respondent" ? "service_user" : "yes"}">${escapeHtml(FORM_ERROR_TEXT[field] ?? "")}</a></li>`).join("")}</ul>
</div>
<h1 tabindex="-1" data-kiosk-heading><span class="caption">Survey for</span> ${escapeHtml(ward.wardName)}</h1>
<p class="intro">${escapeHtml(SURVEY_INTRODUCTION)}</p>
<form method="post" action="/k/answers" novalidate autocomplete="off" data-kiosk-form data-ward="${escapeHtml(ward.surveyCode)}" data-worker="/kiosk-sw.js?v=${version}">
<input type="hidden" name="submissionKey" value="${escapeHtml(submissionKey)}">
${question({ name: "respondent", legend: QUESTION_RESPONDENT, choices: [["service_user", RESPONDENT_LABELS.service_user], ["staff", RESPONDENT_LABELS.staff]], selected: selected("respondent"), error: error("respondent"), required: true })}
${question({ name: "feltSafe", legend: QUESTION_FELT_SAFE, choices: yesNo, selected: selected("feltSafe"), error: error("feltSafe"), required: true })}
${question({ name: "ableToSpeakUp", legend: QUESTION_SPEAK_UP, hint: "You can leave this question blank.", choices: yesNo, selected: selected("ableToSpeakUp"), error: error("ableToSpeakUp"), required: false })}
<button type="submit" class="button">Send my answers</button>
</form>
</div>
<section data-kiosk-thanks hidden tabindex="-1" aria-labelledby="thanks-heading">
${thankYouContent(ward, { callLinks: false, heading: KIOSK_THANKS, headingId: "thanks-heading" })}
<p class="kiosk-next">The survey will start again for the next person in a few seconds.</p>
</section>
<div class="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="idle-heading" aria-describedby="idle-text" data-kiosk-idle hidden>
<h2 id="idle-heading">Are you still there?</h2>
<p id="idle-text">Your answers will be cleared in <span data-idle-seconds>20</span> seconds, so that the next person does not see them.</p>
<button type="button" class="button" data-more-time>I need more time</button>
</div>
<p class="kiosk-staff" role="status" aria-live="polite" data-kiosk-queue></p>`;
  return layout(`${errors.length || state.notice ? "Error: " : ""}Survey for ${ward.wardName}`, body, { scripts: ["/kiosk.js"], bodyClass: "kiosk" });
}

/** After a no-JavaScript post: thank-you, then back to an empty form after 8 seconds. */
export function kioskThanksPage(ward: KioskWard): string {
  const body = `${thankYouContent(ward, { callLinks: false, heading: KIOSK_THANKS })}
<p class="kiosk-next">The survey will start again for the next person in a few seconds. <a href="/k">Start again now</a></p>`;
  // The refresh is the kiosk's purpose (the next person must get an empty form); it only ever
  // goes back to the empty survey.
  return layout(`Thank you — ${ward.wardName}`, body, { bodyClass: "kiosk", head: '\n<meta http-equiv="refresh" content="8;url=/k">' });
}

export function enrolConfirmPage(opts: { wardName: string; tabletName: string; token: string }): string {
  const body = `<h1>Enrol this tablet for ${escapeHtml(opts.wardName)}</h1>
<p>This tablet will become <strong>${escapeHtml(opts.tabletName)}</strong>, the ward survey kiosk for ${escapeHtml(opts.wardName)}. Anyone on the ward can then answer the survey on it, even when the Wi-Fi is down.</p>
<p>Only do this on the ward's own tablet. A project lead can revoke it from the ward's page at any time.</p>
<form method="post" action="/k/enrol/${encodeURIComponent(opts.token)}">
<button type="submit" class="button">Enrol this tablet</button>
</form>`;
  return layout(`Enrol a tablet for ${opts.wardName}`, body);
}
