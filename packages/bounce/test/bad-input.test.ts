/**
 * Hostile and broken input: every case returns a report (no throw), says
 * what was wrong in `problems`, and stays within the limits. The inputs are
 * generated here; time and memory are printed by bench/run.mjs, not asserted.
 */
import { describe, expect, it } from 'vitest';
import { parseBounce, type BounceReport, type ProblemKind } from '../src/index.js';
import { dsnMessage } from './messages.js';

const one = { recipients: [{ final: 'rfc822; kim@example.com', diagnostic: 'smtp; 550 5.1.1 unknown user' }] };
const kinds = (r: BounceReport): ProblemKind[] => r.problems.map((p) => p.kind);

describe('parseBounce on broken input', () => {
  it('a truncated message (no closing boundary) still gives its recipients', () => {
    const full = dsnMessage(one);
    const cut = full.slice(0, full.indexOf('Message-ID: <orig-1'));
    const r = parseBounce(cut);
    expect(r.recipients.map((x) => x.recipient)).toEqual(['kim@example.com']);
    expect(kinds(r)).toContain('truncated-multipart');
  });

  it('a boundary that never occurs, or none declared, is read as text', () => {
    const wrong = dsnMessage(one).replace('boundary="rep-1"', 'boundary="nowhere"');
    const r = parseBounce(wrong);
    expect(kinds(r)).toContain('missing-boundary');
    // The delivery-status fields are still found in the text.
    expect(r.recipients.map((x) => x.recipient)).toEqual(['kim@example.com']);
    const none = parseBounce(dsnMessage(one).replace(/;\r\n\tboundary="rep-1"/, ''));
    expect(kinds(none)).toContain('missing-boundary');
  });

  it('a 10 MB part is cut at maxBytes and the report before it is read', () => {
    const big = dsnMessage(one).replace('Body of the original.', 'x'.repeat(10 * 1024 * 1024));
    const r = parseBounce(big);
    expect(kinds(r)).toContain('truncated-input');
    expect(r.recipients[0]!.status).toBe('5.1.1');
    const wide = parseBounce(big, { maxBytes: 16 * 1024 * 1024 });
    expect(kinds(wide)).not.toContain('truncated-input');
  });

  it('10,000 header fields stop at maxHeaders', () => {
    const headers = Array.from({ length: 10_000 }, (_, i) => `X-Filler-${i}: ${i}`).join('\n');
    const r = parseBounce(`${headers}\n${dsnMessage(one)}`);
    expect(kinds(r)).toContain('too-many-headers');
    expect(r.problems.find((p) => p.kind === 'too-many-headers')!.message).toMatch(/the message: more than 2000 header fields/);
  });

  it('multiparts nested 100 deep stop at maxDepth', () => {
    let body = dsnMessage(one).split('\n').slice(4).join('\n');
    for (let i = 0; i < 100; i++) body = `Content-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\n${body}\n--n${i}--\n`;
    const r = parseBounce(`From: MAILER-DAEMON@mx.example.net\nSubject: Undeliverable\n${body}`);
    expect(kinds(r)).toContain('too-deep');
    expect(r.problems.find((p) => p.kind === 'too-deep')!.message).toMatch(/nested more than 20 levels/);
  });

  it('invalid base64 and quoted-printable are decoded as far as possible', () => {
    const b64 = dsnMessage({ ...one, statusEncoding: 'base64' }).replace(/Content-Transfer-Encoding: base64\r\n\r\n/, '$&!!**');
    const r = parseBounce(b64);
    expect(kinds(r)).toContain('invalid-base64');
    const qp = dsnMessage({ ...one, statusEncoding: 'quoted-printable' }).replace('Reporting-MTA', '=ZZReporting-MTA');
    expect(kinds(parseBounce(qp))).toContain('invalid-quoted-printable');
  });

  it('an unknown charset is read as UTF-8 and named', () => {
    const msg = dsnMessage(one)
      .replace(
        'Content-Type: text/plain; charset=us-ascii',
        'Content-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: quoted-printable',
      )
      .replace('This is a synthetic delivery report.', 'Caf=C3=A9 report.');
    const r = parseBounce(msg);
    expect(kinds(r)).toContain('unknown-charset');
    expect(r.problems.find((p) => p.kind === 'unknown-charset')!.message).toMatch(/part 1: charset "x-no-such-charset" is unknown/);
    expect(r.recipients).toHaveLength(1);
  });

  it('bytes that are not UTF-8 are read by the charset of their part', () => {
    const msg = dsnMessage(one)
      .replace('charset=us-ascii', 'charset=iso-8859-1')
      .replace('This is a synthetic delivery report.', 'Caf\u00e9 report.');
    const bytes = Uint8Array.from(msg, (c) => c.charCodeAt(0));
    const r = parseBounce(bytes);
    expect(r.problems).toEqual([]);
    expect(r.recipients).toHaveLength(1);
  });

  it('NUL bytes are removed and reported', () => {
    const r = parseBounce(dsnMessage(one).replace('Reporting-MTA', '\u0000\u0000Reporting-MTA'));
    expect(kinds(r)).toContain('nul-bytes');
    expect(r.recipients).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['binary', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))],
    ['JSON', '{"not": "an email"}'],
  ])('something that is not an email (%s) gives not-bounce and says so', (_name, input) => {
    const r = parseBounce(input);
    expect(r.kind).toBe('not-bounce');
    expect(kinds(r)).toContain('not-email');
  });

  it('non-positive or absurd limits fall back to the defaults', () => {
    const r = parseBounce(dsnMessage(one), { maxBytes: -1, maxDepth: Number.NaN, maxHeaders: 0, maxParts: Infinity });
    expect(r.recipients).toHaveLength(1);
  });
});

describe('parseBounce on a delivery-status part that breaks RFC 3464', () => {
  const faults = (msg: string) =>
    parseBounce(msg)
      .problems.filter((p) => p.kind === 'malformed-dsn')
      .map((p) => p.message);
  it('a well-formed part has none', () => {
    expect(faults(dsnMessage(one))).toEqual([]);
  });
  it.each([
    [
      'no Status field',
      (m: string) => m.replace('Status: 5.1.1\n', ''),
      /recipient kim@example\.com: no Status field \(RFC 3464 section 2\.3\.4\)/,
    ],
    ['a Status with no code', (m: string) => m.replace('Status: 5.1.1', 'Status: failed'), /Status "failed" holds no RFC 3463 status code/],
    ['no Action field', (m: string) => m.replace('Action: failed\n', ''), /recipient kim@example\.com: no Action field/],
    [
      'an Action outside the list',
      (m: string) => m.replace('Action: failed', 'Action: bounced'),
      /Action "bounced" is not one of failed, delayed, delivered, relayed, expanded/,
    ],
    [
      'no Final-Recipient',
      (m: string) => m.replace('Final-Recipient: rfc822;', 'Original-Recipient: rfc822;'),
      /recipient kim@example\.com: no Final-Recipient field/,
    ],
    [
      'no per-recipient group',
      (m: string) => m.replace(/Final-Recipient:[^]*?\n\n/, ''),
      /^part 2: no per-recipient field group \(RFC 3464 section 2\.1\)$/,
    ],
  ])('%s is a malformed-dsn problem at its part, and the rest is still read', (_, change, message) => {
    const msg = change(dsnMessage({ ...one, eol: '\n' }));
    const found = faults(msg);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
    expect(found[0]).toMatch(/^part 2: /);
  });
});
