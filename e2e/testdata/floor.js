// The floor pages' glue: it answers the benchmark's legacy and destroy
// messages as the JavaScript baseline does, with the SHA-1 computed in Go
// through one exported call (floor_sha1) on bytes in the wasm's memory.
// With data-wasm, it starts that wasm itself; otherwise (go-app's page)
// it takes the instance go-app's app.js makes.
//
// With ?whole in its URL, it answers a destroy with every field of
// cldsign's reply (body, method, the stale-timestamp warning) and passes
// an object through JSON text both ways, as cldsign's glue does: the least
// any page that answers with the protocol's reply can do. With ?batched
// too, it answers in batches as cldsign's glue does: a message only joins
// a queue, and one task answers up to 100 of them.
"use strict";
(() => {
  const search = new URLSearchParams(location.search);
  const whole = search.has("whole");
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const queue = [];
  const stale = "timestamp is more than an hour away from this device's clock; Cloudinary will reject it as stale";
  let instance = null;
  let exports = null;
  let at = 0;

  const sha1 = (text) => {
    const n = encoder.encodeInto(text, new Uint8Array(exports.mem.buffer, at, 1 << 16)).written;
    exports.floor_sha1(n);
    return decoder.decode(new Uint8Array(exports.mem.buffer, at, 40));
  };
  const answer = (event) => {
    const data = event.data;
    let reply;
    if (whole && typeof data === "object") JSON.stringify(data);
    if (typeof data === "string" && !data.trimStart().startsWith("{")) {
      reply = sha1(data);
    } else {
      const request = typeof data === "string" ? JSON.parse(data) : data;
      const timestamp = request.timestamp || Math.floor(Date.now() / 1000);
      const text = `public_id=${request.public_id}&timestamp=${timestamp}`.replace(/&(?!timestamp=)/g, "%26");
      const signature = sha1(text + request.api_secret);
      reply = { ok: true, action: request.action, id: request.id, signature, timestamp, string_to_sign: text,
        params: { public_id: request.public_id, timestamp, api_key: request.api_key, signature } };
      if (whole) {
        reply.body = `api_key=${request.api_key}&public_id=${request.public_id}&signature=${signature}&timestamp=${timestamp}`;
        reply.method = "POST";
        if (Math.abs(Date.now() / 1000 - timestamp) > 3600) reply.warnings = [stale];
        if (typeof data === "object") reply = JSON.parse(JSON.stringify(reply));
      }
      if (typeof data === "string") reply = JSON.stringify(reply);
    }
    event.source.postMessage(reply, event.origin === "null" ? "*" : event.origin);
  };
  const batches = new MessageChannel();
  let scheduled = false;
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      batches.port2.postMessage(null);
    }
  };
  batches.port1.onmessage = () => {
    scheduled = false;
    for (const event of queue.splice(0, 100)) {
      try {
        answer(event);
      } catch (error) {
        console.error("floor: a message was dropped:", error); // as the glue does: the rest of the batch goes on
      }
    }
    if (queue.length > 0) schedule(); // after the batch, as the glue asks for its next task
  };
  const receive = search.has("batched") ? (event) => (queue.push(event), schedule()) : answer;
  addEventListener("message", (event) => (exports ? receive(event) : queue.push(event)));

  // Go calls this once it runs; the queue is answered once Go yields.
  globalThis.floorStarted = (address) => {
    at = address;
    queueMicrotask(() => {
      exports = instance.exports;
      queue.splice(0).forEach(answer);
    });
  };
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const result = await instantiateStreaming.apply(WebAssembly, args);
    instance = result.instance;
    return result;
  };
  const wasm = document.currentScript.dataset.wasm;
  if (wasm) {
    const response = fetch(wasm);
    addEventListener("DOMContentLoaded", async () => {
      const go = new Go();
      go.run((await WebAssembly.instantiateStreaming(response, go.importObject)).instance);
    });
  }
})();
