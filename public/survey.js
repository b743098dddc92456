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
  var sending = false;

  function value(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  }
  function yesNo(v) { return v === "yes" ? true : v === "no" ? false : null; }
  function finish(ok) {
    sending = false;
    button.disabled = false;
    if (!ok) status.textContent = "Your answers were not sent: the connection failed. Please check you are online and press Send again.";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) return; // a double tap sends once
    var respondent = value("respondent");
    var feltSafe = value("feltSafe");
    // Missing answers: let the server render the accessible error page, one source of truth.
    if (!respondent || !feltSafe) { form.submit(); return; }
    sending = true;
    button.disabled = true;
    status.textContent = "Sending your answers…";
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
      if (res.status === 201 || res.status === 200) {
        window.location.assign(form.getAttribute("action") + "/thanks");
      } else {
        // Any refusal (closed ward, rate limit, invalid answer): the plain form post shows the
        // server's own page for it.
        sending = false;
        form.submit();
      }
    }, function () { finish(false); });
  });
})();
