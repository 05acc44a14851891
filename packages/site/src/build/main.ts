/**
 * Builds the site into `dist/`: the client assets with Vite, then one
 * static HTML file per page from the tables of `@mailstatus/codes` and the
 * examples of `@mailstatus/fixtures`, the search index and the service
 * worker. Run by `npm run build` (turbo) as this package's `build` task.
 *
 * @packageDocumentation
 */

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleClient } from './client-bundle.js';
import { layout, type Page } from './layout.js';
import { decodePage } from './pages/decode.js';
import { enhancedPages } from './pages/enhanced.js';
import { groupPages } from './pages/groups.js';
import { homePage } from './pages/home.js';
import { replyPages } from './pages/reply.js';
import { searchIndex } from './search-index.js';
import { serviceWorker } from './service-worker.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(PACKAGE_DIR, 'dist');
/** The build is written here, then renamed to `dist/`: a failed build leaves the previous site whole. */
const NEXT = join(PACKAGE_DIR, '.dist-next');

/** Every page of the site. */
export function allPages(): Page[] {
  return [homePage(), decodePage(), ...groupPages(), ...enhancedPages(), ...replyPages()];
}

function write(path: string, content: string): void {
  const file = join(NEXT, path.endsWith('/') || path === '' ? join(path, 'index.html') : path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

async function main(): Promise<void> {
  rmSync(NEXT, { recursive: true, force: true });
  const assets = await bundleClient(PACKAGE_DIR, NEXT);
  const pages = allPages();
  const paths = new Set<string>();
  for (const page of pages) {
    if (paths.has(page.path)) throw new Error(`site build: two pages want the path "${page.path}"; each page needs its own path`);
    paths.add(page.path);
    write(page.path, layout(page, assets));
  }
  const indexJson = JSON.stringify(searchIndex());
  write('search-index.json', indexJson);
  write('sw.js', serviceWorker(assets));
  // GitHub Pages: serve files as they are (no Jekyll).
  write('.nojekyll', '');
  rmSync(DIST, { recursive: true, force: true });
  renameSync(NEXT, DIST);
  console.log(`site: ${pages.length} pages in ${DIST}`);
}

main().catch((error: unknown) => {
  rmSync(NEXT, { recursive: true, force: true });
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
