/**
 * The page shell: language, viewport, colour schemes, one stylesheet, a
 * skip link, the navigation and the footer. Every URL is relative to the
 * page (see `shared/routes.ts`), so the site works under any base path.
 *
 * @packageDocumentation
 */

import { registryInfo } from '@mailstatus/codes';
import { rootFrom } from '../shared/routes.js';
import { html, raw, type Html } from './html.js';

/** The built client assets a page can load, as paths relative to the site root. */
export interface Assets {
  readonly css: string;
  /** Registers the service worker (every page). */
  readonly site: string;
  readonly decode: string;
  readonly search: string;
}

/** One page to write. */
export interface Page {
  /** Relative to the site root, ending in `/` (`enhanced/X.1.1/`), or a file name (`404.html`). */
  readonly path: string;
  readonly title: string;
  /** The meta description: one sentence about the page. */
  readonly description: string;
  /** The content of `<main>`. */
  readonly body: (root: string) => Html;
  /** The page scripts besides `site`. */
  readonly scripts?: readonly ('decode' | 'search')[];
}

/** The folder depth of a page's output, for its root prefix (`404.html` sits at the root). */
export function rootOf(page: Page): string {
  return page.path.endsWith('/') ? rootFrom(page.path) : '';
}

const NAV = [
  ['', 'Codes'],
  ['decode/', 'Decoder'],
  ['class/5/', 'Classes'],
  ['subject/7/', 'Subjects'],
  ['reply/550/', 'Reply codes'],
] as const;

function nav(root: string, current: string): Html {
  return html`<nav aria-label="Site"><ul>${NAV.map(
    ([path, label]) => html`<li><a href="${root}${path}"${current === path ? raw(' aria-current="page"') : ''}>${label}</a></li>`,
  )}</ul></nav>`;
}

/** The whole document of a page. */
export function layout(page: Page, assets: Assets): string {
  const root = rootOf(page);
  const scripts = ['site', ...(page.scripts ?? [])] as const;
  const doc = html`<!doctype html>
<html lang="en" data-root="${root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${page.title}</title>
<meta name="description" content="${page.description}">
<link rel="stylesheet" href="${root}${assets.css}">
<link rel="icon" href="data:,">
${scripts.map((s) => html`<script type="module" src="${root}${assets[s]}"></script>\n`)}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><a class="brand" href="${root}">mailstatus</a>${nav(root, page.path)}</header>
<main id="main" tabindex="-1">
${page.body(root)}
</main>
<footer><p>Generated from the IANA SMTP Enhanced Status Codes registry (updated ${registryInfo.updated}) and RFC 5321 by
<a href="https://github.com/mailstatus/mailstatus">mailstatus</a>. The decoder runs in your browser: nothing you paste leaves it.</p></footer>
</body>
</html>
`;
  return doc.value;
}
