/**
 * The built site without a browser: one page per code, budgets, the search
 * and the decoder's logic against the library and the fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { classify, enhancedClasses, enhancedStatuses, enhancedSubjects, replyCodes } from '@mailstatus/codes';
import { dsns, realWorldReplies, registryReplies, transcripts } from '@mailstatus/fixtures';
import { decoderCases } from './helpers/cases.js';
import { describe, expect, test } from 'vitest';
import { BUDGETS, DIST, htmlPages, pageWeight } from '../bench/weights.mjs';
import { escapeHtml, html } from '../src/build/html.js';
import { decodeBounce, looksLikeMessage } from '../src/client/bounce.js';
import { decode } from '../src/client/decode-core.js';
import { search, type SearchEntry } from '../src/shared/search-core.js';

const built = existsSync(join(DIST, 'index.html'));
if (!built) console.warn(`site build tests skipped: ${DIST} has no index.html. Fix: npm run build`);
const read = (path: string): string => readFileSync(join(DIST, path, 'index.html'), 'utf8');
const pick = (c: { outcome: string; reason: string; action: string }) => ({ outcome: c.outcome, reason: c.reason, action: c.action });

describe.skipIf(!built)('pages', () => {
  test('one page per registry entry, reply code, class and subject, plus the home page and the decoder', () => {
    const expected = 2 + enhancedStatuses.length + replyCodes.length + enhancedClasses.length + enhancedSubjects.length;
    expect(htmlPages()).toHaveLength(expected);
    for (const e of enhancedStatuses)
      expect(read(`enhanced/${e.code}`)).toContain(`<title>${escapeHtml(`${e.code} ${e.sample || e.name}`)}`);
    for (const r of replyCodes) expect(read(`reply/${r.code}`)).toContain(`data-field="code">${r.code}</span>`);
  });

  test('an entry page: sample, every class with its classification, associated reply codes, references, examples', () => {
    const page = read('enhanced/X.7.26');
    expect(page).toContain('Multiple authentication checks failed');
    for (const code of ['2.7.26', '4.7.26', '5.7.26']) expect(page).toContain(`data-field="enhanced">${code}</th>`);
    expect(page).toContain('href="../../reply/550/"');
    expect(page).toContain('href="https://www.rfc-editor.org/rfc/rfc7372');
    expect(page).toMatch(
      /<td><span class="tag o-permanent">permanent<\/span><\/td><td>sender-authentication<\/td><td><span class="tag a-fix-sender">fix-sender/,
    );
    expect(page).toContain('href="../../decode/?q=');
  });

  test('the deprecated entry says so and links its replacement', () => {
    const page = read('enhanced/X.6.10');
    expect(page).toContain('<strong>Deprecated.</strong>');
    expect(page).toContain('href="../../enhanced/X.6.8/"');
  });

  test('a generic entry lists the real-world codes of its subject (Microsoft 5.7.606-5.7.649 on X.7.1)', () => {
    expect(read('enhanced/X.7.1')).toContain('5.7.606-5.7.649');
    expect(read('subject/7')).toContain('5.7.606-5.7.649');
  });

  test('a reply code page names the commands it answers (RFC 5321 section 4.3.2)', () => {
    const page = read('reply/354');
    expect(page).toContain('<code>DATA</code>: intermediate');
  });

  test('every relative link and asset of every page points at a file of the build (no Chromium needed)', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of htmlPages()) {
      const text = readFileSync(file, 'utf8');
      for (const [, href = ''] of text.matchAll(/(?:href|src)="([^"]*)"/g)) {
        if (/^(?:[a-z]+:|#)/i.test(href)) continue;
        checked++;
        const target = join(dirname(file), decodeURIComponent(href.split(/[?#]/)[0] ?? ''));
        const path = href.split(/[?#]/)[0]?.endsWith('/') || href.startsWith('?') ? join(target, 'index.html') : target;
        if (!existsSync(path)) broken.push(`${file}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });

  test('the pages load nothing from another origin', () => {
    for (const file of htmlPages()) {
      const text = readFileSync(file, 'utf8');
      expect(text.match(/<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?\/\/[^"]*"/g), file).toBeNull();
    }
  });

  test('page weights within budget (gzip: decoder <= 100 KB in all, a code page <= 30 KB)', () => {
    const decoder = pageWeight(join(DIST, 'decode', 'index.html'));
    expect(decoder.files.map((f) => f.path).some((p) => /^assets\/decode-.*\.js$/.test(p))).toBe(true);
    expect(decoder.gzip).toBeLessThanOrEqual(BUDGETS.decoder);
    for (const file of htmlPages().filter((f) => /[/\\](enhanced|reply|class|subject)[/\\]/.test(f))) {
      expect(pageWeight(file).gzip, file).toBeLessThanOrEqual(BUDGETS.codePage);
    }
  });
});

describe('html template', () => {
  test('escapes interpolated text and keeps nested markup', () => {
    const evil = '<script>alert("x")</script>&\'';
    expect(html`<p title="${evil}">${evil}${html`<b>ok</b>`}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;<b>ok</b></p>',
    );
  });
});

describe.skipIf(!built)('search', () => {
  const index = JSON.parse(readFileSync(join(DIST, 'search-index.json'), 'utf8')) as SearchEntry[];
  test('a concrete code finds its registry entry first, in any class', () => {
    expect(search(index, '5.7.26')[0]?.c).toBe('X.7.26');
    expect(search(index, '4.2.2')[0]?.c).toBe('X.2.2');
    expect(search(index, '550')[0]?.c).toBe('550');
  });
  test('words search names and texts; every word must match', () => {
    expect(search(index, 'mailbox full').map((e) => e.c)).toContain('X.2.2');
    expect(search(index, 'MailboxFull')[0]?.c).toBe('X.2.2');
    expect(search(index, 'mailbox zzzz')).toEqual([]);
    expect(search(index, '   ')).toEqual([]);
  });
  test('the real-world codes are in the index', () => {
    expect(search(index, '5.7.606').map((e) => e.c)).toContain('5.7.606-5.7.649');
  });
});

describe('decoder logic (what the page runs) agrees with the library and the fixtures', () => {
  test('there are cases from every kind of reply fixture', () => {
    expect(decoderCases.length).toBe(
      realWorldReplies.length + registryReplies.length + transcripts.reduce((n, t) => n + t.expected.replies.length, 0),
    );
  });

  test.each(decoderCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const d = decode(c.input, c.command);
    expect(d?.kind).toBe('reply');
    if (d?.kind !== 'reply') return;
    const library = c.command ? classify({ text: c.input, command: c.command }) : classify(c.input);
    expect(pick(d.classification)).toEqual(pick(library));
    expect(pick(d.classification)).toEqual(c.expected);
  });

  test('an empty input decodes to nothing; prose without a code is still classified', () => {
    expect(decode('  \n')).toBeUndefined();
    const d = decode('mailbox is full, try later');
    expect(d?.kind === 'reply' && d.classification.code).toBeUndefined();
    expect(d?.kind === 'reply' && d.classification.reason).toBe('mailbox-full');
  });

  test('a log line and a Diagnostic-Code find their reply', () => {
    const log = decode(
      'postfix/smtp[1]: 0ABC: to=<a@b.example>, status=bounced (host mx.b.example[192.0.2.1] said: 550 5.1.1 <a@b.example>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
    );
    expect(log?.kind === 'reply' && [log.classification.code, log.classification.enhanced, log.classification.reason]).toEqual([
      550,
      '5.1.1',
      'unknown-recipient',
    ]);
    const diag = decode('smtp; 452 4.2.2 The recipient mailbox is over quota');
    expect(diag?.kind === 'reply' && pick(diag.classification)).toEqual({ outcome: 'transient', reason: 'mailbox-full', action: 'retry' });
  });
});

describe('bounce emails (the plug point in client/bounce.ts)', () => {
  test.each(dsns.map((f) => [f.id, f] as const))('%s: recipients, Status and classification per recipient', (_id, f) => {
    expect(looksLikeMessage(f.input)).toBe(true);
    const bounce = decodeBounce(f.input);
    expect(bounce?.recipients.map((r) => r.status)).toEqual(f.expected.recipients.map((r) => r.status));
    expect(bounce?.recipients.map((r) => r.recipient)).toEqual(
      f.expected.recipients.map((r) => r.finalRecipient.replace(/^[^;]*;\s*/, '')),
    );
    const d = decode(f.input);
    expect(d?.kind).toBe('bounce');
    if (d?.kind !== 'bounce') return;
    expect(d.recipients.map((r) => pick(r.decoded.classification))).toEqual(f.expected.recipients.map((r) => r.classify));
  });

  test('a reply or a log line is not taken for a message', () => {
    expect(looksLikeMessage('550 5.1.1 User unknown\r\n')).toBe(false);
    expect(looksLikeMessage('Nov 29 10:00:00 mx postfix/smtp[1]: to=<a@b>, status=bounced')).toBe(false);
  });
});

describe.skipIf(!built)('the preview server (scripts/serve.mjs)', () => {
  test('serves folders as index.html, redirects a folder without its slash, and nothing outside dist', async () => {
    const { serve } = await import('../scripts/serve.mjs');
    const { server, origin } = await serve();
    try {
      expect((await fetch(`${origin}/enhanced/X.1.1/`)).status).toBe(200);
      const redirect = await fetch(`${origin}/decode?q=550`, { redirect: 'manual' });
      expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/decode/?q=550']);
      // A raw path: fetch() would resolve the dot segments before sending.
      const raw = await new Promise<number | undefined>((resolve, reject) => {
        request(`${origin}/..%2f..%2fpackage.json`, { path: '/..%2f..%2fsite%2fpackage.json' }, (res) => resolve(res.statusCode))
          .on('error', reject)
          .end();
      });
      expect(raw).toBe(404);
      expect((await fetch(`${origin}/nope/`)).status).toBe(404);
      expect((await fetch(`${origin}/%E0%A4%A/`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
