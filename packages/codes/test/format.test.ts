/** formatReply / replyError: wire format, wrapping, injection safety, round trip through parseReply, and smtp-server end to end. */
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpReplyError, formatReply, formatReplyLines, replyError } from '../src/format.js';
import { EnhancedStatus } from '../src/generated/enhanced-status.js';
import { parseReply } from '../src/parse.js';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

describe('formatReply: wire format', () => {
  it.each([
    [{ code: 250, enhanced: '2.0.0', text: 'Ok' }, '250 2.0.0 Ok\r\n'],
    [{ code: 250, text: 'OK' }, '250 OK\r\n'],
    [{ code: 550, enhanced: '5.1.1', text: 'No such user\nTry another' }, '550-5.1.1 No such user\r\n550 5.1.1 Try another\r\n'],
    [{ code: 550, enhanced: '5.1.1', text: ['a', 'b', 'c'] }, '550-5.1.1 a\r\n550-5.1.1 b\r\n550 5.1.1 c\r\n'],
    [{ code: 552, enhanced: EnhancedStatus.MailboxFull, text: 'Mailbox full' }, '552 5.2.2 Mailbox full\r\n'],
    [{ code: 452, enhanced: EnhancedStatus.MailboxFull, text: 'Mailbox full' }, '452 4.2.2 Mailbox full\r\n'],
    [{ code: 550, enhanced: '5.1.1', text: '' }, '550 5.1.1\r\n'],
    [{ code: 550, enhanced: '5.1.1' }, '550 5.1.1\r\n'],
    [{ code: 250, text: '' }, '250\r\n'],
    [{ code: 250, text: [] }, '250\r\n'],
    [{ code: 334, text: '' }, '334 \r\n'],
    [{ code: 334, text: 'VXNlcm5hbWU6' }, '334 VXNlcm5hbWU6\r\n'],
    [{ code: 354, text: 'End data with <CR><LF>.<CR><LF>' }, '354 End data with <CR><LF>.<CR><LF>\r\n'],
    [{ code: 250, text: 'a\r\n\r\nb' }, '250-a\r\n250-\r\n250 b\r\n'],
    [{ code: 451, enhanced: '4.3.0', text: 'a\n\nb' }, '451-4.3.0 a\r\n451-4.3.0\r\n451 4.3.0 b\r\n'],
    [{ code: 250, text: 'trailing line end\n' }, '250 trailing line end\r\n'],
    [{ code: 250, text: ['x\r\n', 'y'] }, '250-x\r\n250 y\r\n'],
    [{ code: 250, text: 'tab\tkept' }, '250 tab\tkept\r\n'],
    [{ code: 250, text: 'müller 👋' }, '250 müller 👋\r\n'],
    // Text after an enhanced code may itself look like one.
    [{ code: 550, enhanced: '5.1.1', text: '5.1.1 twice' }, '550 5.1.1 5.1.1 twice\r\n'],
    // Digits that a client would not take for a status code are fine without one.
    [{ code: 250, text: '2.5 million' }, '250 2.5 million\r\n'],
    [{ code: 220, text: '192.0.2.1 ESMTP' }, '220 192.0.2.1 ESMTP\r\n'],
  ] as const)('%j', (input, wire) => {
    expect(formatReply(input)).toBe(wire);
    const back = parseReply(wire);
    expect(back.code).toBe(input.code);
  });

  it('is reply-injection safe: CR, LF and controls never reach the wire raw', () => {
    const out = formatReply({
      code: 550,
      enhanced: '5.1.1',
      text: 'user\r\n250 2.0.0 Ok\rsneaky\u0000nul\u001bESC\u007fDEL\u0085NEL\u2028LS',
    });
    expect(out).toBe('550-5.1.1 user\r\n550-5.1.1 250 2.0.0 Ok\r\n550 5.1.1 sneaky nul ESC DEL NEL\u2028LS\r\n');
    for (const line of out.split('\r\n').slice(0, -1)) expect(line.startsWith('550')).toBe(true);
    expect(parseReply(out).lines).toEqual(['user', '250 2.0.0 Ok', 'sneaky nul ESC DEL NEL\u2028LS']);
  });

  it('replaces lone surrogates with U+FFFD', () => {
    expect(formatReply({ code: 250, text: 'a\ud800b\udc00c😀' })).toBe('250 a\ufffdb\ufffdc😀\r\n');
  });

  it('wraps long text at spaces within 512 octets including CRLF', () => {
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const out = formatReply({ code: 550, enhanced: '5.7.1', text: words });
    const lines = out.split('\r\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      expect(utf8(l) + 2).toBeLessThanOrEqual(512);
      expect(l).toMatch(/^550[- ]5\.7\.1 word\d+( word\d+)*$/);
    }
    // Nothing lost: the wrap only dropped the spaces it broke at.
    expect(parseReply(out).lines.join(' ')).toBe(words);
    // The lines are filled: each is within one word of the limit.
    for (const l of lines.slice(0, -1)) expect(utf8(l) + 2).toBeGreaterThan(512 - 10);
  });

  it('hard-splits words longer than a line without breaking UTF-8 sequences or surrogate pairs', () => {
    for (const ch of ['a', 'é', '€', '😀']) {
      const word = ch.repeat(1000);
      const out = formatReply({ code: 550, enhanced: '5.1.1', text: `x ${word} y` });
      const lines = parseReply(out).lines;
      for (const l of out.split('\r\n').slice(0, -1)) expect(utf8(l) + 2, ch).toBeLessThanOrEqual(512);
      expect(lines.join('').replace(/[xy ]/g, ''), ch).toBe(word);
      // No piece starts or ends inside a surrogate pair.
      for (const l of lines) expect(l, ch).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      expect(lines[0]).toBe('x');
    }
  });

  it('honours maxLineLength', () => {
    const r = formatReplyLines({ code: 250, text: 'aaa bbb ccc ddd' }, { maxLineLength: 4 + 2 + 7 });
    expect(r.lines).toEqual(['aaa bbb', 'ccc ddd']);
    expect(formatReplyLines({ code: 250, text: 'abcdefghij' }, { maxLineLength: 10 }).lines).toEqual(['abcd', 'efgh', 'ij']);
    expect(() => formatReply({ code: 250, text: 'x' }, { maxLineLength: 9 })).toThrow(/maxLineLength must be a number of at least 10/);
  });

  it('errors are clear', () => {
    expect(() => formatReply({ code: 550, enhanced: '4.2.2', text: 'x' })).toThrow(RangeError);
    expect(() => formatReply({ code: 550, enhanced: '4.2.2', text: 'x' })).toThrow(/4\.2\.2 .*550/);
    expect(() => formatReply({ code: 250, enhanced: '5.0.0', text: 'x' })).toThrow(/class 5.*250.*class 2/);
    expect(() => formatReply({ code: 354, enhanced: '2.0.0', text: 'x' })).toThrow(/3xx reply.*"2.0.0"/);
    expect(() => formatReply({ code: 334, enhanced: 'X.7.0', text: 'x' })).toThrow(RangeError);
    expect(() => formatReply({ code: 550, enhanced: '5.01.1', text: 'x' })).toThrow(/"5.01.1" is not an enhanced status code/);
    for (const code of [199, 600, 550.5, NaN, Infinity, -550, 0])
      expect(() => formatReply({ code, text: 'x' }), String(code)).toThrow(RangeError);
    expect(() => formatReply({ code: '550' as unknown as number, text: 'x' })).toThrow(/integer from 200 to 599, got 550/);
    expect(() => formatReply({ code: 560, text: 'x' })).toThrow(/second digit.*0-5/);
    expect(() => formatReply({ code: 550, text: '5.1.1 User unknown' })).toThrow(/pass it as `enhanced`/);
    expect(() => formatReply({ code: 550, text: '5.01.1 User unknown' })).toThrow(RangeError);
    expect(() => formatReply({ code: 550, text: 5 as unknown as string })).toThrow(TypeError);
    expect(() => formatReply({ code: 550, text: ['a', 5 as unknown as string] })).toThrow(TypeError);
    expect(() => formatReply({ code: 550, enhanced: 511 as unknown as string })).toThrow(TypeError);
    expect(() => formatReply(null as unknown as { code: number })).toThrow(TypeError);
  });
});

/** What formatReply documents it does to text, written independently: split lines, clean controls, no wrapping needed. */
function normalize(text: string | readonly string[]): string[] {
  const parts = typeof text === 'string' ? [text] : text.length === 0 ? [''] : [...text];
  return parts.flatMap((t) =>
    t
      .replace(/(\r\n|\r|\n)$/, '')
      .split(/\r\n|\r|\n/)
      .map((l) =>
        l
          .replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, ' ')
          .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
      ),
  );
}

const code = fc.integer({ min: 200, max: 599 }).filter((c) => Math.floor(c / 10) % 10 <= 5);
const enhancedFor = (c: number) =>
  Math.floor(c / 100) === 3
    ? fc.constant(undefined)
    : fc.option(
        fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([s, d]) => `${Math.floor(c / 100)}.${s}.${d}`),
        { nil: undefined },
      );
const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.string({ maxLength: 80 }), { maxLength: 5 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\t', '\u0000', 'é', '😀', '5', '.'), maxLength: 200 }),
);
/** Inputs formatReply accepts (it refuses first lines that read as a status code when none is given). */
const replyArb = code.chain((c) => fc.record({ code: fc.constant(c), enhanced: enhancedFor(c), text: textArb }));
const accepted = (r: { code: number; enhanced?: string; text: string | string[] }) => {
  try {
    return formatReply(r);
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    expect(String(e)).toMatch(/pass it as `enhanced`/);
    return undefined;
  }
};

describe('formatReply -> parseReply round trip (fast-check)', () => {
  it('code, enhanced code and normalized text lines come back; every line within 512 octets', () => {
    fc.assert(
      fc.property(replyArb, (r) => {
        const out = accepted(r);
        if (out === undefined) return;
        const back = parseReply(out);
        expect(back.code).toBe(r.code);
        expect(back.enhanced).toBe(r.enhanced);
        expect(out.endsWith('\r\n')).toBe(true);
        for (const l of out.split('\r\n').slice(0, -1)) expect(utf8(l) + 2).toBeLessThanOrEqual(512);
        const expected = normalize(r.text);
        if (expected.every((l) => utf8(l) <= 512 - 2 - 4 - (r.enhanced ? r.enhanced.length + 1 : 0))) {
          expect(back.lines).toEqual(expected);
        } else {
          // Wrapped: only spaces at break points were dropped.
          expect(back.lines.join('').replace(/ /g, '')).toBe(expected.join('').replace(/ /g, ''));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('formatReplyLines gives exactly the lines parseReply reads back', () => {
    fc.assert(
      fc.property(replyArb, fc.integer({ min: 20, max: 600 }), (r, max) => {
        let lines;
        try {
          lines = formatReplyLines(r, { maxLineLength: max });
        } catch {
          return;
        }
        const back = parseReply(formatReply(r, { maxLineLength: max }), { maxLineLength: max });
        expect(back.lines).toEqual(lines.lines);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('replyError', () => {
  it('puts the enhanced code in the message, as smtp-server (hideENHANCEDSTATUSCODES default) needs', () => {
    const e = replyError({ code: 550, enhanced: EnhancedStatus.BadDestinationMailboxAddress, text: 'No such user' });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(SmtpReplyError);
    expect(e.responseCode).toBe(550);
    expect(e.message).toBe('5.1.1 No such user');
    expect(e.enhancedCode).toBe('5.1.1');
    expect(e.reply).toBe('550 5.1.1 No such user\r\n');
    expect(e.name).toBe('SmtpReplyError');
  });

  it('joins lines into the one line smtp-server sends, shortened to 512 octets', () => {
    const e = replyError({ code: 550, enhanced: '5.7.1', text: 'line one\nline two' });
    expect(e.message).toBe('5.7.1 line one line two');
    expect(e.lines).toEqual(['line one', 'line two']);
    expect(e.reply).toBe('550-5.7.1 line one\r\n550 5.7.1 line two\r\n');
    const long = replyError({ code: 550, enhanced: '5.7.1', text: '😀'.repeat(300) });
    expect(utf8(`550 ${long.message}\r\n`)).toBeLessThanOrEqual(512);
    expect(long.message).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('without enhanced code, and with the server adding its own', () => {
    expect(replyError({ code: 550, text: 'Rejected' }).message).toBe('Rejected');
    expect(replyError({ code: 550, enhanced: '5.1.1', text: '' }).message).toBe('5.1.1');
    const e = replyError({ code: 550, enhanced: '5.1.1', text: 'No' }, { serverAddsEnhancedCode: true });
    expect(e.message).toBe('No');
    expect(e.enhancedCode).toBeUndefined();
  });

  it('throws like formatReply', () => {
    expect(() => replyError({ code: 550, enhanced: '4.1.1', text: 'x' })).toThrow(RangeError);
  });
});

describe('replyError with a real smtp-server', () => {
  let server: SMTPServer;
  let port: number;
  let serverWithCodes: SMTPServer;
  let portWithCodes: number;
  const rcptErrors = new Map<string, Error>([
    ['unknown@example.com', replyError({ code: 550, enhanced: EnhancedStatus.BadDestinationMailboxAddress, text: 'No such user here' })],
    ['full@example.com', replyError({ code: 452, enhanced: EnhancedStatus.MailboxFull, text: 'Mailbox full\r\ntry later' })],
    ['inject@example.com', replyError({ code: 550, enhanced: '5.7.1', text: 'bad\r\n250 2.1.5 Ok' })],
  ]);
  const onRcptTo = (address: { address: string }, _s: unknown, cb: (err?: Error | null) => void) =>
    cb(rcptErrors.get(address.address) ?? null);

  beforeAll(async () => {
    server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onRcptTo });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    port = (server.server.address() as AddressInfo).port;
    serverWithCodes = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      hideENHANCEDSTATUSCODES: false,
      onRcptTo,
    });
    serverWithCodes.listen(0, '127.0.0.1');
    await once(serverWithCodes.server, 'listening');
    portWithCodes = (serverWithCodes.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => serverWithCodes.close(() => r()));
  });

  /** Runs a session and returns the reply to the RCPT command. */
  async function rcptReply(p: number, rcpt: string): Promise<string> {
    const sock = connect(p, '127.0.0.1');
    sock.setEncoding('utf8');
    let buf = '';
    const waitReply = async () => {
      // A reply is complete at a line "ddd " / "ddd" followed by CRLF.
      for (;;) {
        const m = /(^|\r\n)(\d{3})(?: [^\r\n]*)?\r\n/.exec(buf);
        if (m) {
          const end = m.index + m[0].length;
          const reply = buf.slice(0, end);
          buf = buf.slice(end);
          return reply;
        }
        const [chunk] = (await once(sock, 'data')) as [string];
        buf += chunk;
      }
    };
    await waitReply();
    sock.write('EHLO client.example\r\n');
    await waitReply();
    sock.write('MAIL FROM:<sender@example.org>\r\n');
    await waitReply();
    sock.write(`RCPT TO:<${rcpt}>\r\n`);
    const reply = await waitReply();
    sock.end('QUIT\r\n');
    return reply;
  }

  it('the client receives the reply code and enhanced code on the line', async () => {
    const r = parseReply(await rcptReply(port, 'unknown@example.com'));
    expect(r).toMatchObject({ code: 550, enhanced: '5.1.1', lines: ['No such user here'] });
  });

  it('multi-line text arrives as one line that still carries the enhanced code', async () => {
    const r = parseReply(await rcptReply(port, 'full@example.com'));
    expect(r).toMatchObject({ code: 452, enhanced: '4.2.2', lines: ['Mailbox full try later'] });
  });

  it('text cannot inject a second reply', async () => {
    const raw = await rcptReply(port, 'inject@example.com');
    const r = parseReply(raw);
    expect(r).toMatchObject({ code: 550, enhanced: '5.7.1', multiline: false });
    expect(r.text).toBe('bad 250 2.1.5 Ok');
  });

  it('with hideENHANCEDSTATUSCODES: false the default message doubles the code; serverAddsEnhancedCode avoids it', async () => {
    const doubled = parseReply(await rcptReply(portWithCodes, 'unknown@example.com'));
    // smtp-server's own table gives 5.1.1 for 550, then our message repeats it.
    expect(doubled.enhanced).toBe('5.1.1');
    expect(doubled.text).toBe('5.1.1 No such user here');
    rcptErrors.set(
      'own@example.com',
      replyError({ code: 550, enhanced: '5.1.1', text: 'No such user here' }, { serverAddsEnhancedCode: true }),
    );
    const single = parseReply(await rcptReply(portWithCodes, 'own@example.com'));
    expect(single).toMatchObject({ code: 550, enhanced: '5.1.1', lines: ['No such user here'] });
  });
});
