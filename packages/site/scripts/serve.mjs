#!/usr/bin/env node
/**
 * A static file server for `dist/` on the loopback interface, for
 * `npm run preview -w @mailstatus/site` and for the browser tests. It serves
 * `index.html` for a folder, answers 404 for anything missing or outside the
 * folder, and never listens beyond 127.0.0.1.
 *
 * Usage: node scripts/serve.mjs [--port 4173]
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built site. */
export const DIST = resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file for a URL path, or undefined when there is none (or it lies outside `root`). */
function fileFor(root, urlPath) {
  let path;
  try {
    path = normalize(join(root, decodeURIComponent(urlPath)));
  } catch {
    return undefined;
  }
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: `${urlPath}/` };
      path = join(path, 'index.html');
      statSync(path);
    }
    return { path };
  } catch {
    return undefined;
  }
}

/**
 * Serve `root` on 127.0.0.1 (port 0 picks a free one). Resolves to the
 * server and its origin (`http://127.0.0.1:PORT`).
 */
export function serve(root = DIST, port = 0) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const found = fileFor(root, url.pathname);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${url.pathname}\n`);
      return;
    }
    if (found.redirect) {
      res.writeHead(301, { location: found.redirect + url.search }).end();
      return;
    }
    // Files under assets/ carry a content hash in their names: they never change.
    const cache = url.pathname.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'content-type': TYPES[extname(found.path)] ?? 'application/octet-stream', 'cache-control': cache });
    // A file removed between the lookup and the read (a rebuild) ends the response instead of the server.
    createReadStream(found.path)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolvePromise({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 4173;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port takes a number from 0 to 65535, not "${process.argv[i + 1]}"`);
    process.exit(2);
  }
  try {
    statSync(join(DIST, 'index.html'));
  } catch {
    console.error(`serve: ${DIST} has no index.html; build the site first with "npm run build"`);
    process.exit(1);
  }
  const { origin } = await serve(DIST, port);
  console.log(`mailstatus site: ${origin}/ (Ctrl+C stops)`);
}
