/**
 * `mailstatus classify` of regular files for the summary: each file is cut
 * into segments of {@link SEGMENT_BYTES} by offset, and each segment is read
 * straight from the file and classified wherever it runs (this thread or a
 * pool thread). A segment's task is a file name and two offsets, not its
 * bytes: nothing is read, split or copied on this thread for the others.
 *
 * A line belongs to the segment its first byte is in: a segment that does
 * not start at a line start skips to after the first LF in its range (none:
 * it holds no line start, and reads nothing more), and every segment reads
 * past its end to finish its last line. So each line is classified once,
 * whole, by one segment, and a line longer than a segment is read once.
 *
 * A segment's summary part numbers its lines from 1; the main thread adds
 * the lines of the file's earlier segments when it merges the parts in
 * order (`SummaryBuilder.merge`).
 *
 * @packageDocumentation
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { LineSplitter, type LineInfo } from '../line-splitter.js';
import { SummaryBuilder, type ClassifySource } from './classify.js';
import { recordOf, type ClassifyTaskOutput } from './classify-tasks.js';

/** Bytes of a file per task: small enough that two threads stay evenly loaded, large enough that a task costs nothing to send. */
export const SEGMENT_BYTES = 2 * 1024 * 1024;

/** Bytes read at a time: the same reads as the streaming path. */
const READ_BYTES = 64 * 1024;

const LF = 10;

let readBuffer: Buffer | undefined;

/** One segment of a regular file: the lines whose first byte is in `[start, end)`. */
export interface SegmentTask {
  readonly kind: 'segment';
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly maxLineBytes: number;
  /** Input bytes up to this segment's end, across all sources (for progress). */
  readonly bytesRead: number;
}

/** The segments of `sources` (regular files, each with its size), in order; at least one per file, so an empty file is still listed. */
export function* segmentTasks(
  sources: readonly (ClassifySource & { readonly size: number })[],
  maxLineBytes: number,
  segmentBytes = SEGMENT_BYTES,
): Generator<SegmentTask, void, undefined> {
  let before = 0;
  for (const { name: file, size } of sources) {
    let start = 0;
    do {
      const end = Math.min(size, start + segmentBytes);
      yield { kind: 'segment', file, start, end, maxLineBytes, bytesRead: before + end };
      start = end;
    } while (start < size);
    before += size;
  }
}

/**
 * The segment this thread is reading: one per thread, with one line
 * callback ({@link onSegmentLine}) for the thread's life, which adds each
 * line's record to the summary at once. A callback made per task is a new
 * function each time, and an array of records per read starts out as one of
 * small integers: either makes V8 throw away the optimized splitter or
 * callback and compile it again, in every thread (a pool's threads compile
 * on their own thread, see `compileOnEachThread`). With 2 threads on 100
 * MB: 0.76 s against 0.81 s.
 */
const current = { file: '', lines: 0, summary: new SummaryBuilder() };

function onSegmentLine(text: string, info: LineInfo): void {
  current.summary.addRecord(recordOf(current.file, ++current.lines, text, info));
}

/** Reads and classifies one segment into a summary part (lines numbered from 1). */
export function runSegmentTask(task: SegmentTask): ClassifyTaskOutput {
  current.file = task.file;
  current.lines = 0;
  current.summary = new SummaryBuilder();
  // Listed even when the segment holds no line (an empty file is one such segment).
  current.summary.add({ file: task.file, records: [] });
  let fd: number;
  try {
    fd = openSync(task.file, 'r');
  } catch (error) {
    throw readError(task, error);
  }
  try {
    readSegment(fd, task, new LineSplitter(task.maxLineBytes), onSegmentLine);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw readError(task, error);
  } finally {
    closeSync(fd);
  }
  // The part counts the lines and the binary ones as the summary does.
  const part = current.summary.part();
  return { file: task.file, lines: part.lines, binary: part.binary, bytesRead: task.bytesRead, part };
}

/** Feeds the segment's lines to `splitter`: from its first line start, through the end of the line that holds its last byte. */
function readSegment(fd: number, task: SegmentTask, splitter: LineSplitter, onLine: (text: string, info: LineInfo) => void) {
  // One buffer per thread for all its reads: the splitter copies what it keeps, so nothing refers to it after a push.
  const buf = (readBuffer ??= Buffer.allocUnsafe(READ_BYTES));
  let pos = task.start === 0 ? 0 : firstLineStart(fd, buf, task.start - 1, task.end);
  if (pos < 0) return;
  // The segment's own bytes.
  let last = -1;
  while (pos < task.end) {
    const n = readSync(fd, buf, 0, Math.min(READ_BYTES, task.end - pos), pos);
    if (n === 0) break;
    splitter.push(buf.subarray(0, n), onLine);
    last = buf[n - 1]!;
    pos += n;
  }
  // The rest of its last line, up to its LF or the end of the file.
  while (last !== LF) {
    const n = readSync(fd, buf, 0, READ_BYTES, pos);
    if (n === 0) {
      splitter.end(onLine);
      break;
    }
    const lf = buf.subarray(0, n).indexOf(LF);
    splitter.push(buf.subarray(0, lf === -1 ? n : lf + 1), onLine);
    if (lf !== -1) break;
    pos += n;
  }
}

/**
 * Where the first line starting in `(from, end)` starts: after the first LF
 * at or after `from` (the byte before the segment), or -1 when there is none
 * before `end` (the segment is inside one long line).
 */
function firstLineStart(fd: number, buf: Buffer, from: number, end: number): number {
  let pos = from;
  while (pos < end) {
    const n = readSync(fd, buf, 0, Math.min(READ_BYTES, end - pos), pos);
    if (n === 0) return -1;
    const lf = buf.subarray(0, n).indexOf(LF);
    if (lf !== -1) return pos + lf + 1 < end ? pos + lf + 1 : -1;
    pos += n;
  }
  return -1;
}

function readError(task: SegmentTask, error: unknown): InputError {
  const e = error as NodeJS.ErrnoException;
  return new InputError(`${task.file}: read failed at byte ${task.start} (${e.code ?? e.message})`);
}
