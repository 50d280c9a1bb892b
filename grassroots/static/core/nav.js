// The top bar: on phones the sections fold behind a menu button; on wider screens each
// section is a dropdown. Without this script every section is shown (details/summary).
(function () {
  "use strict";
  var toggle = document.querySelector(".navtoggle");
  var nav = document.getElementById("mainnav");
  if (!toggle || !nav) return;
  document.documentElement.classList.add("js-nav");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  var sections = nav.querySelectorAll("details.navsec");
  var wide = window.matchMedia("(min-width: 800px)");
  // One dropdown open at a time on wide screens; Escape or a click elsewhere closes it.
  sections.forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (!d.open || !wide.matches) return;
      sections.forEach(function (o) { if (o !== d) o.open = false; });
    });
  });
  // On a phone the menu opens at the section of the current page.
  if (!wide.matches) sections.forEach(function (d) { if (d.classList.contains("active")) d.open = true; });
  function closeAll() { if (wide.matches) sections.forEach(function (d) { d.open = false; }); }
  document.addEventListener("click", function (e) { if (!nav.contains(e.target)) closeAll(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") closeAll(); });
})();
