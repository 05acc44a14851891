/**
 * Formatting SMTP replies for the wire (RFC 5321 section 4.2, RFC 2034
 * section 4), and an `Error` for the callbacks of the `smtp-server` package.
 *
 * Every reply {@link formatReply} writes is one that `parseReply` accepts and
 * reads back to the same code, enhanced code and (normalized) lines.
 *
 * @packageDocumentation
 */

import { BAD_CODE, badCodeEnd, isEnhancedCode, isRegistryCode, matchEnhancedCode } from './enhanced-code.js';
import type { EnhancedCode, RegistryCode } from './types.js';

/** What {@link formatReply} and {@link replyError} take. */
export interface ReplyInput {
  /** The reply code: an integer 200-599 whose second digit is 0-5 (RFC 5321 section 4.2). */
  readonly code: number;
  /**
   * The enhanced status code to put on every line (RFC 2034 section 4), e.g.
   * `"5.1.1"`. A registry code such as `EnhancedStatus.MailboxFull`
   * (`"X.2.2"`) gets the reply code's class (`"5.2.2"` for a 552). Not
   * allowed on 3xx replies: RFC 3463 defines no class 3.
   */
  readonly enhanced?: EnhancedCode | RegistryCode | string | undefined;
  /**
   * The text: a string, or one string per line. CR, LF and CRLF inside a
   * string start a new line; a single line ending at the very end of a string
   * is dropped. See {@link formatReply} for how text is cleaned and wrapped.
   */
  readonly text?: string | readonly string[] | undefined;
}

/** Options of {@link formatReply}. */
export interface FormatReplyOptions {
  /**
   * The most octets of a line including its CRLF, counted in UTF-8.
   * Default 512 (RFC 5321 section 4.5.3.1.5). Must leave room for at least
   * one character of text after the prefix.
   */
  readonly maxLineLength?: number;
}

/** The code, enhanced code and wrapped lines of a reply, as {@link formatReply} writes them. */
export interface ReplyLines {
  /** The reply code. */
  readonly code: number;
  /** The enhanced code with its class, or `undefined`. */
  readonly enhanced: EnhancedCode | undefined;
  /** The text of each line, cleaned and wrapped, without prefixes. */
  readonly lines: readonly string[];
}

const DEFAULT_MAX_LINE_LENGTH = 512;

/** Checks the code and resolves the enhanced code; throws TypeError/RangeError with the reason. */
function resolveCodes(input: ReplyInput, fn: string): { code: number; enhanced: EnhancedCode | undefined } {
  if (input === null || typeof input !== 'object') {
    throw new TypeError(`${fn}: expected { code, enhanced?, text }, got ${input === null ? 'null' : typeof input}`);
  }
  const code = input.code;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 200 || code > 599) {
    throw new RangeError(`${fn}: reply code must be an integer from 200 to 599, got ${String(code)}`);
  }
  // RFC 5321 section 4.2: the second digit is 0-5; anything else could not be parsed back.
  if (((code / 10) | 0) % 10 > 5) {
    throw new RangeError(`${fn}: the second digit of reply code ${code} must be 0-5 (RFC 5321 section 4.2)`);
  }
  const severity = (code / 100) | 0;
  const given = input.enhanced;
  if (given === undefined || given === null) return { code, enhanced: undefined };
  if (typeof given !== 'string') {
    throw new TypeError(`${fn}: enhanced must be a string such as "5.1.1", got ${typeof given}`);
  }
  if (severity === 3) {
    throw new RangeError(
      `${fn}: reply code ${code} is a 3xx reply, which carries no enhanced status code (RFC 3463 has no class 3), got "${given}"`,
    );
  }
  let enhanced: string;
  if (isRegistryCode(given)) {
    enhanced = `${severity}${given.slice(1)}`;
  } else if (isEnhancedCode(given)) {
    enhanced = given;
  } else {
    throw new RangeError(`${fn}: "${given}" is not an enhanced status code such as "5.1.1" or "X.1.1" (RFC 3463 section 2)`);
  }
  // RFC 3463 section 2: the class "MUST match the class of the SMTP reply".
  if (enhanced.charCodeAt(0) - 48 !== severity) {
    throw new RangeError(
      `${fn}: enhanced status code ${enhanced} (class ${enhanced[0]}) does not agree with reply code ${code} (class ${severity})`,
    );
  }
  return { code, enhanced: enhanced as EnhancedCode };
}

/**
 * Cleans one piece of text: C0 controls other than HT, DEL and C1 controls
 * become a space (they must never reach the wire raw: NUL and ESC confuse
 * clients and terminals); lone surrogates, which have no UTF-8 form, become
 * U+FFFD. Line breaks were already split off.
 */
function clean(s: string): string {
  let out: string | undefined;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if ((c < 32 && c !== 9) || (c >= 127 && c <= 159)) {
      rep = ' ';
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\ufffd';
    } else {
      continue;
    }
    out = (out ?? '') + s.slice(from, i) + rep;
    from = i + 1;
  }
  return out === undefined ? s : out + s.slice(from);
}

/** Splits text into lines at CRLF, CR and LF, dropping one trailing line ending. */
function splitLines(text: string, into: string[]): void {
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    into.push(text.slice(start, i));
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  // "a\n" is one line, not "a" and "".
  if (start < n || start === 0) into.push(text.slice(start));
}

/** UTF-8 octets of the code point starting at `s[i]` (a valid pair counts 4). */
function octetsAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  return 3;
}

/**
 * Wraps one cleaned line to at most `budget` UTF-8 octets per piece: at the
 * last space that fits (the space is dropped, so joining the pieces with a
 * space gives the line back), or, for a word longer than the budget, between
 * two code points (never inside a UTF-8 sequence or a surrogate pair).
 */
function wrap(line: string, budget: number, into: string[]): void {
  let start = 0;
  const n = line.length;
  while (start < n) {
    let octets = 0;
    let i = start;
    let lastSpace = -1;
    while (i < n) {
      const o = octetsAt(line, i);
      if (octets + o > budget) break;
      if (line.charCodeAt(i) === 32) lastSpace = i;
      octets += o;
      i += o === 4 ? 2 : 1;
    }
    if (i >= n) {
      into.push(line.slice(start));
      return;
    }
    // A space right at the break point also counts: "aaa|_bbb" breaks there.
    if (line.charCodeAt(i) === 32) lastSpace = i;
    if (lastSpace > start) {
      into.push(line.slice(start, lastSpace));
      start = lastSpace + 1;
    } else {
      into.push(line.slice(start, i));
      start = i;
    }
  }
}

/** UTF-8 length of a string (lone surrogates count 3, as U+FFFD). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    const o = octetsAt(s, i);
    n += o;
    if (o === 4) i++;
  }
  return n;
}

/**
 * Does the start of `line` read as an enhanced status code to `parseReply`
 * (a code-shaped token, valid or not, followed by a space or the end of the
 * line)? Such a first line without an enhanced code would not round-trip.
 */
function startsWithStatusCode(line: string): boolean {
  const m = matchEnhancedCode(line, 0, line.length);
  const end = m >= 0 ? m : m <= BAD_CODE ? badCodeEnd(m) : -1;
  return end >= 0 && (end === line.length || line.charCodeAt(end) === 32);
}

/**
 * The code, enhanced code and lines {@link formatReply} would write, without
 * the prefixes: useful to inspect or test the wrapping.
 *
 * @param reply - As for {@link formatReply}.
 * @param options - As for {@link formatReply}.
 * @throws As {@link formatReply}.
 */
export function formatReplyLines(reply: ReplyInput, options?: FormatReplyOptions): ReplyLines {
  const { code, enhanced } = resolveCodes(reply, 'formatReply');
  const max = options?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  // "550-5.1.1 " or "550-": the prefix, plus CRLF.
  const overhead = 4 + (enhanced === undefined ? 0 : enhanced.length + 1) + 2;
  if (typeof max !== 'number' || !(max >= overhead + 4)) {
    throw new RangeError(`formatReply: maxLineLength must be a number of at least ${overhead + 4} for this reply, got ${String(max)}`);
  }
  const budget = max - overhead;

  const text = reply.text ?? '';
  const raw: string[] = [];
  if (typeof text === 'string') {
    splitLines(text, raw);
  } else if (Array.isArray(text)) {
    for (const t of text as readonly unknown[]) {
      if (typeof t !== 'string') throw new TypeError(`formatReply: every text line must be a string, got ${typeof t}`);
      splitLines(t, raw);
    }
    if (raw.length === 0) raw.push('');
  } else {
    throw new TypeError(`formatReply: text must be a string or an array of strings, got ${typeof text}`);
  }

  const lines: string[] = [];
  for (const r of raw) {
    const c = clean(r);
    if (utf8Length(c) <= budget) lines.push(c);
    else wrap(c, budget, lines);
  }

  // Without an enhanced code a client would take "5.1.1 ..." at the start of
  // the first line for one (RFC 2034 section 4), and a mistyped one would not
  // parse at all: refuse rather than send something ambiguous.
  if (enhanced === undefined && (code < 300 || code >= 400)) {
    const first = lines[0] ?? '';
    if (startsWithStatusCode(first)) {
      throw new RangeError(
        `formatReply: the text starts with "${first.slice(0, 12)}", which a client reads as an enhanced status code: pass it as \`enhanced\` instead`,
      );
    }
  }
  return { code, enhanced, lines };
}

/**
 * Writes an SMTP reply for the wire: every line `code "-"` (or `code SP` on
 * the last), then the enhanced code and a space, then the text, each ending
 * in CRLF (RFC 5321 section 4.2, RFC 2034 section 4).
 *
 * How text is treated, so that no input can inject a line or a raw control
 * character into the reply:
 * - CR, LF and CRLF start a new, properly prefixed line; one line ending at
 *   the end of a string is dropped; an array gives one line per element.
 * - Other C0 controls (except HT, which `textstring` allows), DEL and C1
 *   controls become a space; lone surrogates become U+FFFD.
 * - A line longer than `maxLineLength` octets (512, RFC 5321 section
 *   4.5.3.1.5, counted in UTF-8 with prefix and CRLF) is word-wrapped at the
 *   last space that fits, the space being dropped; a word longer than a line
 *   is split between code points.
 * - Empty text gives a bare line: `550 5.1.1`, or `250`; `334` is written
 *   `334 ` (RFC 4954 section 4: `"334" SP [base64]`). An empty line inside
 *   a multi-line reply is `550-5.1.1` or `550-`.
 *
 * @example
 * ```ts
 * formatReply({ code: 550, enhanced: '5.1.1', text: 'No such user\nTry another' });
 * // "550-5.1.1 No such user\r\n550 5.1.1 Try another\r\n"
 * formatReply({ code: 552, enhanced: EnhancedStatus.MailboxFull, text: 'Mailbox full' });
 * // "552 5.2.2 Mailbox full\r\n"
 * ```
 * @param reply - The code, optional enhanced code and text.
 * @param options - See {@link FormatReplyOptions}.
 * @returns The reply, every line ending in CRLF.
 * @throws RangeError when the code is not an integer 200-599 with a second
 * digit 0-5, when the enhanced code is invalid, given for a 3xx reply, or of
 * another class than the reply code (the message names both), or when the
 * text without an enhanced code starts with something a client would read as
 * one. TypeError for arguments of the wrong type.
 */
export function formatReply(reply: ReplyInput, options?: FormatReplyOptions): string {
  const { code, enhanced, lines } = formatReplyLines(reply, options);
  const tail = enhanced === undefined ? '' : enhanced;
  let out = '';
  const last = lines.length - 1;
  for (let i = 0; i <= last; i++) {
    const line = lines[i] as string;
    let prefix = `${code}${i === last ? ' ' : '-'}${tail}`;
    if (line === '') {
      // A bare "550" or "550-5.1.1"; 334 keeps its space (RFC 4954 section 4).
      if (i === last && enhanced === undefined && code !== 334) prefix = String(code);
      out += `${prefix}\r\n`;
    } else {
      out += `${prefix}${tail === '' ? '' : ' '}${line}\r\n`;
    }
  }
  return out;
}

/** Options of {@link replyError}. */
export interface ReplyErrorOptions {
  /**
   * Set to `true` when the `SMTPServer` runs with
   * `hideENHANCEDSTATUSCODES: false`: smtp-server then writes its own
   * enhanced code (from its table for the reply code) after the reply code,
   * so the message must not carry one too. Default `false`, matching
   * smtp-server's default (`hideENHANCEDSTATUSCODES: true`), where the
   * enhanced code has to be in the message.
   */
  readonly serverAddsEnhancedCode?: boolean;
}

/**
 * An `Error` for smtp-server callbacks (`onRcptTo`, `onMailFrom`, `onData`,
 * `onConnect`, ...): smtp-server replies with `err.responseCode` and
 * `err.message`.
 */
export class SmtpReplyError extends Error {
  /** The reply code smtp-server sends (it reads `err.responseCode`). */
  readonly responseCode: number;
  /** The enhanced status code the client receives, if any. */
  readonly enhancedCode: EnhancedCode | undefined;
  /** The text lines, cleaned and wrapped as {@link formatReply} does. */
  readonly lines: readonly string[];
  /** The full reply as {@link formatReply} writes it, for servers that can send multi-line replies. */
  readonly reply: string;

  /**
   * @param message - The message smtp-server writes after the reply code.
   * @param parts - The reply's parts.
   */
  constructor(
    message: string,
    parts: { responseCode: number; enhancedCode: EnhancedCode | undefined; lines: readonly string[]; reply: string },
  ) {
    super(message);
    this.name = 'SmtpReplyError';
    this.responseCode = parts.responseCode;
    this.enhancedCode = parts.enhancedCode;
    this.lines = parts.lines;
    this.reply = parts.reply;
  }
}

/**
 * Makes the error an smtp-server callback takes, so the client receives the
 * reply code and the enhanced code you mean.
 *
 * smtp-server (3.x, `SMTPConnection.send`) writes `code SP message` on ONE
 * line: it replaces every control character in a string message, CR and LF
 * included, with a space, and adds its own enhanced code only when created
 * with `hideENHANCEDSTATUSCODES: false`. So the message is the enhanced code,
 * a space and the text, with the lines joined by a space (what smtp-server
 * would make of a line break anyway), shortened at a code point boundary to
 * fit in 512 octets with the `550 ` prefix and CRLF. The one line the client
 * receives then carries the enhanced code, as RFC 2034 section 4 wants. The
 * multi-line form is kept in {@link SmtpReplyError.reply} for other servers.
 *
 * @example
 * ```ts
 * const server = new SMTPServer({
 *   onRcptTo(address, session, callback) {
 *     callback(replyError({ code: 550, enhanced: EnhancedStatus.BadDestinationMailboxAddress, text: 'No such user' }));
 *   },
 * }); // the client receives "550 5.1.1 No such user"
 * ```
 * @param reply - As for {@link formatReply}.
 * @param options - See {@link ReplyErrorOptions}.
 * @throws As {@link formatReply}.
 */
export function replyError(reply: ReplyInput, options?: ReplyErrorOptions): SmtpReplyError {
  const { code, enhanced, lines } = formatReplyLines(reply);
  const serverAdds = options?.serverAddsEnhancedCode === true;
  let text = lines.join(' ');
  const prefix = !serverAdds && enhanced !== undefined ? `${enhanced} ` : '';
  // "550 " + message + CRLF within 512 octets; with serverAdds, smtp-server
  // inserts "5.x.y " of up to 10 octets too.
  const budget = DEFAULT_MAX_LINE_LENGTH - 4 - 2 - prefix.length - (serverAdds ? 10 : 0);
  if (utf8Length(text) > budget) {
    let octets = 0;
    let i = 0;
    while (i < text.length) {
      const o = octetsAt(text, i);
      if (octets + o > budget) break;
      octets += o;
      i += o === 4 ? 2 : 1;
    }
    text = text.slice(0, i);
  }
  const message = (prefix + text).trimEnd();
  return new SmtpReplyError(message, {
    responseCode: code,
    enhancedCode: serverAdds ? undefined : enhanced,
    lines,
    reply: formatReply(reply),
  });
}
