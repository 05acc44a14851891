/**
 * `classifyLogLine`: one mail log line to a classification, reading the
 * fields the line carries (see `fields.ts`) and giving them to `classify` as
 * its context: the DSN status (`dsn=`), the Action its status word stands
 * for (`status=bounced` is `failed`) and the command the reply answered.
 * So `dsn=5.1.1, status=bounced` alone is classified, and a Postfix
 * `status=deferred (connect to ...: Connection timed out)` is read as what
 * it is: a delay, with the local text as the reason's evidence.
 *
 * A line in a known format that is not about a delivery (Postfix `qmgr`'s
 * `from=<...>, size=...`, `removed`, `connect from`; Exim's `<=` arrivals)
 * and quotes no reply code is not classified at all: no `classify` call, and
 * `result` is absent. A line in no known format is classified as
 * `classify(line)` would, and a syslog line of another program as
 * `classify` would its text after `program[pid]: `. A reply code is looked
 * for only after a line's head: a pid is never one
 * (`postfix/qmgr[550]: 4B1C52A0F1: removed` is not a refusal).
 *
 * @packageDocumentation
 */

import { classify, classifyNormalized, type Classification, type ClassifyContext } from '../classify/classify.js';
import { EMPTY, fromExtracted, fromReply, normalizeInput, withContext, type NormalizedInput } from '../classify/input.js';
import { matchEnhancedCode } from '../enhanced-code.js';
import { extractReply } from '../extract.js';
import { lastTextStart, readLogLine, type LogFields } from './fields.js';

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
  if (fields === undefined) return { result: classify(withoutHead(line)) };
  if (fields.action === undefined && fields.reply === undefined && fields.dsn === undefined) {
    // Not a delivery status line: an Exim arrival (`<=`) never quotes a reply;
    // others are classified only when they quote a reply code (Postfix logs
    // `host ... said: 451 ...` before it tries the next MX).
    if (fields.status === '<=') return { fields };
    // Classified as `classify(text)` would, from the reply found here (no second search).
    const text = withoutHead(line);
    const r = extractReply(text);
    return r === undefined ? { fields } : { fields, result: classifyNormalized(fromExtracted(text, r)) };
  }
  return { fields, result: classifyNormalized(withContext(replyInput(fields.reply), contextOf(fields))) };
}

/** `line`, which `readLogLine` has just read, without its head (see `lastTextStart`): where a reply may be. */
function withoutHead(line: string): string {
  const start = lastTextStart(line);
  return start === 0 ? line : line.slice(start);
}

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
  const code = replyCodeAt(reply);
  if (code === 0) return normalizeInput(reply);
  // The enhanced code, when one follows, and the space after it.
  const end = enhancedCodeEnd(reply, 4);
  const enhanced = end === -1 ? undefined : reply.slice(4, end);
  let text = reply.slice(end === -1 ? 4 : Math.min(end + 1, reply.length));
  if (reply.charCodeAt(3) === 45 /* - */) text = withoutLinePrefixes(text, reply.slice(0, 3), enhanced);
  return fromReply(code, enhanced, text);
}

/**
 * A multi-line reply joined into one line: the codes that start every line
 * after the first (`550-5.1.1 ` or `550-`, and `550 5.1.1 ` or `550 ` on the
 * last; RFC 5321 section 4.2.1, RFC 2034 section 4) taken out, so that a
 * phrase broken across lines reads whole. Each is searched once: the text is
 * often a few hundred characters.
 */
function withoutLinePrefixes(text: string, code: string, enhanced: string | undefined): string {
  const rest = enhanced === undefined ? '' : `${enhanced} `;
  const joined = text.replaceAll(` ${code}-${rest}`, ' ');
  const last = ` ${code} ${rest}`;
  const at = joined.indexOf(last);
  return at === -1 ? joined : `${joined.slice(0, at)} ${joined.slice(at + last.length)}`;
}

/**
 * The reply code (RFC 5321 section 4.2: `[2-5][0-5][0-9]`) that starts `s`,
 * followed by a space, or by `-` on the lines before the last of a
 * multi-line reply, which the logs join with spaces; 0 when `s` does not
 * start so. Read by hand: it runs on every classified line.
 */
function replyCodeAt(s: string): number {
  const a = s.charCodeAt(0) - 48;
  const b = s.charCodeAt(1) - 48;
  const c = s.charCodeAt(2) - 48;
  const sep = s.charCodeAt(3);
  if (!(a >= 2 && a <= 5 && b >= 0 && b <= 5 && c >= 0 && c <= 9 && (sep === 32 || sep === 45))) return 0;
  return a * 100 + b * 10 + c;
}

/**
 * Where the enhanced code at `at` ends when one is there (RFC 3463 section
 * 2, read by `matchEnhancedCode`) followed by a space or the end of the
 * text (RFC 2034 section 4); -1 otherwise.
 */
function enhancedCodeEnd(s: string, at: number): number {
  const end = matchEnhancedCode(s, at, s.length);
  return end >= 0 && (end === s.length || s.charCodeAt(end) === 32) ? end : -1;
}

/**
 * The classify context a line's fields give: one shape for every line. A
 * Postfix `status=expired` without `dsn=` (qmgr: the message outlived
 * `maximal_queue_lifetime` and goes back to its sender, postconf(5)) is
 * RFC 3463's 5.4.7, "delivery time expired" (section 3.5).
 */
function contextOf(f: LogFields): ClassifyContext {
  const status = f.dsn ?? (f.status === 'expired' && f.format === 'postfix' ? '5.4.7' : undefined);
  return { status, action: f.action, command: f.command };
}
