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

import { classify, type Classification, type ClassifyContext } from '../classify/classify.js';
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
    // Not a delivery status line; classified only when it quotes a reply code.
    return extractReply(line) === undefined ? { fields } : { fields, result: classify(line) };
  }
  return { fields, result: classify(fields.reply ?? '', contextOf(fields)) };
}

/** The classify context a line's fields give. */
export function contextOf(f: LogFields): ClassifyContext {
  const c: { -readonly [K in keyof ClassifyContext]: ClassifyContext[K] } = {};
  if (f.dsn !== undefined) c.status = f.dsn;
  if (f.action !== undefined) c.action = f.action;
  if (f.command !== undefined) c.command = f.command;
  if (f.relay !== undefined) c.remoteMta = f.relay;
  return c;
}
