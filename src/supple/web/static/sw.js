// supple's service worker: the app opens offline once it has been visited.
// Install: the shell (styles, scripts, icons), the player page, an offline page and the main
// pages, so they open offline even if never visited. Static assets: cache first. Pages and the
// session JSON: network first, the cached copy offline; a page never cached gets the offline
// page. Writes (POST) are never cached; the player's outbox retries them when the server is back.
"use strict";
var CACHE = "supple-v3";
var OFFLINE = "/offline";
var SHELL = [
  "/session", OFFLINE, "/static/app.css", "/static/figure.css", "/static/app.js", "/static/player.js",
  "/static/plan.js", "/static/screen.js", "/static/settings.js",
  "/static/manifest.webmanifest", "/static/icons/icon.svg", "/static/icons/icon-192.png",
];
// Cached too, but a page that cannot be had now (say, a login is needed) must not stop the
// install: each is added on its own and a failure is ignored.
var PAGES = ["/", "/plan", "/history", "/catalog", "/learn", "/settings", "/profile", "/screen"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(SHELL).then(function () {
      return Promise.all(PAGES.map(function (p) {
        return fetch(p, { credentials: "same-origin" }).then(function (resp) {
          if (resp.ok && !resp.redirected) return c.put(p, resp);
        }).catch(function () { /* offline or refused: the page is cached when visited */ });
      }));
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function networkFirst(request, cacheKey) {
  return fetch(request).then(function (resp) {
    if (resp.ok && !resp.redirected) {
      var copy = resp.clone();
      caches.open(CACHE).then(function (c) { c.put(cacheKey || request, copy); });
    }
    return resp;
  }).catch(function () {
    return caches.match(cacheKey || request, { ignoreSearch: !cacheKey });
  });
}

// A page: the network, else the cached copy (any query), else the offline page.
function page(request, cacheKey) {
  return networkFirst(request, cacheKey).then(function (resp) {
    return resp || caches.match(OFFLINE);
  });
}

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (resp) {
        var copy = resp.clone();
        if (resp.ok) caches.open(CACHE).then(function (c) { c.put(req, copy); });
        return resp;
      });
    }));
  } else if (url.pathname.indexOf("/api/v1/sessions/") === 0) {
    // The current routine and timeline: the last copy fetched is good enough offline.
    event.respondWith(networkFirst(req, url.pathname));
  } else if (url.pathname === "/session/figures") {
    // The player's drawings of the session's stretches: the last copy is good enough offline.
    event.respondWith(networkFirst(req, url.pathname + url.search));
  } else if (url.pathname === "/session") {
    event.respondWith(page(req, "/session"));
  } else if (req.mode === "navigate") {
    event.respondWith(page(req));
  }
});
