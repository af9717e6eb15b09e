// A service worker of cldsign; generated, do not edit.
const cacheName = "app-10b9de5b94d4dae2";
const resourcesToCache = ["./","./app.css","./app.js","./manifest.webmanifest","./wasm_exec.js","./web/app.wasm","./web/cldsign.css","./web/cldsign.js","./web/icon-192.png","./web/icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(resourcesToCache)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("app-") && k !== cacheName).map((k) => caches.delete(k))))
  );
});

self.addEventListener("fetch", (event) => {
  event.respondWith(caches.open(cacheName).then((cache) => cache.match(event.request, { ignoreSearch: true })).then((hit) => hit || fetch(event.request)));
});
