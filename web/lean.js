// Starts bridge.wasm. Its own small service worker, scoped to bridge.html,
// keeps the page working offline without fetching the UI's larger wasm.
"use strict";
(async () => {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("bridge-worker.js", { scope: "bridge" }).catch(() => {});
  }
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
})();
