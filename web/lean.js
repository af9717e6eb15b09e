// Starts bridge.wasm, whose download bridge.html has already begun. Then
// registers the page's own small service worker, scoped to bridge.html, so
// it works offline without fetching the UI's larger wasm; registering only
// once the signer runs keeps the worker's downloads off the first reply.
"use strict";
(async () => {
  const go = new Go();
  const url = "web/bridge.wasm";
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
  } catch {
    // A server that does not send application/wasm: compile from bytes.
    result = await WebAssembly.instantiate(await (await fetch(url)).arrayBuffer(), go.importObject);
  }
  go.run(result.instance);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("bridge-worker.js", { scope: "bridge" }).catch(() => {});
  }
})();
