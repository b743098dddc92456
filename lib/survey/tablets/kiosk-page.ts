import type { FieldErrors } from "@/lib/http/fields";
import { surveyAssetVersion } from "@/lib/survey/assets";
import { ENGLISH_STANDARD, type Instrument } from "@/lib/survey/instrument";
import { errorSummary, escapeHtml, formErrors, layout, surveyHeading, surveyQuestions, thankYouContent } from "@/lib/survey/page";

// The ward tablet's kiosk screen, /k: the survey's own wording and markup (lib/survey/page), with
// larger targets and no way off the page. It is plain HTML like the phone survey, so it works with
// JavaScript off (the form posts to /k/answers); with JavaScript (public/kiosk.js, built from
// lib/survey/tablets/kiosk-client.ts) the page is kept by a service worker, so it opens without a network,
// and every answer is queued on the tablet until the server has it.
//
// The page holds nothing about anyone who answered: the same HTML is served (and cached) for every
// person, and the submission key in it is only for the no-JavaScript post.

export type KioskWard = { wardName: string; surveyCode: string; charterContact: string };

/** After a no-JavaScript post was refused: what was wrong, what was chosen, and whether nothing could be saved. */
export type KioskFormState = { errors?: FieldErrors; values?: Record<string, unknown>; notice?: boolean };

export function kioskPage(ward: KioskWard, submissionKey: string, state: KioskFormState = {}, instrument: Instrument = ENGLISH_STANDARD): string {
  const version = surveyAssetVersion();
  const t = instrument.texts;
  const errors = formErrors(instrument, state.errors);
  // The script fills the same summary when it finds an answer missing (it may be offline), from
  // each question's data-error-text.
  const body = `${state.notice ? `<div class="notice" role="alert">${escapeHtml(t.notSavedNotice)}</div>\n` : ""}<div data-kiosk-survey>
${errorSummary(instrument, { fields: errors.fields, other: false }, { alwaysThere: true })}
${surveyHeading(instrument, ward.wardName, " tabindex=\"-1\" data-kiosk-heading")}
<form method="post" action="/k/answers" novalidate autocomplete="off" data-kiosk-form data-ward="${escapeHtml(ward.surveyCode)}" data-worker="/kiosk-sw.js?v=${version}">
<input type="hidden" name="submissionKey" value="${escapeHtml(submissionKey)}">
${surveyQuestions(instrument, state.values ?? {}, errors.fields)}
<button type="submit" class="button">${escapeHtml(t.send)}</button>
</form>
</div>
<section data-kiosk-thanks hidden tabindex="-1" aria-labelledby="thanks-heading">
${thankYouContent(instrument, ward, { callLinks: false, heading: t.kioskThanksHeading, headingId: "thanks-heading" })}
<p class="kiosk-next">${escapeHtml(t.kioskNext)}</p>
</section>
<div class="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="idle-heading" aria-describedby="idle-text" data-kiosk-idle hidden>
<h2 id="idle-heading">${escapeHtml(t.kioskIdleHeading)}</h2>
<p id="idle-text">${escapeHtml(t.kioskIdleText).replace("{seconds}", "<span data-idle-seconds>20</span>")}</p>
<button type="button" class="button" data-more-time>${escapeHtml(t.kioskMoreTime)}</button>
</div>
<p class="kiosk-staff" role="status" aria-live="polite" data-kiosk-queue></p>`;
  return layout(instrument, `${errors.fields.length || state.notice ? `${t.errorPrefix} ` : ""}${t.surveyFor} ${ward.wardName}`, body, { scripts: ["/survey.js", "/kiosk.js"], bodyClass: "kiosk" });
}

/** After a no-JavaScript post: thank-you, then back to an empty form after 8 seconds. */
export function kioskThanksPage(ward: KioskWard, instrument: Instrument = ENGLISH_STANDARD): string {
  const t = instrument.texts;
  const body = `${thankYouContent(instrument, ward, { callLinks: false, heading: t.kioskThanksHeading })}
<p class="kiosk-next">${escapeHtml(t.kioskNext)} <a href="/k">${escapeHtml(t.kioskStartAgain)}</a></p>`;
  // The refresh is the kiosk's purpose (the next person must get an empty form); it only ever
  // goes back to the empty survey.
  return layout(instrument, `${t.kioskThanksHeading} — ${ward.wardName}`, body, { bodyClass: "kiosk", head: '\n<meta http-equiv="refresh" content="8;url=/k">' });
}

export function enrolConfirmPage(opts: { wardName: string; tabletName: string; token: string }): string {
  const body = `<h1>Enrol this tablet for ${escapeHtml(opts.wardName)}</h1>
<p>This tablet will become <strong>${escapeHtml(opts.tabletName)}</strong>, the ward survey kiosk for ${escapeHtml(opts.wardName)}. Anyone on the ward can then answer the survey on it, even when the Wi-Fi is down.</p>
<p>Only do this on the ward's own tablet. A project lead can revoke it from the ward's page at any time.</p>
<form method="post" action="/k/enrol/${encodeURIComponent(opts.token)}">
<button type="submit" class="button">Enrol this tablet</button>
</form>`;
  return layout(ENGLISH_STANDARD, `Enrol a tablet for ${opts.wardName}`, body);
}
