/* Dispatch suggestions: one click on a suggested unit picks it as lead unit and submits the
   normal dispatch form (so the dispatch is recorded like any other). No inline scripts (CSP). */
(function () {
  "use strict";
  if (window.__triageSuggest) { return; }
  window.__triageSuggest = true;
  document.addEventListener("click", function (e) {
    // A suggested category only fills the form's category picker: the dispatch stays one click
    // on a unit (or the form's own button).
    var cat = e.target.closest && e.target.closest("button.suggest-category[data-category]");
    if (cat) {
      var picker = cat.closest("form") && cat.closest("form").querySelector("select[name=category]");
      if (picker) {
        picker.value = cat.getAttribute("data-category");
        cat.closest("form").querySelectorAll("button.suggest-category").forEach(function (b) {
          b.classList.toggle("chosen", b === cat);
        });
      }
      return;
    }
    var btn = e.target.closest && e.target.closest("button.suggest[data-unit]");
    if (!btn) { return; }
    var form = btn.closest("form");
    var select = form && form.querySelector("select[name=lead_unit]");
    if (!select) { return; }
    select.value = btn.getAttribute("data-unit");
    form.querySelectorAll("input[name=assisting_units]").forEach(function (box) {
      if (box.value === select.value) { box.checked = false; }
    });
    // One click never dispatches at once: the unit is picked, the dispatcher confirms.
    var question = btn.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { return; }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });
})();
