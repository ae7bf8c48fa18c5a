// The plan page's start button: create a session from the routine shown, then open the player.
"use strict";
(function () {
  var btn = document.getElementById("start-session");
  var data = document.getElementById("routine-data");
  if (!btn || !data) return;
  var help = document.getElementById("start-help");
  var t = window.supple.t;
  btn.disabled = false;
  help.textContent = "";
  btn.addEventListener("click", function () {
    btn.disabled = true;
    help.textContent = t("plan.starting");
    var routine = JSON.parse(data.textContent);
    window.supple.sendJSON("POST", "/api/v1/sessions", { routine: routine }).then(function (r) {
      if (!r.ok) {
        btn.disabled = false;
        help.textContent = t("plan.could-not-start", { reason: (r.data && r.data.message) || ("HTTP " + r.status) });
        return;
      }
      var scale = new URLSearchParams(location.search).get("scale");
      location.href = "/session?id=" + encodeURIComponent(r.data.id) + (scale ? "&scale=" + encodeURIComponent(scale) : "");
    }, function () {
      btn.disabled = false;
      help.textContent = t("plan.no-server");
    });
  });
})();
