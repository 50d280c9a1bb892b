/* Dispatch suggestions: one click on a suggested unit picks it as lead unit and submits the
   normal dispatch form (so the dispatch is recorded like any other). No inline scripts (CSP). */
(function () {
  "use strict";
  if (window.__triageSuggest) { return; }
  window.__triageSuggest = true;
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("button.suggest[data-unit]");
    if (!btn) { return; }
    var form = btn.closest("form");
    var select = form && form.querySelector("select[name=lead_unit]");
    if (!select) { return; }
    select.value = btn.getAttribute("data-unit");
    form.querySelectorAll("input[name=assisting_units]").forEach(function (box) {
      if (box.value === select.value) { box.checked = false; }
    });
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });
})();
