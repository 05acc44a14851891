/**
 * `mailstatus classify` cut into tasks for the pool (`../pool/`), for NDJSON
 * and for pipes (a summary of regular files is read in segments, see
 * `classify-segments.ts`): the input
 * is read and cut at line ends on the main thread, without decoding; each
 * task holds the whole lines of one chunk read (about 256 KiB) and is
 * classified wherever it runs, into NDJSON or a summary part.
 *
 * A line that spans chunks is put together here with a {@link LineSplitter}
 * (so its length limit and NUL rule are the same as in one pass) and travels
 * as text at the head of the task of the chunk that ends it. Each task's
 * lines are numbered from `firstLine`: lines are counted here, one native
 * `indexOf` per line end.
 *
 * @packageDocumentation
 */

import { classifyLogLine } from '@mailstatus/codes';
import { STDIN } from '../argv.js';
import { InputError } from '../errors.js';
import { LineSplitter, type LineInfo } from '../line-splitter.js';
import type { ClassifySource, LineRecord, SummaryPart } from './classify.js';

/** A line put together from several chunks, with what the splitter knows about it. */
interface CarriedLine {
  readonly text: string;
  readonly info: LineInfo;
}

/** Whole lines of one source: the unit of work. */
export interface ClassifyTask {
  readonly kind: 'classify';
  readonly file: string;
  /** 1-based number of the task's first line. */
  readonly firstLine: number;
  /** The line that ends in this chunk but began earlier (or the last line of the input, without LF); it comes first. */
  readonly carried?: CarriedLine;
  /** Whole lines, each ending in LF. */
  readonly bytes?: Uint8Array;
  readonly maxLineBytes: number;
  /** NDJSON output, else a summary part. */
  readonly json: boolean;
  /** Input bytes read so far, across all sources (for progress). */
  readonly bytesRead: number;
}

/** What one task gives back. */
export interface ClassifyTaskOutput {
  readonly file: string;
  readonly lines: number;
  /** Lines skipped as binary. */
  readonly binary: number;
  readonly bytesRead: number;
  /**
   * With `json`: one NDJSON object per line, as UTF-8 bytes: a thread hands
   * them over without a copy, and they are written as they are.
   */
  readonly ndjson?: Uint8Array;
  /** Without `json`: the counts and first examples of these lines. */
  readonly part?: SummaryPart;
}

const LF = 10;

/**
 * The most lines in one task: bounds the memory a task needs wherever it
 * runs (its records and output: a few hundred bytes a line), even for a
 * chunk of very short lines; with 256 lines the peak RSS of `--json` on
 * 300 MB stayed about 6 MB lower than with 512, at the same speed
 * (bench/parallel.mjs). Still a batch: a message per 256 lines costs well
 * under 1% of classifying them.
 */
export const MAX_TASK_LINES = 256;

/** The runs of at most {@link MAX_TASK_LINES} lines in `bytes` (which ends in LF): each run's end (exclusive) and line count. */
function runs(bytes: Uint8Array): { end: number; lines: number }[] {
  const out: { end: number; lines: number }[] = [];
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) {
    if (++n === MAX_TASK_LINES) {
      out.push({ end: i + 1, lines: n });
      n = 0;
    }
  }
  if (n > 0) out.push({ end: bytes.length, lines: n });
  return out;
}

/**
 * Reads the sources in order and yields their tasks: at least one per
 * source (an empty input still shows in the summary), one per chunk that
 * ends a line. Read errors become {@link InputError}s naming the file.
 */
export async function* readTasks(
  sources: readonly ClassifySource[],
  options: { readonly maxLineBytes: number; readonly json: boolean },
): AsyncGenerator<ClassifyTask, void, undefined> {
  let bytesRead = 0;
  for (const source of sources) {
    const file = source.name;
    const base = { kind: 'classify' as const, file, maxLineBytes: options.maxLineBytes, json: options.json };
    const splitter = new LineSplitter(options.maxLineBytes);
    let carried: CarriedLine | undefined;
    const onCarried = (text: string, info: LineInfo) => {
      carried = { text, info };
    };
    let atLineStart = true;
    let line = 1;
    try {
      for await (const chunk of source.open()) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        bytesRead += buf.length;
        let start = 0;
        if (!atLineStart) {
          const nl = buf.indexOf(LF);
          if (nl === -1) {
            splitter.push(buf, onCarried);
            continue;
          }
          splitter.push(buf.subarray(0, nl + 1), onCarried);
          start = nl + 1;
        }
        const last = buf.lastIndexOf(LF);
        const whole = last >= start ? buf.subarray(start, last + 1) : undefined;
        const tail = buf.subarray(Math.max(start, last + 1));
        atLineStart = tail.length === 0;
        if (!atLineStart) splitter.push(tail, onCarried);
        if (carried === undefined && whole === undefined) continue;
        if (whole === undefined) {
          yield { ...base, firstLine: line++, bytesRead, carried: carried! };
          carried = undefined;
          continue;
        }
        let from = 0;
        for (const run of runs(whole)) {
          // A copy: a task owns its bytes, so they can be handed to a thread without a second copy.
          const bytes = new Uint8Array(whole.subarray(from, run.end));
          const task: ClassifyTask = { ...base, firstLine: line, bytesRead, ...(carried ? { carried } : {}), bytes };
          line += (carried ? 1 : 0) + run.lines;
          carried = undefined;
          from = run.end;
          yield task;
        }
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      const e = error as NodeJS.ErrnoException;
      throw new InputError(`${file === STDIN ? 'stdin' : file}: read failed at line ${line} (${e.code ?? e.message})`);
    }
    splitter.end(onCarried);
    // Always one task at the end, so an empty input still shows up in the summary.
    yield { ...base, firstLine: line, bytesRead, ...(carried ? { carried } : {}) };
  }
}

/** The records of a task's lines, in order. */
export function taskRecords(task: ClassifyTask): LineRecord[] {
  const records: LineRecord[] = [];
  let n = task.firstLine;
  const onLine = (text: string, info: LineInfo) => {
    records.push(recordOf(task.file, n++, text, info));
  };
  if (task.carried) onLine(task.carried.text, task.carried.info);
  if (task.bytes) {
    // A view, not a copy: a worker receives a plain Uint8Array.
    new LineSplitter(task.maxLineBytes).push(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), onLine);
  }
  return records;
}

/** Whether a line is empty or only spaces, tabs and CR: the rule of `classifyLines` in `@mailstatus/codes`, whose blank lines are not classified either. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * The record of one line: skipped (binary, blank, or a mail log line about
 * no delivery), or classified with the fields a mail log line carries.
 * Every record has every key (absent ones `undefined`): one object shape, so
 * the summary and the NDJSON writer read them without a lookup per shape.
 */
export function recordOf(file: string, line: number, text: string, info: LineInfo): LineRecord {
  if (info.binary) return skippedRecord(file, line, 'binary');
  if (isBlank(text)) return skippedRecord(file, line, 'blank');
  const { fields, result } = classifyLogLine(text);
  if (result === undefined) return skippedRecord(file, line, 'no-status');
  return { file, line, skipped: undefined, truncated: info.truncated ? true : undefined, result, fields, text };
}

function skippedRecord(file: string, line: number, skipped: NonNullable<LineRecord['skipped']>): LineRecord {
  return { file, line, skipped, truncated: undefined, result: undefined, fields: undefined, text: '' };
}
