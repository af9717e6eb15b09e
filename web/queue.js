// cldsign's early-message queue, loaded before anything else: the wasm
// starts later, so every message and every cldsign.request() call is kept,
// in order, and handed to the signer as soon as it runs.
"use strict";
(() => {
  const events = [];
  const requests = [];
  const keep = (event) => {
    if (globalThis.cldsignDeliver) {
      globalThis.cldsignDeliver(event);
    } else {
      events.push(event);
    }
  };
  // React Native WebView delivers on document (Android) or window (iOS).
  addEventListener("message", keep);
  document.addEventListener("message", keep);
  globalThis.cldsign = {
    request: (message) => new Promise((resolve) => requests.push([message, resolve])),
  };

  globalThis.cldsignPage = { events, requests };
})();
