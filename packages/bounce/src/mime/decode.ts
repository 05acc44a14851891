/**
 * Bytes and text: binary strings (one char per byte, how raw input is held),
 * quoted-printable (RFC 2045 section 6.7) and charsets through the platform's
 * TextDecoder (WHATWG Encoding labels: every browser and Node with ICU).
 *
 * @packageDocumentation
 */

/** A binary string (chars 0-255) as bytes. */
export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Bytes as a binary string (one char per byte). */
export function bytesToBinary(b: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < b.length; i += 8192) parts.push(String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder | null>();

/** The decoder for a charset label, or null when the platform does not know it. */
function decoderFor(charset: string): Decoder | null {
  const label = charset.trim().toLowerCase().replace(/^"|"$/g, '') || 'us-ascii';
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label === 'utf8' ? 'utf-8' : label === 'cp932' ? 'shift_jis' : label);
    } catch {
      d = null;
    }
    decoders.set(label, d);
  }
  return d;
}

/**
 * Decodes bytes in `charset`. An unknown charset decodes as UTF-8 (with
 * replacement characters) and says so with `known: false`.
 */
export function decodeBytes(bytes: Uint8Array, charset: string): { text: string; known: boolean } {
  const d = decoderFor(charset);
  if (d === null) return { text: decoderFor('utf-8')!.decode(bytes), known: false };
  return { text: d.decode(bytes), known: true };
}

/** A UTF-8 decoder that throws on invalid bytes, or undefined when the platform has none. */
export const utf8Fatal = /* @__PURE__ */ (() => {
  try {
    return new TextDecoder('utf-8', { fatal: true });
  } catch {
    return undefined;
  }
})();

/**
 * Quoted-printable to a binary string. A soft line break (`=` at the end of
 * a line) joins lines; `=XX` is a byte; a `=` followed by anything else is
 * kept as is and counted in `counter.invalid` (RFC 2045 section 6.7, note 1:
 * a robust decoder leaves it).
 */
export function quotedPrintableToBinary(s: string, counter?: { invalid: number }): string {
  let invalid = 0;
  const parts: string[] = [];
  let start = 0;
  let i = s.indexOf('=');
  while (i !== -1) {
    const h = hexByte(s, i + 1);
    if (h !== -1) {
      if (i > start) parts.push(s.slice(start, i));
      parts.push(String.fromCharCode(h));
      start = i + 3;
      i = s.indexOf('=', start);
      continue;
    }
    // A soft line break: "=" then optional white space, then the line end.
    let j = i + 1;
    while (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9) j++;
    if (s.charCodeAt(j) === 10 || j >= s.length) {
      if (i > start) parts.push(s.slice(start, i));
      start = j + 1;
    } else invalid++; // kept: it stays in the verbatim run
    i = s.indexOf('=', Math.max(start, i + 1));
  }
  if (start < s.length) parts.push(s.slice(start));
  if (counter) counter.invalid += invalid;
  return parts.join('');
}

/** The byte written as two hex digits at `i`, or -1. */
function hexByte(s: string, i: number): number {
  const a = hexDigit(s.charCodeAt(i));
  if (a === -1) return -1;
  const b = hexDigit(s.charCodeAt(i + 1));
  return b === -1 ? -1 : a * 16 + b;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Whether a string has chars above 0x7f. */
export function hasHighChars(s: string): boolean {
  return /[\u0080-\uffff]/.test(s);
}
