/**
 * `extractReply(text)`: find the SMTP reply code and enhanced status code in
 * free text — a DSN `Diagnostic-Code`, a Postfix/Exim/Sendmail/qmail/Exchange
 * bounce, a log line — where {@link parseReply} would be too strict.
 *
 * One pass finds the candidates: a native regular expression search
 * (`MAY_HOLD_CODE`, one-character look-arounds, no backtracking) jumps from
 * one place a candidate can start to the next, and hand-written code reads
 * each, so the time is linear in the input (1 MB inputs of digits, dots or
 * `550-` lines included).
 *
 * What counts as a candidate (and what does not):
 * - a reply code: three digits, first 2-5, second 0-5 (RFC 5321 section 4.2),
 *   not part of a longer digit run (`2024`, `5500`), not touching `.` (IP
 *   addresses, versions, decimals), `:` after a letter, digit, `]` or `:`
 *   (times `12:55:01`, ports `[192.0.2.1]:550`, IPv6 `::247`), `-`, `+`,
 *   `/`, `=` (`SIZE=222`) or a letter before it, a letter or `.` after it,
 *   and not `550-1234` (a phone number or a range);
 * - an enhanced code: RFC 3463 section 2 syntax, not inside an address
 *   (`192.0.2.1`, `10.5.5.1`: a digit or `.` on either side) or a version
 *   (`v2.4.1`: a letter before it);
 * - a pair: a reply code followed by `-` and/or whitespace (at most one line
 *   break), an optional quote, and an enhanced code: `550 5.1.1`,
 *   `550-5.7.26`, `553\n    5.1.8` (Postfix folds), `550-'5.7.1` (Amazon SES);
 * - qmail's `(#5.1.1)`.
 *
 * An enhanced code whose subject RFC 3463 does not define (above 7, as in
 * `Apple Mail (2.753.1)`) is used only when no other lone code at all is
 * found. A lone `#555` is taken for a CSS colour, not a reply code.
 *
 * Which candidate wins: the reply that ended delivery. Of each kind the one
 * of the highest class (5 over 4 over 2: a transcript's final 551 over its
 * earlier "450 busy"), the first among equals (an outer "554 4.4.7 Message
 * expired" over the "421 4.4.2" it quotes). Then: the pair of the highest
 * class, one whose enhanced class agrees with the reply code's first digit
 * when there is one of that class; else a reply
 * code and an enhanced code found apart, preferring ones whose classes agree
 * (`combined`); else whichever of the two there is.
 *
 * @packageDocumentation
 */

import { matchEnhancedCode } from './enhanced-code.js';
import { BY_FIRST_WORD, type SmtpCommand } from './command.js';
import type { EnhancedCode } from './types.js';
import { isAsciiSpace } from './whitespace.js';

/**
 * Where an {@link ExtractedReply} came from:
 * - `reply`: a reply code with an enhanced code right after it (`550 5.1.1`).
 * - `combined`: a reply code and an enhanced code found apart
 *   (`5.1.0 - Unknown address error 550-'Unknown user'`).
 * - `enhanced-only`: an enhanced code and no reply code (`5.1.1 User unknown`).
 * - `qmail`: qmail's `(#5.1.1)` and no reply code.
 * - `code-only`: a reply code and no enhanced code (`550 User unknown`).
 */
export type ExtractSource = 'reply' | 'combined' | 'enhanced-only' | 'qmail' | 'code-only';

/** What {@link extractReply} found. */
export interface ExtractedReply {
  /** The reply code, or `undefined` (sources `enhanced-only` and `qmail`). */
  readonly code: number | undefined;
  /** The enhanced status code, or `undefined` (source `code-only`). */
  readonly enhanced: EnhancedCode | undefined;
  /**
   * The text after the chosen code up to the end of its paragraph, with
   * folded lines joined, whitespace runs collapsed to one space, the prefixes
   * of continuation lines (`550-5.1.1 `) removed, and Postfix's
   * `(in reply to ... command)` and a closing quote cut off. For `qmail`, the
   * text before `(#`.
   */
  readonly text: string;
  /** See {@link ExtractSource}. */
  readonly source: ExtractSource;
  /** UTF-16 offset of the chosen reply code, or of the enhanced code when there is no reply code. */
  readonly offset: number;
  /** UTF-16 offset of the enhanced code, or `undefined`. */
  readonly enhancedOffset: number | undefined;
  /** `false` when both codes were found and the enhanced class differs from the reply code's first digit (RFC 3463 section 2). */
  readonly agree: boolean;
  /** How many candidates (pairs, lone reply codes, lone enhanced codes) the text holds; more than 1 means a choice was made. */
  readonly candidates: number;
  /** The command the reply answered, when the text says (`(in reply to RCPT TO command)`, `after RCPT TO:`, `>>> DATA`). */
  readonly command: SmtpCommand | undefined;
}

/** Character codes the scanner tests. */
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const SINGLE_QUOTE = 39;
const OPEN_PAREN = 40;
const DASH = 45;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_2 = 50;
const DIGIT_4 = 52;
const DIGIT_5 = 53;
const DIGIT_7 = 55;
const DIGIT_9 = 57;
const LESS_THAN = 60;
const OPEN_BRACKET = 91;

const isDigit = (c: number) => c >= DIGIT_0 && c <= DIGIT_9;
/** ASCII letters: `| 32` folds upper case onto lower case ("a" 97 to "z" 122). */
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isSpace = isAsciiSpace;
const isQuote = (c: number) => c === SINGLE_QUOTE || c === DOUBLE_QUOTE;
/** An opening quote or bracket right before a code, whose closing partner ends the text: `'550 ...'`, `<421 ...>`. */
const isOpening = (c: number) => isQuote(c) || c === LESS_THAN || c === OPEN_PAREN || c === OPEN_BRACKET;
const closingOf = (c: number) => (c === LESS_THAN ? '>' : c === OPEN_PAREN ? ')' : c === OPEN_BRACKET ? ']' : String.fromCharCode(c));

/**
 * What every candidate starts with, found in one native pass before the
 * scanner runs, so a text that cannot hold one (most log lines without a
 * reply: timestamps, pids, queue ids and IPs do not match) costs no scan, and
 * the scan of the others starts at the first match.
 * Every candidate starts at an `i` where `goodBefore(s, i)` holds, so the
 * character before is not a letter, a digit or one of `. - + / \ _ @ % $ & *
 * ~ ^ | =` (the lookbehind; ":" is let through, a superset of its rule), and
 * either is a run of exactly three digits, first 2-5, second 0-5 (RFC 5321
 * section 4.2: `replyCodeAt`; no digit after it), or starts an enhanced code:
 * class 2, 4 or 5, ".", a digit (RFC 3463 section 2: `matchEnhancedCode`).
 * So a text without a match has no candidate and the result is `undefined`
 * either way, and the scan goes from one match to the next (global, for
 * `lastIndex`; a match is three characters long, look-arounds aside).
 * One-character look-arounds, no quantifiers: linear on any input.
 */
const MAY_HOLD_CODE = /(?<![0-9A-Za-z.\-+\/\\_@%$&*~^|=])(?:[2-5][0-5][0-9](?![0-9])|[245]\.[0-9])/g;

/** A set of ASCII characters, as flags by character code. */
function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let k = 0; k < chars.length; k++) set[chars.charCodeAt(k)] = 1;
  return set;
}

/**
 * Characters that cannot come right before a code: `.` (IP addresses,
 * versions, decimals), `-` (ranges, negative numbers, phone numbers), `=`
 * ("SIZE=222", "id=550"), and the others of paths, URLs and expressions.
 */
const NOT_BEFORE_CODE = /* @__PURE__ */ charSet('.-+/\\_@%$&*~^|=');
/** Characters that cannot come right after a reply code (`.`: "550.5", `/`, `%`...). */
const NOT_AFTER_CODE = /* @__PURE__ */ charSet('./%_@+');
/** Characters that cannot come right after an enhanced code. */
const NOT_AFTER_ENHANCED = /* @__PURE__ */ charSet('_@/%');
const COLON = 58;
const CLOSE_BRACKET = 93;

/** May a code start right after `s[i - 1]`? */
function goodBefore(s: string, i: number): boolean {
  if (i === 0) return true;
  const p = s.charCodeAt(i - 1);
  if (isLetter(p) || isDigit(p) || NOT_BEFORE_CODE[p] === 1) return false;
  if (p !== COLON || i < 2) return true;
  // ":" after a letter, digit, "]" or ":" is a time, a port or an IPv6 address ("::247"); "smtp;" or "said: " is fine.
  const q = s.charCodeAt(i - 2);
  return !(isLetter(q) || isDigit(q) || q === CLOSE_BRACKET || q === COLON);
}

/** Words that put a version number, not a status code, after them: "version 2.4.1", "Exim 4.92.3". */
const VERSION_WORDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'version',
  'ver',
  'v',
  'release',
  'rev',
  'revision',
  'exim',
  'postfix',
  'sendmail',
  'qmail',
  'courier',
  'haraka',
]);

/** Is `s[i]` preceded by one of {@link VERSION_WORDS} and a single space? Looks back at most 10 characters. */
function afterVersionWord(s: string, i: number): boolean {
  if (i < 2 || s.charCodeAt(i - 1) !== SPACE) return false;
  let k = i - 1;
  const stop = Math.max(0, i - 11);
  while (k > stop && isLetter(s.charCodeAt(k - 1))) k--;
  if (k === i - 1 || (k > 0 && isLetter(s.charCodeAt(k - 1)))) return false;
  return VERSION_WORDS.has(s.slice(k, i - 1).toLowerCase());
}

/** May a reply code end right before `s[j]`? */
function goodAfterCode(s: string, j: number, n: number): boolean {
  if (j >= n) return true;
  const c = s.charCodeAt(j);
  if (isLetter(c) || NOT_AFTER_CODE[c] === 1) return false;
  // ":" then a digit: a time or a port.
  if (c === COLON) return !isDigit(s.charCodeAt(j + 1));
  if (c !== DASH || !isDigit(s.charCodeAt(j + 1))) return true;
  // "550-Text" continues a reply; "555-1234" or "200-299" does not, "550-5.1.1" does.
  let k = j + 1;
  while (k < n && isDigit(s.charCodeAt(k))) k++;
  return k < n && s.charCodeAt(k) === DOT;
}

/** May an enhanced code end right before `s[j]`? (The matcher already refused a following digit or `.digit`.) */
function goodAfterEnhanced(s: string, j: number, n: number): boolean {
  if (j >= n) return true;
  const c = s.charCodeAt(j);
  return !(isLetter(c) || NOT_AFTER_ENHANCED[c] === 1);
}

/** A valid reply code at `s[i..i+3)` (already known to be three digits)? */
function replyCodeAt(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  if (a < DIGIT_2 || a > DIGIT_5 || b > DIGIT_5) return -1;
  return (a - DIGIT_0) * 100 + (b - DIGIT_0) * 10 + (s.charCodeAt(i + 2) - DIGIT_0);
}

/** One candidate, kept as plain numbers so scanning a 1 MB input allocates nothing per candidate that loses. */
interface Found {
  code: number; // -1: none
  codeAt: number;
  enh: string | undefined;
  enhAt: number;
  enhEnd: number;
  textAt: number;
  quote: number; // char code of an opening quote or bracket (or Exchange's "#") just before the code or the text, or 0
  qmail: boolean;
}

function found(
  code: number,
  codeAt: number,
  enh: string | undefined,
  enhAt: number,
  enhEnd: number,
  textAt: number,
  quote: number,
  qmail: boolean,
): Found {
  return { code, codeAt, enh, enhAt, enhEnd, textAt, quote, qmail };
}

/** The class of a candidate: the reply code's first digit, else the enhanced code's class. */
function classOf(f: Found): number {
  return f.code >= 0 ? (f.code / 100) | 0 : f.enh!.charCodeAt(0) - DIGIT_0;
}

/**
 * Which reply ended delivery, when a text holds several of one kind: the one
 * of the highest class (a permanent failure over a transient one over a
 * success: a transcript's "450 busy" before its final "551", Postfix's "250
 * ok" before the refusal), and among those the first (an outer final reply
 * before the inner one it quotes: "554 4.4.7 Message expired ... 421 4.4.2").
 */
function better(current: Found | undefined, f: Found): boolean {
  return current === undefined || classOf(f) > classOf(current);
}

/** What the scan found: the best of each kind, and the first lone code of each class. */
interface Candidates {
  count: number;
  /** A pair whose enhanced class agrees with the reply code (`550 5.1.1`). */
  agreePair: Found | undefined;
  /** Any pair. */
  pair: Found | undefined;
  codeOnly: Found | undefined;
  enhOnly: Found | undefined;
  /** The best lone reply code of each first digit, lone enhanced code of each class. */
  readonly codeByClass: (Found | undefined)[];
  readonly enhByClass: (Found | undefined)[];
  /** An enhanced code with a subject RFC 3463 does not define: used only when there is nothing better. */
  weakEnh: Found | undefined;
}

/**
 * Finds the SMTP reply code and the enhanced status code in free text, and
 * the command the reply answered when the text says.
 *
 * @example
 * ```ts
 * extractReply('host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@b>: Recipient address rejected: User unknown (in reply to RCPT TO command)');
 * // { code: 550, enhanced: '5.1.1', source: 'reply', agree: true, command: 'RCPT',
 * //   text: '<a@b>: Recipient address rejected: User unknown', offset: 37, enhancedOffset: 41, candidates: 1 }
 * extractReply('Sorry, no mailbox here by that name. (#5.1.1)');
 * // { code: undefined, enhanced: '5.1.1', source: 'qmail', text: 'Sorry, no mailbox here by that name.', ... }
 * ```
 * @param text - The text to search. JavaScript callers may pass anything:
 * any value other than a string gives `undefined`.
 * @returns What was found, or `undefined` when there is no candidate. Never throws.
 */
export function extractReply(text: string): ExtractedReply | undefined {
  if (typeof text !== 'string') return undefined;
  // The first place a candidate can start (see MAY_HOLD_CODE): none in a
  // third of real log lines, which so cost no scan; the rest skip their prefix
  // (timestamp, host, pid). The scan would reach this place as the start of a
  // digit run with nothing found before it, so starting there changes nothing.
  const first = text.search(MAY_HOLD_CODE);
  if (first < 0) return undefined;
  const c = scanCandidates(text, first);
  const chosen = choose(c);
  return chosen === undefined ? undefined : toExtracted(text, chosen, c.count);
}

/** One pass from `first`: every candidate, keeping the best of each kind (see {@link better}). */
function scanCandidates(s: string, first: number): Candidates {
  const c: Candidates = {
    count: 0,
    agreePair: undefined,
    pair: undefined,
    codeOnly: undefined,
    enhOnly: undefined,
    codeByClass: [],
    enhByClass: [],
    weakEnh: undefined,
  };
  // Every candidate starts at a match of MAY_HOLD_CODE: a run of three digits or one digit and ".".
  for (let i = first; i >= 0;) {
    const j = isDigit(s.charCodeAt(i + 1)) ? i + 3 : i + 1;
    let next = j;
    if (j === i + 3 && goodBefore(s, i)) next = replyCandidate(s, i, j, c);
    else if (j === i + 1 && startsEnhanced(s, i, j)) next = enhancedCandidate(s, i, c);
    MAY_HOLD_CODE.lastIndex = next;
    i = MAY_HOLD_CODE.test(s) ? MAY_HOLD_CODE.lastIndex - 3 : -1;
  }
  return c;
}

/** A lone digit that may start an enhanced code: class 2, 4 or 5, then ".", not after a version word. */
function startsEnhanced(s: string, i: number, j: number): boolean {
  const c = s.charCodeAt(i);
  return (c === DIGIT_2 || c === DIGIT_4 || c === DIGIT_5) && s.charCodeAt(j) === DOT && goodBefore(s, i) && !afterVersionWord(s, i);
}

/** The three digits `s[i..j)`: a pair with an enhanced code, or a lone reply code. Returns where to go on. */
function replyCandidate(s: string, i: number, j: number, c: Candidates): number {
  const code = replyCodeAt(s, i);
  if (code <= 0) return j;
  const n = s.length;
  const pairEnd = pairCandidate(s, i, j, code, c);
  if (pairEnd >= 0) return pairEnd;
  // "#550" alone is a CSS colour more often than a reply ("#550 5.2.2" pairs are taken above).
  if (!goodAfterCode(s, j, n) || (i > 0 && s.charCodeAt(i - 1) === HASH)) return j;
  c.count++;
  const cls = (code / 100) | 0;
  if (c.codeByClass[cls] !== undefined && c.codeOnly !== undefined && classOf(c.codeOnly) >= cls) return j;
  // Text starts after the separator and an optional quote.
  let t = j;
  const sc = s.charCodeAt(t);
  if (sc === DASH || sc === SPACE) t++;
  let q = 0;
  if (isQuote(s.charCodeAt(t))) q = s.charCodeAt(t++);
  const f = found(code, i, undefined, -1, -1, t, q || openingBefore(s, i, true), false);
  c.codeByClass[cls] ??= f;
  if (better(c.codeOnly, f)) c.codeOnly = f;
  return j;
}

/**
 * A pair: the reply code `s[i..j)`, then "-" and/or whitespace (one line
 * break at most), an optional quote, and an enhanced code. Returns the end of
 * the enhanced code, or -1 when there is no pair.
 */
function pairCandidate(s: string, i: number, j: number, code: number, c: Candidates): number {
  const n = s.length;
  let k = j;
  let sep = false;
  if (s.charCodeAt(k) === DASH) {
    k++;
    sep = true;
  }
  let breaks = 0;
  while (k < n) {
    const w = s.charCodeAt(k);
    if (!isSpace(w)) break;
    if (w === LF && ++breaks > 1) break;
    sep = true;
    k++;
  }
  let quote = 0;
  if (isQuote(s.charCodeAt(k))) quote = s.charCodeAt(k++);
  if (!sep || breaks > 1) return -1;
  const m = matchEnhancedCode(s, k, n);
  if (m < 0 || !goodAfterEnhanced(s, m, n)) return -1;
  c.count++;
  const agrees = s.charCodeAt(k) - DIGIT_0 === ((code / 100) | 0);
  const f = found(code, i, s.slice(k, m), k, m, m, quote || openingBefore(s, i, true), false);
  if (agrees && better(c.agreePair, f)) c.agreePair = f;
  if (better(c.pair, f)) c.pair = f;
  return m;
}

/** An enhanced code alone at `i` (qmail's `(#5.1.1)` included). Returns where to go on. */
function enhancedCandidate(s: string, i: number, c: Candidates): number {
  const n = s.length;
  const m = matchEnhancedCode(s, i, n);
  if (m < 0 || !goodAfterEnhanced(s, m, n)) return i + 1;
  c.count++;
  const cls = s.charCodeAt(i) - DIGIT_0;
  // RFC 3463 defines subjects 0-7; "(2.753.1)" is more likely a version.
  const weak = !(s.charCodeAt(i + 2) <= DIGIT_7 && s.charCodeAt(i + 3) === DOT);
  if (weak) {
    c.weakEnh ??= found(-1, -1, s.slice(i, m), i, m, m, 0, false);
  } else if (c.enhByClass[cls] === undefined) {
    // qmail writes "(#5.1.1)" after its text.
    const qmail = i >= 2 && s.charCodeAt(i - 1) === HASH && s.charCodeAt(i - 2) === OPEN_PAREN;
    const f = found(-1, -1, s.slice(i, m), i, m, m, openingBefore(s, i, false), qmail);
    c.enhByClass[cls] = f;
    if (better(c.enhOnly, f)) c.enhOnly = f;
  }
  return m;
}

/** The opening quote or bracket right before `s[i]` (and Exchange's `#` when `hash`), or 0. */
function openingBefore(s: string, i: number, hash: boolean): number {
  const before = i > 0 ? s.charCodeAt(i - 1) : 0;
  return isOpening(before) || (hash && before === HASH) ? before : 0;
}

/** The chosen reply, with where its text starts and how it is quoted. */
interface Chosen {
  readonly code: number;
  readonly codeAt: number;
  readonly enh: string | undefined;
  readonly enhAt: number;
  readonly textAt: number;
  readonly quote: number;
  /** Where qmail's `(#` marker after the text is, when the enhanced code is qmail's; else -1. */
  readonly qmailAt: number;
  readonly source: ExtractSource;
}

/**
 * Which candidate wins: the best pair, one whose classes agree when it is of
 * the same class; else the best lone reply code and lone enhanced code together,
 * preferring ones whose classes agree (`combined`); else whichever of the
 * two there is. A weak enhanced code stands only alone.
 */
function choose(c: Candidates): Chosen | undefined {
  const enhOnly = c.codeOnly === undefined ? (c.enhOnly ?? c.weakEnh) : c.enhOnly;
  // A pair whose classes agree, unless a pair of a higher class ended delivery.
  const pair = c.agreePair !== undefined && classOf(c.agreePair) >= classOf(c.pair!) ? c.agreePair : c.pair;
  if (pair !== undefined) return chosen(pair, pair, -1, 'reply');
  if (c.codeOnly !== undefined && enhOnly !== undefined) {
    let C: Found = c.codeOnly;
    let E: Found = enhOnly;
    const eCls = classOf(E);
    const cCls = classOf(C);
    if (eCls !== cCls) {
      const sameAsE = c.codeByClass[eCls];
      const sameAsC = c.enhByClass[cCls];
      if (sameAsE !== undefined) C = sameAsE;
      else if (sameAsC !== undefined) E = sameAsC;
    }
    return chosen(C, E, E.qmail ? E.enhAt - 2 : -1, 'combined');
  }
  if (enhOnly !== undefined) return chosen(enhOnly, enhOnly, -1, enhOnly.qmail ? 'qmail' : 'enhanced-only');
  if (c.codeOnly !== undefined) return chosen(c.codeOnly, c.codeOnly, -1, 'code-only');
  return undefined;
}

/** The reply code (and its text) of `code`, the enhanced code of `enh`. One object shape for every choice. */
function chosen(code: Found, enh: Found, qmailAt: number, source: ExtractSource): Chosen {
  return { code: code.code, codeAt: code.codeAt, textAt: code.textAt, quote: code.quote, enh: enh.enh, enhAt: enh.enhAt, qmailAt, source };
}

function toExtracted(s: string, r: Chosen, candidates: number): ExtractedReply {
  const { code, codeAt, enh, enhAt, source } = r;
  const offset = codeAt >= 0 ? codeAt : enhAt;
  const replyText =
    source === 'qmail'
      ? qmailText(s, enhAt - 2)
      : collectText(
          s,
          r.textAt,
          code,
          enh,
          r.quote,
          r.qmailAt > r.textAt ? r.qmailAt : -1,
          codeAt >= 0 && s.charCodeAt(codeAt + 3) === DASH,
        );
  return {
    code: code >= 0 ? code : undefined,
    enhanced: enh as EnhancedCode | undefined,
    text: replyText,
    source,
    offset,
    enhancedOffset: enhAt >= 0 ? enhAt : undefined,
    agree: code < 0 || enh === undefined || enh.charCodeAt(0) - DIGIT_0 === ((code / 100) | 0),
    candidates,
    command: findCommand(s, offset),
  };
}

/** qmail: the text on the marker's line before `(#`. */
function qmailText(s: string, markerAt: number): string {
  let start = markerAt;
  while (start > 0 && s.charCodeAt(start - 1) !== LF) start--;
  return fold(s, start, markerAt);
}

/**
 * A run of whitespace other than a single space between words: two or more
 * characters of `isSpace`, or one other than " ". Found by a native search,
 * so ordinary prose costs one search and one slice.
 */
const IRREGULAR_RUN = /[\t-\r ]{2,}|[\t-\r]/g;

/** `s[from..to)` with whitespace runs collapsed to one space and trimmed. */
function fold(s: string, from: number, to: number): string {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
  let out = '';
  let chunk = from;
  IRREGULAR_RUN.lastIndex = from;
  // A run ending after `to` starts after it: s[to - 1] is not whitespace.
  while (IRREGULAR_RUN.test(s) && IRREGULAR_RUN.lastIndex <= to) {
    const end = IRREGULAR_RUN.lastIndex;
    let k = end - 1;
    while (isSpace(s.charCodeAt(k - 1))) k--;
    out += `${s.slice(chunk, k)} `;
    chunk = end;
  }
  return out + s.slice(chunk, to);
}

/**
 * The reply text from `start` to the end of its paragraph: the current line,
 * then following lines that are indented (folded by the MTA), and, after a
 * `550-` line, the reply's next line (`550-5.1.1 ...` or `550 5.1.1 ...`,
 * whose prefix is dropped). Stops at a blank line or an unindented line of
 * something else (the next DSN field, Sendmail's own summary line).
 */
function collectText(
  s: string,
  start: number,
  code: number,
  enh: string | undefined,
  opening: number,
  stopAt: number,
  more: boolean,
): string {
  const n = s.length;
  const end = stopAt >= 0 ? stopAt : n;
  let out = '';
  let lineStart = start;
  for (;;) {
    let eol = s.indexOf('\n', lineStart);
    if (eol < 0 || eol > end) eol = end;
    const piece = fold(s, lineStart, eol);
    if (piece.length > 0) out = out.length > 0 ? `${out} ${piece}` : piece;
    if (eol >= end) break;
    // Decide whether the next line continues this text.
    let k = eol + 1;
    const first = s.charCodeAt(k);
    if (k >= end || first === LF || first === CR) break;
    const indented = isSpace(first);
    if (indented) {
      while (k < end && (s.charCodeAt(k) === SPACE || s.charCodeAt(k) === TAB)) k++;
      const c = s.charCodeAt(k);
      if (k >= end || c === LF || c === CR) break; // blank line
    }
    const cont = code >= 0 && (more || indented) ? continuationEnd(s, k, code, enh) : -1;
    if (cont >= 0) {
      more = s.charCodeAt(k + 3) === DASH;
      k = cont;
    } else if (!indented) {
      break;
    }
    lineStart = k;
  }
  // Postfix appends "(in reply to RCPT TO command)": not the server's words.
  // (indexOf first: lastIndexOf has no fast native search, and most texts hold no note.)
  const note = out.indexOf('(in reply to ') < 0 ? -1 : out.lastIndexOf('(in reply to ');
  if (note >= 0) out = out.slice(0, note).trimEnd();
  if (opening === HASH) {
    // Exchange: "#550 5.2.2 text ##".
    if (out.endsWith('##')) out = out.slice(0, -2).trimEnd();
  } else if (opening !== 0) {
    // The closing partner ends the text when only a parenthetical follows it
    // ("550-'5.7.1 ... Access denied' (delivery attempts: 0)"); a quote that
    // closes mid-sentence ("550 'bob@example.com' is not a user") is the
    // text's own.
    const close = out.lastIndexOf(closingOf(opening));
    const rest = close >= 0 ? out.slice(close + 1).trim() : '';
    if (close >= 0 && (rest === '' || (rest.startsWith('(') && rest.endsWith(')')))) out = out.slice(0, close).trimEnd();
  }
  return out;
}

/** If `s[k..]` starts a continuation line `550-` / `550 ` (and the enhanced code), the index after that prefix; else -1. */
function continuationEnd(s: string, k: number, code: number, enh: string | undefined): number {
  if (replyCodeAt(s, k) !== code || isDigit(s.charCodeAt(k + 3))) return -1;
  const sep = s.charCodeAt(k + 3);
  if (sep !== DASH && sep !== SPACE) return -1;
  k += 4;
  if (enh !== undefined && s.startsWith(enh, k) && !isDigit(s.charCodeAt(k + enh.length))) {
    k += enh.length;
    if (s.charCodeAt(k) === SPACE) k++;
  }
  return k;
}

/**
 * Upper-cased whitespace-separated words from `s[k..]`, at most `max` of
 * them within 200 characters. A word is cut at `:` or `)`, which also ends
 * the phrase (`TO:<a@b>:`, `command)`).
 */
function words(s: string, k: number, max: number): string[] {
  const out: string[] = [];
  const limit = Math.min(s.length, k + 200);
  while (out.length < max && k < limit) {
    while (k < limit && isSpace(s.charCodeAt(k))) k++;
    const start = k;
    let stop = false;
    while (k < limit) {
      const c = s.charCodeAt(k);
      if (isSpace(c)) break;
      if (c === 58 || c === 41) {
        stop = true;
        break;
      }
      k++;
    }
    if (k > start) out.push(s.slice(start, k).toUpperCase());
    if (stop) break;
  }
  return out;
}

const REPLY_TO: readonly string[] = ['reply', 'to'];

/**
 * Matches `(in reply to` at `k` (on `(in`), allowing any whitespace, line
 * breaks included, between the words as Postfix folds them. Returns the index
 * after `to`, or -1. Cost: the whitespace runs after `k` plus a few characters.
 */
function inReplyToAt(s: string, k: number): number {
  let i = k + 3;
  for (const word of REPLY_TO) {
    const start = i;
    while (isSpace(s.charCodeAt(i))) i++;
    if (i === start || !s.startsWith(word, i)) return -1;
    i += word.length;
  }
  return isSpace(s.charCodeAt(i)) ? i : -1;
}

/**
 * Maps the upper-cased words after a marker to a command, as
 * `toSmtpCommand` folds them ("pipelined RCPT TO", "end of DATA",
 * "initial connection", Sendmail's "."), without joining them back into a
 * string: extractReply reads one marker per reply.
 */
function commandOf(w: readonly string[]): SmtpCommand | undefined {
  let i = 0;
  if (w[i] === 'PIPELINED') i++;
  const a = w[i];
  if (a === undefined) return undefined;
  if ((a === 'END' && w[i + 1] === 'OF' && w[i + 2] === 'DATA') || a === '.') return 'END-OF-DATA';
  if (a === 'INITIAL') return 'CONNECT';
  return BY_FIRST_WORD.get(a);
}

/**
 * The command the reply answered: Postfix's `(in reply to X command)` after
 * the reply, else Exim's `SMTP error from remote mail server after X` or
 * Sendmail's transcript line `>>> X` before it. Each search is one `indexOf`
 * pass; only the chosen marker's words are read.
 */
function findCommand(s: string, offset: number): SmtpCommand | undefined {
  // Postfix: the first note at or after the reply, else the last one before it.
  let postfixAfter = -1;
  let postfixBefore = -1;
  for (let k = s.indexOf('(in', 0); k >= 0; k = s.indexOf('(in', k + 3)) {
    if (inReplyToAt(s, k) < 0) continue;
    if (k >= offset) {
      postfixAfter = k;
      break;
    }
    postfixBefore = k;
  }
  if (postfixAfter >= 0) return postfixCommand(s, postfixAfter);

  // Exim and Sendmail: the last marker before the reply.
  let before = -1;
  let kind = 0;
  for (let k = s.indexOf('SMTP error from remote ', 0); k >= 0 && k < offset; k = s.indexOf('SMTP error from remote ', k + 1)) {
    before = k;
    kind = 1;
  }
  for (let k = s.indexOf('>>> ', 0); k >= 0 && k < offset; k = s.indexOf('>>> ', k + 1)) {
    if ((k === 0 || s.charCodeAt(k - 1) === LF) && k > before) {
      before = k;
      kind = 2;
    }
  }
  if (kind === 1) {
    const w = words(s, before + 'SMTP error from remote '.length, 8);
    const after = w.indexOf('AFTER');
    if (after >= 0 && after <= 2) return commandOf(w.slice(after + 1));
    return undefined;
  }
  if (kind === 2) return commandAt(s, before + 4, 3);
  if (postfixBefore >= 0) return postfixCommand(s, postfixBefore);
  return undefined;
}

function postfixCommand(s: string, k: number): SmtpCommand | undefined {
  return commandAt(s, inReplyToAt(s, k), 4);
}

/** {@link commandOf} the words from `s[k..]`: the first decides alone unless it is `PIPELINED` or `END` (then up to `max`). */
function commandAt(s: string, k: number, max: number): SmtpCommand | undefined {
  const first = words(s, k, 1);
  return commandOf(first[0] === 'PIPELINED' || first[0] === 'END' ? words(s, k, max) : first);
}
