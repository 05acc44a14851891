/**
 * Text to lines, in constant memory, with nothing but the language and
 * `TextDecoder` (browsers, workers, Deno, Bun and Node alike).
 *
 * Lines end in LF; a CR before it is dropped (RFC 5321 section 2.3.8's
 * CRLF, Windows logs). A line longer than the limit is cut to its head and
 * the rest is skipped up to the next LF, so a runaway "line" is never held
 * whole.
 *
 * @packageDocumentation
 */

/** The default longest line, in UTF-16 code units: over a hundred times RFC 5321's 512-octet reply line. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

/**
 * Receives each line without its line end; `truncated` is true when it was
 * longer than the limit and this is its head.
 */
export type OnLine = (line: string, truncated: boolean) => void;

/** A chunk of text or of UTF-8 bytes. */
export type TextChunk = string | Uint8Array;

/**
 * A stateful line splitter over chunks of text or UTF-8 bytes:
 * {@link LineBuffer.push} them, then {@link LineBuffer.end}. Bytes are
 * decoded as they come (a character split between two chunks is put back
 * together; invalid bytes become U+FFFD), so every streaming form reads
 * them alike.
 * @internal
 */
export class LineBuffer {
  private readonly decoder = new TextDecoder();
  private pending = '';
  /** The current line went over the limit: the rest of it up to LF is dropped. */
  private overflow = false;
  private readonly max: number;

  constructor(maxLineLength: number = DEFAULT_MAX_LINE_LENGTH) {
    if (!Number.isInteger(maxLineLength) || maxLineLength < 1) {
      throw new RangeError(`maxLineLength must be a positive integer, got ${String(maxLineLength)}`);
    }
    this.max = maxLineLength;
  }

  /** Feeds a chunk; calls `onLine` for every line it completes. */
  push(chunk: TextChunk, onLine: OnLine): void {
    this.pushText(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }), onLine);
  }

  /** Emits the last line when the text does not end in LF (after what is left of a character cut short: U+FFFD). */
  end(onLine: OnLine): void {
    const tail = this.decoder.decode();
    if (tail.length > 0) this.pushText(tail, onLine);
    if (this.pending.length > 0 || this.overflow) this.emit(this.pending, onLine);
    this.pending = '';
  }

  private pushText(chunk: string, onLine: OnLine): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.emit(this.pending.length === 0 ? chunk.slice(start, nl) : this.pending + chunk.slice(start, nl), onLine);
      this.pending = '';
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk.slice(start));
  }

  private keep(rest: string): void {
    if (this.overflow) return;
    this.pending += rest;
    if (this.pending.length > this.max + 1) {
      // One more than the limit, so a CR before the LF still fits.
      this.pending = this.pending.slice(0, this.max + 1);
      this.overflow = true;
    }
  }

  private emit(line: string, onLine: OnLine): void {
    let s = line;
    if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
    const truncated = this.overflow || s.length > this.max;
    this.overflow = false;
    onLine(truncated ? s.slice(0, this.max) : s, truncated);
  }
}

/**
 * Splits a stream of text or UTF-8 bytes (a `ReadableStream` body, Node's
 * `process.stdin`, any async iterable) into lines.
 *
 * @example
 * ```ts
 * for await (const line of splitLines(response.body)) console.log(line);
 * ```
 */
export async function* splitLines(
  source: AsyncIterable<TextChunk> | Iterable<TextChunk>,
  options: { readonly maxLineLength?: number } = {},
): AsyncGenerator<string, void, undefined> {
  const buffer = new LineBuffer(options.maxLineLength);
  let out: string[] = [];
  const onLine = (line: string) => {
    out.push(line);
  };
  for await (const chunk of source as AsyncIterable<TextChunk>) {
    buffer.push(chunk, onLine);
    if (out.length > 0) {
      const lines = out;
      out = [];
      yield* lines;
    }
  }
  buffer.end(onLine);
  yield* out;
}
