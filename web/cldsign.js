// cldsign's page glue. It does only what JavaScript must: listen, read each
// message, name the party that sent it, hand it to Go as bytes in the wasm's
// memory through one exported call, and post the reply where it belongs.
// The page's first inline lines (boot.js) queued what came before it.
//
// The contract with the wasm (wasm/bridge/exports.go):
//   cldsign_buffer(size) → address of a buffer of at least size bytes;
//   cldsign_answer(from, kind, originLength, dataLength) → the reply's length,
//     -1 for no answer, or -2 when called while an answer is under way.
// The buffer holds the sender's origin then the data, both UTF-8; the reply
// replaces them. Go calls cldsignPage.started(internalReply, answered) once
// it runs; index.html's Go then waits for the glue to call answered().
"use strict";
(() => {
  const page = globalThis.cldsignPage;
  // Who sent a message (bridge.Sender) and in what form (bridge.Kind).
  const FROM_PAGE = 0, FROM_NATIVE = 1, FROM_APP_INVENTOR = 2, FROM_FRAME = 3;
  const TEXT = 0, OBJECT = 1, OTHER = 2;
  const NO_ANSWER = -1, BUSY = -2;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  let exports = null; // the wasm's, once Go has started
  let internal = null; // Go's internal-error reply, for a reply JSON.parse refuses
  let answering = false;
  const pending = []; // messages waiting for Go, oldest first

  // JSON.stringify would turn NaN and Infinity into null, which reads as
  // "absent", and throws on a BigInt: the replacer marks them, so the
  // signer refuses them by the name of their field.
  const replacer = (key, value) =>
    (typeof value === "number" && !Number.isFinite(value)) || typeof value === "bigint" ? { notJSON: String(value) } : value;

  // jsonText is an object's JSON text. A replacer takes JSON.stringify off
  // its fast path in every engine, so it is used only for a text that may
  // hide such a value: one that failed (a BigInt throws) or holds "null".
  const jsonText = (data) => {
    let text = null;
    try {
      text = JSON.stringify(data);
    } catch {}
    return text === null || text.includes("null") ? JSON.stringify(data, replacer) : text;
  };

  // encode is a message's form and text: a plain object (not an array,
  // Date, Blob or class instance) goes as its JSON text; anything without
  // a JSON form (a cycle, a throwing getter) is OTHER, refused in Go.
  const encode = (data) => {
    if (typeof data === "string") return [TEXT, data];
    try {
      const proto = typeof data === "object" && data !== null ? Object.getPrototypeOf(data) : undefined;
      if (proto === Object.prototype || proto === null) return [OBJECT, jsonText(data)];
    } catch {}
    return [OTHER, ""];
  };

  // call hands one message to Go and returns its reply text, or a code.
  const call = (from, origin, kind, text) => {
    const room = 3 * (origin.length + text.length); // UTF-8 takes at most 3 bytes per UTF-16 unit
    const at = exports.cldsign_buffer(room) >>> 0;
    const memory = new Uint8Array(exports.mem.buffer, at, room);
    const originLength = encoder.encodeInto(origin, memory).written;
    const dataLength = encoder.encodeInto(text, memory.subarray(originLength)).written;
    const length = exports.cldsign_answer(from, kind, originLength, dataLength);
    if (length < 0) return length;
    return decoder.decode(new Uint8Array(exports.mem.buffer, exports.cldsign_buffer(0) >>> 0, length));
  };

  const asObject = (text) => {
    try {
      return JSON.parse(text);
    } catch {
      return structuredClone(internal);
    }
  };

  // post sends a reply on the transport the message came by, in the
  // protocol's order: React Native first (always text), then the sender's
  // window, then the parent frame.
  const post = (event, text, kind) => {
    const native = globalThis.ReactNativeWebView;
    if (native && typeof native.postMessage === "function") {
      native.postMessage(text);
      return;
    }
    const value = kind === TEXT ? text : asObject(text);
    if (event.source) {
      const origin = event.origin === "" || event.origin === "null" ? "*" : event.origin;
      event.source.postMessage(value, origin);
    } else if (parent !== window) {
      parent.postMessage(value, "*");
    }
  };

  const answer = (message) => {
    const [kind, text] = encode(message.data);
    const reply = call(message.from, message.origin, kind, text);
    if (reply === BUSY) return false;
    try {
      if (message.from === FROM_PAGE) {
        message.resolve(reply === NO_ANSWER ? null : kind === TEXT ? reply : asObject(reply));
      } else if (reply !== NO_ANSWER) {
        message.reply(reply, kind);
      }
    } catch {} // a closed or cross-origin-blocked window must not stop the signer
    return true;
  };

  // Messages are answered in batches: a message only joins the queue, and
  // one task answers everything queued by the time it runs. Go's code then
  // runs hot from one message to the next; answered each in its own event,
  // between the engine's messaging work, a burst's messages took up to
  // twice as long inside Go in Chromium (BenchmarkBurstSplit). A batch is
  // capped, so that a flood of messages never holds the page for long.
  const BATCH = 100;
  const batches = new MessageChannel(); // a task without a timer's clamping or throttling
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    batches.port2.postMessage(null);
  };
  batches.port1.onmessage = () => {
    scheduled = false;
    drain();
  };

  // drain answers up to limit messages of the queue, in order. A message
  // that arrives while Go is answering (a script that Go called into
  // posting synchronously) joins the queue instead of entering Go again.
  const drain = (limit = BATCH) => {
    if (answering || !exports) return;
    answering = true;
    let taken = 0;
    try {
      while (taken < pending.length) {
        if (taken === limit) {
          schedule();
          return;
        }
        let done = true;
        try {
          done = answer(pending[taken]);
        } catch (error) {
          console.error("cldsign: a message was dropped:", error); // the wasm itself failed
        }
        if (!done) {
          setTimeout(drain); // Go was busy: a timer, so that a Go that stayed busy could not spin the page
          return;
        }
        taken++;
      }
    } finally {
      pending.splice(0, taken); // once a batch: shifting each message moves the whole queue in some engines
      answering = false;
    }
  };

  const fromEvent = (event) => {
    if (event.source === window) return null; // our own postMessage: answering it would loop
    const framed = event.source !== null && event.source !== undefined;
    return {
      from: framed ? FROM_FRAME : FROM_NATIVE,
      origin: framed ? String(event.origin) : "",
      data: event.data,
      reply: (text, kind) => post(event, text, kind),
    };
  };
  const fromRequest = (message, resolve) => ({ from: FROM_PAGE, origin: "", data: message, resolve });
  const enqueue = (message) => {
    if (!message) return;
    pending.push(message);
    schedule();
  };

  for (const item of page.early.splice(0)) {
    const message = item.event ? fromEvent(item.event) : fromRequest(item.message, item.resolve);
    if (message) pending.push(message);
  }
  page.receive = (event) => enqueue(fromEvent(event));
  page.request = (message) => new Promise((resolve) => enqueue(fromRequest(message, resolve)));

  // An App Inventor-family WebViewer (MIT App Inventor, Kodular, Niotron):
  // the app sets the WebViewString; each new value is a message, answered
  // by setting it. last is the value last read or written, so the page
  // never takes its own reply for a message. An empty string is the
  // WebViewer's default, not a message.
  const appInventor = globalThis.AppInventor;
  if (appInventor && typeof appInventor.getWebViewString === "function") {
    let last = "";
    const poll = () => {
      let value;
      try {
        value = appInventor.getWebViewString();
      } catch {
        return;
      }
      if (typeof value !== "string" || value === "" || value === last) return;
      last = value;
      enqueue({
        from: FROM_APP_INVENTOR, origin: "", data: value,
        reply: (text) => {
          last = text;
          appInventor.setWebViewString(text);
        },
      });
    };
    let timer = 0;
    const follow = () => {
      clearInterval(timer);
      timer = 0;
      if (document.visibilityState !== "hidden") {
        poll();
        timer = setInterval(poll, 75);
      }
    };
    document.addEventListener("visibilitychange", follow);
    follow();
  }

  // run starts the Go program of a compiled wasm. Go calls started once its
  // bridge is in place: the queue goes to it as soon as Go yields, and
  // answered(), when Go gives one, lets Go go on (index.html's to render).
  let instanceExports = null;
  page.run = (go, instance) => {
    instanceExports = instance.exports;
    go.run(instance);
  };
  page.started = (internalReply, answered) => {
    internal = internalReply;
    queueMicrotask(() => {
      try {
        exports = instanceExports;
        globalThis.cldsign.ready = true;
        drain(Infinity); // all that came while the wasm loaded, before index.html renders
      } finally {
        if (answered) answered(); // whatever failed, index.html's Go must go on to render
      }
    });
  };

  // wasmResponse is the response of the download boot.js started: a server
  // that does not send application/wasm gets its bytes streamed all the
  // same, without a second download.
  const wasmResponse = async () => {
    let response = await page.wasm;
    if (response.ok && response.headers.get("Content-Type") !== "application/wasm") {
      const headers = new Headers(response.headers);
      headers.set("Content-Type", "application/wasm");
      response = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    return response;
  };

  // compiled is the page's wasm, {go, instance}, compiling from the moment
  // wasm_exec.js has defined Go. bridge.html runs it at once; index.html's
  // app.js runs it, and the UI with it.
  page.compile((async () => {
    if (!globalThis.Go) {
      const runtime = document.querySelector('script[src$="wasm_exec.js"]');
      await new Promise((resolve) => runtime.addEventListener("load", resolve));
    }
    const go = new Go();
    const { instance } = await WebAssembly.instantiateStreaming(wasmResponse(), go.importObject);
    return { go, instance };
  })());

  // bridge.html's small service worker, scoped to it, registers once the
  // signer runs, so that its downloads stay off the first reply.
  if (page.instantiate) {
    page.compiled.then(({ go, instance }) => {
      page.run(go, instance);
      if ("serviceWorker" in navigator) {
        navigator.serviceWorker.register("bridge-worker.js", { scope: "bridge" }).catch(() => {});
      }
    });
  }
})();
