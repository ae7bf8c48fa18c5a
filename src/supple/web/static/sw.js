// supple's service worker: the player works offline once it has been opened.
// Static assets: cache first. Pages and the session JSON: network first, cached copy offline.
// Writes (POST) are never cached; the player's outbox retries them when the server is back.
"use strict";
var CACHE = "supple-v1";
var ASSETS = [
  "/session", "/static/app.css", "/static/app.js", "/static/player.js",
  "/static/manifest.webmanifest", "/static/icons/icon.svg", "/static/icons/icon-192.png",
];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(ASSETS); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function networkFirst(request, cacheKey) {
  return fetch(request).then(function (resp) {
    if (resp.ok) {
      var copy = resp.clone();
      caches.open(CACHE).then(function (c) { c.put(cacheKey || request, copy); });
    }
    return resp;
  }).catch(function () {
    return caches.match(cacheKey || request, { ignoreSearch: !cacheKey });
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
  } else if (url.pathname === "/session") {
    event.respondWith(networkFirst(req, "/session"));
  } else if (req.mode === "navigate") {
    event.respondWith(networkFirst(req));
  }
});
