// A web page that embeds signers in iframes, as a host author would, and
// records every message it receives, for the browser tests to read.
"use strict";
window.received = [];
addEventListener("message", (event) => {
  const index = [...document.querySelectorAll("iframe")].findIndex((f) => f.contentWindow === event.source);
  window.received.push({ frame: index, origin: event.origin, data: event.data, type: typeof event.data });
});

// frame adds an iframe and resolves with its index once it has loaded.
window.frame = (src) =>
  new Promise((resolve) => {
    const f = document.createElement("iframe");
    f.addEventListener("load", () => resolve(document.querySelectorAll("iframe").length - 1), { once: true });
    f.src = src;
    document.body.appendChild(f);
  });

// post sends data to frame i.
window.post = (i, data) => document.querySelectorAll("iframe")[i].contentWindow.postMessage(data, "*");

// waitFor resolves with the received messages once there are n of them.
window.waitFor = (n, ms = 20000) =>
  new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      if (window.received.length >= n) return resolve(window.received);
      if (Date.now() - start > ms) return reject(new Error(`only ${window.received.length} of ${n} replies`));
      setTimeout(tick, 5);
    };
    tick();
  });
