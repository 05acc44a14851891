/**
 * Field readers shared by the Postfix and Sendmail formats: both log
 * `name=value` pairs separated by `, ` after the queue id.
 *
 * @packageDocumentation
 * @internal
 */

import { set, type FieldsDraft } from './fields.js';

/**
 * The value of field `name` (given with its `=`, and `<` when the value is
 * bracketed) at or after `from`, up to `end` (default `, `) or the end of the
 * line. The name must start the body or follow a space or comma, so `to=`
 * does not match inside `orig_to=`.
 * @internal
 */
export function fieldValue(line: string, name: string, from: number, end = ', '): { value: string; end: number } | undefined {
  let at = line.indexOf(name, from);
  while (at !== -1 && at > from) {
    const before = line.charCodeAt(at - 1);
    if (before === 32 || before === 44) break;
    at = line.indexOf(name, at + 1);
  }
  if (at === -1) return undefined;
  const start = at + name.length;
  if (name === 'status=') {
    // A word: `status=sent (...)`, `status=expired, returned to sender`.
    let i = start;
    while (i < line.length) {
      const c = line.charCodeAt(i);
      if (c === 32 || c === 44) break;
      i++;
    }
    return { value: line.slice(start, i), end: i };
  }
  const stop = line.indexOf(end, start);
  const e = stop === -1 ? line.length : stop;
  return { value: line.slice(start, e), end: e };
}

/** Postfix's `(in reply to RCPT TO command)` at the end of a quoted reply (postfix/src/smtp/smtp_chat.c). */
const IN_REPLY_TO = /\s*\(in reply to (.{1,40}?) command\)$/;

/**
 * The text in parentheses after a Postfix `status=` word: the remote reply
 * after `said: ` (its `(in reply to ... command)` read as the command), or
 * the local text (`connect to ...: Connection refused`).
 * @internal
 */
export function postfixDetail(line: string, statusEnd: number, f: FieldsDraft): void {
  if (line.charCodeAt(statusEnd) !== 32 || line.charCodeAt(statusEnd + 1) !== 40 /* ( */) return;
  let end = line.length;
  if (line.charCodeAt(end - 1) === 41 /* ) */) end--;
  const said = line.indexOf(' said: ', statusEnd);
  if (said === -1 || said >= end) {
    set(f, 'reply', line.slice(statusEnd + 2, end));
    return;
  }
  const text = line.slice(said + 7, end);
  const m = IN_REPLY_TO.exec(text);
  if (m === null) set(f, 'reply', text);
  else {
    set(f, 'reply', text.slice(0, m.index));
    f.command = m[1]!;
  }
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
    if (open !== -1) set(f, 'reply', text.slice(open + 1, text.endsWith(')') ? -1 : undefined));
  } else if (text.startsWith('Deferred')) {
    f.status = 'Deferred';
    f.action = 'delayed';
    const colon = text.indexOf(': ');
    if (colon !== -1) set(f, 'reply', text.slice(colon + 2));
  } else if (text === 'queued') {
    f.status = 'queued';
  } else {
    f.status = text;
    f.action = 'failed';
    set(f, 'reply', text);
  }
}
