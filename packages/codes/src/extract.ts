/**
 * `extractReply(text)`: find the SMTP reply code and enhanced status code in
 * free text — a DSN `Diagnostic-Code`, a Postfix/Exim/Sendmail/qmail/Exchange
 * bounce, a log line — where {@link parseReply} would be too strict.
 *
 * One hand-written pass over the characters finds the candidates; the long
 * runs of text between numbers are skipped by a sticky one-class regular
 * expression (`[^0-9]*`, which cannot backtrack and runs in native code), so
 * the time is linear in the input (1 MB inputs of digits, dots or `550-`
 * lines included).
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
 * Which candidate wins: the first pair whose enhanced class agrees with the
 * reply code's first digit; else the first pair; else the first reply code
 * and the first enhanced code found apart, preferring ones whose classes
 * agree (`combined`); else whichever of the two there is.
 *
 * @packageDocumentation
 */

import { matchEnhancedCode } from './enhanced-code.js';
import type { SmtpCommand } from './generated/command-replies.js';
import type { EnhancedCode } from './types.js';

/**
 * The SMTP command a reply answered, as bounce texts name it. The
 * {@link SmtpCommand} names of RFC 5321 section 4.3.2, plus
 * `"END OF DATA"` (the reply after the message content, `<CRLF>.<CRLF>`:
 * Postfix "end of DATA command", Exim "after end of data", Sendmail `>>> .`)
 * and commands of SMTP extensions.
 */
export type ReplyCommand = SmtpCommand | 'END OF DATA' | 'LHLO' | 'STARTTLS' | 'AUTH' | 'BDAT';

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
  readonly command: ReplyCommand | undefined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => ((c | 32) >= 97 && (c | 32) <= 122);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
const isQuote = (c: number) => c === 39 || c === 34;
/** An opening quote or bracket right before a code, whose closing partner ends the text: `'550 ...'`, `<421 ...>`. */
const isOpening = (c: number) => c === 39 || c === 34 || c === 60 || c === 40 || c === 91;
const closingOf = (c: number) => (c === 60 ? '>' : c === 40 ? ')' : c === 91 ? ']' : String.fromCharCode(c));

/** A run of non-digits; sticky, so `lastIndex` after `test` is where it ends. One class under `*`: linear. */
const NON_DIGITS = /[^0-9]*/y;
/** A run of digits, the same way. */
const DIGITS = /[0-9]*/y;

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
 * either way. One-character look-arounds, no quantifiers: linear on any input.
 */
const MAY_HOLD_CODE = /(?<![0-9A-Za-z.\-+\/\\_@%$&*~^|=])(?:[2-5][0-5][0-9](?![0-9])|[245]\.[0-9])/;

/**
 * The end of the run of digits (`digits` true) or non-digits from `i`. The
 * first few characters are read in a loop, which is cheaper for the short
 * runs between the numbers of ordinary text; a longer run is left to `re`
 * ({@link NON_DIGITS} or {@link DIGITS}), whose native loop is several times
 * faster per character than `charCodeAt` (bench/run.mjs, section huge).
 */
function runEnd(re: RegExp, s: string, i: number, n: number, digits: boolean): number {
  const stop = n - i > 8 ? i + 8 : n;
  for (; i < stop; i++) if (isDigit(s.charCodeAt(i)) !== digits) return i;
  if (i === n) return n;
  re.lastIndex = i;
  re.test(s);
  return re.lastIndex;
}

/** May a code start right after `s[i - 1]`? */
function goodBefore(s: string, i: number): boolean {
  if (i === 0) return true;
  const p = s.charCodeAt(i - 1);
  if (isLetter(p) || isDigit(p)) return false;
  switch (p) {
    case 46: // .  IP addresses, versions, decimals
    case 45: // -  ranges, negative numbers, phone numbers
    case 43: // +
    case 47: // /
    case 92: // \
    case 95: // _
    case 64: // @
    case 37: // %
    case 36: // $
    case 38: // &
    case 42: // *
    case 126: // ~
    case 94: // ^
    case 124: // |
      return false;
    case 61: // =  "SIZE=222", "id=550"
      return false;
    case 58: {
      // ":" after a letter, digit, "]" or ":" is a time, a port or an IPv6 address ("::247"); "smtp;" or "said: " is fine.
      if (i < 2) return true;
      const q = s.charCodeAt(i - 2);
      return !(isLetter(q) || isDigit(q) || q === 93 || q === 58);
    }
    default:
      return true;
  }
}

/** Words that put a version number, not a status code, after them: "version 2.4.1", "Exim 4.92.3". */
const VERSION_WORDS: ReadonlySet<string> = /* @__PURE__ */ new Set(['version', 'ver', 'v', 'release', 'rev', 'revision', 'exim', 'postfix', 'sendmail', 'qmail', 'courier', 'haraka']);

/** Is `s[i]` preceded by one of {@link VERSION_WORDS} and a single space? Looks back at most 10 characters. */
function afterVersionWord(s: string, i: number): boolean {
  if (i < 2 || s.charCodeAt(i - 1) !== 32) return false;
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
  if (isLetter(c)) return false;
  switch (c) {
    case 46: // .
    case 47: // /
    case 37: // %
    case 95: // _
    case 64: // @
    case 43: // +
      return false;
    case 58: // ":" then a digit: a time or a port.
      return !isDigit(s.charCodeAt(j + 1));
    case 45: {
      // "550-Text" continues a reply; "555-1234" or "200-299" does not.
      if (!isDigit(s.charCodeAt(j + 1))) return true;
      let k = j + 1;
      while (k < n && isDigit(s.charCodeAt(k))) k++;
      return k < n && s.charCodeAt(k) === 46;
    }
    default:
      return true;
  }
}

/** May an enhanced code end right before `s[j]`? (The matcher already refused a following digit or `.digit`.) */
function goodAfterEnhanced(s: string, j: number, n: number): boolean {
  if (j >= n) return true;
  const c = s.charCodeAt(j);
  return !(isLetter(c) || c === 95 || c === 64 || c === 47 || c === 37);
}

/** A valid reply code at `s[i..i+3)` (already known to be three digits)? */
function replyCodeAt(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  if (a < 50 || a > 53 || b > 53) return -1;
  return (a - 48) * 100 + (b - 48) * 10 + (s.charCodeAt(i + 2) - 48);
}

/** Candidate kinds, kept as plain numbers so scanning a 1 MB input allocates nothing per candidate. */
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

function found(code: number, codeAt: number, enh: string | undefined, enhAt: number, enhEnd: number, textAt: number, quote: number, qmail: boolean): Found {
  return { code, codeAt, enh, enhAt, enhEnd, textAt, quote, qmail };
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
  const s = text;
  const n = s.length;
  // The first place a candidate can start (see MAY_HOLD_CODE): none in a
  // third of real log lines, which so cost no scan; the rest skip their prefix
  // (timestamp, host, pid). The scan below would reach this place as the start
  // of a digit run with nothing found before it (the character before is not
  // a digit), so starting there changes nothing.
  const first = s.search(MAY_HOLD_CODE);
  if (first < 0) return undefined;

  let candidates = 0;
  let agreePair: Found | undefined;
  let pair: Found | undefined;
  let codeOnly: Found | undefined;
  let enhOnly: Found | undefined;
  // First lone reply code of each first digit, first lone enhanced code of each class.
  const codeByClass: (Found | undefined)[] = [];
  const enhByClass: (Found | undefined)[] = [];
  // An enhanced code with a subject RFC 3463 does not define: used only when there is nothing better.
  let weakEnh: Found | undefined;

  let i = first;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) {
      // Every candidate starts with a digit: jump to the next one. A single
      // separator ("5.5", "1 2") is stepped over here, a longer run by runEnd.
      i++;
      if (i < n && !isDigit(s.charCodeAt(i))) i = runEnd(NON_DIGITS, s, i + 1, n, false);
      continue;
    }
    let j = i + 1;
    if (j < n && isDigit(s.charCodeAt(j))) j = runEnd(DIGITS, s, j + 1, n, true);
    const len = j - i;

    if (len === 3 && goodBefore(s, i)) {
      const code = replyCodeAt(s, i);
      if (code > 0) {
        // A pair: "-" and/or whitespace (one line break at most), an optional quote, an enhanced code.
        let k = j;
        let sep = false;
        if (s.charCodeAt(k) === 45) {
          k++;
          sep = true;
        }
        let breaks = 0;
        while (k < n) {
          const w = s.charCodeAt(k);
          if (!isSpace(w)) break;
          if (w === 10 && ++breaks > 1) break;
          sep = true;
          k++;
        }
        let quote = 0;
        if (isQuote(s.charCodeAt(k))) quote = s.charCodeAt(k++);
        if (sep && breaks <= 1) {
          const m = matchEnhancedCode(s, k, n);
          if (m >= 0 && goodAfterEnhanced(s, m, n)) {
            candidates++;
            const agrees = s.charCodeAt(k) - 48 === ((code / 100) | 0);
            if (pair === undefined || (agrees && agreePair === undefined)) {
              const before = i > 0 ? s.charCodeAt(i - 1) : 0;
              const f = found(code, i, s.slice(k, m), k, m, m, quote || (isOpening(before) || before === 35 ? before : 0), false);
              if (agrees) agreePair ??= f;
              pair ??= f;
            }
            i = m;
            continue;
          }
        }
        // "#550" alone is a CSS colour more often than a reply ("#550 5.2.2" pairs are taken above).
        if (goodAfterCode(s, j, n) && (i === 0 || s.charCodeAt(i - 1) !== 35)) {
          candidates++;
          const cls = (code / 100) | 0;
          if (codeByClass[cls] === undefined || codeOnly === undefined) {
            // Text starts after the separator and an optional quote.
            let t = j;
            const sc = s.charCodeAt(t);
            if (sc === 45 || sc === 32) t++;
            let q = 0;
            if (isQuote(s.charCodeAt(t))) q = s.charCodeAt(t++);
            const before = i > 0 ? s.charCodeAt(i - 1) : 0;
            const f = found(code, i, undefined, -1, -1, t, q || (isOpening(before) || before === 35 ? before : 0), false);
            codeByClass[cls] ??= f;
            codeOnly ??= f;
          }
        }
      }
    } else if (len === 1 && (c === 50 || c === 52 || c === 53) && s.charCodeAt(j) === 46 && goodBefore(s, i) && !afterVersionWord(s, i)) {
      const m = matchEnhancedCode(s, i, n);
      if (m >= 0 && goodAfterEnhanced(s, m, n)) {
        candidates++;
        const cls = c - 48;
        // RFC 3463 defines subjects 0-7; "(2.753.1)" is more likely a version.
        const weak = !(s.charCodeAt(i + 2) <= 55 && s.charCodeAt(i + 3) === 46);
        if (weak) {
          weakEnh ??= found(-1, -1, s.slice(i, m), i, m, m, 0, false);
        } else if (enhByClass[cls] === undefined) {
          // qmail writes "(#5.1.1)" after its text.
          const qmail = i >= 2 && s.charCodeAt(i - 1) === 35 && s.charCodeAt(i - 2) === 40;
          const before = i > 0 ? s.charCodeAt(i - 1) : 0;
          const f = found(-1, -1, s.slice(i, m), i, m, m, isOpening(before) ? before : 0, qmail);
          enhByClass[cls] = f;
          enhOnly ??= f;
        }
        i = m;
        continue;
      }
    }
    i = j;
  }

  // Choose. A weak enhanced code stands only alone.
  if (codeOnly === undefined) enhOnly ??= weakEnh;
  let code = -1;
  let codeAt = -1;
  let enh: string | undefined;
  let enhAt = -1;
  let textAt = 0;
  let quote = 0;
  let qmailAt = -1;
  let source: ExtractSource;
  const chosenPair = agreePair ?? pair;
  if (chosenPair !== undefined) {
    ({ code, codeAt, enh, enhAt, textAt, quote } = chosenPair);
    source = 'reply';
  } else if (codeOnly !== undefined && enhOnly !== undefined) {
    let C: Found = codeOnly;
    let E: Found = enhOnly;
    const eCls = E.enh!.charCodeAt(0) - 48;
    const cCls = (C.code / 100) | 0;
    if (eCls !== cCls) {
      const sameAsE = codeByClass[eCls];
      const sameAsC = enhByClass[cCls];
      if (sameAsE !== undefined) C = sameAsE;
      else if (sameAsC !== undefined) E = sameAsC;
    }
    ({ code, codeAt, textAt, quote } = C);
    enh = E.enh;
    enhAt = E.enhAt;
    if (E.qmail) qmailAt = E.enhAt - 2;
    source = 'combined';
  } else if (enhOnly !== undefined) {
    ({ enh, enhAt, textAt, quote } = enhOnly);
    source = enhOnly.qmail ? 'qmail' : 'enhanced-only';
  } else if (codeOnly !== undefined) {
    ({ code, codeAt, textAt, quote } = codeOnly);
    source = 'code-only';
  } else {
    return undefined;
  }

  const offset = codeAt >= 0 ? codeAt : enhAt;
  const replyText =
    source === 'qmail'
      ? qmailText(s, enhAt - 2)
      : collectText(s, textAt, code, enh, quote, qmailAt > textAt ? qmailAt : -1, codeAt >= 0 && s.charCodeAt(codeAt + 3) === 45);
  return {
    code: code >= 0 ? code : undefined,
    enhanced: enh as EnhancedCode | undefined,
    text: replyText,
    source,
    offset,
    enhancedOffset: enhAt >= 0 ? enhAt : undefined,
    agree: code < 0 || enh === undefined || enh.charCodeAt(0) - 48 === ((code / 100) | 0),
    candidates,
    command: findCommand(s, offset),
  };
}

/** qmail: the text on the marker's line before `(#`. */
function qmailText(s: string, markerAt: number): string {
  let start = markerAt;
  while (start > 0 && s.charCodeAt(start - 1) !== 10) start--;
  return fold(s, start, markerAt);
}

/**
 * `s[from..to)` with whitespace runs collapsed to one space and trimmed.
 * Single spaces between words are kept in place, so ordinary prose costs
 * one slice; only irregular runs (several spaces, tabs, line breaks) cut it.
 */
function fold(s: string, from: number, to: number): string {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
  let out = '';
  let chunk = from;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    // Every whitespace character is <= 32.
    if (c > 32 || !isSpace(c)) continue;
    if (c === 32 && !isSpace(s.charCodeAt(k + 1))) continue;
    // An irregular run; it ends before `to`, which is not whitespace.
    out += `${s.slice(chunk, k)} `;
    let e = k + 1;
    while (isSpace(s.charCodeAt(e))) e++;
    chunk = e;
    k = e - 1;
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
function collectText(s: string, start: number, code: number, enh: string | undefined, opening: number, stopAt: number, more: boolean): string {
  const n = s.length;
  const end = stopAt >= 0 ? stopAt : n;
  const parts: string[] = [];
  let lineStart = start;
  for (;;) {
    let eol = s.indexOf('\n', lineStart);
    if (eol < 0 || eol > end) eol = end;
    const piece = fold(s, lineStart, eol);
    if (piece.length > 0) parts.push(piece);
    if (eol >= end) break;
    // Decide whether the next line continues this text.
    let k = eol + 1;
    const first = s.charCodeAt(k);
    if (k >= end || first === 10 || first === 13) break;
    const indented = isSpace(first);
    if (indented) {
      while (k < end && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
      const c = s.charCodeAt(k);
      if (k >= end || c === 10 || c === 13) break; // blank line
    }
    const cont = code >= 0 && (more || indented) ? continuationEnd(s, k, code, enh) : -1;
    if (cont >= 0) {
      more = s.charCodeAt(k + 3) === 45;
      k = cont;
    } else if (!indented) {
      break;
    }
    lineStart = k;
  }
  let out = parts.join(' ');
  // Postfix appends "(in reply to RCPT TO command)": not the server's words.
  const note = out.lastIndexOf('(in reply to ');
  if (note >= 0) out = out.slice(0, note).trimEnd();
  if (opening === 35) {
    // Exchange: "#550 5.2.2 text ##".
    if (out.endsWith('##')) out = out.slice(0, -2).trimEnd();
  } else if (opening !== 0) {
    const close = out.lastIndexOf(closingOf(opening));
    if (close >= 0) out = out.slice(0, close).trimEnd();
  }
  return out;
}

/** If `s[k..]` starts a continuation line `550-` / `550 ` (and the enhanced code), the index after that prefix; else -1. */
function continuationEnd(s: string, k: number, code: number, enh: string | undefined): number {
  if (replyCodeAt(s, k) !== code || isDigit(s.charCodeAt(k + 3))) return -1;
  const sep = s.charCodeAt(k + 3);
  if (sep !== 45 && sep !== 32) return -1;
  k += 4;
  if (enh !== undefined && s.startsWith(enh, k) && !isDigit(s.charCodeAt(k + enh.length))) {
    k += enh.length;
    if (s.charCodeAt(k) === 32) k++;
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

const SIMPLE_COMMANDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'EHLO', 'HELO', 'LHLO', 'MAIL', 'RCPT', 'DATA', 'BDAT', 'RSET', 'VRFY', 'EXPN', 'HELP', 'NOOP', 'QUIT', 'STARTTLS', 'AUTH',
]);

/** Maps the words after a marker to a command. */
function commandOf(w: readonly string[]): ReplyCommand | undefined {
  let i = 0;
  if (w[i] === 'PIPELINED') i++;
  const a = w[i];
  if (a === undefined) return undefined;
  if (a === 'END' && w[i + 1] === 'OF' && w[i + 2] === 'DATA') return 'END OF DATA';
  if (a === 'INITIAL' && (w[i + 1] === 'CONNECTION' || w[i + 1] === 'GREETING')) return 'CONNECTION ESTABLISHMENT';
  if (a === '.') return 'END OF DATA';
  return SIMPLE_COMMANDS.has(a) ? (a as ReplyCommand) : undefined;
}

/**
 * The command the reply answered: Postfix's `(in reply to X command)` after
 * the reply, else Exim's `SMTP error from remote mail server after X` or
 * Sendmail's transcript line `>>> X` before it. Each search is one `indexOf`
 * pass; only the chosen marker's words are read.
 */
function findCommand(s: string, offset: number): ReplyCommand | undefined {
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
    if ((k === 0 || s.charCodeAt(k - 1) === 10) && k > before) {
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
  if (kind === 2) return commandOf(words(s, before + 4, 3));
  if (postfixBefore >= 0) return postfixCommand(s, postfixBefore);
  return undefined;
}

function postfixCommand(s: string, k: number): ReplyCommand | undefined {
  return commandOf(words(s, inReplyToAt(s, k), 4));
}
