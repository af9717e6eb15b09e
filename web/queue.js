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

  // JSON.stringify would turn NaN and Infinity into null, which reads as
  // "absent", and throws on a BigInt: mark them, so the signer refuses them
  // by the name of their field.
  const replacer = (key, value) =>
    (typeof value === "number" && !Number.isFinite(value)) || typeof value === "bigint" ? { notJSON: String(value) } : value;

  globalThis.cldsignPage = {
    events,
    requests,
    // encode is the JSON text of a plain object (not an array, Date, Blob or
    // class instance), or undefined when the message is anything else or has
    // no JSON form (a cycle, a throwing getter). Doing it here, in one call,
    // spares the signer several calls into JavaScript per message.
    encode: (data) => {
      try {
        const proto = Object.getPrototypeOf(data);
        return proto === Object.prototype || proto === null ? JSON.stringify(data, replacer) : undefined;
      } catch {
        return undefined;
      }
    },
  };
})();
