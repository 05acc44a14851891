#!/usr/bin/env node
/**
 * Page weights of the built site, gzip level 9: a page's HTML plus every
 * same-origin asset it loads (stylesheets, scripts and the modules they
 * import, and the files its script fetches: `search-index.json` for the
 * search). Prints a table; `test/build.test.ts` asserts the budgets with
 * the same function.
 *
 * Usage: node bench/weights.mjs (after `npm run build`)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The built site. */
export const DIST = resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');

/** Budgets in bytes of gzip (the issue's: the decoder page at most 100 KB in all, a code page at most 30 KB). */
export const BUDGETS = { decoder: 100 * 1024, codePage: 30 * 1024 };

/** Files a script fetches at run time, which its text names as a literal (the search index). */
const FETCHED = ['search-index.json'];

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Same-origin files an HTML page or a module references, as paths inside `dist`. */
function references(file) {
  const text = readFileSync(file, 'utf8');
  const base = posix.dirname(relative(DIST, file).split('\\').join('/'));
  const refs = [];
  if (file.endsWith('.html')) {
    for (const m of text.matchAll(/<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"/g)) refs.push(m[1]);
  } else if (file.endsWith('.js')) {
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) refs.push(m[1]);
    for (const name of FETCHED) if (text.includes(name)) refs.push(posix.relative(base, name) || name);
  }
  return refs.filter((r) => !/^[a-z]+:/i.test(r)).map((r) => posix.normalize(posix.join(base, r.split(/[?#]/)[0])));
}

/** A page's weight: its HTML and every asset it pulls in, each counted once. */
export function pageWeight(htmlPath) {
  const seen = new Set();
  const queue = [relative(DIST, htmlPath).split('\\').join('/')];
  const files = [];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const file = join(DIST, path);
    try {
      statSync(file);
    } catch {
      throw new Error(`weights: ${path} is referenced but missing from ${DIST}; rebuild the site`);
    }
    files.push({ path, gzip: gz(file) });
    queue.push(...references(file));
  }
  return { page: relative(DIST, dirname(htmlPath)).split('\\').join('/') + '/', gzip: files.reduce((s, f) => s + f.gzip, 0), files };
}

/** Every HTML page under `dist`. */
export function htmlPages(dir = DIST) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlPages(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const all = htmlPages().map(pageWeight);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const show = (label, w, budget) =>
    console.log(
      `${label.padEnd(34)} ${kb(w.gzip).padStart(9)}${budget ? `  (budget ${kb(budget)})` : ''}  ${w.files.map((f) => `${f.path} ${kb(f.gzip)}`).join(', ')}`,
    );
  const find = (page) => all.find((w) => w.page === page);
  console.log(`${all.length} pages, gzip -9, page HTML + every asset it loads:`);
  show('decoder /decode/', find('decode/'), BUDGETS.decoder);
  show('home / (with search index)', find('./') ?? find('/'), undefined);
  show('code page /enhanced/X.7.26/', find('enhanced/X.7.26/'), BUDGETS.codePage);
  const codePages = all.filter((w) => /^(enhanced|reply|class|subject)\//.test(w.page)).sort((a, b) => a.gzip - b.gzip);
  const sizes = codePages.map((w) => w.gzip);
  console.log(
    `code pages (${codePages.length}): min ${kb(sizes[0])}, median ${kb(sizes[Math.floor(sizes.length / 2)])}, max ${kb(sizes.at(-1))} (${codePages.at(-1).page})`,
  );
  const html = all.reduce((s, w) => s + w.files[0].gzip, 0);
  console.log(`all HTML: ${kb(html)} gzip`);
}
