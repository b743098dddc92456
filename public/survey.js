// Progressive enhancement for the survey form. Without this file the form posts as plain HTML and
// the server answers; with it, answers go to the JSON API so that a dropped connection on ward
// Wi-Fi can be retried in place without losing them. The submission key in the form makes every
// retry idempotent. It keeps nothing: no storage, no cookies.
(function () {
  var form = document.querySelector("form[data-survey-form]");
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  if (!form || !window.fetch || !window.JSON) return;
  var button = form.querySelector("button[type=submit]");
  var status = form.querySelector("[data-status]");
  var sending = false; // a request is on its way
  var retryTimer = null;
  var failures = 0;
  // The words come with the page, in its language and format.
  function says(name) { return status.getAttribute("data-" + name) || ""; }
  var NOT_SENT = says("not-sent");

  function value(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  }
  function yesNo(v) { return v === "yes" ? true : v === "no" ? false : null; }

  // Kept in this page only (never stored on the phone, which someone else may pick up): sent again
  // with the same submission key, so the answer counts once however many tries it takes.
  function later(seconds) {
    failures += 1;
    status.textContent = NOT_SENT;
    var wait = seconds > 0 ? seconds * 1000 : Math.min(60000, 2000 * Math.pow(2, failures - 1));
    clearTimeout(retryTimer);
    retryTimer = setTimeout(send, wait);
  }

  function send() {
    if (sending) return; // a double tap sends once
    clearTimeout(retryTimer);
    var respondent = value("respondent");
    var feltSafe = value("feltSafe");
    // Missing answers: let the server render the accessible error page, one source of truth.
    if (!respondent || !feltSafe) { form.submit(); return; }
    sending = true;
    button.disabled = true;
    status.textContent = failures > 0 ? NOT_SENT + " " + says("trying") : says("sending");
    fetch("/api/v1/responses", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      body: JSON.stringify({
        ward: form.getAttribute("data-ward"),
        respondent: respondent,
        feltSafe: yesNo(feltSafe),
        ableToSpeakUp: yesNo(value("ableToSpeakUp")),
        submissionKey: form.elements.submissionKey.value
      })
    }).then(function (res) {
      sending = false;
      button.disabled = false;
      if (res.status === 201 || res.status === 202 || res.status === 200) {
        status.textContent = says("sent");
        window.location.assign(form.getAttribute("data-thanks"));
      } else if (res.status === 503) {
        later(Number(res.headers.get("Retry-After")) || 0);
      } else {
        // Any refusal (closed ward, invalid answer): the plain form post shows the
        // server's own page for it.
        form.submit();
      }
    }, function () {
      sending = false;
      button.disabled = false;
      later(0);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });
  // Back online: try at once rather than wait for the timer.
  window.addEventListener("online", function () { if (failures > 0 && !sending) send(); });
})();

// Read aloud: a Listen button beside each question and its answers, spoken in the page's own
// language (<html lang>) by the device's speech synthesis. Only when the device has a voice for
// that language: a button that says nothing, or reads Urdu with an English voice, is worse than
// none. Also on the ward tablet's kiosk. Nothing is sent anywhere: the speech is the device's.
(function () {
  var synth = window.speechSynthesis;
  if (!synth || !window.SpeechSynthesisUtterance) return;
  var lang = (document.documentElement.getAttribute("lang") || "en").toLowerCase();
  var primary = lang.split("-")[0];
  var added = false;

  function voiceFor() {
    var voices = synth.getVoices() || [];
    var exact = null, near = null;
    for (var i = 0; i < voices.length; i++) {
      var v = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (v === lang && !exact) exact = voices[i];
      if (v.split("-")[0] === primary && !near) near = voices[i];
    }
    return exact || near;
  }

  function textOf(question) {
    var parts = [];
    var legend = question.querySelector("legend");
    if (legend) parts.push(legend.textContent.trim());
    var hint = question.querySelector(".hint");
    if (hint) parts.push(hint.textContent.trim());
    var labels = question.querySelectorAll(".choice label");
    for (var i = 0; i < labels.length; i++) parts.push(labels[i].textContent.trim());
    return parts.join(". ").replace(/([.?!:])\. /g, "$1 ");
  }

  function addButtons() {
    var voice = voiceFor();
    if (added || !voice) return;
    added = true;
    var questions = document.querySelectorAll(".question[data-listen]");
    for (var i = 0; i < questions.length; i++) {
      (function (question) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "listen";
        button.textContent = question.getAttribute("data-listen");
        var legend = question.querySelector("legend");
        if (legend && legend.id) button.setAttribute("aria-describedby", legend.id);
        button.addEventListener("click", function () {
          synth.cancel();
          var utterance = new SpeechSynthesisUtterance(textOf(question));
          utterance.lang = document.documentElement.getAttribute("lang") || "en";
          utterance.voice = voice;
          synth.speak(utterance);
        });
        question.querySelector("fieldset").after(button);
      })(questions[i]);
    }
  }

  addButtons();
  // Many browsers load their voices after the page: look again when they arrive.
  if (!added && synth.addEventListener) synth.addEventListener("voiceschanged", addButtons);
  // Leaving the page (or the kiosk starting again for the next person) stops the reading.
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
