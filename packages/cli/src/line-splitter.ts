/**
 * Splits a byte stream into lines in constant memory.
 *
 * Lines end in LF; a CR before the LF is dropped (CRLF logs, RFC 5321
 * replies). A line longer than `maxLineBytes` is cut to its first
 * `maxLineBytes` bytes and the rest is skipped up to the next LF, so a
 * single multi-gigabyte "line" never has to be held. A line that holds a NUL
 * byte is reported as binary without being decoded. A chunk that is all
 * ASCII (most mail logs) is decoded once and its lines are slices of that
 * string: the same text as decoding each line, without a call per line.
 * Such a slice keeps its chunk's string alive: copy a line's text before
 * keeping it past the chunk.
 *
 * @packageDocumentation
 */

import { isAscii } from 'node:buffer';

/** What the splitter knows about one line besides its text. */
export interface LineInfo {
  /** The line was longer than the limit and `text` is its head. */
  readonly truncated: boolean;
  /** The line holds a NUL byte: not text. `text` is empty then. */
  readonly binary: boolean;
}

/** The three kinds of line, shared: a line costs no object of its own (there is one per line of a log). */
const PLAIN: LineInfo = { truncated: false, binary: false };
const TRUNCATED: LineInfo = { truncated: true, binary: false };
const BINARY: LineInfo = { truncated: false, binary: true };

/** Receives each line; `text` is decoded as UTF-8 without the line ending. */
export type LineHandler = (text: string, info: LineInfo) => void;

/** The default limit: 64 KiB, over a hundred times RFC 5321's 512-octet reply line. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

const LF = 10;
const CR = 13;

/** A stateful splitter: {@link LineSplitter.push} chunks, then {@link LineSplitter.end}. */
export class LineSplitter {
  private readonly max: number;
  /** The head of the current line from earlier chunks (at most `max` bytes). */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** Bytes of the current line seen so far, kept or not. */
  private lineBytes = 0;
  private carryNul = false;
  /** The last byte of the current line seen so far (to drop the CR of a CRLF). */
  private lastByte = -1;
  /** Where the next NUL of the current chunk is (`Infinity` when there is none), so NUL checks stay linear. */
  private nextNul = Infinity;
  private chunk: Buffer | undefined;
  /** The chunk decoded whole when it is all ASCII (byte offsets are then character offsets), else undefined. */
  private ascii: string | undefined;

  /** @param maxLineBytes - Longest line kept whole; longer lines are truncated to this many bytes. */
  constructor(maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${String(maxLineBytes)}`);
    }
    this.max = maxLineBytes;
  }

  /** Feeds one chunk; calls `onLine` for every line it completes. */
  push(chunk: Buffer, onLine: LineHandler): void {
    // One search for NUL per chunk: the common case (a text log) then needs no per-line check.
    const firstNul = chunk.indexOf(0);
    this.nextNul = firstNul === -1 ? Infinity : firstNul;
    this.chunk = chunk;
    const anyNul = firstNul !== -1;
    // One decode for the chunk instead of one per line, when every byte is ASCII (most mail logs):
    // its lines are then slices of that string at their byte offsets.
    this.ascii = !anyNul && isAscii(chunk) ? chunk.toString('latin1') : undefined;
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) {
        this.keep(chunk, pos, len, anyNul);
        return;
      }
      if (this.lineBytes === 0) {
        // Fast path: the whole line is in this chunk.
        this.emitRange(chunk, pos, nl, anyNul, onLine);
      } else {
        this.keep(chunk, pos, nl, anyNul);
        this.flush(onLine);
      }
      pos = nl + 1;
    }
  }

  /** Emits the last line when the input does not end in LF. */
  end(onLine: LineHandler): void {
    if (this.lineBytes > 0) this.flush(onLine);
  }

  private emitRange(chunk: Buffer, start: number, end: number, anyNul: boolean, onLine: LineHandler): void {
    let stop = end;
    if (stop > start && chunk[stop - 1] === CR) stop--;
    if (anyNul && this.hasNul(start, stop)) onLine('', BINARY);
    else if (stop - start > this.max)
      onLine(this.ascii?.slice(start, start + this.max) ?? chunk.toString('utf8', start, start + this.max), TRUNCATED);
    else onLine(this.ascii?.slice(start, stop) ?? chunk.toString('utf8', start, stop), PLAIN);
  }

  /** Adds `chunk[start..end)` to the current line, keeping at most `max` bytes of it. */
  private keep(chunk: Buffer, start: number, end: number, anyNul: boolean): void {
    const n = end - start;
    if (n === 0) return;
    // NUL anywhere in the line makes it binary, even past the kept head.
    if (anyNul && !this.carryNul && this.hasNul(start, end)) this.carryNul = true;
    this.lastByte = chunk[end - 1]!;
    const room = this.max + 1 - this.carryBytes; // one byte more than max, to hold a CR before LF
    if (room > 0) {
      const take = Math.min(room, n);
      // Copy: the chunk's memory is reused by the stream and would pin it otherwise.
      this.carry.push(Buffer.from(chunk.subarray(start, start + take)));
      this.carryBytes += take;
    }
    this.lineBytes += n;
  }

  /** Whether `chunk[start..end)` of the current chunk holds a NUL; ranges come in increasing order. */
  private hasNul(start: number, end: number): boolean {
    if (this.nextNul < start) {
      const i = this.chunk!.indexOf(0, start);
      this.nextNul = i === -1 ? Infinity : i;
    }
    return this.nextNul < end;
  }

  private flush(onLine: LineHandler): void {
    let bytes = this.lineBytes;
    const head = this.carry.length === 1 ? this.carry[0]! : Buffer.concat(this.carry, this.carryBytes);
    let keptEnd = head.length;
    // The CR of a CRLF is not part of the line; it is in the head only when the line fits.
    if (this.lastByte === CR) {
      bytes--;
      if (keptEnd > bytes) keptEnd = bytes;
    }
    this.lastByte = -1;
    const binary = this.carryNul;
    this.carry = [];
    this.carryBytes = 0;
    this.lineBytes = 0;
    this.carryNul = false;
    if (binary) onLine('', BINARY);
    else if (bytes > this.max) onLine(head.toString('utf8', 0, this.max), TRUNCATED);
    else onLine(head.toString('utf8', 0, keptEnd), PLAIN);
  }
}
