/* global self, caches, fetch, URL */
/*
 * The service worker of the installed app: it keeps only the page shown when the server cannot be reached
 * (offline.html and its icon). Everything else goes to the network as usual; nothing of the data is cached.
 */
const CACHE = 'nv-offline-1';
const OFFLINE = ['/offline.html', '/icons/icon-192.png'];

self.addEventListener('install', (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(OFFLINE))
      .then(() => self.skipWaiting()),
  );
});
self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  if (req.mode === 'navigate') e.respondWith(fetch(req).catch(() => caches.match('/offline.html')));
  else if (OFFLINE.includes(new URL(req.url).pathname)) e.respondWith(caches.match(req).then((r) => r || fetch(req)));
});
