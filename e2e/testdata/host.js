// A web page that embeds signers in iframes, as a host author would, and
// records every message it receives, for the browser tests to read.
//
// It also plays the other parties of a page: pages of other origins in
// frames or popups that message a signer through whatever window reference
// they hold. Such a page takes commands by postMessage ({hostCommand}),
// and one opened with ?frame=…&configure=… frames a signer, configures it
// and tells its opener once that is done.
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

// until resolves with condition()'s value once it is truthy.
window.until = (condition, ms = 60000) =>
  new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      const value = condition();
      if (value) return resolve(value);
      if (Date.now() - start > ms) return reject(new Error("timed out waiting for " + condition));
      setTimeout(tick, 5);
    };
    tick();
  });

// waitFor resolves with the received messages once there are n of them.
window.waitFor = (n, ms = 60000) => until(() => window.received.length >= n && window.received, ms);

// reach follows a path of window references from this window:
// ["parent", 0] is parent.frames[0], ["opener"] the opener.
window.reach = (path) => path.reduce((w, step) => (typeof step === "number" ? w.frames[step] : w[step]), window);

// probe posts each message to target, then a ping, and resolves with the
// target's replies to the messages once the ping's reply has come: a
// signer answers in order, so nothing more is on its way. A first ping
// goes before the messages, and what comes before its reply is not
// counted: a reply still on its way to something this window sent
// earlier (its hostReady, say) is not one of the probe's.
let probes = 0;
window.probe = (target, messages) =>
  new Promise((resolve, reject) => {
    const start = "probe-start-" + ++probes;
    const end = "probe-end-" + probes;
    const replies = [];
    let started = false;
    const timer = setTimeout(() => reject(new Error("no reply to " + (started ? end : start))), 60000);
    const listen = (event) => {
      if (event.source !== target) return;
      let data = event.data;
      try {
        if (typeof data === "string" && data.startsWith("{")) data = JSON.parse(data);
      } catch {}
      const id = data && data.id;
      if (id === start) {
        started = true;
        for (const m of messages) target.postMessage(m, "*");
        target.postMessage({ action: "ping", id: end }, "*");
      } else if (id === end) {
        removeEventListener("message", listen);
        clearTimeout(timer);
        resolve(replies);
      } else if (started) {
        replies.push(event.data);
      }
    };
    addEventListener("message", listen);
    target.postMessage({ action: "ping", id: start }, "*");
  });

// A command from another window: probe the window at path with messages
// (or only send them, when no reply will come back here), then report.
addEventListener("message", async (event) => {
  const command = event.data && typeof event.data === "object" && event.data.hostCommand;
  if (!command) return;
  const target = reach(command.path);
  let result;
  if (command.send) {
    for (const m of command.messages) target.postMessage(m, "*");
  } else {
    result = await probe(target, command.messages);
  }
  event.source.postMessage({ hostResult: command.id, replies: result }, "*");
});

// remote has the host page in window w probe (or send to) the window at
// path from there, and resolves with what it saw.
let commands = 0;
window.remote = (w, path, messages, send = false) =>
  new Promise((resolve) => {
    const id = ++commands;
    const listen = (event) => {
      if (event.source === w && event.data && event.data.hostResult === id) {
        removeEventListener("message", listen);
        resolve(event.data.replies);
      }
    };
    addEventListener("message", listen);
    w.postMessage({ hostCommand: { id, path, messages, send } }, "*");
  });

// whenHost resolves once the host page in window w says it has loaded
// (and configured its signer, when asked to): {configured: reply}.
window.whenHost = (w) =>
  new Promise((resolve) => {
    const listen = (event) => {
      if (event.source === w && event.data && event.data.hostReady) {
        removeEventListener("message", listen);
        resolve(event.data.hostReady);
      }
    };
    addEventListener("message", listen);
  });

// Opened with ?frame=URL[&configure=JSON]: frame the signer, wait until it
// answers, configure it, and tell the opener or parent.
addEventListener("load", async () => {
  const params = new URLSearchParams(location.search);
  const boss = opener || (parent !== window ? parent : null);
  let configured = null;
  if (params.get("frame")) {
    const i = await frame(params.get("frame"));
    const signer = document.querySelectorAll("iframe")[i].contentWindow;
    await probe(signer, []);
    if (params.get("configure")) configured = (await probe(signer, [JSON.parse(params.get("configure"))]))[0];
  }
  if (boss) boss.postMessage({ hostReady: { configured } }, "*");
});

// firstReply frames url and resolves with the ms from creating the iframe
// to the replies to a legacy string and a destroy request.
window.firstReply = async (url) => {
  const start = performance.now();
  const i = await frame(url);
  received.length = 0;
  post(i, "public_id=cat&timestamp=1315060510abcd");
  post(i, { action: "destroy", id: 1, public_id: "cat", timestamp: 1315060510, api_key: "1234", api_secret: "abcd" });
  await waitFor(2, 60000);
  return performance.now() - start;
};

// burst frames url, lets it answer one request shaped like the burst's,
// then posts it six bursts of 2,000 destroy requests (or pings, with
// action "ping") at once and resolves with the µs per message of the last
// five: the first lets the engine optimise the code it runs hot. With
// measured, the page runs testdata/measure.js, and each result is
// {perMessage, inGo}: inGo is the µs a message spent inside Go.
window.burst = async (url, measured = false, action = "destroy") => {
  const i = await frame(url);
  received.length = 0;
  post(i, { action: "destroy", id: "warmup", public_id: "warmup", timestamp: 1315060510, api_key: "1234", api_secret: "abcd" });
  await waitFor(1, 60000);
  const times = [];
  for (let run = 0; run < 6; run++) {
    received.length = 0;
    const start = performance.now();
    for (let n = 0; n < 2000; n++) {
      post(i, action === "ping" ? { action, id: n } : { action, id: n, public_id: "cat" + n, timestamp: 1315060510, api_key: "1234", api_secret: "abcd" });
    }
    await waitFor(2000, 60000);
    const perMessage = ((performance.now() - start) * 1000) / 2000;
    if (!measured) {
      times.push(perMessage);
      continue;
    }
    received.length = 0;
    post(i, { measure: "take" });
    const { measured: totals } = (await until(() => received.find((m) => m.data && m.data.measured))).data;
    times.push({ perMessage, inGo: (totals.inGo * 1000) / totals.calls });
  }
  return times.slice(1);
};
