/* Attendance sheet: each tap is saved at once. A tap that cannot be sent (poor network) is
   kept in this phone's storage, shown as not saved, and sent again until the server has it,
   also after a reload. Without JavaScript the form's save button posts everything. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-attendance]");
  if (!form || !window.fetch || !window.localStorage) return;
  var key = "equalcity-attendance-" + form.dataset.meeting;
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var pending = {};
  try { pending = JSON.parse(localStorage.getItem(key) || "{}"); } catch (_e) { pending = {}; }
  var delays = {};

  function store() { localStorage.setItem(key, JSON.stringify(pending)); }

  function show(registration, state) {
    var label = form.querySelector('[data-state-for="' + registration + '"]');
    var retry = form.querySelector('[data-retry-for="' + registration + '"]');
    if (label) { label.textContent = form.dataset[state]; label.dataset.state = state; }
    if (retry) { retry.hidden = state !== "failed"; }
  }

  function send(registration) {
    var status = pending[registration];
    if (!status) return;
    show(registration, "saving");
    var body = new FormData();
    body.append("registration", registration);
    body.append("status", status);
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      if (pending[registration] === status) { delete pending[registration]; store(); }
      delays[registration] = 0;
      show(registration, pending[registration] ? "saving" : "saved");
      if (pending[registration]) send(registration);
    }).catch(function () {
      // A second send of a mark another send has saved meanwhile: nothing failed.
      if (!pending[registration]) return;
      show(registration, "failed");
      var wait = Math.min(30000, (delays[registration] || 1000) * 2);
      delays[registration] = wait;
      setTimeout(function () { send(registration); }, wait);
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio" || !input.dataset.registration) return;
    pending[input.dataset.registration] = input.value;
    store();
    send(input.dataset.registration);
  });
  form.addEventListener("click", function (event) {
    var registration = event.target.dataset && event.target.dataset.retryFor;
    if (registration) { event.preventDefault(); send(registration); }
  });
  window.addEventListener("online", function () { Object.keys(pending).forEach(send); });

  Object.keys(pending).forEach(function (registration) {
    var input = form.querySelector('input[data-registration="' + registration +
                                    '"][value="' + pending[registration] + '"]');
    if (input) { input.checked = true; send(registration); } else { delete pending[registration]; }
  });
  store();
})();
