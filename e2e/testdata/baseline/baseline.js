// The performance baseline: the legacy and destroy signing of cldsign's
// protocol done in plain JavaScript with Web Crypto, answered the same way.
// It lives with the benchmark, never in the bundle.
"use strict";
const hex = async (text) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, "0")).join("");

addEventListener("message", async (event) => {
  const data = event.data;
  let reply;
  if (typeof data === "string" && !data.trimStart().startsWith("{")) {
    reply = await hex(data);
  } else {
    const request = typeof data === "string" ? JSON.parse(data) : data;
    const timestamp = request.timestamp || Math.floor(Date.now() / 1000);
    const text = `public_id=${request.public_id}&timestamp=${timestamp}`.replace(/&(?!timestamp=)/g, "%26");
    const signature = await hex(text + request.api_secret);
    reply = { ok: true, action: request.action, id: request.id, signature, timestamp, string_to_sign: text,
      params: { public_id: request.public_id, timestamp, api_key: request.api_key, signature } };
    if (typeof data === "string") reply = JSON.stringify(reply);
  }
  event.source.postMessage(reply, event.origin === "null" ? "*" : event.origin);
});
