// A probe that BenchmarkBurstSplit puts in front of the glue, in a copy of
// the bundle. It wraps the wasm's cldsign_answer to add up the time spent
// inside Go, and answers a {measure: "take"} message with the totals since
// the last one. The signer answers that message too, with an error, which
// the next totals count: one call in 2,001.
//
// With ?fixed-reply in the page's URL, Go answers only the first message
// (host.js's warm-up, a destroy shaped like a burst's): after it,
// cldsign_answer writes that first reply into the wasm's memory again and
// returns its length. The glue still does all of its own work (the
// message into the memory, the reply out of it, the JSON text, the post),
// so a burst shows what a message costs without Go's answer.
"use strict";
(() => {
  const fixedReply = new URLSearchParams(location.search).has("fixed-reply");
  let inGo = 0;
  let calls = 0;
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const { module, instance } = await instantiateStreaming.apply(WebAssembly, args);
    const exports = { ...instance.exports }; // a wasm instance's own are frozen
    let reply = null;
    const answer = (...call) => {
      if (reply !== null) {
        // Asking for room enough makes Go's buffer hold the reply; the
        // memory is read after, since growing it replaces its buffer.
        const at = exports.cldsign_buffer(reply.length) >>> 0;
        new Uint8Array(exports.mem.buffer, at, reply.length).set(reply);
        return reply.length;
      }
      const length = instance.exports.cldsign_answer(...call);
      if (fixedReply && length > 0) reply = new Uint8Array(exports.mem.buffer, exports.cldsign_buffer(0) >>> 0, length).slice();
      return length;
    };
    exports.cldsign_answer = (...call) => {
      const start = performance.now();
      try {
        return answer(...call);
      } finally {
        inGo += performance.now() - start;
        calls++;
      }
    };
    // Go's run wants a WebAssembly.Instance: a proxy of one passes.
    return { module, instance: new Proxy(instance, { get: (target, key) => (key === "exports" ? exports : Reflect.get(target, key)) }) };
  };
  addEventListener("message", (event) => {
    if (event.data === null || typeof event.data !== "object" || event.data.measure !== "take") return;
    event.source.postMessage({ measured: { inGo, calls } }, "*");
    inGo = 0;
    calls = 0;
  });
})();
