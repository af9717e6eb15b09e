// A probe that BenchmarkBurstSplit puts in front of the glue, in a copy of
// the bundle. It wraps the wasm's cldsign_answer to add up the time spent
// inside Go, and answers a {measure: "take"} message with the totals since
// the last one. The signer answers that message too, with an error, which
// the next totals count: one call in 2,001.
"use strict";
(() => {
  let inGo = 0;
  let calls = 0;
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const { module, instance } = await instantiateStreaming.apply(WebAssembly, args);
    const exports = { ...instance.exports }; // a wasm instance's own are frozen
    const answer = exports.cldsign_answer;
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
