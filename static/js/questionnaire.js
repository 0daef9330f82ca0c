/* The questionnaire: one large button plays the question read aloud (and stops it). Without
   JavaScript the browser's own audio controls are shown instead. */
(function () {
  "use strict";
  var audio = document.querySelector("[data-question-audio]");
  var button = document.querySelector("[data-play]");
  if (!audio || !button) return;
  var label = button.querySelector("[data-label]");
  var listen = label.textContent;
  audio.controls = false;
  audio.hidden = true;
  button.hidden = false;
  function playing(on) {
    label.textContent = on ? button.dataset.playing : listen;
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }
  button.setAttribute("aria-pressed", "false");
  button.addEventListener("click", function () {
    if (audio.paused) {
      audio.currentTime = 0;
      audio.play();
    } else {
      audio.pause();
    }
  });
  audio.addEventListener("play", function () { playing(true); });
  audio.addEventListener("pause", function () { playing(false); });
  audio.addEventListener("ended", function () { playing(false); });
})();
