/**
 * `classifyLogLine`: one mail log line to a classification, reading the
 * fields the line carries (see `fields.ts`) and giving them to `classify` as
 * its context: the DSN status (`dsn=`), the Action its status word stands
 * for (`status=bounced` is `failed`), the command the reply answered and the
 * relay. So `dsn=5.1.1, status=bounced` alone is classified, and a Postfix
 * `status=deferred (connect to ...: Connection timed out)` is read as what
 * it is: a delay, with the local text as the reason's evidence.
 *
 * A line in a known format that is not about a delivery (Postfix `qmgr`'s
 * `from=<...>, size=...`, `removed`, `connect from`; Exim's `<=` arrivals)
 * and quotes no reply code is not classified at all: no `classify` call, and
 * `result` is absent. A line in no known format is classified whole, as
 * `classify(line)` would.
 *
 * @packageDocumentation
 */

import { classify, classifyNormalized, type Classification, type ClassifyContext } from '../classify/classify.js';
import { EMPTY, fromExtracted, fromReply, normalizeInput, withContext, type NormalizedInput } from '../classify/input.js';
import { extractReply } from '../extract.js';
import { readLogLine, type LogFields } from './fields.js';

/** What {@link classifyLogLine} found in one line. */
export interface ClassifiedLogLine {
  /** The delivery fields, when the line is in a known format (see {@link readLogLine}). */
  readonly fields?: LogFields;
  /** The classification; absent when the line carries neither a status nor a reply. */
  readonly result?: Classification;
}

/**
 * Classifies one mail log line with the fields it carries as context.
 *
 * @example
 * ```ts
 * const { fields, result } = classifyLogLine('Nov 28 10:00:01 mx1 postfix/smtp[4711]: 4B1C52A0F1: to=<bob@example.com>, relay=none, delay=0.1, dsn=5.1.1, status=bounced');
 * result.reason; // 'unknown-recipient'
 * fields.recipient; // 'bob@example.com'
 * classifyLogLine('Nov 28 10:00:01 mx1 postfix/qmgr[2201]: 4B1C52A0F1: removed').result; // undefined
 * ```
 */
export function classifyLogLine(line: string): ClassifiedLogLine {
  const fields = readLogLine(line);
  if (fields === undefined) return { result: classify(line) };
  if (fields.action === undefined && fields.reply === undefined && fields.dsn === undefined) {
    // Not a delivery status line: an Exim arrival (`<=`) never quotes a reply;
    // others are classified only when they quote a reply code (Postfix logs
    // `host ... said: 451 ...` before it tries the next MX).
    if (fields.status === '<=') return { fields };
    // Classified as `classify(line)` would, from the reply found here (no second search).
    const r = extractReply(line);
    return r === undefined ? { fields } : { fields, result: classifyNormalized(fromExtracted(line, r)) };
  }
  return { fields, result: classifyNormalized(withContext(replyInput(fields.reply), contextOf(fields))) };
}

/**
 * A reply code, then an enhanced code (RFC 3463 section 2: class 2, 4 or 5,
 * subject and detail of 1-3 digits without leading zeros), then a space or
 * the end: how a remote server's reply starts (RFC 5321 section 4.2, RFC
 * 2034 section 4). The separator is a space, or `-` on the lines before
 * the last of a multi-line reply, which the logs join with spaces.
 */
const REPLY_HEAD = /^([2-5][0-5][0-9])([ -])(?:([245]\.(?:0|[1-9][0-9]{0,2})\.(?:0|[1-9][0-9]{0,2}))(?: |$))?/;

/**
 * What to give `classify` for the text a log line quotes. When the text
 * starts as a reply does (`550 5.1.1 ...`, what Postfix logs after `said:`,
 * Exim after the command, Sendmail after `Deferred:`), those are its codes:
 * RFC 5321 puts the code first, so no search of the text is needed, and the
 * prefixes of the joined lines of a multi-line reply (`550-5.1.1 `) are
 * taken out of the text. Any other text is searched by `classify` itself.
 */
function replyInput(reply: string | undefined): NormalizedInput {
  if (reply === undefined) return EMPTY;
  const m = REPLY_HEAD.exec(reply);
  if (m === null) return normalizeInput(reply);
  const enhanced = m[3];
  let text = reply.slice(m[0].length);
  if (m[2] === '-') {
    const code = m[1]!;
    const prefix = enhanced === undefined ? ` ${code}` : ` ${code}-${enhanced} `;
    if (text.includes(prefix)) text = text.replaceAll(prefix, ' ');
    const last = enhanced === undefined ? undefined : ` ${code} ${enhanced} `;
    if (last !== undefined && text.includes(last)) text = text.replace(last, ' ');
  }
  return fromReply(Number(m[1]), enhanced, text);
}

/** The classify context a line's fields give. */
function contextOf(f: LogFields): ClassifyContext {
  const c: { -readonly [K in keyof ClassifyContext]: ClassifyContext[K] } = {};
  if (f.dsn !== undefined) c.status = f.dsn;
  if (f.action !== undefined) c.action = f.action;
  if (f.command !== undefined) c.command = f.command;
  if (f.relay !== undefined) c.remoteMta = f.relay;
  return c;
}
