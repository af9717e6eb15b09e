// cldsign's first lines, inline at the top of each page: they keep every
// message and cldsign.request() call that arrives before the signer runs,
// in order, and start the wasm's one download. web/cldsign.js does the rest.
"use strict";
(() => {
  const script = document.currentScript;
  const early = [];
  const wasm = fetch(script.dataset.wasm);
  wasm.catch(() => {}); // offline without a worker: the glue reports it
  const page = {
    early,
    wasm,
    wasmURL: script.dataset.wasm,
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
