/**
 * Real headless Chromium for the browser tests: Debian's `chromium` driven
 * by playwright-core (no browser download), the built site served from a
 * loopback server, every request outside that origin blocked and recorded,
 * console errors and page errors recorded.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DIST, serve } from '../../scripts/serve.mjs';

/** Where the tests look for Chromium (`CHROMIUM_PATH` overrides). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, sandbox-less headless run (CI containers run as root). */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM))
    return `site browser tests skipped: no Chromium at ${CHROMIUM}. Fix: apt-get install chromium (Debian), or set CHROMIUM_PATH to a Chromium binary.`;
  if (!existsSync(join(DIST, 'index.html'))) return `site browser tests skipped: ${DIST} has no index.html. Fix: npm run build`;
  return undefined;
}

/** One browser, one server, one context for a test file. */
export interface Session {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly server: Server;
  readonly origin: string;
  /** Requests to any other origin (blocked). */
  readonly foreign: string[];
  /** Console errors and uncaught page errors, with the page they came from. */
  readonly errors: string[];
  /** A new page whose console and errors are recorded. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Start the server and the browser (service workers allowed unless `serviceWorkers: 'block'`). */
export async function openSession(options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Session> {
  statSync(join(DIST, 'index.html'));
  const { server, origin } = await serve(DIST, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({
    colorScheme: 'light',
    serviceWorkers: options.serviceWorkers ?? 'allow',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const foreign: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
    if (!foreign.includes(url)) foreign.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !foreign.includes(url)) foreign.push(url);
  });
  return {
    browser,
    context,
    server,
    origin,
    foreign,
    errors,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The decoder's fields on the current page (the first result: a reply, or a bounce's first recipient). */
export async function fieldsOf(
  page: Page,
  scope = '#result',
): Promise<Record<'outcome' | 'reason' | 'action' | 'code' | 'enhanced', string>> {
  return page.$eval(scope, (root) => {
    const text = (name: string) => root.querySelector(`[data-field="${name}"]`)?.textContent?.trim() ?? '';
    return { outcome: text('outcome'), reason: text('reason'), action: text('action'), code: text('code'), enhanced: text('enhanced') };
  });
}
