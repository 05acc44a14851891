/**
 * `mailstatus bounce`: reads bounce emails from files, folders (recursively:
 * a Maildir's cur/ and new/), mbox files (messages separated by `From `
 * lines) and stdin, and returns one record per recipient.
 *
 * @packageDocumentation
 */

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBounce, type BounceReport } from '@mailstatus/bounce';
import { inputErrorOf } from '../errors.js';

/** One message read: where it came from and what parseBounce found. */
export interface BounceMessage {
  /** The file, `file#N` for the N-th message of an mbox, `-` for stdin. */
  readonly file: string;
  readonly report: BounceReport;
}

/**
 * One output line of `--json` (NDJSON): a recipient, or the message when it
 * names none. Absent fields are left out, as in every `--json` output here;
 * `recipient` alone is always present (`null` for a message that names no
 * recipient), so each message gives at least one line that says so.
 */
export interface BounceRecord {
  readonly file: string;
  readonly kind: BounceReport['kind'];
  readonly reader?: string;
  readonly recipient: string | null;
  /** The DSN Action (failed, delayed, delivered...), apart from classify's `action`. */
  readonly dsnAction?: string;
  readonly status?: string;
  readonly code?: number;
  readonly outcome?: string;
  readonly reason?: string;
  /** classify's advice: suppress, retry, throttle, fix-sender, review, none. */
  readonly action?: string;
  readonly command?: string;
  readonly remoteMta?: string;
  readonly diagnostic?: string;
  readonly messageId?: string;
  readonly problems: readonly string[];
}

/** The files under a path: itself, or every file below a folder in name order (dot files skipped). */
export async function filesUnder(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw inputErrorOf(path, error, 'file or folder');
  }
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * The messages of an mbox: split before every line that starts with `From `
 * (mboxrd's `>From ` lines are body text). A file that does not start with
 * `From ` is one message.
 */
export function splitMbox(bytes: Buffer): Buffer[] {
  if (bytes.length < 5 || bytes.toString('latin1', 0, 5) !== 'From ') return [bytes];
  const out: Buffer[] = [];
  let start = 0;
  let pos = 0;
  for (;;) {
    const i = bytes.indexOf('\nFrom ', pos, 'latin1');
    if (i === -1) break;
    out.push(bytes.subarray(start, i + 1));
    start = i + 1;
    pos = i + 1;
  }
  out.push(bytes.subarray(start));
  return out;
}

/** The messages of one file: itself, or each message of an mbox (named `file#N`). */
export function* messagesOf(file: string, bytes: Buffer): Generator<BounceMessage> {
  const parts = splitMbox(bytes);
  for (let i = 0; i < parts.length; i++) {
    const b = parts[i]!;
    yield { file: parts.length > 1 ? `${file}#${i + 1}` : file, report: parseBounce(new Uint8Array(b.buffer, b.byteOffset, b.length)) };
  }
}

/** The records of one message: one per recipient, or one with `recipient: null`. */
export function bounceRecords(m: BounceMessage): BounceRecord[] {
  const r = m.report;
  const problems = r.problems.map((p) => p.message);
  if (r.recipients.length === 0) {
    const rec = messageFields(m);
    rec.recipient = null;
    rec.problems = problems;
    return [rec as BounceRecord];
  }
  return r.recipients.map((x) => {
    // Set one by one, in this order, skipping undefined: the NDJSON keys keep one order and absent fields are left out.
    const rec = messageFields(m);
    rec.recipient = x.recipient;
    if (x.dsnAction !== undefined) rec.dsnAction = x.dsnAction;
    if (x.status !== undefined) rec.status = x.status;
    if (x.code !== undefined) rec.code = x.code;
    rec.outcome = x.classification.outcome;
    rec.reason = x.classification.reason;
    rec.action = x.classification.action;
    if (x.command !== undefined) rec.command = x.command;
    if (x.remoteMta !== undefined) rec.remoteMta = x.remoteMta;
    if (x.diagnostic !== undefined) rec.diagnostic = x.diagnostic;
    rec.problems = problems;
    return rec as BounceRecord;
  });
}

/** A record being filled in. */
type RecordDraft = { -readonly [K in keyof BounceRecord]?: BounceRecord[K] };

/** The message's own fields that lead each of its records, the absent ones left out. */
function messageFields(m: BounceMessage): RecordDraft {
  const r = m.report;
  const rec: RecordDraft = { file: m.file, kind: r.kind };
  if (r.reader !== undefined) rec.reader = r.reader;
  const messageId = r.original?.messageId;
  if (messageId !== undefined) rec.messageId = messageId;
  return rec;
}
