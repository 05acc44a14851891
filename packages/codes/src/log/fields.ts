/**
 * Reads the fields a mail server's log line already carries about one
 * delivery: who to, through which relay, the DSN status and what the remote
 * server said. Three log formats, each as its own documentation defines it:
 *
 * - Postfix (`postfix/smtp[pid]: QUEUEID: to=<...>, relay=..., delay=...,
 *   delays=..., dsn=5.1.1, status=bounced (host ... said: 550 ... (in reply
 *   to RCPT TO command))`), the delivery agents' status lines
 *   (www.postfix.org/DEBUG_README.html, "status=" in postconf(5)'s
 *   smtp_* pages) and smtpd's `NOQUEUE: reject: RCPT from ...: 554 ...;
 *   from=<...> to=<...>` lines;
 * - Exim's main log (Exim specification, chapter "Log files", section
 *   "Log message flags"): `<=` arrival, `=>` delivery, `->` further address
 *   of the same delivery, `*>` suppressed delivery, `**` failed, `==`
 *   deferred, with `R=` router, `T=` transport, `H=` host and the error
 *   text after `: `; and its `rejected RCPT <...>: text` lines;
 * - Sendmail (`sendmail[pid]`/`sm-mta[pid]: QUEUEID: to=<...>, ...,
 *   relay=host. [ip], dsn=5.1.1, stat=User unknown`, sendmail op.me
 *   section "Log Messages"), and its `ruleset=..., reject=550 ...` lines.
 *
 * Every reader is a handful of `indexOf` calls and anchored regular
 * expressions without nested quantifiers: linear in the line's length.
 *
 * @packageDocumentation
 */

import { fieldStart, fieldValue, postfixDetail, sendmailStat, wordEnd } from './postfix-sendmail.js';
import { readExim } from './exim.js';

/** The log formats {@link readLogLine} knows. */
export const logFormats = ['postfix', 'exim', 'sendmail'] as const;

/** One of {@link logFormats}. */
export type LogFormat = (typeof logFormats)[number];

/**
 * What a log line says about a delivery, as {@link readLogLine} reads it. A
 * field the line does not hold is `undefined`: every object has every key,
 * in this order, whatever the format.
 */
export interface LogFields {
  /** Which server's format the line is in. */
  readonly format: LogFormat;
  /** The server's queue id (Postfix, Sendmail) or message id (Exim). */
  readonly queueId?: string;
  /** The recipient: Postfix/Sendmail `to=`, Exim's address after the flag; the first one when the line names several. */
  readonly recipient?: string;
  /**
   * Every recipient, when the line names more than one: Sendmail logs one
   * line per delivery attempt with all the recipients it went to, as
   * `to=<a@example.com>,<b@example.org>` (sendmail op.me, "Log Messages").
   */
  readonly recipients?: readonly string[];
  /** The remote host: Postfix/Sendmail `relay=`, Exim `H=`. */
  readonly relay?: string;
  /** The DSN status code the server logged: Postfix/Sendmail `dsn=` (RFC 3463 syntax). */
  readonly dsn?: string;
  /**
   * The delivery status word as logged: Postfix `status=` (`sent`,
   * `deferred`, `bounced`, `expired`, `undeliverable`...), Sendmail `stat=`'s
   * first word (`Sent`, `Deferred`, or the failure text), Exim's flag
   * (`<=`, `=>`, `->`, `*>`, `**`, `==`), or `reject` for a rejection line.
   */
  readonly status?: string;
  /**
   * The RFC 3464 section 2.3.3 Action that status stands for: `failed`,
   * `delayed`, `delivered`. Absent for a status that is not a delivery
   * outcome (an arrival, a rejection whose class the reply code gives).
   */
  readonly action?: 'failed' | 'delayed' | 'delivered';
  /**
   * What the remote server (or the local agent) said: Postfix's text after
   * `said:` or in the status's parentheses, Exim's error text or `C=`
   * confirmation, Sendmail's `stat=`/`reject=` text.
   */
  readonly reply?: string;
  /** The SMTP command the reply answered, as the line names it (`"RCPT TO"`, `"end of data"`). */
  readonly command?: string;
  /** Exim's `R=` router. */
  readonly router?: string;
  /** Exim's `T=` transport. */
  readonly transport?: string;
}

/**
 * A syslog line's head: an RFC 3164 (`Nov 28 10:00:01`) or RFC 3339
 * (`2024-11-28T10:00:01.123+00:00`) time, the host, the program with an
 * optional `[pid]`, and `: `.
 */
const SYSLOG_TIME_HOST = String.raw`^(?:[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:?\d\d)?) \S+ `;
const PID = String.raw`(?:\[\d+\])?: `;

/** A Postfix or Sendmail queue id and its `: `: 1 to 24 ASCII letters and digits. */
const QUEUE_ID = String.raw`([0-9A-Za-z]{1,24}): `;

/**
 * A delivery agent's status line in the order Postfix writes its fields
 * (postfix/src/global/log_adhoc.c): `to=<...>, [orig_to=<...>, ]relay=...,
 * [conn_use=..., ]delay=..., delays=..., dsn=..., status=WORD`. No value
 * holds a space or a comma, so each field is the first of its name, as
 * {@link readPostfix} finds them. Groups: recipient, relay, dsn, status word.
 */
const POSTFIX_STATUS = String.raw`to=<([^>, ]*)>, (?:orig_to=<[^>, ]*>, )?relay=([^, ]*), (?:conn_use=[^, ]*, )?delay=[^, ]*, delays=[^, ]*, dsn=([^, ]*), status=([^ ,]*)`;

/**
 * The syslog head and the queue id of a Postfix or Sendmail program, and
 * the fields of a Postfix status line of the usual shape, in one match (most
 * lines of a Postfix log are read by this match alone). Postfix's daemons
 * log as `postfix/smtp`..., Sendmail as `sendmail`, `sm-mta` and
 * `sm-msp-queue`. Groups: 1 empty for Postfix, 2 its queue id, 3-6
 * {@link POSTFIX_STATUS}'s groups; 7 empty for Sendmail, 8 its queue id;
 * 9 any other program.
 */
const SYSLOG_HEAD = new RegExp(
  SYSLOG_TIME_HOST +
    `(?:postfix[A-Za-z0-9_./-]*${PID}()(?:${QUEUE_ID}(?:${POSTFIX_STATUS})?)?` +
    `|(?:sendmail|sm-mta|sm-msp[A-Za-z0-9_./-]*)${PID}()(?:${QUEUE_ID})?` +
    `|([A-Za-z0-9_./-]+)${PID})`,
);

/**
 * Where the text of the last line {@link readLogLine} read starts, after its
 * head: Exim's date, pid and message id (set by `readExim`), {@link SYSLOG}
 * for a syslog head (its end is found only when asked, see
 * {@link lastTextStart}: most lines never need it), 0 for a line with
 * neither.
 * @internal
 */
export const lastLine = { textStart: 0 };

/** {@link lastLine}'s mark of a syslog head. */
const SYSLOG = -1;

/**
 * Where the text of `line`, which {@link readLogLine} has just read, starts
 * after its head: the syslog time, host and `program[pid]: ` (any program),
 * or Exim's date, pid and message id; 0 for a line with neither. A pid or a
 * time is never a reply code (`postfix/qmgr[550]: ... removed`), and a host
 * or a program name is no part of what a server said.
 * @internal
 */
export function lastTextStart(line: string): number {
  return lastLine.textStart === SYSLOG ? programEnd(line) : lastLine.textStart;
}

/**
 * Reads the delivery fields of one Postfix, Exim or Sendmail log line.
 *
 * @example
 * ```ts
 * readLogLine('Nov 28 10:00:01 mx1 postfix/smtp[4711]: 4B1C52A0F1: to=<bob@example.com>, relay=none, delay=0.1, dsn=5.1.1, status=bounced');
 * // { format: 'postfix', queueId: '4B1C52A0F1', recipient: 'bob@example.com', relay: 'none', dsn: '5.1.1', status: 'bounced', action: 'failed', reply: undefined, ... }
 * ```
 * @returns The fields, or `undefined` when the line is not in one of
 * {@link logFormats} (a bare reply, a DSN field, another program's line).
 */
export function readLogLine(line: string): LogFields | undefined {
  lastLine.textStart = 0;
  const c0 = line.charCodeAt(0);
  // Exim's lines start with the date (`2024-11-28 10:00:01`); syslog's with
  // a month name or an RFC 3339 time (`2024-11-28T...`).
  if (c0 >= 48 && c0 <= 57 && line.charCodeAt(10) === 32) return readExim(line);
  // The times SYSLOG_HEAD reads have a space at 3 or a `-` at 4: other lines cost no match.
  if (line.charCodeAt(3) !== 32 && line.charCodeAt(4) !== 45) return undefined;
  const head = SYSLOG_HEAD.exec(line);
  if (head === null) return undefined;
  lastLine.textStart = SYSLOG;
  const rest = head[0].length;
  if (head[1] !== undefined) return head[3] === undefined ? readPostfix(line, rest, head[2]) : postfixStatusLine(line, head, rest);
  if (head[7] !== undefined) return readSendmail(line, rest, head[8]);
  // Exim logging to syslog: `exim[pid]: 1tAbCd-...`.
  const program = head[9]!;
  if (program === 'exim' || program === 'exim4') return readExim(line, rest);
  return undefined;
}

/**
 * Where the `program[pid]: ` of a line that SYSLOG_HEAD read ends: the
 * first `: ` after the host, which starts after the time (15 characters and
 * a space in RFC 3164's form, up to the first space in RFC 3339's) and ends
 * at the next space (it holds no whitespace; it may hold colons, the
 * program and its pid do not).
 */
function programEnd(line: string): number {
  const host = line.charCodeAt(3) === 32 ? 16 : line.indexOf(' ') + 1;
  return line.indexOf(': ', line.indexOf(' ', host) + 1) + 2;
}

/**
 * Postfix `status=` words and the DSN Action each stands for
 * (postfix/src/global/log_adhoc.c, bounce(8)); any other word stands for
 * none. The usual three are compared first: a lookup by a string cut out of
 * the line must first find its interned copy.
 */
function postfixAction(word: string): LogFields['action'] {
  switch (word) {
    case 'sent':
      return 'delivered';
    case 'bounced':
      return 'failed';
    case 'deferred':
      return 'delayed';
    case 'deliverable':
      return 'delivered';
    case 'expired':
    case 'undeliverable':
      return 'failed';
    default:
      return undefined;
  }
}

/** A {@link LogFields} being filled in. @internal */
export type FieldsDraft = { -readonly [K in keyof LogFields]: LogFields[K] };

/**
 * A {@link LogFields} with no field read yet: every reader starts from this
 * one shape, so the code that reads the fields of a whole log (classify, the
 * CLI) sees one object layout. Fields added as found would make one layout
 * per combination of present fields (a dozen in a mixed log): V8 then reads
 * them by slower lookups, and drops compiled code that held a layout no
 * longer in use (2 threads on a 100 MB log: 0.68 s against 0.71 s).
 * @internal
 */
export function newFields(format: LogFormat, queueId?: string): FieldsDraft {
  return {
    format,
    queueId,
    recipient: undefined,
    recipients: undefined,
    relay: undefined,
    dsn: undefined,
    status: undefined,
    action: undefined,
    reply: undefined,
    command: undefined,
    router: undefined,
    transport: undefined,
  };
}

/** Sets `f.reply` when `reply` is not empty. @internal */
export function setReply(f: FieldsDraft, reply: string): void {
  if (reply !== '') f.reply = reply;
}

/**
 * The queue id `word` (what SYSLOG_HEAD read before `: `) is, or `undefined`
 * for the words that stand there without being one: `NOQUEUE`, which
 * Postfix's smtpd and Sendmail write for what they refuse before a queue
 * file exists, the severities of Postfix's msg(3) (`warning:`, `error:`,
 * `fatal:`, `panic:`) and anvil's `statistics:`. Compared one by one: a
 * comparison of strings of other lengths costs nothing, a set lookup a hash
 * of the word on every line.
 */
function queueIdOf(word: string | undefined): string | undefined {
  return word === 'NOQUEUE' || word === 'warning' || word === 'error' || word === 'fatal' || word === 'panic' || word === 'statistics'
    ? undefined
    : word;
}

/**
 * A Postfix line after the word in the place of its queue id (`body`, read
 * by {@link SYSLOG_HEAD}) other than a status line of the usual shape.
 */
function readPostfix(line: string, body: number, word: string | undefined): LogFields {
  const f = newFields('postfix', queueIdOf(word));
  if (word === undefined) return f;
  // smtpd/cleanup rejections: `NOQUEUE: reject: RCPT from host[ip]: 554 5.7.1 ...; from=<...> to=<...> proto=...`.
  if (line.startsWith('reject: ', body) || line.startsWith('milter-reject: ', body)) return postfixReject(line, body, f);
  // `warning: ...`, `NOQUEUE: filter: ...`: about no delivery.
  if (f.queueId === undefined) return f;
  const status = fieldStart(line, 'status=', body);
  if (status < 0) return f;
  // A word: `status=sent (...)`, `status=expired, returned to sender`.
  const statusEnd = wordEnd(line, status);
  const to = fieldValue(line, 'to=<', body, '>');
  if (to !== '') f.recipient = to;
  const relay = fieldValue(line, 'relay=', body);
  if (relay !== '') f.relay = relay;
  const dsn = fieldValue(line, 'dsn=', body);
  if (dsn !== '') f.dsn = dsn;
  postfixStatus(line, line.slice(status, statusEnd), statusEnd, f);
  return f;
}

/** A status line that {@link POSTFIX_STATUS} read (its match ending at `end`, after the status word). */
function postfixStatusLine(line: string, m: RegExpExecArray, end: number): LogFields {
  const f = newFields('postfix', m[2]!);
  if (m[3] !== '') f.recipient = m[3]!;
  if (m[4] !== '') f.relay = m[4]!;
  if (m[5] !== '') f.dsn = m[5]!;
  postfixStatus(line, m[6]!, end, f);
  return f;
}

/** The `status=` word, which ends at `end`, the Action it stands for and the text after it. */
function postfixStatus(line: string, word: string, end: number, f: FieldsDraft): void {
  f.status = word;
  const action = postfixAction(word);
  if (action !== undefined) f.action = action;
  postfixDetail(line, end, f);
}

/** A Postfix reject line: the reply after the client (see {@link clientEnd}) up to `; from=`, the command before ` from `. */
function postfixReject(line: string, body: number, f: FieldsDraft): LogFields {
  const verb = line.indexOf(': ', body) + 2;
  const from = line.indexOf(' from ', verb);
  f.status = 'reject';
  const to = fieldValue(line, 'to=<', body, '>');
  if (to !== '') f.recipient = to;
  const start = clientEnd(line, verb);
  if (start !== -1) {
    const end = line.indexOf('; from=<', start);
    setReply(f, line.slice(start, end === -1 ? line.length : end));
  }
  if (from > verb && from - verb < 24) f.command = line.slice(verb, from);
  return f;
}

/**
 * Where the reply starts after the client of a reject line: `host[ip]: `
 * (smtpd) or `[ip]:port: ` (postscreen); -1 without either.
 */
function clientEnd(line: string, from: number): number {
  CLIENT_END.lastIndex = from;
  return CLIENT_END.test(line) ? CLIENT_END.lastIndex : -1;
}

const CLIENT_END = /\](?::\d+)?: /g;

/** A Sendmail line after the word in the place of its queue id (`body`, read by {@link SYSLOG_HEAD}). */
function readSendmail(line: string, body: number, word: string | undefined): LogFields {
  const f = newFields('sendmail', queueIdOf(word));
  // `NOQUEUE: ruleset=check_rcpt, ..., reject=...` is read as the others.
  if (word === undefined) return f;
  // `ruleset=check_rcpt, arg1=<bob@example.com>, relay=..., reject=550 5.7.1 <bob@example.com>... Relaying denied`.
  if (line.startsWith('ruleset=', body)) {
    const reject = line.indexOf('reject=', body);
    if (reject === -1) return f;
    const rule = fieldValue(line, 'ruleset=', body);
    f.status = 'reject';
    const recipient = rule === 'check_rcpt' ? stripAngles(fieldValue(line, 'arg1=', body)) : '';
    if (recipient !== '') f.recipient = recipient;
    const relay = fieldValue(line, 'relay=', body);
    if (relay !== '') f.relay = relay;
    setReply(f, line.slice(reject + 7));
    if (rule === 'check_rcpt') f.command = 'RCPT';
    else if (rule === 'check_mail') f.command = 'MAIL';
    return f;
  }
  if (!line.startsWith('to=', body)) return f;
  const stat = line.indexOf('stat=', body);
  if (stat === -1) return f;
  sendmailRecipients(fieldValue(line, 'to=', body), f);
  const relay = fieldValue(line, 'relay=', body);
  if (relay !== '') f.relay = relay;
  const dsn = fieldValue(line, 'dsn=', body);
  if (dsn !== '') f.dsn = dsn;
  sendmailStat(line.slice(stat + 5), f);
  return f;
}

/**
 * Sendmail's `to=` list: addresses separated by commas (`<a@x>,<b@y>` or
 * `a@x,b@y`), each with or without angle brackets. A comma inside `<...>`
 * or a quoted string (`"Doe, J" <j@x>`) is part of its address.
 */
function sendmailRecipients(list: string, f: FieldsDraft): void {
  if (list.indexOf(',') === -1) {
    // One address, the usual case.
    const a = stripAngles(list.trim());
    if (a !== '') f.recipient = a;
    return;
  }
  const all: string[] = [];
  let start = 0;
  let inAngle = false;
  let inQuote = false;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c === 34 /* " */ && !inAngle) inQuote = !inQuote;
    else if (c === 60 /* < */ && !inQuote) inAngle = true;
    else if (c === 62 /* > */ && !inQuote) inAngle = false;
    else if (c === 44 /* , */ && ((!inAngle && !inQuote) || i === list.length)) {
      const a = stripAngles(list.slice(start, i).trim());
      if (a) all.push(a);
      start = i + 1;
    }
  }
  if (all.length > 0) f.recipient = all[0]!;
  if (all.length > 1) f.recipients = all;
}

function stripAngles(v: string): string {
  return v.charCodeAt(0) === 60 && v.charCodeAt(v.length - 1) === 62 ? v.slice(1, -1) : v;
}
