// cldsign's first lines, inline at the top of each page: they keep every
// message and cldsign.request() call that arrives before the signer runs,
// in order, and start the wasm's one download and its compile, so that
// neither waits for a script or for the page's first render. web/cldsign.js
// does the rest.
"use strict";
(() => {
  const script = document.currentScript;
  const early = [];
  // A server that does not send application/wasm gets its bytes streamed
  // all the same, without a second download.
  const asWasm = (response) => {
    if (!response.ok || response.headers.get("Content-Type") === "application/wasm") return response;
    const headers = new Headers(response.headers);
    headers.set("Content-Type", "application/wasm");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
  const module = WebAssembly.compileStreaming(fetch(script.dataset.wasm).then(asWasm));
  module.catch(() => {}); // offline without a worker: the glue reports it
  const page = {
    early,
    module,
    instantiate: script.hasAttribute("data-instantiate"),
    receive: (event) => early.push({ event }),
    request: (message) => new Promise((resolve) => early.push({ message, resolve })),
  };
  // The glue compiles the wasm; app.js, which may run first, waits for it.
  page.compiled = new Promise((resolve) => (page.compile = resolve));
  // React Native WebView delivers on document (Android) or window (iOS).
  const receive = (event) => page.receive(event);
  addEventListener("message", receive);
  document.addEventListener("message", receive);
  globalThis.cldsign = { request: (message) => page.request(message) };
  globalThis.cldsignPage = page;
})();
