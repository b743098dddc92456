// The ward tablet's service worker (scope /k): keeps the kiosk page and its two files so that the
// kiosk opens and takes answers with no network. Hand-written rather than Serwist: it caches a handful of
// known addresses and nothing else, and a worker this small can be read in a minute, whereas
// @serwist/next hooks into the webpack build, which this app does not use.
//
// It never caches or sees an answer: answers are queued by the page (IndexedDB, kiosk-client.ts)
// and sent with POST, which passes through untouched. The version in this file's address is the
// hash of the survey's static files (lib/survey/assets.ts), so a new build brings a new worker
// and a new cache, and the old cache is deleted.
var VERSION = new URL(self.location.href).searchParams.get("v") || "0";
var CACHE = "wardsafe-kiosk-" + VERSION;
var PAGE = "/k";
// The easy-read pictures too: a ward whose default is easy read shows them on its kiosk.
var PICTURES = ["ward", "safe", "speak", "tick", "cross", "service-user", "staff"];
// survey.js: the kiosk's Listen buttons (read aloud).
var FILES = ["/survey.css?v=" + VERSION, "/survey.js?v=" + VERSION, "/kiosk.js?v=" + VERSION].concat(
  PICTURES.map(function (name) { return "/easy-read/" + name + ".svg?v=" + VERSION; })
);

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // The page is fetched with the tablet's cookie, so the copy kept is this tablet's ward.
      return cache.addAll([PAGE].concat(FILES));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf("wardsafe-kiosk-") === 0 && name !== CACHE; }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === PAGE || url.pathname === PAGE + "/") {
    // Network first, so a renamed ward or a new wording arrives as soon as there is a network; the
    // kept copy when there is none, or when the server cannot answer (503).
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.status === 200) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { return cache.put(PAGE, copy); });
          return response;
        }
        if (response.status >= 500) return caches.match(PAGE).then(function (kept) { return kept || response; });
        // 403 (revoked) and the like: the tablet must show it, and stop using the kept page.
        caches.open(CACHE).then(function (cache) { return cache.delete(PAGE); });
        return response;
      }, function () {
        return caches.match(PAGE).then(function (kept) { return kept || Response.error(); });
      })
    );
    return;
  }
  if (FILES.indexOf(url.pathname + url.search) !== -1) {
    event.respondWith(caches.match(request).then(function (kept) { return kept || fetch(request); }));
  }
});
