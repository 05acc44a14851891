/**
 * A strict parser for ONE SMTP reply (RFC 5321 section 4.2) with its
 * enhanced status code (RFC 2034, RFC 3463).
 *
 * ```abnf
 * Reply-line = *( Reply-code "-" [ textstring ] CRLF )
 *                 Reply-code [ SP textstring ] CRLF
 * Reply-code = %x32-35 %x30-35 %x30-39
 * textstring = 1*(%d09 / %d32-126)   ; HT, SP, printable US-ASCII
 * ```
 *
 * What this parser accepts, and why:
 * - Lines end in CRLF or a bare LF (many tools and logs drop the CR); the
 *   line ending after the last line is optional. A bare CR is an error: it is
 *   the classic reply-splitting trick.
 * - Text may hold UTF-8 beyond US-ASCII (SMTPUTF8, RFC 6531 section 3.7.4),
 *   but no control characters other than HT: C0 controls, DEL and C1
 *   controls are rejected.
 * - `250 ` with a space and no text is accepted as empty text: `textstring`
 *   is `1*`, but servers send it and RFC 4954 section 4 requires `334 ` for
 *   an empty SASL challenge.
 * - An enhanced status code is read from the start of each line's text
 *   (RFC 2034 section 4: `status-code SP text`, "MUST appear in all lines of
 *   multi-line responses"), except on 3xx replies: RFC 3463 defines no class 3,
 *   so a 3xx reply's text such as a `334` base64 challenge is only text.
 * - A code-shaped token (`digit "." digits "." digits`) followed by SP or the
 *   end of the line at the start of the first line that breaks RFC 3463
 *   section 2 (`550 5.01.1 x`, `550 5.1.1000 x`, `550 6.1.1 x`) is kept as
 *   text, as real clients do (go-smtp, for one): the reply keeps its code and
 *   whole text, has no enhanced code, and says what is wrong in
 *   {@link ParsedReply.enhancedProblem}. With
 *   {@link ParseReplyOptions.strictEnhancedCode} it is a `bad-enhanced-code`
 *   error instead. Glued to other text (`250 2.0.0:ok`) a token is text.
 *   If the first line has an enhanced code every line must start with the
 *   same one followed by SP or the line end (a malformed one there is a
 *   `bad-enhanced-code` error in both modes). If the first line has none,
 *   later lines are plain text.
 * - An enhanced class that disagrees with the reply code (`550 4.2.2`) is NOT
 *   an error: real servers send it. It is exposed as
 *   {@link ParsedReply.enhancedConflict} for `classify` to report.
 * - Lines are at most 512 octets including the CRLF by default
 *   (RFC 5321 section 4.5.3.1.5), counted in UTF-8; set
 *   {@link ParseReplyOptions.maxLineLength} to `Infinity` to lift it.
 *
 * The scanner reads the reply code, separator and enhanced code char by
 * char; the text of each line, where the time goes, is checked by sticky
 * regular expressions that are each ONE character class under `*`
 * ({@link PRINTABLE}, {@link TEXT}): they cannot backtrack, run in V8's
 * native regexp code (three to four times faster per character than a
 * `charCodeAt` loop) and stop at the first character a line may not hold,
 * so the exact offset of a control character comes for free. The time is
 * linear in the input and nothing but {@link ReplyParseError} is thrown.
 *
 * @packageDocumentation
 */

import { BAD_CODE, badCodeEnd, matchEnhancedCode } from './enhanced-code.js';
import type { EnhancedCode, ReplySeverityDigit } from './types.js';

/**
 * Why {@link parseReply} rejected a text:
 * - `not-a-string`: the input is not a string.
 * - `empty`: the input is the empty string.
 * - `bad-code`: a line does not start with a valid reply code: three digits,
 *   the first 2-5 and the second 0-5 (RFC 5321 section 4.2), and no fourth digit.
 * - `code-mismatch`: a line's reply code differs from the first line's
 *   (RFC 5321 section 4.2.1: every line of a multi-line reply has the same code).
 * - `missing-separator`: the reply code is followed by something other than
 *   `SP`, `-` or the end of the line.
 * - `unterminated`: the input ends after a continuation line (`550-...`),
 *   without the last line (`550 ...`).
 * - `trailing-data`: something follows the last line of the reply (a second
 *   reply, an empty line, a line after `550 ...`).
 * - `bad-enhanced-code`: a later line of a reply whose first line has an
 *   enhanced code starts with something shaped like one that breaks RFC 3463
 *   section 2 (`5.01.1`, `5.1.1000`, `6.1.1`); with
 *   {@link ParseReplyOptions.strictEnhancedCode}, the first line too.
 * - `enhanced-mismatch`: the first line has an enhanced status code and a
 *   later line does not start with the same one (RFC 2034 section 4).
 * - `control-character`: a control character other than HT in a line, or a
 *   CR that is not followed by LF.
 * - `line-too-long`: a line is longer than {@link ParseReplyOptions.maxLineLength}
 *   octets including its CRLF (RFC 5321 section 4.5.3.1.5).
 */
export type ReplyParseErrorReason =
  | 'not-a-string'
  | 'empty'
  | 'bad-code'
  | 'code-mismatch'
  | 'missing-separator'
  | 'unterminated'
  | 'trailing-data'
  | 'bad-enhanced-code'
  | 'enhanced-mismatch'
  | 'control-character'
  | 'line-too-long';

/** The one error {@link parseReply} throws: says what is wrong and where. */
export class ReplyParseError extends Error {
  /** What kind of problem it is. */
  readonly reason: ReplyParseErrorReason;
  /** The UTF-16 offset in the input of the character where the problem is. */
  readonly offset: number;
  /** The 1-based line number of the problem. */
  readonly line: number;

  /**
   * @param reason - The kind of problem.
   * @param offset - UTF-16 offset of the offending character.
   * @param line - 1-based line number.
   * @param detail - Human-readable explanation (the message adds the position).
   */
  constructor(reason: ReplyParseErrorReason, offset: number, line: number, detail: string) {
    super(`${detail} (line ${line}, offset ${offset})`);
    this.name = 'ReplyParseError';
    this.reason = reason;
    this.offset = offset;
    this.line = line;
  }
}

/**
 * Why a code-shaped token where RFC 2034 puts the enhanced status code is not
 * one (RFC 3463 section 2):
 * - `bad-class`: the class is not 2, 4 or 5 (`6.1.1`, `3.0.0`);
 * - `leading-zero`: a sub-code has a leading zero (`5.01.1`, `5.1.00`);
 * - `too-many-digits`: a sub-code has more than three digits (`5.1.1000`).
 */
export type EnhancedCodeProblemReason = 'bad-class' | 'leading-zero' | 'too-many-digits';

/** A malformed enhanced status code that {@link parseReply} kept as text: what and where. */
export interface EnhancedCodeProblem {
  /** What is wrong with it. */
  readonly reason: EnhancedCodeProblemReason;
  /** The token as written, e.g. `"5.01.1"`. */
  readonly token: string;
  /** The UTF-16 offset of the token in the input. */
  readonly offset: number;
  /** The 1-based line number of the token. */
  readonly line: number;
  /** One sentence for people: the token, the rule it breaks and its source. */
  readonly message: string;
}

/** One SMTP reply, parsed. */
export interface ParsedReply {
  /** The three-digit reply code, e.g. `550`. */
  readonly code: number;
  /** The reply code's first digit (RFC 5321 section 4.2.1): 2, 3, 4 or 5. */
  readonly severity: ReplySeverityDigit;
  /** The enhanced status code carried by every line, e.g. `"5.1.1"`; `undefined` when absent. */
  readonly enhanced: EnhancedCode | undefined;
  /**
   * `true` when the enhanced code's class differs from the reply code's first
   * digit (`550 4.2.2 ...`). RFC 3463 section 2 expects them to agree; servers
   * do not always comply, so this is reported, not rejected.
   */
  readonly enhancedConflict: boolean;
  /**
   * Set when the first line starts with a token shaped like an enhanced
   * status code that breaks RFC 3463 section 2 (`550 5.01.1 ...`): `enhanced`
   * is then absent and the token stays in `text`. Absent otherwise.
   */
  readonly enhancedProblem?: EnhancedCodeProblem;
  /** Each line's text, without the reply code, the separator and the enhanced code with its space. */
  readonly lines: readonly string[];
  /** The lines joined with `"\n"`. */
  readonly text: string;
  /** `true` when the reply has more than one line. */
  readonly multiline: boolean;
  /** The input, unchanged. */
  readonly raw: string;
}

/** Options of {@link parseReply}. */
export interface ParseReplyOptions {
  /**
   * The most octets a line may have including its CRLF, counted in UTF-8
   * (a line that ends in a bare LF or nothing is counted as if it ended in
   * CRLF). Default 512, RFC 5321 section 4.5.3.1.5. `Infinity` turns the
   * check off.
   */
  readonly maxLineLength?: number;
  /**
   * When `true`, a malformed enhanced status code at the start of the first
   * line (see {@link ParsedReply.enhancedProblem}) is a `bad-enhanced-code`
   * error instead of text. Default `false`.
   */
  readonly strictEnhancedCode?: boolean;
}

/** The result of {@link safeParseReply}. */
export type SafeParseReplyResult =
  { readonly ok: true; readonly reply: ParsedReply } | { readonly ok: false; readonly error: ReplyParseError };

/** RFC 5321 section 4.5.3.1.5: "The maximum total length of a reply line including the reply code and the <CRLF> is 512 octets." */
const DEFAULT_MAX_LINE_LENGTH = 512;

/** What the scanner needs from {@link ParseReplyOptions}, checked. */
interface ScanOptions {
  readonly maxLineLength: number;
  readonly strictEnhancedCode: boolean;
}

const DEFAULT_SCAN_OPTIONS: ScanOptions = { maxLineLength: DEFAULT_MAX_LINE_LENGTH, strictEnhancedCode: false };

function scanOptionsOf(options: ParseReplyOptions | undefined): ScanOptions {
  if (options === undefined || options === null) return DEFAULT_SCAN_OPTIONS;
  const strict = options.strictEnhancedCode;
  if (strict !== undefined && typeof strict !== 'boolean') {
    throw new TypeError(`parseReply: options.strictEnhancedCode must be true or false, got ${String(strict)}`);
  }
  return { maxLineLength: maxLineLengthOf(options), strictEnhancedCode: strict === true };
}

function maxLineLengthOf(options: ParseReplyOptions | undefined): number {
  if (options === undefined || options === null) return DEFAULT_MAX_LINE_LENGTH;
  const max = options.maxLineLength;
  if (max === undefined) return DEFAULT_MAX_LINE_LENGTH;
  if (typeof max !== 'number' || !(max >= 0)) {
    throw new TypeError(`parseReply: options.maxLineLength must be a number >= 0 or Infinity, got ${String(max)}`);
  }
  return max;
}

/** UTF-8 octets of `s[start..end)`; a surrogate counts 2, so a pair counts 4. */
function utf8Length(s: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/**
 * A run of printable US-ASCII, SP to `~`: the whole of most reply texts
 * (RFC 5321 section 4.2 `textstring`, minus HT). Sticky, so `lastIndex` after
 * `test` is where the run ends. One character class under a greedy `*`
 * cannot backtrack: linear. A single range makes V8's native loop about 20%
 * faster per character than the class with HT added.
 */
const PRINTABLE = /[\x20-\x7e]*/y;

/**
 * A run of any text a reply line may hold: HT, printable US-ASCII, and
 * anything from U+00A0 up (SMTPUTF8, RFC 6531 section 3.7.4); not C0
 * controls, DEL or C1 controls. No `u` flag, so it reads UTF-16 units and a
 * lone surrogate is text, as in a char-code scan.
 */
const TEXT = /[\t\x20-\x7e\xa0-\uffff]*/y;

/**
 * A line of up to this many characters is checked by a `charCodeAt` loop
 * instead of {@link PRINTABLE}: a regexp call has a fixed cost of about as
 * many characters of loop (measured with bench/run.mjs).
 */
const SHORT_TEXT = 16;

/**
 * Where the text starting at `pos` ends: at the first character a reply line
 * may not hold (LF, CR, another control character) or at the end of `s`.
 * Returns that index when the text is all printable US-ASCII, its complement
 * (`~end`, negative) when it also holds HT or characters beyond US-ASCII, so
 * that callers know whether octets might need counting. `lineEnd` is where
 * the caller expects the line to end (the next LF, or the end of `s`); it only
 * chooses between the loop and the regexp, both stop at the same place. The
 * regexes are module-private, so nothing else moves their `lastIndex`.
 */
function textEnd(s: string, pos: number, lineEnd: number): number {
  const n = s.length;
  let end = pos;
  if (lineEnd - pos <= SHORT_TEXT) {
    for (; end < n; end++) {
      // Printable US-ASCII (32-126) in one unsigned comparison.
      if ((s.charCodeAt(end) - 32) >>> 0 >= 95) break;
    }
  } else {
    const printable = PRINTABLE;
    printable.lastIndex = pos;
    printable.test(s);
    end = printable.lastIndex;
  }
  if (end === n) return end;
  const c = s.charCodeAt(end);
  if (c !== 9 && c < 0xa0) return end;
  const text = TEXT;
  text.lastIndex = end;
  text.test(s);
  return ~text.lastIndex;
}

/**
 * Enhanced codes of the form `c.s.d` (one-digit subject and detail, the
 * most common form by far), by `c * 100 + s * 10 + d`, filled on first use:
 * a repeated code costs an array read instead of a new string.
 */
let shortCodes: (string | undefined)[] | undefined;

/**
 * Builds every {@link ParsedReply}: one object literal site, so all results
 * share one hidden class and the code that reads them stays monomorphic.
 */
function reply(
  code: number,
  severity: ReplySeverityDigit,
  enhanced: string | undefined,
  enhancedConflict: boolean,
  lines: readonly string[],
  text: string,
  multiline: boolean,
  raw: string,
): ParsedReply {
  return { code, severity, enhanced: enhanced as EnhancedCode | undefined, enhancedConflict, lines, text, multiline, raw };
}

/** A reply that kept a malformed enhanced code as text: {@link reply} plus the problem, a second shape only on this rare path. */
function replyWithProblem(r: ParsedReply, enhancedProblem: EnhancedCodeProblem): ParsedReply {
  return { ...r, enhancedProblem };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Where a token `digit "." 1*digit "." 1*digit` starting at `start` ends,
 * whatever its class digit and lengths; -1 when there is none, or when a
 * fourth dotted number follows (an address or a version, not a code).
 */
function codeShapeEnd(s: string, start: number, end: number): number {
  if (!isDigit(s.charCodeAt(start)) || s.charCodeAt(start + 1) !== 46) return -1;
  let j = start + 2;
  while (j < end && isDigit(s.charCodeAt(j))) j++;
  if (j === start + 2 || j >= end || s.charCodeAt(j) !== 46) return -1;
  const detail = j + 1;
  j = detail;
  while (j < end && isDigit(s.charCodeAt(j))) j++;
  if (j === detail) return -1;
  if (j + 1 < end && s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) return -1;
  return j;
}

/** What RFC 3463 section 2 rule a code-shaped `token` breaks. */
function problemReason(token: string): EnhancedCodeProblemReason {
  const c = token.charCodeAt(0);
  if (c !== 50 && c !== 52 && c !== 53) return 'bad-class';
  const [, subject = '', detail = ''] = token.split('.');
  if ((subject.length > 1 && subject[0] === '0') || (detail.length > 1 && detail[0] === '0')) return 'leading-zero';
  return 'too-many-digits';
}

const PROBLEM_RULE: Readonly<Record<EnhancedCodeProblemReason, string>> = {
  'bad-class': 'the class must be 2, 4 or 5',
  'leading-zero': 'sub-codes are written without leading zeros',
  'too-many-digits': 'sub-codes have one to three digits',
};

function enhancedProblemAt(s: string, start: number, end: number, line: number): EnhancedCodeProblem {
  const token = s.slice(start, end);
  const reason = problemReason(token);
  return {
    reason,
    token,
    offset: start,
    line,
    message: `"${token}" is not a valid enhanced status code (RFC 3463 section 2: ${PROBLEM_RULE[reason]}), so it is read as text`,
  };
}

function fail(reason: ReplyParseErrorReason, offset: number, line: number, detail: string): ReplyParseError {
  return new ReplyParseError(reason, offset, line, detail);
}

function describeChar(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `s.slice(i, i + 5)`, a valid code `c.s.d` whose char codes are given, from
 * {@link shortCodes}. A 5-character slice is a copy, never a view that keeps
 * a large input alive.
 */
function shortCode(s: string, i: number, c: number, sub: number, det: number): string {
  const table = shortCodes ?? (shortCodes = new Array<string | undefined>(600));
  const k = (c - 48) * 100 + (sub - 48) * 10 + (det - 48);
  return table[k] ?? (table[k] = s.slice(i, i + 5));
}

/**
 * The common case, a single line such as `250 2.0.0 Ok` with at most a
 * final line ending, checked with the fewest reads and allocations: one
 * {@link textEnd}, the usual enhanced code shape inline, one result object
 * literal. Anything else (continuation
 * lines, a character outside the fast set, a possibly over-long line, an
 * invalid code) returns `undefined` and goes to {@link scan}, which alone
 * reports errors, so both paths accept exactly the same replies.
 */
function scanSingleLine(input: string, maxLineLength: number): ParsedReply | undefined {
  const n = input.length;
  const d0 = input.charCodeAt(0);
  const d1 = input.charCodeAt(1);
  const d2 = input.charCodeAt(2);
  if (!(d0 >= 50 && d0 <= 53 && d1 >= 48 && d1 <= 53 && d2 >= 48 && d2 <= 57)) return undefined;
  let textStart = 3;
  if (n > 3) {
    if (input.charCodeAt(3) !== 32) return undefined;
    textStart = 4;
  }
  const r = textEnd(input, textStart, n);
  const eol = r >= 0 ? r : ~r;
  if (eol < n) {
    // Only a final LF or CRLF may follow.
    const c = input.charCodeAt(eol);
    if (c === 10) {
      if (eol + 1 !== n) return undefined;
    } else if (c !== 13 || eol + 2 !== n || input.charCodeAt(eol + 1) !== 10) {
      return undefined;
    }
  }
  // Octets are counted only when the line might be too long and is not ASCII.
  if (eol * 3 + 2 > maxLineLength && (r >= 0 ? eol : utf8Length(input, 0, eol)) + 2 > maxLineLength) return undefined;
  let enhanced: string | undefined;
  // A code has at least 5 characters (RFC 3463 section 2); none on 3xx replies.
  if (d0 !== 51 && textStart + 5 <= eol) {
    const c0 = input.charCodeAt(textStart);
    if ((c0 === 53 || c0 === 50 || c0 === 52) && input.charCodeAt(textStart + 1) === 46) {
      const sub = input.charCodeAt(textStart + 2);
      const det = input.charCodeAt(textStart + 4);
      if (
        sub >= 48 &&
        sub <= 57 &&
        det >= 48 &&
        det <= 57 &&
        input.charCodeAt(textStart + 3) === 46 &&
        (textStart + 5 === eol || input.charCodeAt(textStart + 5) === 32)
      ) {
        // The usual `c.s.d` followed by SP or the line end, matched inline;
        // anything else asks the full matcher.
        enhanced = shortCode(input, textStart, c0, sub, det);
        textStart = textStart + 5 === eol ? eol : textStart + 6;
      } else {
        const m = matchEnhancedCode(input, textStart, eol);
        if (m >= 0) {
          if (m === eol || input.charCodeAt(m) === 32) {
            enhanced = input.slice(textStart, m);
            textStart = m === eol ? m : m + 1;
          }
        } else if (m <= BAD_CODE) {
          return undefined;
        }
      }
    } else if (isDigit(c0) && input.charCodeAt(textStart + 1) === 46) {
      // Another class digit: the scanner decides whether it is a malformed code.
      return undefined;
    }
  }
  const text = input.slice(textStart, eol);
  const severity = (d0 - 48) as ReplySeverityDigit;
  return reply(
    severity * 100 + (d1 - 48) * 10 + (d2 - 48),
    severity,
    enhanced,
    enhanced !== undefined && enhanced.charCodeAt(0) !== d0,
    [text],
    text,
    false,
    input,
  );
}

/** The reply code at `pos`, or the error. Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 section 4.2). */
function replyCodeAt(input: string, pos: number, lineNo: number): number | ReplyParseError {
  const d0 = input.charCodeAt(pos);
  if (!(d0 >= 50 && d0 <= 53)) {
    return fail(
      'bad-code',
      pos,
      lineNo,
      d0 >= 48 && d0 <= 57
        ? `A reply code must start with 2, 3, 4 or 5, got "${input[pos]}"`
        : 'A reply line must start with a three-digit reply code',
    );
  }
  const d1 = input.charCodeAt(pos + 1);
  if (!(d1 >= 48 && d1 <= 53)) {
    return fail(
      'bad-code',
      pos + 1,
      lineNo,
      d1 >= 48 && d1 <= 57
        ? `The second digit of a reply code must be 0-5, got "${input[pos + 1]}"`
        : 'A reply code must have three digits',
    );
  }
  const d2 = input.charCodeAt(pos + 2);
  if (!(d2 >= 48 && d2 <= 57)) return fail('bad-code', pos + 2, lineNo, 'A reply code must have three digits');
  return (d0 - 48) * 100 + (d1 - 48) * 10 + (d2 - 48);
}

/**
 * One reply line as {@link scanLine} read it: offsets into the input. One
 * object, refilled for every line: the scanner is not reentrant and a reply
 * of many lines then allocates nothing per line.
 */
interface LineScan {
  code: number;
  /** Whether the line ends the reply (`code SP` or a bare code), not `code "-"`. */
  last: boolean;
  /** Where the text after the separator starts. */
  textStart: number;
  /** Where the line's text ends (its LF or CRLF, or the end of the input). */
  eol: number;
  /** Where the next line starts (the end of the input when none). */
  next: number;
}

const LINE: LineScan = { code: 0, last: true, textStart: 0, eol: 0, next: 0 };

/**
 * Reads the line at `lineStart` into {@link LINE}: the reply code, the
 * separator, the text up to LF or CRLF, and the line's length in octets.
 * Returns the error, or `undefined` when the line is well formed.
 */
function scanLine(input: string, lineStart: number, lineNo: number, maxLineLength: number): ReplyParseError | undefined {
  const n = input.length;
  const code = replyCodeAt(input, lineStart, lineNo);
  if (typeof code !== 'number') return code;
  let pos = lineStart + 3;

  // Separator: SP ends the reply, "-" continues it, a line end ends it bare.
  let last = true;
  let textStart = pos;
  if (pos < n) {
    const sep = input.charCodeAt(pos);
    if (sep === 32) {
      textStart = ++pos;
    } else if (sep === 45) {
      last = false;
      textStart = ++pos;
    } else if (sep !== 10 && sep !== 13) {
      if (sep >= 48 && sep <= 57) return fail('bad-code', pos, lineNo, 'A reply code has exactly three digits');
      const got = describeChar(sep);
      return fail('missing-separator', pos, lineNo, `The reply code must be followed by a space, "-" or the end of the line, got ${got}`);
    }
  }

  // The text runs to LF or CRLF. HT is allowed (RFC 5321 textstring); so
  // is anything from U+00A0 up (SMTPUTF8); C0, DEL and C1 are not, and
  // textEnd stops at the first of them.
  // indexOf runs at memchr speed: cheap next to a regexp call on a short line.
  const lf = input.indexOf('\n', pos);
  const r = textEnd(input, pos, lf < 0 ? n : lf);
  pos = r >= 0 ? r : ~r;
  let eol = n;
  let next = n;
  if (pos < n) {
    const c = input.charCodeAt(pos);
    if (c === 10) {
      eol = pos;
      next = pos + 1;
    } else if (c === 13 && input.charCodeAt(pos + 1) === 10) {
      eol = pos;
      next = pos + 2;
    } else {
      return fail(
        'control-character',
        pos,
        lineNo,
        c === 13 ? 'A CR must be followed by LF' : `Control character ${describeChar(c)} in reply text`,
      );
    }
  }

  // An ASCII line has as many octets as characters; only others are counted.
  // A line needs its octets counted only if it could exceed the limit: every
  // UTF-16 unit is 1 to 3 octets, plus 2 for CRLF.
  const chars = eol - lineStart;
  if (chars > (maxLineLength - 2) / 3) {
    const octets = (r >= 0 ? chars : utf8Length(input, lineStart, eol)) + 2;
    if (octets > maxLineLength) {
      return fail(
        'line-too-long',
        lineStart,
        lineNo,
        `Reply line is ${octets} octets including CRLF, more than the ${maxLineLength} allowed (RFC 5321 section 4.5.3.1.5)`,
      );
    }
  }
  LINE.code = code;
  LINE.last = last;
  LINE.textStart = textStart;
  LINE.eol = eol;
  LINE.next = next;
  return undefined;
}

/**
 * What starts the first line's text: the end of a valid enhanced status code
 * (>= 0), a code-shaped token that breaks RFC 3463 section 2 (<= `BAD_CODE`,
 * its end by `badCodeEnd`), or -1 for neither. A token glued to more text
 * ("5.1.1:" or "5.1.1x") is neither: RFC 2034 section 4 has
 * `status-code SP text`.
 */
function leadingCodeEnd(input: string, textStart: number, eol: number): number {
  // Cheap pre-check so lines without a code skip the matcher.
  const c0 = input.charCodeAt(textStart);
  const m =
    (c0 === 53 || c0 === 50 || c0 === 52) && input.charCodeAt(textStart + 1) === 46
      ? matchEnhancedCode(input, textStart, eol)
      : isDigit(c0)
        ? BAD_CODE - codeShapeEnd(input, textStart, eol)
        : -1;
  const end = m >= 0 ? m : m <= BAD_CODE ? badCodeEnd(m) : -1;
  return end >= 0 && (end === eol || input.charCodeAt(end) === 32) ? m : -1;
}

/**
 * Where a continuation line's text starts once the first line's enhanced
 * code, which it must repeat (RFC 2034 section 4: every line of a
 * multi-line reply carries the code), is skipped; or the error.
 */
function afterRepeatedCode(input: string, textStart: number, eol: number, enhanced: string, lineNo: number): number | ReplyParseError {
  const end = textStart + enhanced.length;
  if (end <= eol && input.startsWith(enhanced, textStart) && (end === eol || input.charCodeAt(end) === 32)) {
    return end === eol ? end : end + 1;
  }
  const m = matchEnhancedCode(input, textStart, eol);
  if (m <= BAD_CODE) {
    const badEnd = badCodeEnd(m);
    if (badEnd === eol || input.charCodeAt(badEnd) === 32) {
      const token = input.slice(textStart, badEnd);
      return fail('bad-enhanced-code', textStart, lineNo, `"${token}" is not a valid enhanced status code (RFC 3463 section 2)`);
    }
  }
  return fail(
    'enhanced-mismatch',
    textStart,
    lineNo,
    `Every line must start with the enhanced status code ${enhanced} of the first line (RFC 2034 section 4)`,
  );
}

/**
 * The scanner shared by {@link parseReply} and {@link safeParseReply}: it
 * returns the error instead of throwing it so the safe variant needs no
 * try/catch. Reads line by line ({@link scanLine}); the first line may carry
 * an enhanced status code, which every later line must repeat.
 */
function scan(input: unknown, options: ScanOptions): ParsedReply | ReplyParseError {
  const { maxLineLength, strictEnhancedCode } = options;
  if (typeof input !== 'string') {
    return fail('not-a-string', 0, 1, `An SMTP reply must be a string, got ${input === null ? 'null' : typeof input}`);
  }
  const n = input.length;
  if (n === 0) return fail('empty', 0, 1, 'The reply is empty');

  let pos = 0;
  let lineNo = 1;
  let code = 0;
  let enhanced: string | undefined;
  let first: string | undefined;
  let lines: string[] | undefined;
  let problem: EnhancedCodeProblem | undefined;

  for (;;) {
    const error = scanLine(input, pos, lineNo, maxLineLength);
    if (error !== undefined) return error;
    const { code: lineCode, last, eol, next } = LINE;
    if (pos === 0) {
      code = lineCode;
    } else if (lineCode !== code) {
      // RFC 5321 section 4.2.1: a multi-line reply repeats the same code on every line.
      return fail('code-mismatch', pos, lineNo, `Reply code ${lineCode} differs from the first line's ${code}`);
    }

    // RFC 2034 section 4 / RFC 3463: not on 3xx replies (there is no class 3).
    let textStart = LINE.textStart;
    if (code < 300 || code >= 400) {
      if (pos === 0) {
        const m = leadingCodeEnd(input, textStart, eol);
        if (m >= 0) {
          enhanced = input.slice(textStart, m);
          textStart = m === eol ? m : m + 1;
        } else if (m <= BAD_CODE) {
          if (strictEnhancedCode) {
            const token = input.slice(textStart, badCodeEnd(m));
            const rule = 'class 2, 4 or 5, sub-codes of 1-3 digits without leading zeros';
            return fail(
              'bad-enhanced-code',
              textStart,
              lineNo,
              `"${token}" is not a valid enhanced status code (RFC 3463 section 2: ${rule})`,
            );
          }
          problem = enhancedProblemAt(input, textStart, badCodeEnd(m), lineNo);
        }
      } else if (enhanced !== undefined) {
        const after = afterRepeatedCode(input, textStart, eol, enhanced, lineNo);
        if (typeof after !== 'number') return after;
        textStart = after;
      }
    }

    const lineText = input.slice(textStart, eol);
    if (first === undefined) first = lineText;
    else if (lines === undefined) lines = [first, lineText];
    else lines.push(lineText);

    if (last) {
      if (next < n) {
        return fail('trailing-data', next, lineNo + 1, `Data after the last line of the reply (a line "${code} ..." or "${code}" ends it)`);
      }
      break;
    }
    if (next >= n) {
      const hint = `the last line must be "${code} ..." or "${code}"`;
      return fail('unterminated', n, lineNo, `The reply ends after a continuation line "${code}-..."; ${hint}`);
    }
    pos = next;
    lineNo++;
  }

  const severity = ((code / 100) | 0) as ReplySeverityDigit;
  const parsed = reply(
    code,
    severity,
    enhanced,
    enhanced !== undefined && enhanced.charCodeAt(0) - 48 !== severity,
    lines === undefined ? [first as string] : lines,
    lines === undefined ? (first as string) : lines.join('\n'),
    lines !== undefined,
    input,
  );
  return problem === undefined ? parsed : replyWithProblem(parsed, problem);
}

/**
 * Parses one SMTP reply strictly (RFC 5321 section 4.2, RFC 2034 section 4).
 * See the module documentation for exactly what is accepted.
 *
 * @example
 * ```ts
 * parseReply('550-5.1.1 The email account does not exist.\r\n550 5.1.1 Try again.\r\n');
 * // { code: 550, severity: 5, enhanced: '5.1.1', enhancedConflict: false,
 * //   lines: ['The email account does not exist.', 'Try again.'],
 * //   text: 'The email account does not exist.\nTry again.', multiline: true, raw: ... }
 * ```
 * @param text - The reply: one or more lines, CRLF or LF line endings, the last one optional.
 * @param options - See {@link ParseReplyOptions}.
 * @returns The parsed reply.
 * @throws {@link ReplyParseError} for any input that is not exactly one valid reply
 * (including non-string input); a TypeError only for invalid `options`.
 */
export function parseReply(text: string, options?: ParseReplyOptions): ParsedReply {
  const opts = options === undefined ? DEFAULT_SCAN_OPTIONS : scanOptionsOf(options);
  if (typeof text === 'string') {
    const single = scanSingleLine(text, opts.maxLineLength);
    if (single !== undefined) return single;
  }
  const r = scan(text, opts);
  // A field test instead of instanceof: cheaper on the hot path.
  if ((r as ReplyParseError).reason !== undefined) throw r;
  return r as ParsedReply;
}

/**
 * Like {@link parseReply} but returns the error instead of throwing it.
 *
 * @example
 * ```ts
 * const r = safeParseReply('5.1.1 no code');
 * if (!r.ok) console.log(r.error.reason); // "bad-code"
 * ```
 * @param text - The reply (any value; non-strings give a `not-a-string` error).
 * @param options - See {@link ParseReplyOptions}.
 * @returns `{ ok: true, reply }` or `{ ok: false, error }`; never throws for any
 * input text (invalid `options` still throw a TypeError).
 */
export function safeParseReply(text: unknown, options?: ParseReplyOptions): SafeParseReplyResult {
  const opts = options === undefined ? DEFAULT_SCAN_OPTIONS : scanOptionsOf(options);
  if (typeof text === 'string') {
    const single = scanSingleLine(text, opts.maxLineLength);
    if (single !== undefined) return { ok: true, reply: single };
  }
  const r = scan(text, opts);
  return (r as ReplyParseError).reason !== undefined ? { ok: false, error: r as ReplyParseError } : { ok: true, reply: r as ParsedReply };
}
