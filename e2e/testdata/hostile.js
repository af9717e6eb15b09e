// Defines hostile(message) in the test host: post one message of the
// hostile corpus to the signer in frame 0, then a hash whose reply shows
// the signer still answers. Resolves with the JSON text of {replies,
// expected}: every message received by then (the two replies, and any
// extra would come before the second), and Web Crypto's SHA-1 of the text
// the signer should hash, if any.
(() => {
  const sha1 = async (text) =>
    [...new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)))]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
  // The text a legacy string or a hash request asks the signer to hash.
  const hashedText = (message) => {
    let text = typeof message === "string" ? message : message && message.text;
    if (typeof message === "string" && message.trimStart().startsWith("{")) {
      try {
        const parsed = JSON.parse(message);
        text = parsed.text ?? (typeof parsed.message === "string" ? parsed.message : parsed.message && parsed.message.text);
      } catch {}
    }
    return text;
  };
  window.hostile = async (message) => {
    received.length = 0;
    post(0, message);
    post(0, { action: "hash", text: "still alive" });
    await waitFor(2);
    const text = hashedText(message);
    return JSON.stringify({ replies: received, expected: typeof text === "string" ? await sha1(text) : "" });
  };
  return true;
})()
