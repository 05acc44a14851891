/**
 * Header blocks: unfolding (RFC 5322 section 2.2.3), encoded words (RFC 2047)
 * and the parameters of Content-Type (RFC 2045 section 5.1, RFC 2231
 * continuations and charsets).
 *
 * @packageDocumentation
 */

import { decodeBytes, binaryToBytes } from './decode.js';
import type { Problems } from './problems.js';

/** One header field, name lower-cased, value unfolded (line breaks removed, the folding white space kept). */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

/** The header fields of one entity, in order. */
export class Headers {
  constructor(readonly fields: readonly HeaderField[]) {}

  /** The first field of this (lower-case) name, unfolded and trimmed. */
  get(name: string): string | undefined {
    for (const f of this.fields) if (f.name === name) return f.value.trim();
    return undefined;
  }

  /** Every field of this (lower-case) name. */
  all(name: string): string[] {
    const out: string[] = [];
    for (const f of this.fields) if (f.name === name) out.push(f.value.trim());
    return out;
  }

  /** The first field of this name with RFC 2047 encoded words decoded. */
  text(name: string): string | undefined {
    const v = this.get(name);
    return v === undefined ? undefined : decodeEncodedWords(v);
  }
}

/**
 * Reads a header block (lines separated by `\n`, already normalised). A line
 * that starts with white space continues the previous field (RFC 5322 section
 * 2.2.3); a line without a colon ends nothing and is skipped (with a
 * problem). Stops at `maxHeaders` fields.
 */
export function parseHeaderBlock(block: string, maxHeaders: number, problems: Problems, where: string): Headers {
  const fields: { name: string; value: string }[] = [];
  let bad = 0;
  let start = 0;
  const n = block.length;
  while (start < n) {
    let end = block.indexOf('\n', start);
    if (end === -1) end = n;
    const c = block.charCodeAt(start);
    if (c === 32 || c === 9) {
      const last = fields[fields.length - 1];
      if (last !== undefined) last.value += block.slice(start, end);
    } else if (end > start) {
      const colon = block.indexOf(':', start);
      if (colon === -1 || colon > end) bad++;
      else if (fields.length >= maxHeaders) {
        problems.add(
          'too-many-headers',
          `${where}: more than ${maxHeaders} header fields; the rest are ignored (raise maxHeaders to read them)`,
        );
        break;
      } else fields.push({ name: block.slice(start, colon).trim().toLowerCase(), value: block.slice(colon + 1, end) });
    }
    start = end + 1;
  }
  if (bad > 0) problems.add('malformed-header', `${where}: ${bad} header line${bad === 1 ? '' : 's'} without a colon skipped`);
  return new Headers(fields);
}

/** A Content-Type value taken apart. */
export interface ContentType {
  /** `type/subtype`, lower-case; `text/plain` when absent (RFC 2045 section 5.2). */
  readonly mediaType: string;
  /** Parameters, names lower-cased, RFC 2231 continuations joined. */
  readonly params: Readonly<Record<string, string>>;
}

const DEFAULT_TYPE: ContentType = { mediaType: 'text/plain', params: {} };

/** Parses a Content-Type (or Content-Disposition) value. */
export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined) return DEFAULT_TYPE;
  const semi = value.indexOf(';');
  const mediaType = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  if (semi !== -1) readParams(value.slice(semi + 1), params);
  return { mediaType: mediaType.includes('/') ? mediaType : 'text/plain', params };
}

/** Parameters `name=value` or `name="quoted"`; `name*0=`, `name*=charset''pct` (RFC 2231). */
function readParams(s: string, out: Record<string, string>): void {
  const re = /([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;]*))/g;
  const pieces: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    let name = m[1]!.toLowerCase();
    let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
    const ext = /^(.+?)\*(\d+)?(\*)?$/.exec(name);
    if (ext) {
      name = ext[1]!;
      if (ext[3] !== undefined || (ext[2] === undefined && name !== m[1])) v = decode2231(v, ext[2] === undefined || ext[2] === '0');
      (pieces[name] ??= [])[Number(ext[2] ?? 0)] = v;
    } else if (!(name in out)) out[name] = v;
  }
  for (const name of Object.keys(pieces)) out[name] = pieces[name]!.join('');
}

function decode2231(v: string, first: boolean): string {
  const m = first ? /^([^']*)'[^']*'(.*)$/.exec(v) : null;
  const charset = m ? m[1]! || 'us-ascii' : 'utf-8';
  const raw = m ? m[2]! : v;
  try {
    const bin = raw.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return decodeBytes(binaryToBytes(bin), charset).text;
  } catch {
    return raw;
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded words; white space between two adjacent encoded
 * words is dropped (section 6.2). Unknown charsets leave the word as is.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(ENCODED_WORD, (word, charset: string, enc: string, data: string) => {
      const bin =
        enc === 'b' || enc === 'B'
          ? base64ToBinary(data)
          : data.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      const decoded = decodeBytes(binaryToBytes(bin), charset.replace(/\*.*$/, ''));
      return decoded.known ? decoded.text : word;
    });
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = /* @__PURE__ */ (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

/**
 * Base64 to a binary string (one char per byte). Characters outside the
 * alphabet are skipped (RFC 2045 section 6.8 says to ignore them); `invalid`
 * counts those that are not white space or padding.
 */
export function base64ToBinary(s: string, counter?: { invalid: number }): string {
  const out: string[] = [];
  let chunk = '';
  let acc = 0;
  let bits = 0;
  let invalid = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v === -1) {
      if (c !== 10 && c !== 13 && c !== 32 && c !== 9 && c !== 61) invalid++;
      continue;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      chunk += String.fromCharCode((acc >> bits) & 0xff);
      if (chunk.length >= 8192) {
        out.push(chunk);
        chunk = '';
      }
    }
  }
  if (counter) counter.invalid += invalid;
  out.push(chunk);
  return out.join('');
}
