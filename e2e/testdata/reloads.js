// Run in the test host with bridge.html in frame 0: reload the signer 50
// times with 20 messages in flight each time, and after each reload send a
// ping, which the new page must answer. Resolves with the JSON text of
// {answeredAfterReload, inFlightAnswered, duplicates}.
(async () => {
  const f = document.querySelector("iframe");
  const ids = new Map();
  let answeredAfterReload = 0;
  addEventListener("message", (e) => {
    const r = typeof e.data === "string" ? JSON.parse(e.data) : e.data;
    ids.set(r.id, (ids.get(r.id) || 0) + 1);
  });
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 20; i++) f.contentWindow.postMessage({ action: "hash", text: "x", id: round + "-" + i }, "*");
    const loaded = new Promise((r) => f.addEventListener("load", r, { once: true }));
    f.src = f.src;
    await loaded;
    // The new page's queue exists once it has loaded: one ping is enough.
    const id = "after-" + round;
    f.contentWindow.postMessage({ action: "ping", id }, "*");
    if (await until(() => ids.has(id), 30000).catch(() => false)) answeredAfterReload++;
  }
  const inFlight = [...ids.entries()].filter(([k]) => !String(k).startsWith("after"));
  return JSON.stringify({
    answeredAfterReload,
    inFlightAnswered: inFlight.length,
    duplicates: inFlight.filter(([, c]) => c > 1).length,
  });
})()
