/** parseReply / safeParseReply: real replies, every error kind with its position, property tests, 1 MB inputs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyParseError, parseReply, safeParseReply, type ReplyParseErrorReason } from '../src/parse.js';

describe('parseReply: valid replies', () => {
  it.each([
    // [raw, code, enhanced, lines]
    ['250 2.0.0 Ok: queued as 4ZxYz12abc', 250, '2.0.0', ['Ok: queued as 4ZxYz12abc']],
    ['250 OK', 250, undefined, ['OK']],
    ['220 mx.google.com ESMTP a1si123 - gsmtp\r\n', 220, undefined, ['mx.google.com ESMTP a1si123 - gsmtp']],
    ['221 2.0.0 Bye\r\n', 221, '2.0.0', ['Bye']],
    ['354 End data with <CR><LF>.<CR><LF>', 354, undefined, ['End data with <CR><LF>.<CR><LF>']],
    ['354 2.0.0 looks like a code but 3xx has none', 354, undefined, ['2.0.0 looks like a code but 3xx has none']],
    ['334 VXNlcm5hbWU6', 334, undefined, ['VXNlcm5hbWU6']],
    ['334 ', 334, undefined, ['']],
    ['334 5.1.1 is base64-ish text on a 3xx', 334, undefined, ['5.1.1 is base64-ish text on a 3xx']],
    [
      '550 5.1.1 <a@b.example>: Recipient address rejected: User unknown in virtual mailbox table',
      550,
      '5.1.1',
      ['<a@b.example>: Recipient address rejected: User unknown in virtual mailbox table'],
    ],
    ['550 5.1.1', 550, '5.1.1', ['']],
    ['550 5.1.1 ', 550, '5.1.1', ['']],
    ['550', 550, undefined, ['']],
    ['550\r\n', 550, undefined, ['']],
    ['550 ', 550, undefined, ['']],
    [
      '421 4.7.0 Try again later, closing connection. (EHLO) a1-20020a.12 - gsmtp',
      421,
      '4.7.0',
      ['Try again later, closing connection. (EHLO) a1-20020a.12 - gsmtp'],
    ],
    [
      '552 5.2.2 The email account that you tried to reach is over quota.',
      552,
      '5.2.2',
      ['The email account that you tried to reach is over quota.'],
    ],
    ['550 5.7.606 Access denied, banned sending IP [192.0.2.1].', 550, '5.7.606', ['Access denied, banned sending IP [192.0.2.1].']],
    [
      '451 4.7.500 Server busy. Please try again later from [192.0.2.1].',
      451,
      '4.7.500',
      ['Server busy. Please try again later from [192.0.2.1].'],
    ],
    [
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      550,
      '5.1.10',
      ['RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
    ],
    // Text that merely starts with digits is text.
    ['220 192.0.2.1 ESMTP ready', 220, undefined, ['192.0.2.1 ESMTP ready']],
    ['250 2.5.5.5 is an address', 250, undefined, ['2.5.5.5 is an address']],
    ['250 2.0.0:glued is text', 250, undefined, ['2.0.0:glued is text']],
    ['250 8.14.7 version', 250, undefined, ['8.14.7 version']],
    ['250 2.5 million', 250, undefined, ['2.5 million']],
    // HT and UTF-8 (SMTPUTF8, RFC 6531) are allowed.
    ['250 2.0.0 tab\there', 250, '2.0.0', ['tab\there']],
    ['550 5.1.1 Benutzer unbekannt: müller@example.de 👋', 550, '5.1.1', ['Benutzer unbekannt: müller@example.de 👋']],
    // Reply code conflicts with the class: accepted, flagged.
    ['550 4.2.2 Mailbox full', 550, '4.2.2', ['Mailbox full']],
  ] as const)('%j', (raw, code, enhanced, lines) => {
    const r = parseReply(raw);
    expect(r.code).toBe(code);
    expect(r.severity).toBe(Math.floor(code / 100));
    expect(r.enhanced).toBe(enhanced);
    expect(r.lines).toEqual(lines);
    expect(r.text).toBe(lines.join('\n'));
    expect(r.multiline).toBe(false);
    expect(r.raw).toBe(raw);
    expect(r.enhancedConflict).toBe(enhanced !== undefined && enhanced[0] !== String(code)[0]);
  });

  it('multi-line replies (Gmail, CRLF)', () => {
    const raw =
      '550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n' +
      "550-5.1.1 double-checking the recipient's email address for typos or\r\n" +
      '550-5.1.1 unnecessary spaces. For more information, go to\r\n' +
      '550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si5 - gsmtp\r\n';
    const r = parseReply(raw);
    expect(r).toMatchObject({ code: 550, enhanced: '5.1.1', multiline: true, enhancedConflict: false });
    expect(r.lines).toEqual([
      'The email account that you tried to reach does not exist. Please try',
      "double-checking the recipient's email address for typos or",
      'unnecessary spaces. For more information, go to',
      ' https://support.google.com/mail/?p=NoSuchUser a1si5 - gsmtp',
    ]);
    expect(r.text).toBe(r.lines.join('\n'));
  });

  it('multi-line EHLO response (LF line ends, no enhanced code), bare last line', () => {
    const r = parseReply('250-mx.example.com\n250-PIPELINING\n250-SIZE 35882577\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250 SMTPUTF8');
    expect(r.code).toBe(250);
    expect(r.enhanced).toBeUndefined();
    expect(r.lines).toEqual(['mx.example.com', 'PIPELINING', 'SIZE 35882577', '8BITMIME', 'ENHANCEDSTATUSCODES', 'SMTPUTF8']);
    expect(parseReply('250-a\r\n250\r\n').lines).toEqual(['a', '']);
    expect(parseReply('250-a\n250-\n250 c').lines).toEqual(['a', '', 'c']);
  });

  it('later lines of a reply without an enhanced code are plain text', () => {
    expect(parseReply('250-hello\r\n250 2.0.0 not a code here').lines).toEqual(['hello', '2.0.0 not a code here']);
  });

  it('mixed CRLF and LF, bare enhanced code on continuation lines', () => {
    const r = parseReply('451-4.3.0 a\n451-4.3.0\r\n451 4.3.0 c');
    expect(r.lines).toEqual(['a', '', 'c']);
  });

  it('maxLineLength: 512 octets including CRLF by default, counted in UTF-8', () => {
    const fits = '550 ' + 'a'.repeat(506); // 510 + CRLF
    expect(parseReply(fits).code).toBe(550);
    expect(() => parseReply(fits + 'a')).toThrow(/513 octets/);
    // 2-octet characters: 4 + 253*2 = 510 fits, one more does not.
    expect(parseReply('550 ' + 'é'.repeat(253)).code).toBe(550);
    expect(safeParseReply('550 ' + 'é'.repeat(254))).toMatchObject({ ok: false, error: { reason: 'line-too-long', line: 1, offset: 0 } });
    // 4-octet characters (surrogate pairs).
    expect(parseReply('550 ' + '😀'.repeat(126) + 'ab').code).toBe(550);
    expect(safeParseReply('550 ' + '😀'.repeat(127)).ok).toBe(false);
    // Option: raise, lower, lift.
    expect(parseReply('550 ' + 'a'.repeat(600), { maxLineLength: 1000 }).code).toBe(550);
    expect(parseReply('550 ' + 'a'.repeat(100_000), { maxLineLength: Infinity }).code).toBe(550);
    expect(safeParseReply('250 ok', { maxLineLength: 7 }).ok).toBe(false);
    expect(safeParseReply('250 ok', { maxLineLength: 8 }).ok).toBe(true);
    // The second line is the long one.
    expect(safeParseReply('250-ok\r\n250 ' + 'a'.repeat(600))).toMatchObject({
      ok: false,
      error: { reason: 'line-too-long', line: 2, offset: 8 },
    });
  });

  it('rejects invalid options with a TypeError', () => {
    expect(() => parseReply('250 ok', { maxLineLength: NaN })).toThrow(TypeError);
    expect(() => parseReply('250 ok', { maxLineLength: '512' as unknown as number })).toThrow(TypeError);
  });
});

const STRICT = { strictEnhancedCode: true } as const;

describe('parseReply: a malformed enhanced code is kept as text, with the problem named', () => {
  it.each([
    // [raw, token, reason]
    ['550 5.01.1 leading zero', '5.01.1', 'leading-zero'],
    ['550 5.1.01 leading zero', '5.1.01', 'leading-zero'],
    ['550 5.00.0 Error', '5.00.0', 'leading-zero'],
    ['550 5.1.1000 too long', '5.1.1000', 'too-many-digits'],
    ['550 5.1000.1', '5.1000.1', 'too-many-digits'],
    ['550 6.1.1 class six', '6.1.1', 'bad-class'],
    ['450 3.0.0 class three', '3.0.0', 'bad-class'],
    ['250 0.0.0', '0.0.0', 'bad-class'],
    ['550-9.9.9 first\r\n550 second', '9.9.9', 'bad-class'],
  ] as const)('%j keeps its code and whole text; %s is %s', (raw, token, reason) => {
    const r = parseReply(raw);
    expect(r.code).toBe(Number(raw.slice(0, 3)));
    expect(r.enhanced).toBeUndefined();
    expect(r.lines[0]!.startsWith(token)).toBe(true);
    expect(r.enhancedProblem).toMatchObject({ reason, token, offset: 4, line: 1 });
    expect(r.enhancedProblem!.message).toContain(`"${token}"`);
    expect(r.enhancedProblem!.message).toContain('RFC 3463 section 2');
    // The old behaviour, on request.
    const strict = safeParseReply(raw, STRICT);
    expect(strict).toMatchObject({ ok: false, error: { reason: 'bad-enhanced-code', offset: 4, line: 1 } });
    expect(() => parseReply(raw, STRICT)).toThrow(ReplyParseError);
  });

  it.each([
    '550 5.1.1 valid',
    '250 2.0.0',
    '550 4.2.2 a class conflict stays a conflict',
    '550 5.5.5.5 an address',
    '550 6.1 two parts',
    '550 6.1.1:glued',
    '354 6.1.1 no codes on 3xx',
    '550 hello 5.01.1',
  ])('%j has no enhancedProblem', (raw) => {
    expect(parseReply(raw).enhancedProblem).toBeUndefined();
    expect(safeParseReply(raw, STRICT).ok).toBe(true);
  });

  it('a class conflict is reported as before, not as a problem', () => {
    expect(parseReply('550 4.2.2 full')).toMatchObject({ enhanced: '4.2.2', enhancedConflict: true });
  });

  it("a malformed code on a later line stays an error (RFC 2034 section 4: every line carries the first line's code)", () => {
    expect(safeParseReply('550-5.1.1 a\r\n550 5.01.1 b')).toMatchObject({ ok: false, error: { reason: 'bad-enhanced-code', line: 2 } });
  });

  it('rejects a strictEnhancedCode that is not a boolean', () => {
    expect(() => parseReply('550 x', { strictEnhancedCode: 'yes' as unknown as boolean })).toThrow(TypeError);
  });

  /** `digit "." digits "." digits` that breaks RFC 3463 section 2, with the rule it breaks. */
  const subCode = fc.oneof(
    fc.integer({ min: 0, max: 999 }).map(String),
    fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
    fc.integer({ min: 1000, max: 999999 }).map(String),
  );
  const anyToken = fc.tuple(fc.integer({ min: 0, max: 9 }), subCode, subCode).map(([c, a, b]) => `${c}.${a}.${b}`);
  const badSub = (x: string) => (x.length > 1 && x.startsWith('0')) || x.length > 3;
  const expectedProblem = (token: string) => {
    const [c, a, b] = token.split('.') as [string, string, string];
    if (!['2', '4', '5'].includes(c)) return 'bad-class';
    if ((a.length > 1 && a.startsWith('0')) || (b.length > 1 && b.startsWith('0'))) return 'leading-zero';
    if (badSub(a) || badSub(b)) return 'too-many-digits';
    return undefined;
  };

  it('property: every token is either the enhanced code or text with its problem named; strict throws exactly for the problems', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(250, 421, 450, 550, 554),
        anyToken,
        fc.constantFrom('', ' text', ' x y'),
        fc.boolean(),
        (code, token, rest, crlf) => {
          const raw = `${code} ${token}${rest}${crlf ? '\r\n' : ''}`;
          const r = parseReply(raw);
          const problem = expectedProblem(token);
          expect(r.code).toBe(code);
          if (problem === undefined) {
            expect(r.enhanced).toBe(token);
            expect(r.enhancedProblem).toBeUndefined();
            expect(safeParseReply(raw, STRICT).ok).toBe(true);
          } else {
            expect(r.enhanced).toBeUndefined();
            expect(r.text).toBe(`${token}${rest}`);
            expect(r.enhancedProblem).toEqual({ reason: problem, token, offset: 4, line: 1, message: r.enhancedProblem!.message });
            expect(safeParseReply(raw, STRICT)).toMatchObject({ ok: false, error: { reason: 'bad-enhanced-code', offset: 4 } });
          }
          // The single-line fast path and the general scanner agree.
          const multi = parseReply(`${code}-${token}${rest}\r\n${code} ${problem === undefined ? `${token} ` : ''}end`);
          expect(multi.enhanced).toBe(r.enhanced);
          expect(multi.enhancedProblem?.reason).toBe(r.enhancedProblem?.reason);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('parseReply: errors say what and where', () => {
  const cases: [string, ReplyParseErrorReason, number, number][] = [
    // [raw, reason, offset, line]
    ['', 'empty', 0, 1],
    ['hello', 'bad-code', 0, 1],
    ['5.1.1 User unknown', 'bad-code', 1, 1],
    ['150 ok', 'bad-code', 0, 1],
    ['650 ok', 'bad-code', 0, 1],
    ['560 ok', 'bad-code', 1, 1],
    ['55', 'bad-code', 2, 1],
    ['5', 'bad-code', 1, 1],
    ['55x ok', 'bad-code', 2, 1],
    ['5500 ok', 'bad-code', 3, 1],
    [' 550 ok', 'bad-code', 0, 1],
    ['\n550 ok', 'bad-code', 0, 1],
    ['550x', 'missing-separator', 3, 1],
    ['550_ok', 'missing-separator', 3, 1],
    ['550\tok', 'missing-separator', 3, 1],
    ['550-ok', 'unterminated', 6, 1],
    ['550-ok\r\n', 'unterminated', 8, 1],
    ['550-ok\r\n550-more', 'unterminated', 16, 2],
    ['550-', 'unterminated', 4, 1],
    ['550 ok\r\n550 again', 'trailing-data', 8, 2],
    ['550 ok\n\n', 'trailing-data', 7, 2],
    ['550 ok\r\n\r\n', 'trailing-data', 8, 2],
    ['550\n550 second', 'trailing-data', 4, 2],
    ['550-ok\r\n551 ok', 'code-mismatch', 8, 2],
    ['550-ok\r\n450 ok', 'code-mismatch', 8, 2],
    ['550-ok\r\nok', 'bad-code', 8, 2],
    ['550-5.1.1 a\r\n550 5.01.1 b', 'bad-enhanced-code', 17, 2],
    ['550-5.1.1 a\r\n550 b', 'enhanced-mismatch', 17, 2],
    ['550-5.1.1 a\r\n550 5.1.2 b', 'enhanced-mismatch', 17, 2],
    ['550-5.1.1 a\r\n550 5.1.10 b', 'enhanced-mismatch', 17, 2],
    ['550-5.1.1 a\r\n550 5.1.1x b', 'enhanced-mismatch', 17, 2],
    ['550-5.1.1 a\r\n550', 'enhanced-mismatch', 16, 2],
    ['550 ok\rinjected', 'control-character', 6, 1],
    ['550 ok\r', 'control-character', 6, 1],
    ['550 a\u0000b', 'control-character', 5, 1],
    ['550 a\u001bb', 'control-character', 5, 1],
    ['550 a\u007fb', 'control-character', 5, 1],
    ['550 a\u0085b', 'control-character', 5, 1],
    ['550-a\r\n550 b\u0007', 'control-character', 12, 2],
    ['550 ' + 'x'.repeat(600), 'line-too-long', 0, 1],
  ];

  it.each(cases)('%j -> %s at offset %i, line %i', (raw, reason, offset, line) => {
    const r = safeParseReply(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(ReplyParseError);
    expect(r.error).toBeInstanceOf(Error);
    expect(r.error.name).toBe('ReplyParseError');
    expect({ reason: r.error.reason, offset: r.error.offset, line: r.error.line }).toEqual({ reason, offset, line });
    expect(r.error.message).toContain(`line ${line}, offset ${offset}`);
    expect(() => parseReply(raw)).toThrow(ReplyParseError);
  });

  it('non-string input is a ReplyParseError (not-a-string), never a TypeError', () => {
    for (const v of [undefined, null, 550, {}, [], ['550 ok'], Symbol('x'), 5n, () => '550 ok', new String('550 ok')]) {
      const r = safeParseReply(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.reason).toBe('not-a-string');
      expect(() => parseReply(v as string)).toThrow(ReplyParseError);
    }
  });

  it('error messages are specific', () => {
    expect(() => parseReply('650 x')).toThrow(/must start with 2, 3, 4 or 5, got "6"/);
    expect(() => parseReply('570 x')).toThrow(/second digit of a reply code must be 0-5, got "7"/);
    expect(() => parseReply('550-a\n551 b')).toThrow(/Reply code 551 differs from the first line's 550/);
    expect(() => parseReply('550 5.01.1 x', STRICT)).toThrow(/"5.01.1" is not a valid enhanced status code/);
    expect(() => parseReply('550-5.1.1 a\n550 b')).toThrow(/enhanced status code 5.1.1 of the first line/);
    expect(() => parseReply('550 a\u0000')).toThrow(/U\+0000/);
  });
});

describe('parseReply: the text scan (short texts by a loop, longer ones by a regexp) agrees with a char-by-char rule', () => {
  /** RFC 5321 textstring plus SMTPUTF8: HT, SP..~, and U+00A0 up; the first other character is the error. */
  const firstBad = (s: string, from: number) => {
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!(c === 9 || (c >= 32 && c <= 126) || c >= 0xa0)) return i;
    }
    return -1;
  };
  const fill = ['a', '\t', '\u00a0', 'é', '😀', '\ud800'];
  const bad = ['\u0000', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', '\u009f', '\r', '\n'];
  // Lengths around the loop/regexp switch (16 characters left) and past it; a bad character at every position.
  it.each(fill)('text of %j with one bad character anywhere', (f) => {
    for (let len = 0; len <= 40; len++) {
      const text = f.repeat(len).slice(0, len);
      for (const end of ['', '\r\n', '\n']) {
        const ok = safeParseReply(`550 ${text}${end}`);
        expect(ok.ok && ok.reply.lines).toEqual([text]);
        // The same line after a continuation line goes through the general scanner.
        const multi = safeParseReply(`550-x\r\n550 ${text}${end}`);
        expect(multi.ok && multi.reply.lines).toEqual(['x', text]);
      }
      for (let at = 0; at <= len; at++) {
        for (const b of bad) {
          const raw = `550 ${text.slice(0, at)}${b}${text.slice(at)}`;
          const r = safeParseReply(raw);
          const expected = firstBad(raw, 4);
          // A final LF or CRLF ends the line; anything else is a control-character error where it is.
          if (b === '\n' && at === len) {
            expect(r.ok).toBe(true);
          } else if (b === '\n') {
            // The LF ends the last line ("550 "), so what follows is data after the reply.
            expect(r.ok ? 'ok' : [r.error.reason, r.error.offset, r.error.line]).toEqual(['trailing-data', 5 + at, 2]);
          } else {
            expect(r.ok ? 'ok' : [r.error.reason, r.error.offset, r.error.line]).toEqual(['control-character', expected, 1]);
          }
        }
      }
    }
  });

  it('octets are counted when the line holds HT or non-ASCII text, not only characters', () => {
    // 4 + 507 = 511 characters + CRLF = 513 > 512 whatever they are.
    for (const f of ['a', '\t']) {
      expect(safeParseReply(`550 ${f.repeat(506)}`).ok).toBe(true);
      expect(safeParseReply(`550 ${f.repeat(507)}`)).toMatchObject({ ok: false, error: { reason: 'line-too-long', offset: 0 } });
    }
    // 171 characters: too many to skip counting (171 * 3 + 2 > 512); 2-octet characters make 4 + 167 * 2 + 2 = 340 octets.
    expect(safeParseReply(`550 ${'é'.repeat(167)}`).ok).toBe(true);
    // Three-octet characters: 4 + 170 * 3 + 2 = 516.
    expect(safeParseReply(`550 ${'€'.repeat(170)}`)).toMatchObject({ ok: false, error: { reason: 'line-too-long' } });
    expect(safeParseReply(`550 ${'€'.repeat(168)}`).ok).toBe(true);
    expect(safeParseReply(`550-x\r\n550 ${'€'.repeat(170)}`)).toMatchObject({
      ok: false,
      error: { reason: 'line-too-long', line: 2, offset: 7 },
    });
    expect(() => parseReply(`550 ${'€'.repeat(170)}`)).toThrow(/516 octets/);
    expect(() => parseReply(`550 ${'a'.repeat(600)}`)).toThrow(/606 octets/);
  });

  it('every one-digit enhanced code c.s.d is read right, the first time and again', () => {
    for (let round = 0; round < 2; round++) {
      for (const c of [2, 4, 5]) {
        for (let s = 0; s <= 9; s++) {
          for (let d = 0; d <= 9; d++) {
            const code = `${c}.${s}.${d}`;
            for (const raw of [`550 ${code} text`, `250 ${code}`, `450 ${code}\r\n`, `550-${code} a\n550 ${code} b`]) {
              const r = parseReply(raw);
              expect(r.enhanced).toBe(code);
              expect(r.enhancedConflict).toBe(String(c) !== raw[0]);
            }
          }
        }
      }
    }
    // Codes glued to more text are text; longer sub-codes take the general matcher.
    expect(parseReply('250 2.0.0:x').enhanced).toBeUndefined();
    expect(parseReply('250 2.0.0.0 x').enhanced).toBeUndefined();
    expect(safeParseReply('250 2.0.00 x', STRICT)).toMatchObject({ ok: false, error: { reason: 'bad-enhanced-code', offset: 4 } });
    expect(parseReply('250 2.0.00 x')).toMatchObject({
      enhanced: undefined,
      text: '2.0.00 x',
      enhancedProblem: { reason: 'leading-zero', offset: 4 },
    });
    expect(parseReply('550 5.7.26 x')).toMatchObject({ enhanced: '5.7.26', lines: ['x'] });
    expect(safeParseReply('550 5.0.01 x', STRICT)).toMatchObject({ ok: false, error: { reason: 'bad-enhanced-code', offset: 4 } });
  });
});

/** Strings that look like replies: codes, separators, enhanced codes, line ends, in random order. */
const replyLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '550',
        '250',
        '354',
        '5.1.1',
        '4.2.2',
        '5.01.1',
        '2.0.0',
        ' ',
        '-',
        '\r\n',
        '\n',
        '\r',
        'ok',
        '\t',
        '\u0000',
        'é',
        '😀',
        '.',
      ),
      fc.stringMatching(/^[0-9]{1,4}$/),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('parseReply: properties', () => {
  const onlyReplyParseError = (s: unknown) => {
    try {
      parseReply(s as string);
    } catch (e) {
      expect(e).toBeInstanceOf(ReplyParseError);
    }
    const r = safeParseReply(s);
    expect(typeof r.ok).toBe('boolean');
  };

  it('never throws anything but ReplyParseError (fc.string)', () => {
    fc.assert(fc.property(fc.string(), onlyReplyParseError), { numRuns: 2000 });
  });

  it('never throws anything but ReplyParseError (full Unicode, lone surrogates)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), onlyReplyParseError), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), onlyReplyParseError), { numRuns: 500 });
  });

  it('never throws anything but ReplyParseError (reply-like strings)', () => {
    fc.assert(fc.property(replyLike, onlyReplyParseError), { numRuns: 5000 });
  });

  it('never throws on any value', () => {
    fc.assert(fc.property(fc.anything(), onlyReplyParseError), { numRuns: 500 });
  });

  it('the error offset points into the input and line counts line breaks before it', () => {
    fc.assert(
      fc.property(replyLike, (s) => {
        const r = safeParseReply(s);
        if (r.ok) return;
        expect(r.error.offset).toBeGreaterThanOrEqual(0);
        expect(r.error.offset).toBeLessThanOrEqual(s.length);
        // Line n starts after n-1 line ends (LF or CRLF).
        const before = s.slice(0, r.error.offset).split('\n').length;
        expect(r.error.line === before || r.error.reason === 'trailing-data' || r.error.reason === 'unterminated').toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it.each(['550 2.0.0\r\n', '550 2.0.0\n', '550 2.0.0'])('%j: the enhanced code alone on its line is text after a continuation', (s) => {
    const a = safeParseReply(s);
    const b = safeParseReply(`550-x\r\n${s}`);
    expect(a.ok && a.reply.enhanced).toBe('2.0.0');
    expect(b.ok && b.reply.lines).toEqual(['x', '2.0.0']);
  });

  it('single-line fast path and the general scanner agree (same reply with a line ending or not)', () => {
    // "X" takes the fast path; "X\r\n" and "X\n" too; prefixing a continuation forces the general path.
    fc.assert(
      fc.property(replyLike, (s) => {
        const a = safeParseReply(s);
        const first = s.slice(0, 3);
        const b = safeParseReply(`${first}-x\r\n${s}`);
        if (a.ok) {
          // When a one-line reply is valid, the same line after a continuation line with the same code parses too
          // unless an enhanced code on the first line ("x") is now required on it (it is not: "x" has none).
          expect(b.ok).toBe(true);
          if (b.ok) {
            expect(b.reply.code).toBe(a.reply.code);
            // The line as b keeps it: the enhanced code is text there, followed by a space only when more text follows
            // on its line (the line ending is not text: "550 2.0.0\r\n" has none).
            const line = a.reply.raw.replace(/\r?\n$/, '');
            expect(b.reply.lines.slice(1)).toEqual(
              a.reply.lines.map((l, i) =>
                i === 0 && a.reply.enhanced ? `${a.reply.enhanced}${line.length > 4 + a.reply.enhanced.length ? ' ' : ''}${l}` : l,
              ),
            );
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseReply: 1 MB inputs complete (timed in bench/run.mjs, not here)', () => {
  const MB = 1 << 20;
  const inputs: [string, string][] = [
    ['long digit run', '5'.repeat(MB)],
    ['5.5.5.5...', '550 ' + '5.'.repeat(MB / 2)],
    ['endless 550- lines', '550-x\r\n'.repeat(MB / 7)],
    ['endless 550- lines with enhanced code', '550-5.1.1 x\r\n'.repeat(MB / 13)],
    ['no newline', '550 ' + 'a'.repeat(MB)],
    ['LF only', '\n'.repeat(MB)],
    ['all CR', '550 ' + '\r'.repeat(MB)],
  ];
  it.each(inputs)('%s', (_name, s) => {
    const r = safeParseReply(s);
    expect(r.ok).toBe(false);
    const lifted = safeParseReply(s, { maxLineLength: Infinity });
    expect(typeof lifted.ok).toBe('boolean');
  });

  it('a valid 1 MB multi-line reply', () => {
    const s = '250-ok\r\n'.repeat(MB / 8) + '250 end\r\n';
    const r = parseReply(s);
    expect(r.lines.length).toBe(MB / 8 + 1);
  });
});
