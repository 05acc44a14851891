/**
 * Loaded by every page: registers the service worker (`sw.js`, written by
 * the build) and tells it what this page loaded, so the page works offline
 * afterwards (see `build/service-worker.ts`).
 *
 * @packageDocumentation
 */

if ('serviceWorker' in navigator) {
  const root = document.documentElement.dataset.root ?? '';
  navigator.serviceWorker
    .register(`${root}sw.js`)
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
      // The page without its query: the decoder's permalinks all use one cached page.
      registration.active?.postMessage({ keep: [location.href.split(/[?#]/)[0], ...loaded] });
    })
    .catch(() => {
      // Without a service worker the site still works online; nothing to report.
    });
}
