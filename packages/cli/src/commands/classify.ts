/**
 * `mailstatus classify`: classifies every line of one or more inputs (mail
 * logs, lists of replies, DSN fields) with `classify` from
 * `@mailstatus/codes`, which finds the reply inside a log line itself.
 *
 * Data only: {@link openSources} checks the inputs, {@link LineRecord} is
 * what a line gives (the tasks of `classify-tasks.ts` and
 * `classify-segments.ts` build them, wherever they run), and
 * {@link SummaryBuilder} folds records into counts (for the table). Memory
 * stays constant whatever the input size: chunks are split by
 * `LineSplitter`, which caps the length of a line, and nothing per line is
 * kept beyond the current batch.
 *
 * Binary data: a line holding a NUL byte is not text. It is skipped (not
 * classified), recorded with `skipped: "binary"`, counted, and makes the run
 * exit 1 (invalid input) after everything else has been reported.
 *
 * @packageDocumentation
 */

import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { Classification, LogFields, Outcome, Reason, Action } from '@mailstatus/codes';
import { STDIN } from '../argv.js';
import { InputError, inputErrorOf } from '../errors.js';

/** The result for one input line. Exactly one NDJSON object is written per input line. */
export interface LineRecord {
  /** The file name as given, or `"-"` for stdin. */
  readonly file: string;
  /** 1-based line number in that file. */
  readonly line: number;
  /**
   * Why the line was not classified: empty (or only whitespace), not text
   * (holds a NUL byte), or a Postfix/Exim/Sendmail line that carries no
   * delivery status and no reply (`qmgr: removed`, an Exim `<=` arrival).
   */
  readonly skipped?: 'blank' | 'binary' | 'no-status';
  /** The line was longer than the limit; only its head was classified. */
  readonly truncated?: true;
  /** The classification, for lines that were not skipped. */
  readonly result?: Classification;
  /** The delivery fields of a Postfix, Exim or Sendmail line (`to=`, `relay=`, `dsn=`, `status=`...). */
  readonly fields?: LogFields;
  /** The line's text (its head when truncated); empty when skipped. Not part of the NDJSON. */
  readonly text: string;
}

/** One input: a name and a source of bytes. */
export interface ClassifySource {
  /** What records and messages call it: the path as given, or `"-"`. */
  readonly name: string;
  /** Opens the bytes (called once, when the input's turn comes). */
  readonly open: () => AsyncIterable<Buffer | string>;
  /** Size in bytes when known (a regular file), for progress. */
  readonly size?: number;
}

/** The sources when every one is a regular file (its size known), else `undefined`. */
export function regularFiles(sources: readonly ClassifySource[]): (ClassifySource & { readonly size: number })[] | undefined {
  return sources.every((s): s is ClassifySource & { size: number } => s.size !== undefined) ? [...sources] : undefined;
}

/**
 * Checks that every named file exists and is a regular file (or a FIFO, for
 * `<(zcat ...)`), before any output is written, and returns the sources.
 *
 * @throws {@link InputError} naming the first file that cannot be read.
 */
export async function openSources(files: readonly string[], stdin: () => AsyncIterable<Buffer | string>): Promise<ClassifySource[]> {
  const sources: ClassifySource[] = [];
  let stdinUsed = false;
  for (const file of files) {
    if (file === STDIN) {
      if (stdinUsed) throw new InputError('stdin ("-") is given twice: name it once');
      stdinUsed = true;
      sources.push({ name: STDIN, open: stdin });
      continue;
    }
    let info;
    try {
      info = await stat(file);
      await access(file, constants.R_OK);
    } catch (error) {
      throw inputErrorOf(file, error, 'file');
    }
    if (info.isDirectory()) throw new InputError(`${file}: is a directory: give the log files in it, e.g. ${file}/mail.log`);
    sources.push({
      name: file,
      // 256 KiB reads: fewer calls per megabyte than the 64 KiB default, still small.
      open: () => createReadStream(file, { highWaterMark: 256 * 1024 }),
      ...(info.isFile() ? { size: info.size } : {}),
    });
  }
  return sources;
}

/** One row of the summary: an outcome and reason with its count and first example. */
export interface SummaryGroup {
  readonly outcome: Outcome;
  readonly reason: Reason;
  readonly action: Action;
  count: number;
  /** The first line that fell in this group. */
  readonly example: { readonly file: string; readonly line: number; readonly text: string };
}

/** What `mailstatus classify` reports without `--json`. */
export interface ClassifySummary {
  /** Every line read, including blank, binary and truncated ones. */
  readonly lines: number;
  /** Lines that were classified. */
  readonly classified: number;
  readonly blank: number;
  /** Mail log lines that carry no delivery status and no reply (see {@link LineRecord.skipped}). */
  readonly noStatus: number;
  /** Lines skipped because they hold a NUL byte. */
  readonly binary: number;
  /** Lines longer than the limit, classified by their head. */
  readonly truncated: number;
  /** Per outcome, every outcome present (zero counts included). */
  readonly outcomes: Readonly<Record<Outcome, number>>;
  /** Per outcome and reason, the largest first. */
  readonly groups: readonly SummaryGroup[];
  /** Per input, in order. */
  readonly files: readonly { readonly file: string; lines: number; binary: number; truncated: number }[];
}

/** The counts of some lines, as a thread sends them back: merged in input order, parts give the summary one pass would. */
export type SummaryPart = ClassifySummary;

/** Longest example text kept in the summary. */
const EXAMPLE_CHARS = 300;

/** Folds records into a {@link ClassifySummary}; its memory is bounded by the number of (outcome, reason) pairs and files. */
export class SummaryBuilder {
  private lines = 0;
  private classified = 0;
  private blank = 0;
  private noStatus = 0;
  private binary = 0;
  private truncated = 0;
  private readonly outcomes: Record<Outcome, number> = { success: 0, intermediate: 0, transient: 0, permanent: 0, unknown: 0 };
  /** Per outcome, per reason: two lookups of interned words, where one key would be a string built per line. */
  private readonly groups = new Map<Outcome, Map<Reason, SummaryGroup>>();
  private readonly files: { file: string; lines: number; binary: number; truncated: number }[] = [];

  /** Adds the records of one batch of lines of `file`, in order; the file is listed even when the batch is empty. */
  add(batch: { readonly file: string; readonly records: readonly LineRecord[] }): void {
    const f = this.fileCounts(batch.file);
    for (const r of batch.records) this.addOne(r, f);
  }

  /** Adds one record: the next line of its file. */
  addRecord(r: LineRecord): void {
    this.addOne(r, this.fileCounts(r.file));
  }

  /** The counts of `file`: the last file's, or new ones when the lines of another file begin. */
  private fileCounts(file: string): { lines: number; binary: number; truncated: number } {
    let f = this.files[this.files.length - 1];
    if (f === undefined || f.file !== file) {
      f = { file, lines: 0, binary: 0, truncated: 0 };
      this.files.push(f);
    }
    return f;
  }

  private addOne(r: LineRecord, f: { lines: number; binary: number; truncated: number }): void {
    this.lines++;
    f.lines++;
    if (r.skipped === 'blank') {
      this.blank++;
      return;
    }
    if (r.skipped === 'no-status') {
      this.noStatus++;
      return;
    }
    if (r.skipped === 'binary') {
      this.binary++;
      f.binary++;
      return;
    }
    if (r.truncated) {
      this.truncated++;
      f.truncated++;
    }
    const c = r.result!;
    this.classified++;
    this.outcomes[c.outcome]++;
    const g = this.group(c.outcome, c.reason);
    if (g) g.count++;
    else {
      const text = r.text.length > EXAMPLE_CHARS ? `${r.text.slice(0, EXAMPLE_CHARS)}…` : r.text;
      this.setGroup({ outcome: c.outcome, reason: c.reason, action: c.action, count: 1, example: { file: r.file, line: r.line, text } });
    }
  }

  private group(outcome: Outcome, reason: Reason): SummaryGroup | undefined {
    return this.groups.get(outcome)?.get(reason);
  }

  private setGroup(g: SummaryGroup): void {
    let byReason = this.groups.get(g.outcome);
    if (byReason === undefined) this.groups.set(g.outcome, (byReason = new Map()));
    byReason.set(g.reason, g);
  }

  private allGroups(): SummaryGroup[] {
    const all: SummaryGroup[] = [];
    for (const byReason of this.groups.values()) all.push(...byReason.values());
    return all;
  }

  /** What has been added so far, to {@link SummaryBuilder.merge} into another builder (groups in the order they came). */
  part(): SummaryPart {
    return this.summary(this.allGroups().map((g) => ({ ...g })));
  }

  /**
   * Adds the lines of a part that follows everything added so far: the
   * first example of each group stays the earliest. A part holds the lines
   * of one file numbered from 1, which follow the lines of that file added
   * so far.
   */
  merge(p: SummaryPart): void {
    const last = this.files[this.files.length - 1];
    const lineOffset = last !== undefined && last.file === p.files[0]?.file ? last.lines : 0;
    this.lines += p.lines;
    this.classified += p.classified;
    this.blank += p.blank;
    this.noStatus += p.noStatus;
    this.binary += p.binary;
    this.truncated += p.truncated;
    for (const o of Object.keys(p.outcomes) as Outcome[]) this.outcomes[o] += p.outcomes[o];
    for (const g of p.groups) {
      const mine = this.group(g.outcome, g.reason);
      if (mine) mine.count += g.count;
      // A copy of the example's text: it may be a slice of a whole chunk of input (see LineSplitter), which it would keep alive.
      else
        this.setGroup({ ...g, example: { ...g.example, line: g.example.line + lineOffset, text: Buffer.from(g.example.text).toString() } });
    }
    for (const pf of p.files) {
      const f = this.files[this.files.length - 1];
      if (f !== undefined && f.file === pf.file) {
        f.lines += pf.lines;
        f.binary += pf.binary;
        f.truncated += pf.truncated;
      } else this.files.push({ ...pf });
    }
  }

  /** The summary so far. */
  build(): ClassifySummary {
    const order: Outcome[] = ['permanent', 'transient', 'unknown', 'intermediate', 'success'];
    return this.summary(
      this.allGroups().sort(
        (a, b) => b.count - a.count || order.indexOf(a.outcome) - order.indexOf(b.outcome) || a.reason.localeCompare(b.reason),
      ),
    );
  }

  /** The counts so far, with `groups`. */
  private summary(groups: SummaryGroup[]): ClassifySummary {
    return {
      lines: this.lines,
      classified: this.classified,
      blank: this.blank,
      noStatus: this.noStatus,
      binary: this.binary,
      truncated: this.truncated,
      outcomes: { ...this.outcomes },
      groups,
      files: this.files.map((f) => ({ ...f })),
    };
  }
}
