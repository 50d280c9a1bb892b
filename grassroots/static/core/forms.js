/* Forms that create something (the visit form, the citizen's submit form, the phone intake).
 *
 * 1. form[data-once]: the submit button is disabled once the form is sent, so a double-click
 *    sends it once (a courtesy only: the server's idempotency key is the guarantee).
 * 2. form[data-draft]: what is typed is kept in this browser (localStorage, per form and user)
 *    until the server confirms the submit; a session that ran out meanwhile sends the person
 *    to the login page, and back on the form the draft is restored with a message.
 *    Only what the person typed on their own device is kept, never files, and it is removed
 *    when the server confirms (a hidden message [data-draft-done] on the next page).
 */
(function () {
  "use strict";
  var PREFIX = "grassroots:draft:";
  var SKIP = { csrfmiddlewaretoken: 1, idempotency_key: 1 };

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function draftKey(form) {
    return PREFIX + form.dataset.draft + ":" + (form.dataset.draftUser || "");
  }

  function collect(form) {
    var values = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.disabled) return;
      if (el.type === "file" || el.type === "submit" || el.type === "button") return;
      if (el.type === "hidden" && !el.dataset.draftKeep) return;
      if (el.type === "checkbox" || el.type === "radio") {
        values.push([el.name, el.value, el.checked]);
      } else {
        values.push([el.name, el.value]);
      }
    });
    return values;
  }

  function save(form) {
    var store = storage();
    // Only once something was typed or chosen: an untouched form leaves nothing behind.
    if (!store || form.dataset.draftDirty !== "1") return;
    try {
      store.setItem(draftKey(form), JSON.stringify({ t: Date.now(), values: collect(form) }));
    } catch (e) { /* storage full or refused: the form still works */ }
  }

  function fieldsNamed(form, name) {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name === name; });
  }

  function apply(form, values) {
    var missing = [];
    values.forEach(function (v) {
      var els = fieldsNamed(form, v[0]);
      if (!els.length) { missing.push(v); return; }
      els.forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          if (el.value === v[1]) el.checked = !!v[2];
        } else {
          el.value = v[1];
        }
      });
    });
    return missing;
  }

  // Fields of rows added on the page (the visit form's "one more demand"): add a row, wait
  // until it is there, fill what now has a field, and again for the rest.
  function addRowsThenApply(form, missing, tries, done) {
    var add = form.querySelector("[data-testid=add-demand]");
    if (!missing.length || !add || tries <= 0) { done(); return; }
    var before = form.elements.length;
    var waited = 0;
    add.click();
    (function poll() {
      if (form.elements.length > before) {
        addRowsThenApply(form, apply(form, missing), tries - 1, done);
      } else if ((waited += 50) > 5000) {
        done();
      } else {
        setTimeout(poll, 50);
      }
    })();
  }

  function showRestored(form) {
    var note = document.createElement("p");
    note.className = "notice";
    note.setAttribute("role", "status");
    note.dataset.testid = "draft-restored";
    note.textContent = form.dataset.draftRestoredMsg || "";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "link";
    clear.textContent = form.dataset.draftDiscardMsg || "";
    clear.addEventListener("click", function () {
      var store = storage();
      if (store) store.removeItem(draftKey(form));
      window.location.reload();
    });
    note.appendChild(clear);
    form.parentNode.insertBefore(note, form);
  }

  function restore(form) {
    var store = storage();
    if (!store) return;
    // A form the server sent back with errors holds what was posted: that wins.
    if (form.dataset.draftBound === "1") return;
    var raw = store.getItem(draftKey(form));
    if (!raw) return;
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { store.removeItem(draftKey(form)); return; }
    if (!draft || !draft.values) return;
    form.dataset.draftDirty = "1";
    addRowsThenApply(form, apply(form, draft.values), 20, function () { showRestored(form); });
  }

  function clearDone() {
    var store = storage();
    if (!store) return;
    var user = document.body.dataset.user || "";
    document.querySelectorAll("[data-draft-done]").forEach(function (el) {
      store.removeItem(PREFIX + el.dataset.draftDone + ":" + user);
    });
  }

  function init() {
    clearDone();
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      restore(form);
      var timer = null;
      form.addEventListener("input", function () {
        form.dataset.draftDirty = "1";
        clearTimeout(timer);
        timer = setTimeout(function () { save(form); }, 300);
      });
      form.addEventListener("change", function () { save(form); });
      form.addEventListener("submit", function () { save(form); });
    });
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.sending === "1") { event.preventDefault(); return; }
        form.dataset.sending = "1";
        // After this tick, so the button's own name/value still goes with the form.
        setTimeout(function () {
          form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
            b.disabled = true;
            b.setAttribute("aria-busy", "true");
          });
        }, 0);
      });
    });
  }

  // Back from the next page (bfcache): the form may be sent again on purpose.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.dataset.sending = "";
      form.querySelectorAll("[aria-busy=true]").forEach(function (b) {
        b.disabled = false;
        b.removeAttribute("aria-busy");
      });
    });
  });

  // After htmx has processed the page (its listener was added first): restoring may click
  // the visit form's htmx "add a demand" button.
  if (document.readyState === "complete") {
    init();
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
