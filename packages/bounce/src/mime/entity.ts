/**
 * A MIME entity tree read lazily: an entity's children (multipart parts,
 * RFC 2046 section 5.1) and its enclosed message (message/rfc822 and RFC
 * 6532's message/global) are split only when asked for, so a 10 MB returned
 * original that nobody reads costs one slice.
 *
 * Line ends are normalised to `\n` before reading (CRLF, LF and lone CR are
 * all met in bounces).
 *
 * @packageDocumentation
 */

import { decodeBytes, binaryToBytes, quotedPrintableToBinary, hasHighChars, utf8Fatal } from './decode.js';
import { base64ToBinary, parseContentType, parseHeaderBlock, type ContentType, type Headers } from './headers.js';
import type { Problems } from './problems.js';

/** Limits on reading; see `ParseBounceOptions` for the defaults. */
export interface ReadLimits {
  readonly maxHeaders: number;
  readonly maxDepth: number;
  readonly maxParts: number;
}

/** What every entity of one message shares. */
export interface ReadContext {
  readonly limits: ReadLimits;
  readonly problems: Problems;
  /** The raw text holds one char per byte (input was bytes that are not UTF-8): 8bit bodies need their charset. */
  readonly binary: boolean;
}

/** One MIME entity: its headers and body, children on demand. */
export class Entity {
  readonly headers: Headers;
  readonly contentType: ContentType;
  /** The body as it is in the message (transfer encoding not undone). */
  readonly body: string;
  private partsCache: Entity[] | undefined;
  private innerCache: Entity | null | undefined;
  private textCache: string | undefined;

  constructor(
    raw: string,
    /** Where in the message: `''` for the top, `1.2` for the second part of the first part. */
    readonly path: string,
    readonly depth: number,
    private readonly ctx: ReadContext,
    /** Defaults for the type when the entity has no Content-Type (message/digest parts are message/rfc822). */
    defaultType?: string,
  ) {
    const split = splitHeaderBody(raw);
    this.headers = parseHeaderBlock(split.head, ctx.limits.maxHeaders, ctx.problems, this.where);
    const ct = this.headers.get('content-type');
    this.contentType = ct === undefined && defaultType !== undefined ? parseContentType(defaultType) : parseContentType(ct);
    this.body = split.body;
  }

  /** `part 1.2` or `the message` for problems. */
  get where(): string {
    return this.path === '' ? 'the message' : `part ${this.path}`;
  }

  get isMultipart(): boolean {
    return this.contentType.mediaType.startsWith('multipart/');
  }

  /** The parts of a multipart entity (empty for any other). */
  get parts(): readonly Entity[] {
    if (this.partsCache === undefined) this.partsCache = this.isMultipart ? this.splitParts() : [];
    return this.partsCache;
  }

  /** The enclosed message of a message/rfc822 or message/global entity. */
  get inner(): Entity | undefined {
    if (this.innerCache === undefined) {
      const t = this.contentType.mediaType;
      const enclosing = t === 'message/rfc822' || t === 'message/global' || t === 'message/partial';
      this.innerCache =
        enclosing && this.enter() ? new Entity(this.decodedBody(), `${this.path}${this.path ? '.' : ''}1`, this.depth + 1, this.ctx) : null;
    }
    return this.innerCache ?? undefined;
  }

  /** The body with its transfer encoding undone and its charset decoded. */
  text(): string {
    if (this.textCache === undefined) {
      const charset = this.contentType.params.charset ?? (this.contentType.mediaType.startsWith('message/global') ? 'utf-8' : 'us-ascii');
      this.textCache = this.decode(charset);
    }
    return this.textCache;
  }

  /** The body with its transfer encoding undone; text as it came (no charset decoding beyond the raw input's). */
  decodedBody(): string {
    return this.decode(undefined);
  }

  private decode(charset: string | undefined): string {
    const cte = (this.headers.get('content-transfer-encoding') ?? '').toLowerCase();
    let bin: string;
    if (cte === 'base64') {
      const counter = { invalid: 0 };
      bin = base64ToBinary(this.body, counter);
      if (counter.invalid > 0)
        this.ctx.problems.add('invalid-base64', `${this.where}: ${counter.invalid} characters outside the base64 alphabet skipped`);
    } else if (cte === 'quoted-printable') {
      const counter = { invalid: 0 };
      bin = quotedPrintableToBinary(this.body, counter);
      if (counter.invalid > 0)
        this.ctx.problems.add(
          'invalid-quoted-printable',
          `${this.where}: ${counter.invalid} "=" not followed by two hex digits kept as is`,
        );
      bin = bin.replace(/\r\n?/g, '\n');
    } else {
      // 7bit/8bit/binary: the raw text is already text, unless the input was non-UTF-8 bytes.
      if (!this.ctx.binary || charset === undefined || !hasHighChars(this.body)) return this.body;
      return this.decodeCharset(this.body, charset);
    }
    if (charset === undefined) return this.ctx.binary || !hasHighChars(bin) ? bin : utf8OrBinary(bin);
    if (!hasHighChars(bin) && !/iso-2022|utf-16|utf-7/i.test(charset)) return bin;
    return this.decodeCharset(bin, charset);
  }

  /** A binary string decoded in `charset`; an unknown charset is a problem. */
  private decodeCharset(bin: string, charset: string): string {
    const decoded = decodeBytes(binaryToBytes(bin), charset);
    if (!decoded.known) this.ctx.problems.add('unknown-charset', `${this.where}: charset "${charset}" is unknown; read as UTF-8`);
    return decoded.text;
  }

  /** Whether one more level of nesting is allowed; records the problem once when not. */
  private enter(): boolean {
    if (this.depth < this.ctx.limits.maxDepth) return true;
    this.ctx.problems.add(
      'too-deep',
      `${this.where}: nested more than ${this.ctx.limits.maxDepth} levels; deeper parts are not read (raise maxDepth)`,
    );
    return false;
  }

  /** RFC 2046 section 5.1.1: parts between `--boundary` lines, the last closed by `--boundary--`. */
  private splitParts(): Entity[] {
    const boundary = this.contentType.params.boundary;
    if (boundary === undefined || boundary === '') {
      this.ctx.problems.add('missing-boundary', `${this.where}: ${this.contentType.mediaType} without a boundary parameter; read as text`);
      return [];
    }
    if (!this.enter()) return [];
    const found = findDelimiters(this.body, `--${boundary}`);
    if (found.starts.length === 0) {
      this.ctx.problems.add('missing-boundary', `${this.where}: boundary "${boundary}" never occurs in the body; read as text`);
      return [];
    }
    if (!found.closed)
      this.ctx.problems.add('truncated-multipart', `${this.where}: no closing boundary "--${boundary}--"; the last part runs to the end`);
    const parts: Entity[] = [];
    const defaultType = this.contentType.mediaType === 'multipart/digest' ? 'message/rfc822' : undefined;
    for (let i = 0; i < found.starts.length; i++) {
      if (parts.length >= this.ctx.limits.maxParts) {
        this.ctx.problems.add(
          'too-many-parts',
          `${this.where}: more than ${this.ctx.limits.maxParts} parts; the rest are not read (raise maxParts)`,
        );
        break;
      }
      const raw = this.body.slice(found.starts[i], found.ends[i]);
      parts.push(new Entity(raw, `${this.path}${this.path ? '.' : ''}${i + 1}`, this.depth + 1, this.ctx, defaultType));
    }
    return parts;
  }
}

/** Splits at the first empty line; a body that starts with one has no headers. */
function splitHeaderBody(raw: string): { head: string; body: string } {
  if (raw.charCodeAt(0) === 10) return { head: '', body: raw.slice(1) };
  const i = raw.indexOf('\n\n');
  if (i === -1) return { head: raw, body: '' };
  return { head: raw.slice(0, i), body: raw.slice(i + 2) };
}

/** Where each part starts and ends between delimiter lines. */
function findDelimiters(body: string, delimiter: string): { starts: number[]; ends: number[]; closed: boolean } {
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = 0;
  let closed = false;
  for (;;) {
    const i = body.indexOf(delimiter, pos);
    if (i === -1) break;
    pos = i + delimiter.length;
    if (i > 0 && body.charCodeAt(i - 1) !== 10) continue;
    let eol = body.indexOf('\n', pos);
    if (eol === -1) eol = body.length;
    const rest = body.slice(pos, eol);
    const close = rest.startsWith('--');
    if (!close && rest.trim() !== '') continue;
    // The line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
    if (starts.length > ends.length) ends.push(Math.max(starts[starts.length - 1]!, i - 1));
    if (close) {
      closed = true;
      break;
    }
    starts.push(eol + 1);
    pos = eol + 1;
  }
  if (starts.length > ends.length) ends.push(body.length);
  return { starts, ends, closed };
}

/** A binary string that is valid UTF-8 decoded, else left as bytes. */
function utf8OrBinary(bin: string): string {
  if (utf8Fatal === undefined) return bin;
  try {
    return utf8Fatal.decode(binaryToBytes(bin));
  } catch {
    return bin;
  }
}
