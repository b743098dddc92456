import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { londonDateOf } from "@/lib/survey/london-date";
import { TABLET_SYNC_SECONDS, queueReport, retryDelaySeconds, stillSendable, waitingLine } from "./queue";

// The ward tablet's script (bundled by scripts/build-kiosk.mjs into public/kiosk.js, with idb).
// Offline first: every answer is written to the tablet's IndexedDB before anything else happens,
// the person sees the thank-you screen, and the queue is sent in the background: at once, again on
// `online`, on page load and every minute, backing off as Retry-After says. An answer leaves the
// tablet only once the server has acknowledged it (or refused it for good).
//
// What is queued is exactly what the server would store: the answers, a random submission key and
// the date (Europe/London). No time, no order, nothing about the person. Between people the form
// is emptied, so nobody ever sees an earlier person's answers.

/** A random (v4) UUID; crypto.randomUUID exists only on https pages, getRandomValues everywhere. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type QueuedAnswer = {
  submissionKey: string;
  answeredOn: string;
  respondent: string;
  feltSafe: boolean;
  ableToSpeakUp: boolean | null;
};

interface KioskDB extends DBSchema {
  answers: { key: string; value: QueuedAnswer };
}

const THANKS_SECONDS = 8;
const IDLE_SECONDS = 60;
const IDLE_WARNING_SECONDS = 20;

const form = document.querySelector<HTMLFormElement>("form[data-kiosk-form]");
if (form) start(form);

function start(form: HTMLFormElement) {
  const survey = document.querySelector<HTMLElement>("[data-kiosk-survey]")!;
  const thanks = document.querySelector<HTMLElement>("[data-kiosk-thanks]")!;
  const idle = document.querySelector<HTMLElement>("[data-kiosk-idle]")!;
  const idleSeconds = document.querySelector<HTMLElement>("[data-idle-seconds]")!;
  const queueLine = document.querySelector<HTMLElement>("[data-kiosk-queue]")!;
  const errors = document.querySelector<HTMLElement>("[data-kiosk-errors]")!;
  const heading = document.querySelector<HTMLElement>("[data-kiosk-heading]")!;
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
  const ward = form.dataset.ward ?? "";
  const notice = document.querySelector<HTMLElement>(".notice");

  const today = () => londonDateOf(new Date());
  const database: Promise<IDBPDatabase<KioskDB>> = openDB<KioskDB>("wardsafe-kiosk", 1, {
    upgrade(db) {
      db.createObjectStore("answers", { keyPath: "submissionKey" });
    },
  });

  // Ask the browser not to clear the queue when space runs low (best effort: it may say no).
  void navigator.storage?.persist?.().catch(() => false);
  if ("serviceWorker" in navigator && form.dataset.worker) {
    navigator.serviceWorker.register(form.dataset.worker, { scope: "/k" }).catch(() => undefined);
  }

  // ---- The screen: form, thank-you, "Are you still there?" ----

  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let countdown: ReturnType<typeof setInterval> | undefined;

  const chosen = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? null;
  const anyAnswer = () => form.querySelector("input[type=radio]:checked") !== null;
  const yesNo = (value: string | null) => (value === "yes" ? true : value === "no" ? false : null);

  function clearErrors() {
    errors.hidden = true;
    errors.querySelector("ul")!.replaceChildren();
    for (const q of form.querySelectorAll(".question--error")) q.classList.remove("question--error");
    for (const m of form.querySelectorAll(".error-message")) m.remove();
    for (const f of form.querySelectorAll("fieldset[aria-invalid]")) f.removeAttribute("aria-invalid");
  }

  /** Empty, ready for the next person: nothing of the last one is left on the screen. */
  function freshForm() {
    stopIdle();
    // A question still being read aloud (survey.js's Listen) stops before the next person.
    window.speechSynthesis?.cancel();
    form.reset();
    clearErrors();
    notice?.remove();
    button.disabled = false;
    thanks.hidden = true;
    idle.hidden = true;
    survey.hidden = false;
    window.scrollTo(0, 0);
    heading.focus();
  }

  function showErrors(missing: string[]) {
    clearErrors();
    const list = errors.querySelector("ul")!;
    for (const field of missing) {
      // In the page's own language and format: each question carries its error text.
      const text = document.getElementById(field)?.dataset.errorText ?? "";
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${field}-${field === "respondent" ? "service_user" : "yes"}`;
      link.textContent = text;
      item.append(link);
      list.append(item);
      const question = document.getElementById(field);
      question?.classList.add("question--error");
      question?.querySelector("fieldset")?.setAttribute("aria-invalid", "true");
      const message = document.createElement("p");
      message.className = "error-message";
      message.id = `${field}-error`;
      message.innerHTML = '<span class="visually-hidden">Error:</span> ';
      message.append(text);
      question?.querySelector("legend")?.after(message);
    }
    errors.hidden = false;
    errors.focus();
  }

  function stopIdle() {
    clearTimeout(idleTimer);
    clearInterval(countdown);
    idleTimer = undefined;
    countdown = undefined;
  }

  /** Half-answered and left: after a minute, ask; 20 s later, clear (WCAG 2.2.1: "I need more time"). */
  function watchIdle() {
    stopIdle();
    idle.hidden = true;
    if (!anyAnswer() || survey.hidden) return;
    idleTimer = setTimeout(() => {
      let left = IDLE_WARNING_SECONDS;
      idleSeconds.textContent = String(left);
      idle.hidden = false;
      idle.querySelector<HTMLButtonElement>("[data-more-time]")!.focus();
      countdown = setInterval(() => {
        left -= 1;
        idleSeconds.textContent = String(left);
        if (left <= 0) freshForm();
      }, 1000);
    }, IDLE_SECONDS * 1000);
  }

  idle.querySelector("[data-more-time]")!.addEventListener("click", () => {
    watchIdle();
    form.querySelector<HTMLInputElement>("input:checked")?.focus();
  });
  for (const type of ["change", "click", "keydown", "touchstart"]) {
    form.addEventListener(type, () => {
      if (idle.hidden) watchIdle();
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (button.disabled) return; // one tap, one answer
    const respondent = chosen("respondent");
    const feltSafe = chosen("feltSafe");
    const missing = [respondent ? null : "respondent", feltSafe ? null : "feltSafe"].filter((f): f is string => f !== null);
    if (missing.length > 0) {
      showErrors(missing);
      return;
    }
    button.disabled = true;
    stopIdle();
    const answer: QueuedAnswer = {
      submissionKey: newKey(),
      answeredOn: today(),
      respondent: respondent!,
      feltSafe: yesNo(feltSafe)!,
      ableToSpeakUp: yesNo(chosen("ableToSpeakUp")),
    };
    void keep(answer).then(
      () => {
        // Kept on the tablet: the person is done, whatever the network does next.
        form.reset();
        survey.hidden = true;
        window.speechSynthesis?.cancel();
        thanks.hidden = false;
        thanks.focus();
        setTimeout(freshForm, THANKS_SECONDS * 1000);
        void sync();
      },
      () => {
        // The tablet could not store it (storage full or blocked): send it now, or say so.
        void sendOne(answer).then((result) => {
          if (result.kind === "done") {
            form.reset();
            survey.hidden = true;
            thanks.hidden = false;
            thanks.focus();
            setTimeout(freshForm, THANKS_SECONDS * 1000);
          } else {
            button.disabled = false;
            showLine("This tablet could not keep your answers, and they could not be sent. Please ask a member of staff.");
          }
        });
      },
    );
  });

  // A page brought back from the browser's memory must not show anything chosen before.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) freshForm();
  });

  // ---- The queue ----

  async function keep(answer: QueuedAnswer) {
    await (await database).put("answers", answer);
  }

  type SendResult = { kind: "done" } | { kind: "wait"; retryAfter: number | null } | { kind: "stop"; why: string };

  async function sendOne(answer: QueuedAnswer): Promise<SendResult> {
    let response: Response;
    try {
      response = await fetch("/api/v1/responses", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ ward, ...answer }),
      });
    } catch {
      return { kind: "wait", retryAfter: null };
    }
    if (response.status === 201 || response.status === 200 || response.status === 202) return { kind: "done" };
    if (response.status === 503 || response.status === 429) {
      return { kind: "wait", retryAfter: Number(response.headers.get("Retry-After")) || null };
    }
    // 400: this answer can never be taken (its date is too old, say); keeping it would block the rest.
    if (response.status === 400) return { kind: "done" };
    if (response.status === 403) return { kind: "stop", why: "This tablet is no longer enrolled. Please ask a project lead to enrol it again." };
    if (response.status === 410 || response.status === 404) return { kind: "stop", why: "This ward's survey is closed." };
    return { kind: "wait", retryAfter: null };
  }

  let syncing = false;
  let failures = 0;
  let notBefore = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped: string | null = null;

  function showLine(text: string) {
    queueLine.textContent = text;
  }

  /** Sends what is queued (unless waiting out a Retry-After), then shows and reports what is left. */
  async function sync() {
    if (!syncing && Date.now() >= notBefore) await sendQueue();
    await reportQueue();
  }

  async function sendQueue() {
    syncing = true;
    clearTimeout(retryTimer);
    try {
      const db = await database;
      const now = today();
      for (const answer of await db.getAll("answers")) {
        if (!stillSendable(answer.answeredOn, now)) {
          await db.delete("answers", answer.submissionKey); // older than the server would count
          continue;
        }
        const result = await sendOne(answer);
        if (result.kind === "done") {
          await db.delete("answers", answer.submissionKey);
          failures = 0;
          stopped = null;
          continue;
        }
        if (result.kind === "stop") {
          stopped = result.why;
          break;
        }
        failures += 1;
        const wait = retryDelaySeconds(failures, result.retryAfter);
        notBefore = Date.now() + wait * 1000;
        retryTimer = setTimeout(() => void sync(), wait * 1000);
        break;
      }
    } catch {
      // IndexedDB unavailable: nothing to send until the next round.
    } finally {
      syncing = false;
    }
  }

  /** The staff line on the tablet, and the same figure for the ward's page (if this fails, the next round tells it). */
  async function reportQueue() {
    let report;
    try {
      report = queueReport((await (await database).getAll("answers")).map((a) => a.answeredOn));
    } catch {
      return;
    }
    const line = waitingLine(report.waiting, report.oldestOn, today());
    showLine(stopped ? `${stopped} ${line}.` : line);
    await fetch("/k/status", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(report),
    }).catch(() => undefined);
  }

  window.addEventListener("online", () => {
    notBefore = 0;
    void sync();
  });
  setInterval(() => void sync(), TABLET_SYNC_SECONDS * 1000);
  void sync();
}
