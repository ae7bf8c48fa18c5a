// The session player: runs the compiled timeline (GET /api/v1/sessions/{id}) the same way as the
// terminal player (supple.player.engine). Every segment is due at
//   start + segment.start * scale + offset
// measured with performance.now() from the session start; one tick (requestAnimationFrame, plus a
// 250 ms interval for background tabs) works out which segment is current from the elapsed time,
// so nothing drifts. Pause adds the paused time to `offset`; skip and back move `offset` so the
// target segment starts now. Completed holds, skips, ratings and pain reports are POSTed as they
// happen through an outbox kept in localStorage, so a reload or a dropped connection loses nothing.
"use strict";
(function () {
  var BACK_GRACE = 3.0; // timeline seconds, as BACK_GRACE_SECONDS in the engine
  var TOL = 1e-6;
  var STORE_KEY = "supple.session";
  var OUTBOX_KEY = "supple.outbox";
  var $ = function (id) { return document.getElementById(id); };
  var root = $("player");
  if (!root) return;
  var voiceMode = root.getAttribute("data-voice") || "browser";
  var t = window.supple.t, tn = window.supple.tn; // the words, translated (web/js_words.py)

  var params = new URLSearchParams(location.search);
  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null"); } catch (e) { saved = null; }
  var sessionId = params.get("id") || (saved && saved.state !== "done" ? saved.id : null);

  // ----- state (seconds) --------------------------------------------------------------------------
  var segs = [];
  var total = 0;
  var howTo = {}; // stretch id -> its steps (GET /api/v1/sessions/{id} `how_to`)
  var S = 1;
  var st = {
    state: "idle", startPerf: 0, offset: 0, idx: 0, pausedAt: 0, groupStart: 0,
    groupPaused: 0, lastStretch: null, pending: [], finishSent: false, endStatus: null,
  };
  var wakeLock = null;
  var lastAnnounce = { idx: -1, tens: -1 };
  var lastSave = 0;

  function rel() { return (performance.now() - st.startPerf) / 1000; }
  function due(i) { return segs[i].start * S + st.offset; }
  function endDue(i) { return (segs[i].start + segs[i].duration) * S + st.offset; }
  function nowT() { return st.state === "paused" || st.state === "pain" ? st.pausedAt : rel(); }
  function inGroup() { return st.state !== "done" && segs.length && segs[st.idx].hold_group !== null; }
  function held(now) { return Math.max(0, now - st.groupStart - st.groupPaused); }
  function endsGroup(i) {
    var g = segs[i].hold_group;
    return g !== null && (i + 1 >= segs.length || segs[i + 1].hold_group !== g);
  }
  function groupPlanned(i) {
    var g = segs[i].hold_group, sum = 0;
    segs.forEach(function (s) { if (s.hold_group === g) sum += s.duration; });
    return sum * S;
  }
  function firstOfStep(step) {
    for (var i = 0; i < segs.length; i++) if (segs[i].step === step) return i;
    return -1;
  }
  function isStretch(seg) { return seg.id && seg.kind !== "warmup" && seg.kind !== "transition"; }
  function r3(x) { return Math.round(x * 1000) / 1000; }

  // ----- outbox: events reach the server in order, retried until accepted --------------------------
  var outbox = [];
  try { outbox = JSON.parse(localStorage.getItem(OUTBOX_KEY) || "[]"); } catch (e) { outbox = []; }
  var sending = false;
  function saveOutbox() { localStorage.setItem(OUTBOX_KEY, JSON.stringify(outbox)); }
  function flush() {
    if (sending || !outbox.length) return;
    sending = true;
    var item = outbox[0];
    var url = "/api/v1/sessions/" + encodeURIComponent(item.session) + (item.finish ? "/finish" : "/events");
    window.supple.sendJSON("POST", url, item.body).then(function (r) {
      sending = false;
      // A 4xx will not succeed on retry: drop it (and say so in the console) rather than block
      // every later event behind it.
      if (r.ok || (r.status >= 400 && r.status < 500)) {
        if (!r.ok) console.warn("supple: server refused", item, r.data);
        outbox.shift();
        saveOutbox();
        if (!outbox.length && st.state === "done") showDone();  // now it is all saved
        flush();
      } else {
        setTimeout(flush, 3000);
      }
    }, function () {
      sending = false;
      if (st.state === "done") showDone();  // offline now: say where the session is kept
      setTimeout(flush, 3000);
    });
  }
  function send(name, seg, extra) {
    var body = {
      event: name, t: r3(rel()), step: seg ? seg.step : null, id: seg ? seg.id : null,
      side: seg ? seg.side : null,
    };
    for (var k in extra || {}) body[k] = extra[k];
    outbox.push({ session: sessionId, body: body });
    saveOutbox();
    flush();
  }
  // A sign of life every 30 s while the session is open (a long pause sends no other event),
  // so the server does not take it for a closed tab (stale after 2 minutes, docs/session.md).
  // Not queued: a missed beat while offline is simply not needed once events flow again.
  var HEARTBEAT_MS = 30000;
  setInterval(function () {
    if (!sessionId || st.finishSent || st.state === "idle" || st.state === "done") return;
    if (outbox.length || !navigator.onLine) return;
    window.supple.sendJSON("POST", "/api/v1/sessions/" + encodeURIComponent(sessionId) + "/events",
      { event: "heartbeat", t: r3(nowT()) }).catch(function () {});
  }, HEARTBEAT_MS);
  function sendFinish(status) {
    if (st.finishSent) return;
    st.finishSent = true;
    outbox.push({ session: sessionId, finish: true, body: { status: status } });
    saveOutbox();
    flush();
  }

  // ----- persistence for reload ----------------------------------------------------------------
  function persist(force) {
    var t = performance.now();
    if (!force && t - lastSave < 250) return;
    lastSave = t;
    var snap = {
      id: sessionId, scale: S, t: st.state === "idle" ? 0 : rel(), state: st.state,
      offset: st.offset, idx: st.idx, pausedAt: st.pausedAt, groupStart: st.groupStart,
      groupPaused: st.groupPaused, lastStretch: st.lastStretch, pending: st.pending,
      finishSent: st.finishSent, endStatus: st.endStatus,
    };
    localStorage.setItem(STORE_KEY, JSON.stringify(snap));
  }

  // ----- schedule ------------------------------------------------------------------------------
  function enter(i, fresh) {
    var prevSeg = segs[st.idx];
    var prevGroup = prevSeg.hold_group;
    if (i !== st.idx && prevSeg.step !== segs[i].step && isStretch(prevSeg)) askRating(prevSeg.step);
    st.idx = i;
    var seg = segs[i];
    if (seg.hold_group !== null && (fresh || i === 0 || seg.hold_group !== prevGroup)) {
      st.groupStart = due(i);
      st.groupPaused = 0;
    }
    if (seg.id && seg.kind !== "warmup") st.lastStretch = seg.step;
    cueFor(seg);
    persist(true);
  }

  function jump(i) {
    st.offset = rel() - segs[i].start * S;
    st.state = "running";
    enter(i, true);
  }

  function tick() {
    if (st.state !== "running") return;
    var now = rel() + TOL;
    while (st.state === "running" && endDue(st.idx) <= now) {
      var end = endDue(st.idx);
      if (endsGroup(st.idx)) {
        var seg = segs[st.idx];
        // Held time is measured up to the boundary, so a late tick (background tab) does not
        // count extra seconds.
        send("hold-complete", seg, {
          held_seconds: r3(held(end)), planned_seconds: r3(groupPlanned(st.idx)),
        });
      }
      if (st.idx + 1 >= segs.length) finish("completed");
      else enter(st.idx + 1, false);
    }
  }

  function finish(status) {
    var seg = segs[st.idx];
    if (status === "completed" && isStretch(seg)) askRating(seg.step);
    st.state = "done";
    st.endStatus = status;
    if (status === "completed") send("finished", null, {});
    releaseWake();
    maybeSendFinish();
    persist(true);
    window.supple.speak(t(status === "completed" ? "player.complete-spoken" : "player.ended-spoken"), voiceMode);
  }

  // The finish goes out after the last ratings, so they are never sent to a closed session.
  function maybeSendFinish() {
    if (st.state === "done" && !st.pending.length) sendFinish(st.endStatus || "completed");
  }

  // ----- commands (same rules as supple.player.engine) -----------------------------------------------
  function pause() {
    if (st.state !== "running") return;
    st.state = "paused";
    st.pausedAt = rel();
    send("paused", segs[st.idx], {});
    releaseWake();
    status(t("player.paused"));
    persist(true);
  }
  function resume() {
    if (st.state !== "paused") return;
    var gap = rel() - st.pausedAt;
    st.offset += gap;
    st.groupPaused += gap;
    st.state = "running";
    send("resumed", segs[st.idx], { paused_seconds: r3(gap) });
    acquireWake();
    status("");
    persist(true);
  }
  function skip() {
    if (st.state === "done" || st.state === "idle") return;
    var seg = segs[st.idx];
    var now = nowT();
    var wasPain = st.state === "pain";
    if (!wasPain && seg.id && seg.kind !== "transition") {
      var extra = { kind: seg.kind, held_seconds: inGroup() ? r3(held(now)) : 0 };
      if (inGroup()) extra.planned_seconds = r3(groupPlanned(st.idx));
      send("skipped", seg, extra);
    }
    hidePain();
    var later = -1;
    for (var i = st.idx; i < segs.length; i++) if (segs[i].step > seg.step) { later = i; break; }
    if (later < 0) {
      if (isStretch(seg)) askRating(seg.step);
      finish("completed");
      return;
    }
    acquireWake();
    status("");
    jump(later);
  }
  function back() {
    if (st.state === "pain" || st.state === "done" || st.state === "idle") return;
    var seg = segs[st.idx];
    var first = firstOfStep(seg.step);
    var into = (nowT() - due(first)) / S;
    var target = seg.step;
    if (into <= BACK_GRACE || seg.kind === "transition") {
      for (var i = first - 1; i >= 0; i--) {
        if (segs[i].kind !== "transition") { target = segs[i].step; break; }
      }
    }
    send("back", seg, { to_step: target });
    acquireWake();
    status("");
    jump(firstOfStep(target));
  }
  function pain() {
    if (st.state !== "running" && st.state !== "paused") return;
    var seg = segs[st.idx];
    var now = nowT();
    var extra = { kind: seg.kind, held_seconds: inGroup() ? r3(held(now)) : 0 };
    if (inGroup()) extra.planned_seconds = r3(groupPlanned(st.idx));
    st.state = "pain";
    st.pausedAt = rel();
    send("pain", seg, extra);
    releaseWake();
    showPain();
    persist(true);
  }
  function quit() {
    if (st.state === "done" || st.state === "idle") return;
    var seg = segs[st.idx];
    var extra = { kind: seg.kind };
    if (st.state !== "pain" && inGroup()) extra.held_seconds = r3(held(nowT()));
    send("stopped", seg, extra);
    hidePain();
    finish("stopped");
  }
  function toggle() {
    if (st.state === "running") pause();
    else if (st.state === "paused") resume();
  }

  // ----- ratings ---------------------------------------------------------------------------------
  function askRating(step) {
    if (st.pending.some(function (p) { return p.step === step; })) return;
    var seg = segs[firstOfStep(step)];
    st.pending.push({ step: step, id: seg.id, name: seg.name });
    showRating();
  }
  function rate(n) {
    var p = st.pending.shift();
    if (!p) return;
    send("rated", { step: p.step, id: p.id, side: "both" }, { discomfort: n });
    showRating();
    maybeSendFinish();
    persist(true);
  }
  function skipRating() { st.pending.shift(); showRating(); maybeSendFinish(); persist(true); }
  function showRating() {
    var p = st.pending[0];
    $("rating").hidden = !p;
    if (p) {
      $("rating-name").textContent = p.name;
      announce(t("player.rate", { name: p.name }));
    }
  }

  // ----- voice, wake lock, announcements -------------------------------------------------------
  var SIDE = { left: t("side.left"), right: t("side.right"), both: "" };
  var KIND = {};
  ["warmup", "transition", "prepare", "breathe-in", "hold", "breathe-out", "switch", "rest"].forEach(
    function (kind) { KIND[kind] = t("part." + kind); });
  function cueFor(seg) {
    var real = seg.duration * S;
    // Too short to say at a fast test scale: a chime carries the change instead.
    if (real >= 1.5) window.supple.speak(seg.cue, voiceMode);
    else if (voiceMode !== "off") window.supple.chime(seg.kind === "hold");
    else window.supple.chime(seg.kind === "hold");
  }
  // What changed in this frame is said once, in one message: a rating question and the next
  // part's name arrive together, and neither replaces the other before it is read.
  var toAnnounce = [];
  function announce(text) {
    if (toAnnounce.indexOf(text) >= 0) return;
    if (!toAnnounce.length) requestAnimationFrame(flushAnnounce);
    toAnnounce.push(text);
  }
  function flushAnnounce() {
    var text = toAnnounce.join(" ");
    toAnnounce = [];
    var live = $("announce");
    if (live.textContent !== text) live.textContent = text;
  }
  function status(text) { $("state-text").textContent = text; }
  function acquireWake() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock.request("screen").then(function (l) {
      wakeLock = l;
      l.addEventListener("release", function () { wakeLock = null; });
    }, function () { /* not allowed now (e.g. tab hidden): try again when visible */ });
  }
  function releaseWake() { if (wakeLock) { wakeLock.release(); wakeLock = null; } }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && st.state === "running") acquireWake();
  });

  function showPain() {
    $("pain-panel").hidden = false;
    $("btn-pause").disabled = true;
    $("btn-back").disabled = true;
    $("pain-next").focus();
  }
  function hidePain() {
    $("pain-panel").hidden = true;
    $("btn-pause").disabled = false;
    $("btn-back").disabled = false;
  }

  // ----- drawing ---------------------------------------------------------------------------------
  function fmt(sec) {
    sec = Math.max(0, Math.round(sec));
    return Math.floor(sec / 60) + ":" + ("0" + (sec % 60)).slice(-2);
  }
  // 477 -> "7 min 57 s", 600 -> "10 minutes", 45 -> "45 seconds": a length a person reads.
  function length(sec) {
    sec = Math.max(0, Math.round(sec));
    var m = Math.floor(sec / 60), s = sec % 60;
    if (!m) return tn("seconds", s);
    if (!s) return tn("minutes", m);
    return t("player.minutes-seconds", { minutes: m, seconds: s });
  }
  function draw() {
    if (st.state === "done") { showDone(); return; }
    if (st.state === "idle" || !segs.length) return;
    document.body.classList.add("playing");
    var seg = segs[st.idx];
    var now = nowT();
    var remaining = Math.max(0, endDue(st.idx) - now);
    var elapsed = Math.min(total, Math.max(0, (now - st.offset) / S));
    $("now-name").textContent = seg.kind === "transition" ? KIND.transition : seg.name;
    var side = SIDE[seg.side] || "";
    var label = KIND[seg.kind] || seg.kind;
    if (seg.rep && (seg.kind === "hold" || seg.kind === "rest")) label = t("part.numbered", { part: label, number: seg.rep });
    $("now-side").textContent = seg.kind === "transition" ? "" : [label, side].filter(Boolean).join(" · ");
    // Remaining time on the timeline's own clock, so a fast test scale still counts 30, 29, ...
    // A minute or more reads as m:ss (a 5-minute warm-up shows 4:59, not 299).
    var left = Math.ceil(remaining / S - 1e-9);
    var cd = $("countdown");
    cd.dataset.seconds = String(left);
    cd.textContent = left >= 60 ? Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") : String(left);
    var cue = seg.cue;
    if (seg.kind === "hold" && seg.cues && seg.cues.length) {
      var into = (now - due(st.idx)) / S;
      cue += " " + seg.cues[Math.floor(into / 8) % seg.cues.length];
    }
    $("cue").textContent = cue;
    $("note").hidden = !seg.note;
    $("note").textContent = seg.note ? t("player.note", { note: seg.note }) : "";
    drawHow(seg);
    drawFigure(seg, now);
    $("seg-progress").value = seg.duration ? 1 - remaining / (seg.duration * S) : 1;
    $("all-progress").value = total ? elapsed / total : 1;
    $("all-text").textContent = t("player.elapsed", { elapsed: fmt(elapsed), total: fmt(total) });
    $("next").textContent = t("next", { what: nextThing(st.idx) });
    var paused = st.state === "paused";
    var pb = $("btn-pause");
    pb.firstChild.nodeValue = t(paused ? "player.resume" : "player.pause") + " ";
    pb.setAttribute("aria-pressed", paused ? "true" : "false");
    root.classList.toggle("is-paused", paused);
    // A pain stop shows what to do, not a countdown or a cue to hold on.
    root.classList.toggle("is-pain", st.state === "pain");
    root.classList.toggle("is-hold", seg.kind === "hold" || seg.kind === "breathe-out");
    // Polite announcements: at each change and every 10 s, never every second.
    var secs = Math.ceil(remaining / S);
    var tens = Math.floor(secs / 10);
    if (lastAnnounce.idx !== st.idx) {
      lastAnnounce = { idx: st.idx, tens: tens };
      announce([seg.name, side, seg.cue, tn("seconds", secs)].filter(Boolean).join(". "));
    } else if (st.state === "running" && tens !== lastAnnounce.tens && secs >= 10 && secs % 10 === 0) {
      lastAnnounce.tens = tens;
      announce(tn("seconds-left", secs));
    }
  }
  // What the person does next: the other side of this stretch, else the next stretch (a change
  // of position on the way is the transition's own cue), else the end.
  function nextThing(i) {
    var seg = segs[i];
    for (var j = i + 1; j < segs.length && segs[j].step === seg.step; j++) {
      var side = segs[j].side;
      if (side !== seg.side && side !== "both") return t("next.side." + side);
    }
    for (; j < segs.length; j++) if (segs[j].kind !== "transition") return segs[j].name;
    return t("next.end");
  }
  // The stretch's own steps while a person gets into it and holds it, as the terminal shows
  // them; the list is rebuilt only when the stretch changes.
  var HOW_KINDS = { prepare: 1, "breathe-in": 1, hold: 1, "breathe-out": 1 };
  function drawHow(seg) {
    var steps = HOW_KINDS[seg.kind] && seg.id ? howTo[seg.id] : null;
    var box = $("how");
    box.hidden = !steps;
    root.classList.toggle("has-how", !!steps);
    if (!steps || box.dataset.id === seg.id) return;
    box.dataset.id = seg.id;
    var list = $("how-steps");
    list.textContent = "";
    steps.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      list.appendChild(li);
    });
  }
  // The stretch's drawing (GET /session/figures: every pose of each stretch, hidden), moved by
  // putting `fig-on` on one pose group (figure.css fades between them): the start position,
  // then halfway through "get ready" the stretch; in a dynamic move the pose of each breath
  // in and out. The other side is the same drawing mirrored. With reduced motion the breath
  // does not move the figure and nothing fades.
  var REDUCED = !!(window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches);
  var figShown = "";
  function loadFigures() {
    var ids = [];
    segs.forEach(function (s) { if (s.id && ids.indexOf(s.id) < 0) ids.push(s.id); });
    if (!ids.length) return;
    var query = ids.map(function (id) { return "id=" + encodeURIComponent(id); }).join("&");
    fetch("/session/figures?" + query, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.text() : "";
    }).then(function (html) {
      $("figure").innerHTML = html;  // the server's own SVG: no script, no inline style
      figShown = "";
    }, function () { /* offline and never fetched: the player works without drawings */ });
  }
  function poseFor(seg, svg, into) {
    var breath = !REDUCED && svg.getAttribute("data-inhale");
    if (seg.kind === "prepare") return into < 0.5 ? "start" : "stretch";
    if (seg.kind === "rest" || seg.kind === "switch") return "start";
    if (breath && seg.kind === "breathe-in") return svg.getAttribute("data-inhale");
    if (breath && seg.kind === "breathe-out") return svg.getAttribute("data-exhale");
    return "stretch";
  }
  function drawFigure(seg, now) {
    var box = seg.id && seg.kind !== "transition"
      ? $("figure").querySelector('.player-fig[data-id="' + CSS.escape(seg.id) + '"]') : null;
    root.classList.toggle("has-fig", !!box);
    if (!box) return;
    var svg = box.querySelector("svg");
    var into = seg.duration ? (now - due(st.idx)) / (seg.duration * S) : 1;
    var pose = poseFor(seg, svg, into);
    var key = seg.id + "|" + seg.side + "|" + pose;
    if (key === figShown) return;
    figShown = key;
    Array.prototype.forEach.call($("figure").children, function (el) { el.hidden = el !== box; });
    box.classList.toggle("fig-mirror", seg.side !== "both" && seg.side !== box.getAttribute("data-side"));
    Array.prototype.forEach.call(svg.querySelectorAll(".fig-pose"), function (g) {
      g.classList.toggle("fig-on", g.classList.contains("fig-pose-" + pose));
    });
    box.setAttribute("data-pose", pose);
  }
  function showDone() {
    var done = $("player-done");
    // The last rating question moves with the view, so it can still be answered.
    if ($("rating").parentNode !== done) done.insertBefore($("rating"), done.lastElementChild);
    root.hidden = true;
    document.body.classList.remove("playing");
    $("player-done").hidden = false;
    var ok = st.endStatus !== "stopped";
    $("done-title").textContent = t(ok ? "done.complete" : "done.ended");
    // Saved only once the server has every event and the finish: until then say so, so
    // nobody opens the history to find the session still "running".
    var saved = !outbox.length;
    done.setAttribute("data-saved", saved ? "true" : "false");
    var text = !saved
      ? t(navigator.onLine ? "done.saving" : "done.offline")
      : t(ok ? "done.saved" : "done.stopped");
    if ($("done-text").textContent !== text) $("done-text").textContent = text;
  }

  function loop() {
    tick();
    draw();
    if (st.state === "running") persist(false);
    if (st.state !== "done") requestAnimationFrame(loop);
  }

  // ----- input ---------------------------------------------------------------------------------
  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    if (st.state === "idle" || !segs.length) return;
    var k = e.key;
    if (k === " " || k === "Spacebar") {
      // Space always means pause/resume here, even with a button focused.
      e.preventDefault();
      if (e.type === "keydown" && !e.repeat) toggle();
      return;
    }
    if (e.type !== "keydown") return;
    if (st.pending.length && /^[0-9]$/.test(k)) { rate(Number(k)); e.preventDefault(); return; }
    var map = { n: skip, b: back, p: pain, q: quit };
    var fn = map[k.toLowerCase()];
    if (fn) { e.preventDefault(); fn(); }
  }
  document.addEventListener("keydown", onKey);
  document.addEventListener("keyup", onKey);
  $("btn-pause").addEventListener("click", toggle);
  $("btn-skip").addEventListener("click", skip);
  $("btn-back").addEventListener("click", back);
  $("btn-pain").addEventListener("click", pain);
  $("btn-quit").addEventListener("click", quit);
  $("pain-next").addEventListener("click", skip);
  $("pain-end").addEventListener("click", quit);
  $("rating-skip").addEventListener("click", skipRating);
  $("rating-buttons").addEventListener("click", function (e) {
    var b = e.target.closest("[data-rate]");
    if (b) rate(Number(b.getAttribute("data-rate")));
  });

  // ----- start or resume ------------------------------------------------------------------------
  function begin() {
    $("player-start").hidden = true;
    root.hidden = false;
    st.startPerf = performance.now();
    st.state = "running";
    send("started", null, {});
    acquireWake();
    if (!segs.length) { finish("completed"); return; }
    st.idx = 0;
    enter(0, true);
    $("btn-pause").focus();
    requestAnimationFrame(loop);
  }

  function restore(snap) {
    // Continue the schedule from where the page was left, paused: the person may have been away.
    S = snap.scale;
    st.offset = snap.offset;
    st.idx = Math.min(snap.idx, segs.length - 1);
    st.groupStart = snap.groupStart;
    st.groupPaused = snap.groupPaused;
    st.lastStretch = snap.lastStretch;
    st.pending = snap.pending || [];
    st.finishSent = !!snap.finishSent;
    st.endStatus = snap.endStatus || null;
    st.startPerf = performance.now() - snap.t * 1000;
    if (snap.state === "done") { st.state = "done"; }
    else if (snap.state === "pain") { st.state = "pain"; st.pausedAt = snap.pausedAt; showPain(); }
    else {
      st.state = "paused";
      st.pausedAt = snap.state === "paused" ? snap.pausedAt : snap.t;
      status(t("player.welcome-back"));
    }
    $("player-empty").hidden = true;
    root.hidden = st.state === "done";
    showRating();
    lastAnnounce.idx = st.idx;
    requestAnimationFrame(loop);
    if (st.state === "done") maybeSendFinish();
  }

  function fromServer(data, lastT) {
    // No local state (another browser, or storage cleared): rebuild it from the server's log.
    var t = lastT || 0;
    var i = 0;
    while (i + 1 < segs.length && segs[i + 1].start * S <= t) i++;
    restore({
      scale: S, offset: 0, idx: i, groupStart: segs[i].start * S, groupPaused: 0,
      lastStretch: null, pending: [], t: t, state: "paused", pausedAt: t,
    });
  }

  function load() {
    if (!sessionId) return;
    window.supple.sendJSON("GET", "/api/v1/sessions/" + encodeURIComponent(sessionId)).then(function (r) {
      if (!r.ok) {
        $("player-empty").querySelector("p").textContent =
          t("load.failed", { id: sessionId, reason: (r.data && r.data.message) || "HTTP " + r.status });
        localStorage.removeItem(STORE_KEY);
        return;
      }
      var d = r.data;
      howTo = d.how_to || {};
      segs = Array.isArray(d.timeline) ? d.timeline : (d.timeline && d.timeline.segments) || [];
      segs.forEach(function (s) { if (s.hold_group === undefined) s.hold_group = null; });
      total = segs.length ? segs[segs.length - 1].start + segs[segs.length - 1].duration : 0;
      loadFigures();
      var urlScale = parseFloat(params.get("scale") || "");
      var mine = saved && saved.id === sessionId ? saved : null;
      S = mine ? mine.scale : urlScale > 0 && urlScale <= 10 ? urlScale : 1;
      if (mine && mine.state !== "idle") { restore(mine); return; }
      // The server logs its own "created" event; only the player's events mean it has begun.
      var events = (d.events || []).filter(function (e) { return e.event !== "created"; });
      var serverStatus = d.status || (d.session && d.session.status);
      if (serverStatus && serverStatus !== "running") {
        st.state = "done"; st.endStatus = serverStatus === "stopped" ? "stopped" : "completed";
        st.finishSent = true; $("player-empty").hidden = true; showDone(); return;
      }
      if (events.length) { fromServer(d, events[events.length - 1].t); return; }
      var stretches = {};
      segs.forEach(function (s) { if (isStretch(s)) stretches[s.step] = 1; });
      var count = Object.keys(stretches).length;
      $("start-summary").textContent = t("player.start-summary", { stretches: tn("stretches", count), length: length(total) });
      $("player-empty").hidden = true;
      $("player-start").hidden = false;
      persist(true);
      $("btn-start").focus();
    }, function () {
      $("player-empty").querySelector("p").textContent = t("load.no-server");
    });
  }
  $("btn-start").addEventListener("click", begin);
  flush();
  load();
})();
