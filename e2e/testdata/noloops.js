// Run in a signer page (index.html): does the page answer itself, and do
// two signers framed in each other answer each other's replies? Resolves
// with [messages the page saw from itself, replies the page got from the
// inner signer, messages the inner signer got].
(async () => {
  // Two hops of a marker message: anything the first message made the
  // page post to itself was queued before the second marker, so it has
  // arrived by then.
  const settled = (w) =>
    new Promise((resolve) => {
      const hop = (event) => {
        if (event.data === "marker-1") w.postMessage("marker-2", "*");
        if (event.data === "marker-2") {
          w.removeEventListener("message", hop);
          resolve();
        }
      };
      w.addEventListener("message", hop);
      w.postMessage("marker-1", "*");
    });
  let top = 0;
  let inner = 0;
  const countTop = () => top++;
  addEventListener("message", countTop);
  postMessage("talking to myself", "*");
  postMessage({ action: "ping" }, "*");
  await settled(window);
  const selfTalk = top - 2; // the two markers
  removeEventListener("message", countTop);

  // A second signer framed inside this one, on the same origin.
  const f = document.createElement("iframe");
  f.src = "bridge.html";
  document.body.appendChild(f);
  await new Promise((resolve) => f.addEventListener("load", resolve, { once: true }));
  f.contentWindow.addEventListener("message", () => inner++);
  top = 0;
  let last;
  const ended = new Promise((resolve) => (last = resolve));
  addEventListener("message", (event) => {
    if (event.source !== f.contentWindow) return;
    top++;
    if (event.data && event.data.id === "end") last();
  });
  f.contentWindow.postMessage("public_id=cat&timestamp=1315060510abcd", "*");
  f.contentWindow.postMessage({ action: "ping" }, "*");
  f.contentWindow.postMessage(JSON.stringify({ type: "ThunkablePostMessage", uuid: "x", message: "hi" }), "*");
  // Once the three replies are in, any answer this page made to them is
  // on its way to the inner signer, ahead of this ping.
  await new Promise((resolve) => {
    const tick = () => (top >= 3 ? resolve() : setTimeout(tick, 5));
    tick();
  });
  f.contentWindow.postMessage({ action: "ping", id: "end" }, "*");
  await ended;
  return [selfTalk, top, inner];
})()
