/**
 * Field readers shared by the Postfix and Sendmail formats: both log
 * `name=value` pairs separated by `, ` after the queue id.
 *
 * @packageDocumentation
 * @internal
 */

import { setReply, type FieldsDraft } from './fields.js';
import { isWhiteSpace } from '../whitespace.js';

/**
 * Where the value of field `name` (given with its `=`, and `<` when the
 * value is bracketed) starts, at or after `from`; -1 when the line has no
 * such field. The name must start the body or follow a space or comma, so
 * `to=` does not match inside `orig_to=`.
 * @internal
 */
export function fieldStart(line: string, name: string, from: number): number {
  let at = line.indexOf(name, from);
  while (at > from) {
    const before = line.charCodeAt(at - 1);
    if (before === 32 || before === 44) break;
    at = line.indexOf(name, at + 1);
  }
  return at === -1 ? -1 : at + name.length;
}

/**
 * The value of field `name` (see {@link fieldStart}) up to `end` (default
 * `, `) or the end of the line; `''` when the line has no such field.
 * @internal
 */
export function fieldValue(line: string, name: string, from: number, end = ', '): string {
  const start = fieldStart(line, name, from);
  if (start === -1) return '';
  const stop = line.indexOf(end, start);
  return line.slice(start, stop === -1 ? line.length : stop);
}

/** Where the word at `from` ends: at a space, a comma or the end of the line. @internal */
export function wordEnd(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 44) break;
    i++;
  }
  return i;
}

/**
 * The text in parentheses after a Postfix `status=` word: the remote reply
 * after `said: ` (its `(in reply to ... command)` read as the command), the
 * greeting after `refused to talk to me: ` (a reply to the connection, whose
 * command is `CONNECT`: postfix/src/smtp/smtp_proto.c logs a 4xx or 5xx
 * greeting so), or the local text (`connect to ...: Connection refused`).
 * @internal
 */
export function postfixDetail(line: string, statusEnd: number, f: FieldsDraft): void {
  if (line.charCodeAt(statusEnd) !== 32 || line.charCodeAt(statusEnd + 1) !== 40 /* ( */) return;
  let end = line.length;
  if (line.charCodeAt(end - 1) === 41 /* ) */) end--;
  const said = line.indexOf(SAID, statusEnd);
  if (said === -1 || said >= end) {
    const refused = line.indexOf(REFUSED, statusEnd);
    if (refused === -1 || refused >= end) setReply(f, line.slice(statusEnd + 2, end));
    else {
      setReply(f, line.slice(refused + REFUSED.length, end));
      f.command = 'CONNECT';
    }
    return;
  }
  const start = said + SAID.length;
  const open = inReplyTo(line, start, end);
  if (open === -1) setReply(f, line.slice(start, end));
  else {
    setReply(f, line.slice(start, spacesBefore(line, start, open)));
    f.command = line.slice(open + IN_REPLY_TO.length, end - COMMAND_CLOSE.length);
  }
}

const SAID = ' said: ';
const REFUSED = ' refused to talk to me: ';

/**
 * Postfix ends a quoted reply with `(in reply to RCPT TO command)`
 * (postfix/src/smtp/smtp_chat.c): where that `(` is in `line[start, end)`,
 * the command between being 1 to 40 characters of one line; -1 without it.
 * Found from the end: the text before it is the remote server's.
 */
function inReplyTo(line: string, start: number, end: number): number {
  const last = end - COMMAND_CLOSE.length;
  if (last < start || !line.startsWith(COMMAND_CLOSE, last)) return -1;
  // The first `(in reply to ` whose command fits, as the leftmost match of /\(in reply to (.{1,40}?) command\)$/.
  let open = line.indexOf(IN_REPLY_TO, Math.max(start, last - 40 - IN_REPLY_TO.length));
  while (open !== -1 && open + IN_REPLY_TO.length < last) {
    if (!hasLineBreak(line, open + IN_REPLY_TO.length, last)) return open;
    open = line.indexOf(IN_REPLY_TO, open + 1);
  }
  return -1;
}

const IN_REPLY_TO = '(in reply to ';
const COMMAND_CLOSE = ' command)';

/** Where the white space (as `\s` reads it) before `at` starts, not before `from`. */
function spacesBefore(line: string, from: number, at: number): number {
  let i = at;
  while (i > from && isWhiteSpace(line.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether `line[from, to)` holds a line terminator, which a regular expression's `.` does not match. */
function hasLineBreak(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/**
 * Sendmail's `stat=` (the rest of the line): `Sent (id)` delivered,
 * `Deferred: text` delayed, `queued` (no outcome yet), anything else the
 * failure text (sendmail op.me, "Log Messages").
 * @internal
 */
export function sendmailStat(text: string, f: FieldsDraft): void {
  if (text.startsWith('Sent')) {
    f.status = 'Sent';
    f.action = 'delivered';
    const open = text.indexOf('(');
    if (open !== -1) setReply(f, text.slice(open + 1, text.endsWith(')') ? -1 : undefined));
  } else if (text.startsWith('Deferred')) {
    f.status = 'Deferred';
    f.action = 'delayed';
    const colon = text.indexOf(': ');
    if (colon !== -1) setReply(f, text.slice(colon + 2));
  } else if (text === 'queued') {
    f.status = 'queued';
  } else {
    f.status = text;
    f.action = 'failed';
    setReply(f, text);
  }
}
