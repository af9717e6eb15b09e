// A function of url: try every way a page script could send data to
// url, and resolve with the directives of the Content-Security-Policy
// violations reported, once there are four (one per attempt) or ten
// seconds have passed.
(url) => {
  const seen = [];
  document.addEventListener("securitypolicyviolation", (e) => seen.push(e.effectiveDirective));
  fetch(url, { method: "POST", body: "x", mode: "no-cors" }).catch(() => {});
  try {
    const x = new XMLHttpRequest();
    x.open("GET", url);
    x.send();
  } catch {}
  try {
    navigator.sendBeacon(url, "x");
  } catch {}
  const img = new Image();
  img.src = url + "&img";
  return new Promise((resolve) => {
    const start = Date.now();
    const tick = () => (seen.length >= 4 || Date.now() - start > 10000 ? resolve(seen) : setTimeout(tick, 5));
    tick();
  });
}
