/* The phone's outbox (docs/offline.md).
 *
 * form[data-offline]: when there is no network (or always, with data-offline-always="1") the
 * submit is kept in IndexedDB instead — the fields as typed, photos resized to at most 1600 px
 * (JPEG), the phone's time (recorded_at) and an idempotency key of its own. Online again (the
 * "online" event, or the next page load) the items are sent in order to the form's
 * data-offline-url with that key, so a retry never creates a second record; each item shows
 * its result (demand numbers, or the server's field errors to fix: "打开修改" fills the form
 * again). A 401 (the session ran out) stops the sync and asks to log in; the page after the
 * login continues it. Nothing is deleted until the server has answered or the person says so.
 * It also registers the service worker that keeps the forms and reference data for offline use.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.indexedDB) return;
  var cfg = script.dataset;
  var T = {};
  try { T = JSON.parse(cfg.i18n); } catch (e) { /* labels fall back to nothing */ }
  var USER = cfg.user || "";
  var DB = "grassroots-offline";
  var STORE = "outbox";
  var MAX_SIDE = 1600;
  var REFRESH_EVERY = 10 * 60 * 1000;

  // --- IndexedDB ------------------------------------------------------------------------------
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open(DB, 1);
        open.onupgradeneeded = function () {
          open.result.createObjectStore(STORE, { keyPath: "key" });
        };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }
  function run(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction(STORE, mode);
        var req = fn(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(req && req.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function all() {
    return run("readonly", function (s) { return s.getAll(); }).then(function (items) {
      return (items || []).filter(function (i) { return String(i.user) === String(USER); })
        .sort(function (a, b) { return a.created - b.created; });
    });
  }
  function get(key) { return run("readonly", function (s) { return s.get(key); }); }
  function put(item) { return run("readwrite", function (s) { return s.put(item); }); }
  function remove(key) { return run("readwrite", function (s) { return s.delete(key); }); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var a = new Uint8Array(18);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); })
      .join("");
  }

  // --- photos: resized on the phone before they are stored ---------------------------------------
  function resize(file) {
    if (!file.type || file.type.indexOf("image/") !== 0 || !window.createImageBitmap) {
      return Promise.resolve({ name: file.name, blob: file });
    }
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          var name = (file.name || "photo").replace(/\.[^.]*$/, "") + ".jpg";
          resolve({ name: name, blob: blob || file });
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return { name: file.name, blob: file }; });
  }

  // --- the forms ------------------------------------------------------------------------------
  var SKIP = { csrfmiddlewaretoken: 1, idempotency_key: 1 };
  function collect(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.disabled) return;
      if (el.type === "file" || el.type === "submit" || el.type === "button") return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      fields.push([el.name, el.value]);
    });
    return fields;
  }
  function photosOf(form) {
    var files = [];
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (f) { files.push(f); });
    });
    return Promise.all(files.map(resize));
  }

  function queue(form) {
    var editing = form.dataset.outboxKey;
    return (editing ? get(editing) : Promise.resolve(null)).then(function (old) {
      return photosOf(form).then(function (photos) {
        var item = old || { key: newKey(), user: USER, created: Date.now(),
                            recorded_at: new Date().toISOString() };
        item.kind = form.dataset.offline;
        item.url = form.dataset.offlineUrl;
        item.label = form.dataset.offlineLabel || "";
        item.page = window.location.pathname;
        item.fields = collect(form);
        if (photos.length || !old) item.photos = photos;
        item.status = "waiting";
        item.error = null;
        return put(item).then(function () { return item; });
      });
    });
  }

  function afterQueued(form) {
    // the browser's draft of this form (core/forms.js) is now the outbox item
    try {
      if (form.dataset.draft) {
        localStorage.removeItem("grassroots:draft:" + form.dataset.draft + ":" +
                                (form.dataset.draftUser || ""));
        form.dataset.draftDirty = "";
      }
    } catch (e) { /* storage refused */ }
    form.reset();
    form.querySelectorAll(".ob-error").forEach(function (el) { el.remove(); });
    delete form.dataset.outboxKey;
    if (window.location.search.indexOf("outbox=") >= 0) {
      history.replaceState(null, "", window.location.pathname);
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-offline]")) return;
    var always = form.dataset.offlineAlways === "1" || form.dataset.outboxKey;
    if (!always && navigator.onLine) return;  // online: the page's own submit
    event.preventDefault();
    event.stopPropagation();  // before the form's own handlers (draft, disable-once)
    queue(form).then(function () {
      afterQueued(form);
      if (!navigator.onLine) state.saved = true;
      state.storageError = false;
      keepStorage();
      render();
      window.scrollTo(0, 0);
      sync(true);  // the person's own submit
    }, function () {
      // not stored (the phone's storage is full, or the browser refused it): the form keeps
      // what was typed and the person is told, never a silent loss
      state.storageError = true;
      render();
      window.scrollTo(0, 0);
    });
  }, true);

  // Ask the browser not to evict the outbox under storage pressure (granted to an installed
  // app or a site used often; refused silently otherwise).
  function keepStorage() {
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().catch(function () { /* best effort */ });
    }
  }

  // --- sending --------------------------------------------------------------------------------
  function csrf() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) { return ""; }
  }

  var state = { syncing: false, login: false, saved: false };

  // Items saved before the endpoints moved into the API (/api/v1/offline/…) keep their old
  // address in IndexedDB (and a form kept by the worker may still name it): sent to the new one.
  var MOVED = [[/^\/offline\/api\/visits$/, "/api/v1/offline/visits"],
               [/^\/offline\/api\/themedays\/(\d+)\/record$/, "/api/v1/offline/themedays/$1/record"]];
  function endpoint(url) {
    for (var i = 0; i < MOVED.length; i++) {
      if (MOVED[i][0].test(url)) return url.replace(MOVED[i][0], MOVED[i][1]);
    }
    return url;
  }

  function send(item, background) {
    var data = new FormData();
    item.fields.forEach(function (p) { data.append(p[0], p[1]); });
    data.append("recorded_at", item.recorded_at);
    (item.photos || []).forEach(function (p) { data.append("photos", p.blob, p.name); });
    var headers = { "Idempotency-Key": item.key, "X-CSRFToken": csrf(), "Accept": "application/json" };
    // sent by itself (the phone came online, a page loaded): not the person's activity, so it
    // does not keep an idle session alive (core.middleware.SessionTouchMiddleware)
    if (background) headers["X-Grassroots-Background"] = "outbox";
    return fetch(endpoint(item.url), {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual", headers: headers
    });
  }

  function csrfRefused(response, data) {
    // a page opened before the last login holds an old token: not the item's fault
    return response.status === 403 && data && data.error &&
      /CSRF/i.test(data.error.message || "");
  }

  function sync(byPerson) {
    if (state.syncing || !navigator.onLine) return Promise.resolve();
    state.syncing = true;
    var stop = false;
    return all().then(function (items) {
      var todo = items.filter(function (i) { return i.status === "waiting" || i.status === "sending"; });
      return todo.reduce(function (chain, item) {
        return chain.then(function () {
          if (stop) return;
          item.status = "sending";
          render();
          return send(item, !byPerson).then(function (response) {
            return response.json().catch(function () { return null; }).then(function (data) {
              if (response.status === 201 || response.status === 200) {
                item.status = "done";
                item.result = data;
                item.photos = [];  // stored on the server now
              } else if (response.status === 401 || response.type === "opaqueredirect" ||
                         (response.status === 403 && !data) || csrfRefused(response, data)) {
                item.status = "waiting";
                state.login = true;
                stop = true;
              } else if (data && data.error && response.status < 500) {
                item.status = response.status === 400 ? "invalid" : "refused";
                item.error = data.error;
              } else {
                item.status = "waiting";  // the server is unwell: later
                stop = true;
              }
              return put(item);
            });
          }, function () {
            item.status = "waiting";  // the network went away again
            stop = true;
            return put(item);
          }).then(render);
        });
      }, Promise.resolve());
    }).then(function () {
      if (!stop) state.login = false;
    }).finally(function () {
      state.syncing = false;
      var root = document.documentElement;  // how many sync runs ended (tests wait on it)
      root.dataset.outboxRuns = String((+root.dataset.outboxRuns || 0) + 1);
      render();
    });
  }

  // --- showing --------------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function when(iso) {
    var d = new Date(iso);
    function two(n) { return ("0" + n).slice(-2); }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " +
      two(d.getHours()) + ":" + two(d.getMinutes());
  }
  var STATUS = { waiting: "waiting", sending: "sending", done: "done", invalid: "invalid",
                 refused: "refused" };

  function itemRow(item) {
    var li = el("li", { "data-testid": "outbox-item", "data-status": item.status,
                        "data-key": item.key, "class": "ob-item ob-" + item.status });
    var head = el("div", { "class": "ob-head" });
    head.appendChild(el("strong", {}, (T[item.kind] || "") + " " + (item.label || "")));
    head.appendChild(el("span", { "class": "ob-status" }, T[STATUS[item.status]] || item.status));
    li.appendChild(head);
    li.appendChild(el("div", { "class": "muted" }, (T.recordedAt || "") + " " + when(item.recorded_at) +
      ((item.photos && item.photos.length) ? " · " + T.photos + " " + item.photos.length : "")));
    if (item.status === "done" && item.result) {
      var res = el("div", { "class": "ob-result", "data-testid": "outbox-result" },
                   item.result.message || "");
      var numbers = (item.result.demands || []).map(function (d) { return d.number; });
      if (numbers.length) res.appendChild(el("span", {}, " " + T.demands + "：" + numbers.join("、")));
      li.appendChild(res);
      li.appendChild(el("a", { href: item.result.url }, T.view));
    }
    if (item.error) {
      var box = el("div", { "class": "errorlist", "data-testid": "outbox-error" }, item.error.message);
      li.appendChild(box);
    }
    if (item.status === "invalid" || item.status === "refused") {
      if (item.status === "invalid") {
        li.appendChild(el("a", { href: item.page + "?outbox=" + encodeURIComponent(item.key),
                                 "data-testid": "outbox-open" }, T.open));
      }
      var del = el("button", { type: "button", "class": "link" }, T.remove);
      del.addEventListener("click", function () {
        if (window.confirm(T.confirmRemove)) remove(item.key).then(render);
      });
      li.appendChild(del);
    }
    return li;
  }

  function bar() {
    var node = document.getElementById("offline-bar");
    if (!node) {
      node = el("section", { id: "offline-bar", "class": "ob-bar", "data-testid": "outbox-bar",
                             "aria-live": "polite" });
      var main = document.querySelector("main") || document.body;
      main.insertBefore(node, main.firstChild);
    }
    return node;
  }

  function render() {
    return all().then(function (items) {
      var node = bar();
      node.textContent = "";
      var open = items.filter(function (i) { return i.status !== "done"; });
      if (!navigator.onLine) {
        node.appendChild(el("p", { "class": "ob-offline", "data-testid": "offline-banner" },
                            state.saved ? T.offlineSaved : T.offline));
      }
      if (state.storageError) {
        node.appendChild(el("p", { "class": "ob-login", role: "alert", "data-testid": "outbox-storage" },
                            T.storageFull));
      }
      if (state.login) {
        var p = el("p", { "class": "ob-login", role: "alert", "data-testid": "outbox-login" },
                   T.login + " ");
        p.appendChild(el("a", { href: cfg.login + "?next=" +
          encodeURIComponent(window.location.pathname + window.location.search) }, T.loginLink));
        node.appendChild(p);
      }
      if (items.length) {
        node.appendChild(el("p", { "class": "ob-count" }, T.waiting + " " + open.length));
        var list = el("ul", { "class": "ob-list" });
        items.forEach(function (i) { list.appendChild(itemRow(i)); });
        node.appendChild(list);
        if (items.length > open.length) {
          var clear = el("button", { type: "button", "class": "link", "data-testid": "outbox-clear" },
                         T.clearDone);
          clear.addEventListener("click", function () {
            Promise.all(items.filter(function (i) { return i.status === "done"; })
              .map(function (i) { return remove(i.key); })).then(render);
          });
          node.appendChild(clear);
        }
      }
      node.hidden = !node.childNodes.length;
      var page = document.querySelector("[data-outbox-list]");
      if (page && !items.length) page.textContent = T.empty;
      else if (page) page.textContent = "";
    });
  }

  // --- opening a queued item again (to fix what the server refused) -------------------------------
  function fill(form, fields) {
    var missing = [];
    var byName = {};
    fields.forEach(function (p) { (byName[p[0]] = byName[p[0]] || []).push(p[1]); });
    Object.keys(byName).forEach(function (name) {
      var els = Array.prototype.filter.call(form.elements, function (e) { return e.name === name; });
      if (!els.length) { missing.push(name); return; }
      els.forEach(function (e) {
        if (e.type === "checkbox" || e.type === "radio") e.checked = byName[name].indexOf(e.value) >= 0;
        else e.value = byName[name][0];
      });
    });
    // checkboxes not in the item were unchecked when it was saved
    Array.prototype.forEach.call(form.elements, function (e) {
      if ((e.type === "checkbox" || e.type === "radio") && !byName[e.name] && e.name) e.checked = false;
    });
    return missing;
  }
  function addRow(form) {
    var htmx = form.querySelector("[data-testid=add-demand]");
    if (htmx) { htmx.click(); return; }
    var add = form.querySelector("[data-add-row]");
    if (add) add.click();
  }
  function fillWithRows(form, fields, tries) {
    var missing = fill(form, fields);
    if (!missing.length || tries <= 0) return Promise.resolve();
    var before = form.elements.length;
    addRow(form);
    return new Promise(function (resolve) {
      var waited = 0;
      (function poll() {
        if (form.elements.length > before || (waited += 50) > 5000) resolve();
        else setTimeout(poll, 50);
      })();
    }).then(function () { return fillWithRows(form, fields, tries - 1); });
  }
  function showErrors(form, error) {
    if (!error) return;
    var fields = error.fields || {};
    var top = el("div", { "class": "errorlist ob-error", role: "alert", "data-testid": "outbox-form-error" },
                 T.fixHere + " " + (error.message || ""));
    form.insertBefore(top, form.firstChild);
    Object.keys(fields).forEach(function (name) {
      var input = form.querySelector("[name='" + name.replace(/'/g, "") + "']");
      if (!input) return;
      var box = el("div", { "class": "errorlist ob-error" }, fields[name].join(" "));
      var label = input.closest("label") || input;
      label.parentNode.insertBefore(box, label.nextSibling);
    });
  }
  function reopen() {
    var match = /[?&]outbox=([^&]+)/.exec(window.location.search);
    var form = document.querySelector("form[data-offline]");
    if (!match || !form) return;
    get(decodeURIComponent(match[1])).then(function (item) {
      if (!item || String(item.user) !== String(USER)) return;
      form.dataset.outboxKey = item.key;
      form.dataset.draftBound = "1";
      fillWithRows(form, item.fields, 20).then(function () { showErrors(form, item.error); });
    });
  }

  // theme-day form: one more suggestion block, offline too (a copy of the last one)
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-add-row]");
    if (!button) return;
    var rows = button.form.querySelector("[data-rows]");
    var last = rows.querySelector("[data-row]:last-of-type");
    var n = rows.querySelectorAll("[data-row]").length + 1;
    var copy = last.cloneNode(true);
    copy.setAttribute("data-testid", "suggestion-" + n);
    copy.querySelector("legend").textContent = copy.querySelector("legend").textContent
      .replace(/\d+\s*$/, String(n));
    copy.querySelectorAll("[name]").forEach(function (e) {
      e.name = e.name.replace(/^suggestion-\d+-/, "suggestion-" + n + "-");
      if (e.tagName === "SELECT") e.selectedIndex = 0; else e.value = "";
    });
    rows.appendChild(copy);
  });

  // signing out: the kept pages belong to this user (the outbox stays, it is per user)
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("action");
    if (action && /\/logout\/?$/.test(action) && navigator.serviceWorker &&
        navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
  });

  // --- the service worker ------------------------------------------------------------------
  var refreshTries = 0;
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !cfg.sw) return;
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "refresh-failed" && refreshTries++ < 2 &&
          navigator.onLine && event.source) {
        setTimeout(function () { event.source.postMessage({ type: "refresh", user: USER }); }, 1000);
      }
      if (event.data && event.data.type === "refreshed") {
        // "1": this page itself is served by the worker (a first visit is not, until reload)
        document.documentElement.dataset.offlineReady =
          navigator.serviceWorker.controller ? "1" : "0";
        try { localStorage.setItem("grassroots:offline:refreshed:" + USER, String(Date.now())); }
        catch (e) { /* storage refused */ }
      }
    });
    navigator.serviceWorker.register(cfg.sw, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var last = 0;
      try { last = +localStorage.getItem("grassroots:offline:refreshed:" + USER) || 0; }
      catch (e) { /* storage refused */ }
      if (!navigator.onLine) return;
      if (Date.now() - last < REFRESH_EVERY && navigator.serviceWorker.controller) {
        document.documentElement.dataset.offlineReady = "1";
        return;
      }
      registration.active.postMessage({ type: "refresh", user: USER });
    }).catch(function () { /* no worker: the outbox still works on this page */ });
  }

  function start() {
    registerWorker();
    reopen();
    render().then(function () { return sync(false); });
    window.addEventListener("online", function () { render(); sync(); });
    window.addEventListener("offline", render);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
