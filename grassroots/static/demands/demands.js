/* Demand pages: small behaviours without inline scripts (strict CSP). */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // Picking a category on an unclassified demand preselects the catalogue's lead unit
  // (data-unit / data-town-units on the option, dispatch_tags.catalogue_units).
  document.addEventListener("change", function (e) {
    var picker = e.target;
    if (!(picker.matches && picker.matches("form.dispatch-form select[name=category]"))) { return; }
    var form = picker.closest("form");
    var lead = form.querySelector("select[name=lead_unit]");
    var option = picker.options[picker.selectedIndex];
    if (!lead || !option) { return; }
    var unit = option.getAttribute("data-unit") || "";
    var town = form.getAttribute("data-town");
    (option.getAttribute("data-town-units") || "").split(";").forEach(function (pair) {
      var parts = pair.split(":");
      if (town && parts[0] === town) { unit = parts[1]; }
    });
    if (!unit) { return; }
    lead.value = unit;
    var note = form.querySelector("[data-catalogue-note]");
    if (note) { note.textContent = note.getAttribute("data-picked"); }
  });

  // A checkbox with data-reveal="id" shows/hides that element ("现场已解决" → "现场处理情况").
  document.addEventListener("change", function (e) {
    var box = e.target;
    if (box.matches && box.matches("input[data-reveal]")) {
      var target = document.getElementById(box.getAttribute("data-reveal"));
      if (target) { target.hidden = !box.checked; }
    }
    if (box.matches && box.matches("input[data-check-all]")) {
      var name = box.getAttribute("data-check-all");
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (c) {
        c.checked = box.checked;
      });
    }
    if (box.matches && box.matches("select[data-anonymous-types]")) { syncAnonymous(box); }
    if (box.matches && box.matches("input[type=file][data-max-files]")) {
      var max = parseInt(box.getAttribute("data-max-files"), 10);
      // Messages come translated from the page (data-*-msg): no strings in the script.
      box.setCustomValidity(box.files.length > max ? box.getAttribute("data-max-files-msg") : "");
      box.reportValidity();
    }
  });

  // The anonymous checkbox only applies to 举报/建议/表扬.
  function syncAnonymous(select) {
    var allowed = (select.getAttribute("data-anonymous-types") || "").split(",");
    var form = select.form;
    var label = form && form.querySelector("label.anonymous");
    if (!label) { return; }
    var ok = allowed.indexOf(select.value) !== -1;
    label.hidden = !ok;
    if (!ok) { label.querySelector("input").checked = false; }
  }

  // "定位": fill the hidden latitude/longitude from the phone's position.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("[data-locate]");
    if (!btn) { return; }
    var box = btn.parentElement;
    var status = box.querySelector("[data-locate-status]");
    if (!navigator.geolocation) { status.textContent = status.getAttribute("data-msg-unsupported"); return; }
    status.textContent = status.getAttribute("data-msg-locating");
    navigator.geolocation.getCurrentPosition(function (pos) {
      box.querySelector("input[name=latitude]").value = pos.coords.latitude.toFixed(6);
      box.querySelector("input[name=longitude]").value = pos.coords.longitude.toFixed(6);
      status.textContent = pos.coords.latitude.toFixed(5) + ", " + pos.coords.longitude.toFixed(5);
    }, function () {
      status.textContent = status.getAttribute("data-msg-failed");
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });

  onReady(function () {
    document.querySelectorAll("select[data-anonymous-types]").forEach(syncAnonymous);
  });
})();
