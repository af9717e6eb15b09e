package site

import (
	"bytes"
	"encoding/json"
	"strings"
	"text/template"
)

// workerTemplate is the service worker both pages use, go-app's default
// cut down to what cldsign needs: cache first, one cache per bundle
// version, so a page never mixes files of two builds. Each page's worker
// removes only its own old caches (cachePrefix), leaving the other page's,
// and ignores query strings, so ?origins=… works offline too.
//
// It is a go-app ServiceWorkerTemplate: go-app fills Version and
// ResourcesToCache for index.html; bridgeWorker fills them for bridge.html.
func workerTemplate(cachePrefix string) string {
	return strings.ReplaceAll(`// A service worker of cldsign; generated, do not edit.
const cacheName = "PREFIX{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(resourcesToCache)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("PREFIX") && k !== cacheName).map((k) => caches.delete(k))))
  );
});

self.addEventListener("fetch", (event) => {
  event.respondWith(caches.open(cacheName).then((cache) => cache.match(event.request, { ignoreSearch: true })).then((hit) => hit || fetch(event.request)));
});
`, "PREFIX", cachePrefix)
}

// bridgeResources are what bridge.html needs, relative to its worker.
var bridgeResources = []string{"bridge.html", "wasm_exec.js", "web/cldsign.js", "web/bridge.wasm"}

// bridgeWorker is the service worker of bridge.html, scoped to it alone so
// that a hidden WebViewer never downloads the UI's larger wasm.
func bridgeWorker(version string) ([]byte, error) {
	resources, err := json.Marshal(bridgeResources)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = template.Must(template.New("bridge-worker.js").Parse(workerTemplate("bridge-"))).
		Execute(&b, struct{ Version, ResourcesToCache string }{version, string(resources)})
	return b.Bytes(), err
}
