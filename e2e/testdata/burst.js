// A host in a frame beside the signer (the first frame of the same page):
// it posts n messages to the signer at once, in all three forms, and
// reports to the page how the replies came back.
"use strict";
(() => {
  const params = new URLSearchParams(location.search);
  const n = Number(params.get("n"));
  const tag = params.get("tag");
  const seen = new Map();
  let wrong = 0;
  const start = performance.now();

  const signer = parent.frames[0];
  const report = () =>
    parent.postMessage({ burstReport: { tag, sent: n, answered: seen.size,
      duplicates: [...seen.values()].filter((c) => c > 1).length, wrong, ms: performance.now() - start } }, "*");

  // Once every message has its reply, a last ping: its reply comes after
  // any duplicate the signer might have sent.
  const end = tag + "-end";
  let pinged = false;
  addEventListener("message", (event) => {
    if (event.source !== signer) return;
    let reply = event.data;
    if (typeof reply === "string") reply = JSON.parse(reply);
    if (reply.id === end) return report();
    const key = reply.type === "ThunkablePostMessageReturnValue" ? reply.uuid : reply.id;
    const ok = reply.type === "ThunkablePostMessageReturnValue" ? JSON.parse(reply.returnValue).ok : reply.ok;
    if (typeof key !== "string" || !key.startsWith(tag + "-") || ok !== true) wrong++;
    seen.set(key, (seen.get(key) || 0) + 1);
    if (seen.size === n && !pinged) {
      pinged = true;
      signer.postMessage({ action: "ping", id: end }, "*");
    }
  });

  for (let i = 0; i < n; i++) {
    const id = tag + "-" + i;
    const request = { action: "hash", text: id, id };
    switch (i % 3) {
      case 0: signer.postMessage(request, "*"); break;
      case 1: signer.postMessage(JSON.stringify(request), "*"); break;
      default: signer.postMessage(JSON.stringify({ type: "ThunkablePostMessage", uuid: id, message: JSON.stringify(request) }), "*");
    }
  }
  setTimeout(report, 60000);
})();
