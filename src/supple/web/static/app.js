// Shared helpers for every page: CSRF-aware JSON calls, spoken cues, chimes, service worker.
"use strict";
(function () {
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  // JSON request with the CSRF header; resolves to {ok, status, data}.
  function sendJSON(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json", "X-Supple-CSRF": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (r) {
      return r.text().then(function (t) {
        var data = null;
        try { data = t ? JSON.parse(t) : null; } catch (e) { data = { message: t }; }
        return { ok: r.ok, status: r.status, data: data };
      });
    });
  }

  // The scripts' words in the reader's language, sent by the server with every page
  // (web/js_words.py): t("key", {name: …}) for a message, tn("key", n, {…}) for one with a count.
  var WORDS = (function () {
    var el = document.getElementById("supple-words");
    try { return (el && JSON.parse(el.textContent)) || {}; } catch (e) { return {}; }
  })();
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function t(key, values) {
    var words = WORDS.words || {};
    return fill(Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key, values);
  }
  function tn(key, n, values) {
    var forms = (WORDS.counted || {})[key] || [key];
    var table = WORDS.plural || [];
    // The table holds counts 0-199; gettext's plural rules repeat every hundred above that.
    var at = table.length ? table[n < table.length ? n : 100 + (n % 100)] : (n === 1 ? 0 : 1);
    var all = { n: n };
    for (var k in values || {}) all[k] = values[k];
    return fill(forms[Math.min(at, forms.length - 1)], all);
  }

  var audioCtx = null;
  // A short two-tone chime made with WebAudio: no file to download, works offline.
  function chime(high) {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audioCtx = audioCtx || new Ctx();
      var now = audioCtx.currentTime;
      [0, 0.18].forEach(function (delay, i) {
        var osc = audioCtx.createOscillator();
        var gain = audioCtx.createGain();
        osc.frequency.value = (high ? 880 : 660) * (i ? 1.5 : 1);
        gain.gain.setValueAtTime(0.0001, now + delay);
        gain.gain.exponentialRampToValueAtTime(0.25, now + delay + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + delay + 0.35);
        osc.connect(gain).connect(audioCtx.destination);
        osc.start(now + delay);
        osc.stop(now + delay + 0.4);
      });
    } catch (e) { /* no audio device: the text on screen still carries the cue */ }
  }

  function browserVoices() {
    return "speechSynthesis" in window ? window.speechSynthesis.getVoices() : [];
  }

  // The mode actually used on this page: the server says espeak / browser / off; "browser"
  // falls back to chimes when the browser has no voice.
  function effectiveMode(serverMode) {
    if (serverMode === "espeak" || serverMode === "off") return serverMode;
    return browserVoices().length ? "browser" : "chime";
  }

  var current = null;
  function speak(text, serverMode) {
    var mode = effectiveMode(serverMode);
    if (mode === "espeak") {
      if (current) { current.pause(); }
      current = new Audio("/audio/cue.wav?text=" + encodeURIComponent(text));
      current.play().catch(function () { chime(false); });
    } else if (mode === "browser") {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    } else {
      chime(false);
    }
    return mode;
  }

  window.supple = {
    csrf: csrf, sendJSON: sendJSON, chime: chime, speak: speak, effectiveMode: effectiveMode,
    t: t, tn: tn,
  };

  // A dynamic stretch's drawing on its page moves with the breath: the breath-in pose, then
  // the breath-out pose, at the stretch's own tempo (the player does the same in time with its
  // cues). With reduced motion it keeps still in the stretch pose.
  var still = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
  if (!still) {
    Array.prototype.forEach.call(document.querySelectorAll(".fig-frame svg[data-inhale]"), function (svg) {
      if ((svg.getAttribute("data-poses") || "").split(" ").length < 2) return;  // one pose only
      var phases = [
        [svg.getAttribute("data-inhale"), Number(svg.getAttribute("data-inhale-seconds")) || 3],
        [svg.getAttribute("data-exhale"), Number(svg.getAttribute("data-exhale-seconds")) || 3],
      ];
      var k = 0;
      (function step() {
        var pose = phases[k % 2][0];
        Array.prototype.forEach.call(svg.querySelectorAll(".fig-pose"), function (g) {
          g.classList.toggle("fig-on", g.classList.contains("fig-pose-" + pose));
        });
        setTimeout(step, phases[k++ % 2][1] * 1000);
      })();
    });
  }

  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();
