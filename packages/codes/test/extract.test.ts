/** extractReply: real bounce texts, false positives, the choice between candidates, commands, the bounce corpus, 1 MB inputs. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractReply, type ExtractedReply } from '../src/extract.js';
import { BOUNCES, haveBounces, skipNote } from './shared.js';

type Expect = Partial<ExtractedReply>;

describe('extractReply: real-world texts', () => {
  const cases: [string, string, Expect][] = [
    [
      'Postfix',
      'host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@b>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
      {
        code: 550,
        enhanced: '5.1.1',
        source: 'reply',
        agree: true,
        command: 'RCPT',
        text: '<a@b>: Recipient address rejected: User unknown',
        offset: 37,
        enhancedOffset: 41,
        candidates: 1,
      },
    ],
    [
      'Postfix folded between the codes',
      '<kijitora@example.jp>: host mx.example.jp[192.0.2.22] said: 553\n    5.1.8 <root@vagrant-centos65.vagrantup.com>... Domain of sender address\n    root@vagrant-centos65.vagrantup.com does not exist (in reply to MAIL FROM\n    command)',
      {
        code: 553,
        enhanced: '5.1.8',
        source: 'reply',
        command: 'MAIL',
        text: '<root@vagrant-centos65.vagrantup.com>... Domain of sender address root@vagrant-centos65.vagrantup.com does not exist',
      },
    ],
    [
      'Postfix end of DATA',
      'host mx.example.org[192.0.2.9] said: 554 5.7.9 Message not accepted for policy reasons (in reply to end of DATA command)',
      { code: 554, enhanced: '5.7.9', command: 'END-OF-DATA', text: 'Message not accepted for policy reasons' },
    ],
    [
      'Postfix "in reply to" folded mid-phrase',
      'said: 550 5.1.1 no such user (in reply\n    to RCPT TO command)',
      { code: 550, command: 'RCPT', text: 'no such user' },
    ],
    [
      'Postfix, code alone on the "said:" line',
      '    mx.user.example.or.jp[192.0.2.22] said: 550\n    <kijitora@user.example.or.jp>: User unknown (in reply to RCPT TO command)',
      { code: 550, enhanced: undefined, source: 'code-only', command: 'RCPT', text: '<kijitora@user.example.or.jp>: User unknown' },
    ],
    [
      'DSN Diagnostic-Code with Gmail multi-line reply',
      'Diagnostic-Code: smtp; 550-5.7.26 This mail is unauthenticated, which poses a security\n    550-5.7.26 risk to the sender and Gmail users.\n    550 5.7.26 Learn more. a1si2 - gsmtp',
      {
        code: 550,
        enhanced: '5.7.26',
        source: 'reply',
        text: 'This mail is unauthenticated, which poses a security risk to the sender and Gmail users. Learn more. a1si2 - gsmtp',
      },
    ],
    [
      'DSN, stops at the next field',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown\nRemote-MTA: dns; mx.example.com\nLast-Attempt-Date: Thu, 29 Apr 2010 23:34:45 +0900',
      { code: 550, enhanced: '5.1.1', text: 'user unknown', candidates: 1 },
    ],
    [
      'qmail',
      'Sorry, no mailbox here by that name. (#5.1.1)',
      { code: undefined, enhanced: '5.1.1', source: 'qmail', text: 'Sorry, no mailbox here by that name.', offset: 39 },
    ],
    [
      'qmail, multi-line bounce',
      "<a@example.jp>:\nSorry, I couldn't find any host named example.jp. (#5.1.2)\n",
      { enhanced: '5.1.2', source: 'qmail', text: "Sorry, I couldn't find any host named example.jp." },
    ],
    ['Exchange', '#550 5.2.2 mailbox full ##', { code: 550, enhanced: '5.2.2', source: 'reply', text: 'mailbox full', offset: 1 }],
    [
      'Exchange/Office 365',
      "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
      {
        code: 550,
        enhanced: '5.1.10',
        source: 'reply',
        text: 'RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      },
    ],
    [
      'Exim',
      'SMTP error from remote mail server after RCPT TO:<a@b>:\n    host mx.example.jp [192.0.2.222]: 550 5.1.1 <kijitora@example.jp>... User Unknown',
      { code: 550, enhanced: '5.1.1', command: 'RCPT', text: '<kijitora@example.jp>... User Unknown' },
    ],
    ['Exim, pipelined', 'SMTP error from remote mail server after pipelined RCPT TO:<a@b>: 550 5.1.1 unknown', { command: 'RCPT' }],
    [
      'Exim, end of data',
      'SMTP error from remote mail server after end of data:\n    550 5.7.1 spam',
      { command: 'END-OF-DATA', code: 550 },
    ],
    [
      'Exim, initial connection, multi-line reply without enhanced code',
      'SMTP error from remote mail server after initial connection:\n    550-192.0.2.222 blocked by ldap:ou=nekochan,dc=example,dc=net\n    550 Error - Blocked for abuse. See http://example.net/nyaan',
      {
        code: 550,
        enhanced: undefined,
        source: 'code-only',
        command: 'CONNECT',
        text: '192.0.2.222 blocked by ldap:ou=nekochan,dc=example,dc=net Error - Blocked for abuse. See http://example.net/nyaan',
      },
    ],
    [
      'Exim, EHLO',
      'SMTP error from remote mail server after EHLO neko.example.com:\n    550 Rejected',
      { command: 'EHLO', code: 550, text: 'Rejected' },
    ],
    [
      'Exim, MAIL FROM with SIZE',
      "SMTP error from remote mail server after MAIL FROM:<s@example.com> SIZE=222:\n    host mx4.example.org [192.0.2.22]: 550 NN-222 (NEKO-CAT-222) Unfortunately, messages weren't sent.",
      { code: 550, command: 'MAIL', source: 'code-only', text: "NN-222 (NEKO-CAT-222) Unfortunately, messages weren't sent." },
    ],
    [
      'Sendmail transcript',
      '... while talking to mx.example.co.jp.:\n>>> DATA\n<<< 550 5.1.1 <userunknown@example.co.jp>... User Unknown\n550 5.1.1 userunknown@example.co.jp... User unknown\n<<< 503 5.0.0 Need RCPT (recipient)',
      { code: 550, enhanced: '5.1.1', command: 'DATA', text: '<userunknown@example.co.jp>... User Unknown', candidates: 3 },
    ],
    [
      'Sendmail transcript, RCPT',
      '... while talking to mx.example.org.:\n>>> RCPT To:<a@example.org>\n<<< 550 5.1.1 <a@example.org>... User unknown',
      { command: 'RCPT' },
    ],
    [
      'enhanced code alone',
      '5.1.1 User unknown',
      { code: undefined, enhanced: '5.1.1', source: 'enhanced-only', text: 'User unknown', agree: true },
    ],
    ['reply code alone', '550 User unknown', { code: 550, enhanced: undefined, source: 'code-only', text: 'User unknown', agree: true }],
    ['Microsoft unregistered code', '550 5.7.606 Access denied, banned sending IP [192.0.2.1]', { code: 550, enhanced: '5.7.606' }],
    [
      'Amazon SES: prefers the remote pair over its own code',
      "5.1.0 - Unknown address error 550-'5.7.1 <0000@email-bounces.amazonses.com>... Access denied' (delivery attempts: 0)",
      { code: 550, enhanced: '5.7.1', source: 'reply', text: '<0000@email-bounces.amazonses.com>... Access denied', candidates: 2 },
    ],
    [
      'Amazon SES: code and enhanced code apart',
      "5.3.0 - Other mail system problem 550-'Unknown user this-local-part@docomo.ne.jp' (delivery attempts: 0)",
      {
        code: 550,
        enhanced: '5.3.0',
        source: 'combined',
        text: 'Unknown user this-local-part@docomo.ne.jp',
        offset: 34,
        enhancedOffset: 0,
        agree: true,
      },
    ],
    [
      'several pairs: the outer final reply over the inner one it quotes',
      '554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>',
      { code: 554, enhanced: '4.4.7', source: 'reply', agree: false, candidates: 2 },
    ],
    [
      'several pairs of one class: the one whose classes agree',
      '550 4.2.2 quota; then 550 5.2.2 Mailbox full',
      { code: 550, enhanced: '5.2.2', agree: true },
    ],
    [
      'a transcript: the final refusal over an earlier deferral',
      '<<< 450 4.2.1 busy\n<<< 551 5.1.6 User not local',
      { code: 551, enhanced: '5.1.6' },
    ],
    [
      'a pair that disagrees is still taken, and flagged',
      '550 4.2.2 Mailbox full',
      { code: 550, enhanced: '4.2.2', source: 'reply', agree: false },
    ],
    [
      'apart and disagreeing: prefers a matching reply code',
      '4.4.1 deferred; 550 gone; 451 later',
      { code: 451, enhanced: '4.4.1', source: 'combined', agree: true },
    ],
    [
      'apart and disagreeing with no match',
      '5.1.1 unknown; then 421 closing',
      { code: 421, enhanced: '5.1.1', source: 'combined', agree: false },
    ],
    [
      'Office 365 nested reply: first agreeing pair',
      '550 5.1.351 Remote server returned unknown recipient or mailbox unavailable -> 550 <a@ezweb.ne.jp>: User unknown',
      { code: 550, enhanced: '5.1.351', candidates: 2 },
    ],
    ['quoted-printable soft break after the code', 'Diagnostic-Code: smtp; 550 5.1.1=', { code: 550, enhanced: '5.1.1' }],
    ['a blank line between the codes: not a pair', 'said: 550\n\n5.1.1 x', { code: 550, enhanced: '5.1.1', source: 'combined' }],
    ['continuation dash with an IP', '550-192.0.2.222 blocked', { code: 550, enhanced: undefined }],
    ['Japanese text around', 'エラー: 550 5.1.1 宛先不明', { code: 550, enhanced: '5.1.1', text: '宛先不明' }],
    [
      'CRLF text',
      'said: 550 5.1.1 unknown\r\n    user (in reply to RCPT TO command)\r\n',
      { code: 550, text: 'unknown user', command: 'RCPT' },
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const r = extractReply(text);
    expect(r).toBeDefined();
    expect(r).toMatchObject(expected);
  });

  it('offsets point at the codes', () => {
    const text = 'x said: 550-5.1.1 gone';
    const r = extractReply(text)!;
    expect(text.slice(r.offset, r.offset + 3)).toBe('550');
    expect(text.slice(r.enhancedOffset!, r.enhancedOffset! + 5)).toBe('5.1.1');
  });
});

describe('extractReply: false positives', () => {
  it.each([
    ['IP address', 'connect to 192.0.2.1 failed'],
    ['bracketed IP and port', 'lost connection with mx.example.com[10.5.5.1]:550 while sending'],
    ['IPv6', 'from [2607:f8b0:4002:c07::247] via 2001:db8::550'],
    ['time', 'Arrival-Date: Thu, 29 Apr 2010 23:55:01 +0900'],
    ['time with a 3-digit-looking part', 'at 12:550:01'],
    ['year', 'Copyright 2024 Example'],
    ['longer digit run', 'id 25500 and 5500 and 123550'],
    ['message size', 'message size 10485760 exceeds'],
    ['SIZE parameter', 'MAIL FROM:<a@b> SIZE=250'],
    ['version', 'Postfix version 2.4.1 and Exim 4.92.3 and v2.4.1 and 2.4.1.3'],
    ['4-part version', 'build 5.5.5.5'],
    ['decimal', 'load 2.50 and 250.5'],
    ['phone number', 'call 555-1234 or 212-555-1234'],
    ['range', 'codes 200-299'],
    ['glued to letters', 'abc550 550abc x5.1.1 5.1.1x'],
    ['path and percent', '/var/550/x 550% done 5.1.1/2'],
    ['CSS colour', 'color: #555;'],
    ['first digit out of range', '150 650 160 and 1.1.1 and 3.1.1'],
    ['second digit out of range', '560 Foo 270 Bar'],
    ['empty', ''],
    ['no digits', 'User unknown'],
  ])('%s', (_name, text) => {
    expect(extractReply(text)).toBeUndefined();
  });

  // extractReply as JavaScript callers see it: any value in (the types say string).
  const extractAny = extractReply as (v: unknown) => ReturnType<typeof extractReply>;

  it('non-strings give undefined', () => {
    for (const v of [undefined, null, 550, { text: '550 x' }, ['550 5.1.1 x'], Symbol('550'), 5n]) expect(extractAny(v)).toBeUndefined();
  });

  it('the types take a string only (checked by tsc)', () => {
    // @ts-expect-error -- a number is not a text to search
    expect(extractReply(550)).toBeUndefined();
  });

  it('never throws on anything (fast-check)', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => void extractAny(v)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => void extractReply(v)),
      { numRuns: 2000 },
    );
    const bouncy = fc
      .array(
        fc.constantFrom(
          '550',
          '5.1.1',
          '4.2.2',
          ' ',
          '-',
          "'",
          '(#',
          ')',
          '\n',
          '    ',
          'said: ',
          '(in reply to ',
          'RCPT TO command)',
          'SMTP error from remote ',
          'after ',
          '>>> ',
          'DATA',
          '.',
          ':',
          '#',
          '<',
          '>',
        ),
        { maxLength: 40 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(bouncy, (v) => {
        const r = extractReply(v);
        if (r === undefined) return;
        // What is reported is really there.
        if (r.code !== undefined) expect(v.slice(r.offset, r.offset + 3)).toBe(String(r.code));
        if (r.enhanced !== undefined) expect(v.startsWith(r.enhanced, r.enhancedOffset)).toBe(true);
        expect(r.candidates).toBeGreaterThanOrEqual(1);
        expect(r.agree).toBe(r.code === undefined || r.enhanced === undefined || r.enhanced[0] === String(r.code)[0]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe.skipIf(skipNote(haveBounces, 'bounce-samples corpus', BOUNCES))('extractReply over the bounce-samples corpus', () => {
  const files = haveBounces ? readdirSync(BOUNCES).filter((f) => f.endsWith('.eml')) : [];
  /** Each Diagnostic-Code field with its folded continuation lines. */
  const diagnostics = files.flatMap((f) => {
    const raw = readFileSync(join(BOUNCES, f), 'latin1');
    const out: [string, string][] = [];
    const re = /^Diagnostic-Code:[^\n]*(?:\n[ \t][^\n]*)*/gim;
    for (let m = re.exec(raw); m; m = re.exec(raw)) out.push([f, m[0]]);
    return out;
  });

  it('finds a code in (nearly) every smtp Diagnostic-Code that has one', () => {
    let withCode = 0;
    let found = 0;
    for (const [f, d] of diagnostics) {
      // A reference answer by a different method: the first "ddd" or "d.d.d" after "smtp;" with plain boundaries.
      const ref = /smtp;\s*([2-5][0-5][0-9])(?:[ -]|$)/i.exec(d);
      if (!ref) continue;
      withCode++;
      const r = extractReply(d);
      // By design a later pair whose classes agree beats a first pair that disagrees:
      // "554 4.4.7 Message expired ... <421 4.4.2 Connection timed out>" gives 421 4.4.2.
      const disagreeingFirst = /smtp;\s*([2-5])[0-5][0-9] ([245])\./i.exec(d);
      if (disagreeingFirst && disagreeingFirst[1] !== disagreeingFirst[2] && r?.agree && r.source === 'reply') found++;
      else if (r?.code === Number(ref[1])) found++;
      else expect.soft(r?.code, `${f}: ${d.slice(0, 80)}`).toBe(Number(ref[1]));
    }
    expect(withCode).toBeGreaterThan(50);
    expect(found).toBe(withCode);
  });

  it('every Diagnostic-Code: pairs come back with agreeing classes where the text has them', () => {
    for (const [f, d] of diagnostics) {
      const pair = /\b([2-5][0-5][0-9])[ -]([245])\.\d{1,3}\.\d{1,3}\b/.exec(d);
      if (!pair) continue;
      const r = extractReply(d);
      expect(r?.source, f).toBe('reply');
      if (pair[1]![0] === pair[2]) expect(r?.agree, f).toBe(true);
    }
  });

  it('whole messages: never throws, and finds something in most bounces', () => {
    let some = 0;
    const bounces = files.filter((f) => !f.startsWith('arf-'));
    for (const f of bounces) {
      const r = extractReply(readFileSync(join(BOUNCES, f), 'latin1'));
      if (r) some++;
    }
    expect(some / bounces.length).toBeGreaterThan(0.8);
  });
});

describe('extractReply: 1 MB inputs complete (timed in bench/run.mjs, not here)', () => {
  const MB = 1 << 20;
  it.each([
    ['digit run', '5'.repeat(MB), undefined],
    ['5.5.5.5...', '5.'.repeat(MB / 2), undefined],
    ['550- lines', '550-x\r\n'.repeat(MB / 7), 550],
    ['550 5.1.1 repeated', '550 5.1.1 '.repeat(MB / 10), 550],
    ['spaces after a code', '550' + ' '.repeat(MB) + '5.1.1', 550],
    ['(in reply to repeated', '550 x (in'.repeat(MB / 9), 550],
    ['(in reply to with long whitespace', '550 x (in' + ' '.repeat(MB), 550],
    ['>>> repeated', '>>> \n'.repeat(MB / 5) + '550 x', 550],
    ['SMTP error from remote repeated', 'SMTP error from remote '.repeat(MB / 23) + '550 x', 550],
    ['no newline letters', 'a'.repeat(MB), undefined],
    ['dots and digits', '1.2.3.4.'.repeat(MB / 8), undefined],
  ] as const)('%s', (_name, text, code) => {
    expect(extractReply(text)?.code).toBe(code);
  });
});
