// Settings: say which voice this browser will use, and play a test cue.
"use strict";
(function () {
  var btn = document.getElementById("test-voice");
  var span = document.getElementById("browser-voice");
  if (!btn) return;
  var mode = btn.getAttribute("data-mode");
  function describe() {
    if (!span) return;
    span.textContent = window.supple.effectiveMode(mode) === "browser"
      ? "your browser's speech synthesis"
      : "chimes and on-screen text (this browser has no voice)";
  }
  describe();
  if ("speechSynthesis" in window) window.speechSynthesis.addEventListener("voiceschanged", describe);
  btn.addEventListener("click", function () {
    window.supple.speak("Breathe in. Then breathe out as you ease into the stretch.", mode);
  });
})();
