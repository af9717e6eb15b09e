// Queues messages until bare.wasm runs, as queue.js does for the signer,
// then starts it, as lean.js does.
"use strict";
window.bareQueue = [];
addEventListener("message", (event) => (window.bareDeliver ? window.bareDeliver(event) : window.bareQueue.push(event)));
addEventListener("DOMContentLoaded", async () => {
  const go = new Go();
  const result = await WebAssembly.instantiateStreaming(fetch("bare.wasm"), go.importObject);
  go.run(result.instance);
});
