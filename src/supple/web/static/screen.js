// Progressive enhancement of the safety screen: one question at a time, Back / Next, with the
// plain all-questions form (which works without JavaScript) underneath.
"use strict";
(function () {
  var form = document.getElementById("screen-form");
  if (!form || document.getElementById("form-errors")) return; // show every field with its error
  var qs = Array.prototype.slice.call(form.querySelectorAll("fieldset.question"));
  var prev = document.getElementById("q-prev");
  var next = document.getElementById("q-next");
  var submit = document.getElementById("screen-submit");
  var count = document.getElementById("step-count");
  var at = 0;
  var t = window.supple.t, tn = window.supple.tn;
  form.classList.add("one-at-a-time");

  function answered(fs) {
    var r = fs.querySelector("input:checked");
    var n = fs.querySelector("input[type=number]");
    return !!r || (n && n.value.trim() !== "");
  }

  function show(i, focus) {
    at = i;
    qs.forEach(function (fs, k) { fs.hidden = k !== i; });
    prev.hidden = i === 0;
    var last = i === qs.length - 1;
    next.hidden = last;
    submit.hidden = !last;
    count.hidden = false;
    count.textContent = tn("screen.question", qs.length, { number: i + 1 });
    if (focus) {
      var first = qs[i].querySelector("input:checked") || qs[i].querySelector("input");
      if (first) first.focus();
    }
  }

  next.addEventListener("click", function () {
    var fs = qs[at];
    var optional = fs.querySelector(".optional");
    if (!answered(fs) && !optional) {
      count.textContent = t("screen.answer-first", { number: at + 1, count: qs.length });
      var first = fs.querySelector("input");
      if (first) first.focus();
      return;
    }
    show(Math.min(at + 1, qs.length - 1), true);
  });
  prev.addEventListener("click", function () { show(Math.max(at - 1, 0), true); });
  // Enter in a number field means Next, not "submit the whole form".
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.type === "number" && at < qs.length - 1) {
      e.preventDefault();
      next.click();
    }
  });
  show(0, false);
})();
