/**
 * Exim's main log (Exim specification, chapter "Log files"): `DATE ID FLAG
 * address [<original>] R=router T=transport H=host [ip] ...: error text`,
 * and `... rejected RCPT <address>: text` lines without a message id.
 *
 * @packageDocumentation
 * @internal
 */

import { lastLine, newFields, setReply, type FieldsDraft, type LogFields } from './fields.js';

/** The date, an optional zone and `[pid]`, then the message id (old 6-6-2 and Exim 4.97's 6-11-4 forms). Group 1 is the id. */
const EXIM_HEAD =
  /(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? (?:[+-]\d{4} )?)?(?:\[\d+\] )?(?:([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) )?/y;

/** The log flags (section "Log message flags") and the DSN Action each stands for; `<=` is an arrival, not an outcome. */
const EXIM_ACTION: Readonly<Record<string, LogFields['action'] | null>> = {
  '<=': null,
  '=>': 'delivered',
  '->': 'delivered',
  '*>': 'delivered',
  '>>': 'delivered',
  '**': 'failed',
  '==': 'delayed',
};

/**
 * The log flag at `at`, followed by a space: one of {@link EXIM_ACTION}'s
 * keys, read without building a string (every line of an Exim log has one).
 */
function flagAt(line: string, at: number): string | undefined {
  if (line.charCodeAt(at + 2) !== 32) return undefined;
  const a = line.charCodeAt(at);
  const b = line.charCodeAt(at + 1);
  if (b === 62 /* > */) return a === 61 ? '=>' : a === 45 ? '->' : a === 42 ? '*>' : a === 62 ? '>>' : undefined;
  if (a === b) return a === 42 ? '**' : a === 61 ? '==' : undefined;
  return a === 60 && b === 61 ? '<=' : undefined;
}

/** `SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 ...` (and the older "remote mailer"). */
const SMTP_ERROR = /SMTP error from remote (?:mail server|mailer|server) after (?:pipelined )?([^:]{1,40}):/;

/**
 * Reads an Exim log line from `from` (after a syslog head, or 0).
 * @internal
 */
export function readExim(line: string, from = 0): LogFields | undefined {
  EXIM_HEAD.lastIndex = from;
  const head = EXIM_HEAD.exec(line);
  // A line of Exim's own log starts with its date; through syslog (`from` > 0) the date is syslog's, so Exim's may be absent.
  if (head === null || (head[0].length === 0 && from === 0)) return undefined;
  const id = head[1];
  const p = from + head[0].length;
  lastLine.textStart = p;
  if (id === undefined) return eximReject(line, p);
  const f = newFields('exim', id);
  const flag = flagAt(line, p);
  if (flag === undefined) return f;
  f.status = flag;
  const action = EXIM_ACTION[flag]!;
  if (action === null) return f;
  const a = addressEnd(line, p + 3);
  if (a > p + 3) f.recipient = line.slice(p + 3, a);
  f.action = action;
  const router = tagValue(line, ' R=', a);
  if (router !== '') f.router = router;
  const transport = tagValue(line, ' T=', a);
  if (transport !== '') f.transport = transport;
  const relay = tagValue(line, ' H=', a);
  if (relay !== '') f.relay = relay;
  if (action === 'delivered') {
    // The remote server's confirmation: `C="250 2.0.0 OK id=..."`.
    const c = line.indexOf(' C="', a);
    if (c !== -1) setReply(f, line.slice(c + 4, line.endsWith('"') ? -1 : undefined));
    return f;
  }
  const colon = line.indexOf(': ', a);
  if (colon !== -1) errorText(line.slice(colon + 2), f);
  return f;
}

/** The address at `from` runs to the next space, or to `:` before the error (`** bob@example.com: Unrouteable address`). */
function addressEnd(line: string, from: number): number {
  const space = line.indexOf(' ', from);
  if (space === -1) return line.length;
  return space > from && line.charCodeAt(space - 1) === 58 /* : */ ? space - 1 : space;
}

/** A `T=`-style tag's value: from after the tag to the next space; `''` without the tag. */
function tagValue(line: string, tag: string, from: number): string {
  const at = line.indexOf(tag, from);
  if (at === -1) return '';
  const start = at + tag.length;
  let end = line.indexOf(' ', start);
  if (end === -1) end = line.length;
  // `H=mx.example.com [192.0.2.1]:` and `R=dnslookup:` end at the colon.
  if (line.charCodeAt(end - 1) === 58) end--;
  return line.slice(start, end);
}

/** Exim's error text: the remote reply and the command it answered when the text says, else the whole text. */
function errorText(text: string, f: FieldsDraft): void {
  // The texts that quote a remote reply start with "SMTP error": tested before the regex.
  const m = text.startsWith('SMTP error') ? SMTP_ERROR.exec(text) : null;
  if (m === null) {
    setReply(f, text);
    return;
  }
  const rest = m.index + m[0].length;
  // The reply follows the first `: ` after the command (`RCPT TO:<a@b>: 550 ...`, `end of data: 550 ...`).
  const sep = text.charCodeAt(rest) === 32 ? rest - 1 : text.indexOf(': ', rest);
  let start = sep === -1 ? rest : sep + 2;
  // Older Exims name the host first: `... RCPT TO:<a@b>: host mx.example.com [192.0.2.1]: 550 ...`.
  if (text.startsWith('host ', start)) {
    const close = text.indexOf(']: ', start);
    if (close !== -1) start = close + 3;
  }
  setReply(f, text.slice(start));
  f.command = m[1]!;
}

/** `H=(helo) [ip] F=<sender> rejected RCPT <bob@example.com>: text`, `temporarily rejected ...`, `rejected after DATA: text`. */
const EXIM_REJECT = / (temporarily )?rejected (RCPT|MAIL|after DATA|EHLO|HELO|connection)(?: <([^>]*)>)?: /;

function eximReject(line: string, from: number): LogFields | undefined {
  const m = EXIM_REJECT.exec(line.slice(from));
  // Other lines without a message id (connections, queue runs) are left to the caller.
  if (m === null) return undefined;
  // H= here is the client that was rejected, not a relay: left out.
  const f = newFields('exim');
  f.status = 'reject';
  f.action = m[1] === undefined ? 'failed' : 'delayed';
  if (m[3] !== undefined && m[3] !== '') f.recipient = m[3];
  setReply(f, line.slice(from + m.index + m[0].length));
  f.command = m[2] === 'after DATA' ? 'END-OF-DATA' : m[2] === 'connection' ? 'CONNECT' : m[2]!;
  return f;
}
