// A service worker of cldsign; generated, do not edit.
const cacheName = "bridge-10b9de5b94d4dae2";
const resourcesToCache = ["bridge.html","wasm_exec.js","web/cldsign.js","web/bridge.wasm"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(resourcesToCache)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("bridge-") && k !== cacheName).map((k) => caches.delete(k))))
  );
});

self.addEventListener("fetch", (event) => {
  event.respondWith(caches.open(cacheName).then((cache) => cache.match(event.request, { ignoreSearch: true })).then((hit) => hit || fetch(event.request)));
});
