/**
 * Mutated messages never make parseBounce throw: truncations, deleted and
 * repeated ranges, random bytes, swapped line ends, over synthetic messages
 * and (when present) the shared real bounces. Seeded, so a failure repeats.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../src/index.js';
import { dsnMessage, proseMessage } from './messages.js';
import { haveSamples, samplesDir } from './shared.js';
import { prng } from '../../../scripts/prng.mjs';

function mutate(b: Uint8Array, rnd: () => number): Uint8Array {
  const n = b.length;
  const at = Math.floor(rnd() * n);
  const len = Math.floor(rnd() * Math.min(400, n - at));
  switch (Math.floor(rnd() * 5)) {
    case 0:
      return b.subarray(0, at);
    case 1:
      return new Uint8Array([...b.subarray(0, at), ...b.subarray(at + len)]);
    case 2:
      return new Uint8Array([...b.subarray(0, at + len), ...b.subarray(at, at + len), ...b.subarray(at + len)]);
    case 3: {
      const out = b.slice();
      for (let i = at; i < at + len; i++) out[i] = Math.floor(rnd() * 256);
      return out;
    }
    default:
      return new TextEncoder().encode(new TextDecoder('latin1').decode(b.slice()).replace(/\r?\n/g, rnd() < 0.5 ? '\r' : '\r\n'));
  }
}

const synthetic = [
  dsnMessage({
    recipients: [
      { final: 'rfc822; a@example.com', diagnostic: 'smtp; 550 5.1.1 unknown' },
      { final: 'rfc822; b@example.com', action: 'delayed', status: '4.4.1' },
    ],
    statusEncoding: 'base64',
    nestInMixed: true,
  }),
  dsnMessage({ recipients: [{ final: 'utf-8; \\x{00E9}@example.com' }], statusEncoding: 'quoted-printable' }),
  proseMessage(
    'MAILER-DAEMON@mx.example.net',
    'failure notice',
    'Hi. This is the qmail-send program.\n\n<c@example.com>:\nRemote host said: 550 5.1.1 No such user\n\n--- Below this line is a copy of the message.\n\nTo: c@example.com\n',
  ),
].map((s) => new TextEncoder().encode(s));

describe('parseBounce on mutated messages', () => {
  it('never throws on 3,000 mutations of synthetic messages', () => {
    const rnd = prng(11);
    let reports = 0;
    for (let i = 0; i < 3000; i++) {
      let b: Uint8Array = synthetic[i % synthetic.length]!;
      for (let k = 0; k < 1 + (i % 3); k++) b = mutate(b, rnd);
      expect(() => parseBounce(b)).not.toThrow();
      reports++;
    }
    expect(reports).toBe(3000);
  });

  it.skipIf(!haveSamples)('never throws on 5 mutations of each shared sample', () => {
    const rnd = prng(7);
    const files = readdirSync(samplesDir).filter((f) => f.endsWith('.eml'));
    for (const f of files) {
      const b = new Uint8Array(readFileSync(join(samplesDir, f)));
      for (let i = 0; i < 5; i++) {
        const m = mutate(b, rnd);
        expect(() => parseBounce(m), `${f} mutation ${i}`).not.toThrow();
      }
    }
  });
});
