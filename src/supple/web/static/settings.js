// Settings: say which voice this browser will use, and play a test cue.
"use strict";
(function () {
  var btn = document.getElementById("test-voice");
  var span = document.getElementById("browser-voice");
  if (!btn) return;
  var mode = btn.getAttribute("data-mode");
  var t = window.supple.t;
  function describe() {
    if (!span) return;
    span.textContent = window.supple.effectiveMode(mode) === "browser"
      ? t("voice.browser")
      : t("voice.none");
  }
  describe();
  if ("speechSynthesis" in window) window.speechSynthesis.addEventListener("voiceschanged", describe);
  btn.addEventListener("click", function () {
    window.supple.speak(t("voice.test-cue"), mode);
  });
})();
