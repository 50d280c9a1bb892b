/* grassroots service worker (docs/offline.md). Served at /offline/sw.js with
 * Service-Worker-Allowed: / so that it controls every page; __VERSION__ follows the scripts.
 *
 * - /static/: cache first (file names change with their content in production).
 * - pages: network first; the pages named by /offline/reference.json (the visit form, the
 *   theme-day record forms, the outbox, the demand-row fragments) are kept for offline use and
 *   answered from the cache when the network fails. Nothing else is stored.
 * - POST and everything else: straight to the network (the outbox in the page handles offline).
 * The page asks for a refresh ({type: "refresh"}) when it loads online; the answer
 * ({type: "refreshed"}) says the offline copies are up to date.
 */
"use strict";
var VERSION = "__VERSION__";
var STATIC = "gr-static-" + VERSION;
var PAGES = "gr-pages";
var SHELL = [
  "/static/css/site.css", "/static/vendor/htmx/htmx.min.js", "/static/core/forms.js",
  "/static/core/nav.js", "/static/offline/outbox.js", "/static/offline/offline.css",
  "/static/favicon.svg", "/static/offline/icon-192.png"
];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC).then(function (cache) {
    return cache.addAll(SHELL).catch(function () { /* a missing file must not stop install */ });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("gr-static-") === 0 && k !== STATIC;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function cacheable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

function retrying(url, tries) {
  // a busy server may fail one request (5xx, or a 400 when the session could not be saved):
  // try again a moment later; a redirect (to the login page), 401, 403 or 404 is final
  // X-Grassroots-Background: a refresh nobody asked for is not activity; it must not keep an
  // idle phone signed in (core.middleware.SessionTouchMiddleware)
  return fetch(url, { credentials: "same-origin", cache: "no-store",
                      headers: { "X-Grassroots-Background": "refresh" } }).then(function (r) {
    if (!cacheable(r) && !r.redirected && [401, 403, 404].indexOf(r.status) < 0 && tries > 1) {
      return new Promise(function (ok) { setTimeout(ok, 300); }).then(function () {
        return retrying(url, tries - 1);
      });
    }
    return r;
  });
}

function keep(cache, url) {
  return retrying(url, 3).then(function (r) {
    if (cacheable(r)) return cache.put(url, r);
    if (r.redirected) throw new Error("signed out");  // the rest would be refused too
  });
}

function refresh(user) {
  // The reference data names the pages to keep; a response for someone else's session (or
  // the login page after a redirect) is never stored.
  return retrying("/offline/reference.json", 3).then(function (response) {
      if (!cacheable(response)) throw new Error("reference " + response.status);
      return response.clone().json().then(function (data) {
        if (user && String(data.user) !== String(user)) throw new Error("other user");
        return caches.open(PAGES).then(function (cache) {
          // one page after another: kind to a weak signal (and to the server)
          return data.pages.reduce(function (chain, url) {
            return chain.then(function () { return keep(cache, url); });
          }, cache.put("/offline/reference.json", response)).then(function () {
            return data.pages.length;
          });
        });
      });
    });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "refresh") {
    event.waitUntil(refresh(data.user).then(function (n) {
      if (event.source) event.source.postMessage({ type: "refreshed", pages: n });
    }).catch(function (e) {
      if (event.source) event.source.postMessage({ type: "refresh-failed", error: String(e) });
    }));
  } else if (data.type === "forget") {
    // signed out: the kept pages belong to the last user (the outbox itself is kept)
    event.waitUntil(caches.delete(PAGES));
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (cacheable(response)) {
          var copy = response.clone();
          caches.open(STATIC).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
    return;
  }
  var key = url.pathname + url.search;
  event.respondWith(fetch(request).then(function (response) {
    // keep a fresh copy of a page already kept for offline use
    if (cacheable(response)) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) {
        return cache.match(key, { ignoreVary: true }).then(function (kept) {
          if (kept) return cache.put(key, copy);
        });
      }).catch(function () {});
    }
    return response;
  }).catch(function (error) {
    return caches.open(PAGES).then(function (cache) {
      return cache.match(key, { ignoreVary: true }).then(function (hit) {
        if (hit) return hit;
        if (request.mode === "navigate") {
          return cache.match("/offline/outbox/", { ignoreVary: true }).then(function (page) {
            if (page) return page;
            throw error;
          });
        }
        throw error;
      });
    });
  }));
});
