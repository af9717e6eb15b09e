// Everything a page could have kept, as one text: its storage, cookies,
// URL, markup, every cached response and the names of its IndexedDB
// databases (each line "indexedDB NAME").
(async () => {
  const parts = [JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie, location.href, document.documentElement.outerHTML];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) parts.push(request.url, await (await cache.match(request)).text());
  }
  for (const info of await indexedDB.databases()) parts.push("indexedDB " + info.name);
  return parts.join("\n");
})()
