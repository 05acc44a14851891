/**
 * The built site in real headless Chromium (Debian's, through
 * playwright-core): crawl from `/`, the decoder's permalinks against the
 * library for every fixture reply and bounce, keyboard-only use, offline use
 * through the service worker, no request to another origin, no console
 * error. Skips with the fix when Chromium is not installed.
 */
import { relative } from 'node:path';
import { classify } from '@mailstatus/codes';
import { dsns } from '@mailstatus/fixtures';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIST, htmlPages } from '../bench/weights.mjs';
import { decode } from '../src/client/decode-core.js';
import { decoderCases } from './helpers/cases.js';
import { fieldsOf, openSession, skipReason, type Session } from './helpers/browser.js';

const reason = skipReason();
if (reason) console.warn(reason);

const pick = (c: { outcome: string; reason: string; action: string }) => ({ outcome: c.outcome, reason: c.reason, action: c.action });
const permalink = (input: string, command?: string): string => {
  const params = new URLSearchParams({ q: input });
  if (command) params.set('cmd', command);
  return `/decode/?${params}`;
};

describe.skipIf(reason !== undefined)('site in Chromium', () => {
  let s: Session;
  let page: Page;
  beforeAll(async () => {
    // Service workers off here (each navigation would go through one); the offline test has its own session.
    s = await openSession({ serviceWorkers: 'block' });
    page = await s.newPage();
  });
  afterAll(async () => {
    await s?.close();
  });

  test('crawl from /: every page is reachable, every same-origin link and asset answers 200', async () => {
    const seen = new Set<string>();
    const queue = ['/'];
    const broken: string[] = [];
    const external = new Set<string>();
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await page.goto(`${s.origin}${path}`, { waitUntil: 'load' });
      if (response?.status() !== 200) {
        broken.push(`${path}: ${response?.status()}`);
        continue;
      }
      const links = await page.$$eval('a[href], link[href], script[src]', (els) =>
        els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src),
      );
      for (const link of links) {
        const url = new URL(link);
        if (url.origin !== s.origin) {
          if (url.protocol !== 'data:') external.add(link);
          continue;
        }
        if (url.pathname.startsWith('/decode/') && url.search) continue; // permalinks: checked below
        if (url.pathname.endsWith('/') || url.pathname.endsWith('.html')) {
          if (!seen.has(url.pathname)) queue.push(url.pathname);
        } else if (!seen.has(url.pathname)) {
          seen.add(url.pathname);
          const asset = await page.request.get(`${s.origin}${url.pathname}`);
          if (asset.status() !== 200) broken.push(`${url.pathname}: ${asset.status()} (linked from ${path})`);
        }
      }
    }
    expect(broken).toEqual([]);
    const pages = htmlPages().map((f) => `/${relative(DIST, f).split('\\').join('/')}`.replace(/index\.html$/, ''));
    expect(
      pages.filter((p) => !seen.has(p)),
      'pages no link leads to',
    ).toEqual([]);
    expect(pages.length).toBeGreaterThan(100);
    // Links to other sites are citations only: the RFC Editor, IANA, the IETF datatracker, the project.
    expect(
      [...external].filter(
        (u) => !/^https:\/\/(www\.rfc-editor\.org|www\.iana\.org|datatracker\.ietf\.org|github\.com\/mailstatus)\//.test(u),
      ),
    ).toEqual([]);
  });

  /** The decoder's verdict against the library's for one case, or a line saying how they differ. */
  async function compare(c: (typeof decoderCases)[number]): Promise<string | undefined> {
    await page.waitForSelector('#result:not([hidden]) [data-field="outcome"]');
    const got = await fieldsOf(page);
    const library = c.command ? classify({ text: c.input, command: c.command }) : classify(c.input);
    const want = { ...pick(library), code: library.code === undefined ? 'none found' : String(library.code) };
    const have = { ...pick(got), code: got.code };
    return JSON.stringify(have) === JSON.stringify(want) ? undefined : `${c.id}: got ${JSON.stringify(have)}, want ${JSON.stringify(want)}`;
  }

  // Loading a page costs 0.1-0.2 s on a busy CI machine: every fixture reply goes through the
  // permalink in the page (history + popstate, the code path of Back/Forward that reads the
  // address like a fresh load), and a deterministic fifth of them (every 5th) as a full page load.
  test(`permalinks: the decoder gives the library's outcome, reason and action for every fixture reply (${decoderCases.length}; every 5th as a full load)`, async () => {
    const wrong: string[] = [];
    await page.goto(`${s.origin}/decode/`);
    await page.waitForSelector('html[data-ready]');
    for (const c of decoderCases) {
      await page.evaluate(
        (url) => {
          document.getElementById('result')!.hidden = true;
          history.pushState(null, '', url);
          dispatchEvent(new PopStateEvent('popstate'));
        },
        permalink(c.input, c.command),
      );
      wrong.push((await compare(c)) ?? '');
    }
    const loads = decoderCases.filter((_c, i) => i % 5 === 0);
    for (const c of loads) {
      await page.goto(`${s.origin}${permalink(c.input, c.command)}`, { waitUntil: 'commit' });
      wrong.push((await compare(c)) ?? '');
    }
    expect(loads.length).toBeGreaterThan(100);
    expect(wrong.filter(Boolean)).toEqual([]);
  });

  test(`permalinks: a bounce email is decoded per recipient as the library decodes it (${dsns.length} DSNs)`, async () => {
    const wrong: string[] = [];
    for (const f of dsns) {
      await page.goto(`${s.origin}${permalink(f.input)}`, { waitUntil: 'commit' });
      await page.waitForSelector('#result:not([hidden]) .recipient');
      const got = await page.$$eval('.recipient', (sections) =>
        sections.map((r) => ({
          recipient: r.querySelector('[data-field="recipient"]')?.textContent ?? '',
          outcome: r.querySelector('[data-field="outcome"]')?.textContent ?? '',
          reason: r.querySelector('[data-field="reason"]')?.textContent ?? '',
          action: r.querySelector('[data-field="action"]')?.textContent ?? '',
        })),
      );
      // The same code in Node: what the library says of this bounce, per recipient.
      const decoded = decode(f.input);
      const want =
        decoded?.kind === 'bounce'
          ? decoded.recipients.map((r) => ({ recipient: r.recipient ?? 'recipient not named', ...pick(r.decoded.classification) }))
          : [];
      expect(want.length, `${f.id} is read as a bounce in Node`).toBeGreaterThan(0);
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${f.id}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('a reply whose codes disagree shows the conflict; an unregistered code says so and links nothing', async () => {
    await page.goto(`${s.origin}${permalink('550 4.2.2 Mailbox full')}`);
    await page.waitForSelector('[data-field="conflicts"]');
    expect(await page.textContent('[data-field="conflicts"]')).toContain(classify('550 4.2.2 Mailbox full').conflicts[0]!.message);
    await page.goto(`${s.origin}${permalink('550 5.7.606 Access denied, banned sending IP [192.0.2.1]')}`);
    await page.waitForSelector('#result:not([hidden]) [data-field="enhanced"]');
    expect(await page.$eval('[data-field="enhanced"]', (e) => [e.tagName, e.textContent])).toEqual(['SPAN', '5.7.606']);
    expect(await page.textContent('#result')).toContain('not in the registry');
  });

  test('a bounce chosen as a file is decoded per recipient, and too long for a permalink it says so', async () => {
    const f = dsns.find((d) => d.expected.recipients.length > 1)!;
    await page.goto(`${s.origin}/decode/`);
    await page.waitForSelector('html[data-ready]');
    await page.setInputFiles('#file', { name: 'bounce.eml', mimeType: 'message/rfc822', buffer: Buffer.from(f.input) });
    await page.waitForSelector('#result:not([hidden]) .recipient');
    expect(await page.$$eval('.recipient [data-field="recipient"]', (els) => els.map((e) => e.textContent))).toEqual(
      f.expected.recipients.map((r) => r.finalRecipient.replace(/^[^;]*;\s*/, '')),
    );
    // A textarea holds line breaks as LF (HTML's value normalisation); the permalink carries what it holds.
    expect(new URL(page.url()).searchParams.get('q')).toBe(f.input.replace(/\r\n/g, '\n'));
    await page.setInputFiles('#file', { name: 'big.eml', mimeType: 'message/rfc822', buffer: Buffer.from(f.input + 'x'.repeat(20_000)) });
    await page.waitForFunction(() => document.getElementById('copy-status')?.textContent !== '');
    expect(await page.textContent('#copy-status')).toBe('The input is too long for a permalink.');
    expect(await page.isDisabled('#copy')).toBe(true);
  });

  test('keyboard only: skip link, type a reply, Ctrl+Enter, result focused, copy the permalink', async () => {
    await page.goto(`${s.origin}/decode/`);
    await page.waitForSelector('html[data-ready]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('452 4.2.2 The mailbox of the recipient is over its storage quota');
    await page.keyboard.press('Control+Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-title');
    expect(pick(await fieldsOf(page))).toEqual({ outcome: 'transient', reason: 'mailbox-full', action: 'retry' });
    expect(new URL(page.url()).searchParams.get('q')).toBe('452 4.2.2 The mailbox of the recipient is over its storage quota');
    // Shift+Tab back to the copy button, then Enter copies the address.
    await page.focus('#result-title');
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'copy'; i++)
      await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('copy');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('copy-status')?.textContent !== '');
    expect(await page.textContent('#copy-status')).toBe('Permalink copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    // Choose a command with the keyboard and submit with Enter on the button.
    await page.focus('#cmd');
    await page.keyboard.press('ArrowDown'); // CONNECT
    await page.focus('button[type="submit"]');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).searchParams.get('cmd')).toBe('CONNECT');
  });

  test('keyboard only: search on the home page, then follow a result', async () => {
    await page.goto(`${s.origin}/`);
    await page.waitForSelector('html[data-ready]');
    await page.focus('#search-q');
    await page.keyboard.type('5.2.2');
    await page.waitForSelector('#search-results .hits a');
    expect(await page.textContent('#search-results .hits li:first-child a')).toContain('X.2.2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('X.2.2');
    await Promise.all([page.waitForURL('**/enhanced/X.2.2/'), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toContain('X.2.2');
  });

  test('every interactive control has a label; the dark scheme changes the colours', async () => {
    for (const path of ['/', '/decode/']) {
      await page.goto(`${s.origin}${path}`);
      const unlabelled = await page.$$eval('input, textarea, select', (els) =>
        els.filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => e.id),
      );
      expect(unlabelled, path).toEqual([]);
    }
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).not.toBe(light);
  });

  test('WCAG AA contrast (4.5:1) for every text in both colour schemes, on the home page, a code page and a decoded result', async () => {
    const failures: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of ['/', '/enhanced/X.7.26/', permalink('452 4.2.2 Mailbox over quota; try later', 'RCPT')]) {
        await page.goto(`${s.origin}${path}`);
        await page.waitForSelector('html[data-ready], body');
        const low = await page.evaluate(() => {
          const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r = 0, g = 0, b = 0]: number[]): number => {
            const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const background = (el: Element | null): number[] => {
            for (; el; el = el.parentElement) {
              const c = rgb(getComputedStyle(el).backgroundColor);
              if (c.length === 3 || (c[3] ?? 0) > 0) return c.slice(0, 3);
            }
            return [255, 255, 255];
          };
          const out: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (!el || !n.textContent?.trim() || el.closest('[hidden], .skip, .visually-hidden, button:disabled, input[type=file]'))
              continue;
            const a = lum(rgb(getComputedStyle(el).color));
            const b = lum(background(el));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < 4.5)
              out.push(`${el.tagName.toLowerCase()}.${el.className} "${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
          }
          return out;
        });
        failures.push(...low.map((l) => `${scheme} ${path}: ${l}`));
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(failures).toEqual([]);
  });

  test('reflow: no page scrolls sideways on a 390 px wide screen (WCAG 1.4.10), tables scroll in their own box', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    try {
      for (const path of [
        '/',
        '/decode/',
        permalink('550 5.7.26 Unauthenticated mail is refused: align SPF or DKIM with the From domain'),
        '/enhanced/X.7.26/',
        '/enhanced/X.7.1/',
        '/reply/550/',
        '/subject/7/',
        '/class/5/',
      ]) {
        await page.goto(`${s.origin}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wide.push(`${path}: ${width}px`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    expect(wide).toEqual([]);
  });

  test('offline once loaded: the service worker serves the decoder and a code page seen before', async () => {
    const o = await openSession();
    const offlinePage = await o.newPage();
    await offlinePage.goto(`${o.origin}/decode/`);
    await offlinePage.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      // The worker keeps what the page reports; wait until the decoder is in its cache.
      for (let i = 0; i < 50; i++) {
        const keys = await caches.keys();
        for (const key of keys) {
          const cache = await caches.open(key);
          if (await cache.match(location.href)) return registration.active?.state;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the service worker did not cache the decoder');
    });
    await offlinePage.goto(`${o.origin}/enhanced/X.1.1/`);
    await o.context.setOffline(true);
    try {
      await offlinePage.goto(`${o.origin}${permalink('550 5.1.1 No such user here', 'RCPT')}`);
      await offlinePage.waitForSelector('#result:not([hidden]) [data-field="outcome"]');
      expect(pick(await fieldsOf(offlinePage))).toEqual({ outcome: 'permanent', reason: 'unknown-recipient', action: 'suppress' });
      await offlinePage.goto(`${o.origin}/enhanced/X.1.1/`);
      expect(await offlinePage.textContent('h1')).toContain('X.1.1');
      expect(o.foreign).toEqual([]);
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  test('no request left the origin and no page logged an error', () => {
    expect(s.foreign).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

// A quick check that the test itself would notice a foreign request.
describe.skipIf(reason !== undefined)('the request guard', () => {
  test('records and blocks a request to another origin', async () => {
    const s = await openSession();
    try {
      const page = await s.newPage();
      await page.goto(`${s.origin}/`);
      await page.evaluate(() => fetch('https://example.com/x').catch(() => undefined));
      expect(s.foreign).toEqual(['https://example.com/x']);
    } finally {
      await s.close();
    }
  });
});
