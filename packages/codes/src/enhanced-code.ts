/**
 * Syntax helpers for enhanced status codes (RFC 3463 section 2):
 *
 * ```abnf
 * status-code = class "." subject "." detail
 * class       = "2" / "4" / "5"
 * subject     = 1*3digit
 * detail      = 1*3digit
 * ```
 *
 * "Numeric sub-codes MUST be expressed without leading zero digits" — so
 * `5.0.0` is valid (a single zero is not a leading zero) but `5.01.1` is not.
 *
 * The limits below are constants rather than reads of the generated
 * `enhancedStatusGrammar` so that the parsers do not pull the generated
 * registry metadata into a bundle; `test/enhanced-code.test.ts` checks them
 * against the grammar the generator read out of RFC 3463.
 *
 * @packageDocumentation
 */

import type { EnhancedClass, EnhancedCode, RegistryCode } from './types.js';

/** The class digits RFC 3463 section 2 allows (`class = "2" / "4" / "5"`). */
export const ENHANCED_CLASSES: readonly EnhancedClass[] = [2, 4, 5];

/** Most digits of the subject sub-code (RFC 3463 section 2: `subject = 1*3digit`). */
export const MAX_SUBJECT_DIGITS = 3;

/** Most digits of the detail sub-code (RFC 3463 section 2: `detail = 1*3digit`). */
export const MAX_DETAIL_DIGITS = 3;

/** An enhanced status code split into its parts. */
export interface ParsedEnhancedCode {
  /** The class digit: 2 success, 4 persistent transient failure, 5 permanent failure. */
  readonly class: EnhancedClass;
  /** The subject sub-code (`1` in `5.1.1`: addressing). */
  readonly subject: number;
  /** The detail sub-code (`1` in `5.1.1`). */
  readonly detail: number;
  /** The code as a string, exactly as given: `"5.1.1"`. */
  readonly code: EnhancedCode;
}

/**
 * Result of {@link matchEnhancedCode} when the text is not shaped like a code
 * at all (it is ordinary text).
 * @internal
 */
export const NOT_A_CODE = -1;

/**
 * Results of {@link matchEnhancedCode} at or below this value mean the text is
 * shaped like a code (`digit "." digits "." digits`, class digit 2/4/5) but
 * breaks RFC 3463's rules (leading zeros, more than three digits); the shaped
 * text ends at `BAD_CODE - result` (see {@link badCodeEnd}).
 * @internal
 */
export const BAD_CODE = -2;

/**
 * For a {@link matchEnhancedCode} result `<= BAD_CODE`, the index just after
 * the code-shaped text.
 * @internal
 */
export function badCodeEnd(result: number): number {
  return BAD_CODE - result;
}

/**
 * Matches one sub-code (1 to `max` digits, no leading zeros) starting at `i`.
 * Returns the index after the digits, `BAD_CODE` when the run is shaped right
 * but breaks the rules, or `NOT_A_CODE` when there is no digit at `i`.
 */
function matchSubCode(s: string, i: number, end: number, max: number): number {
  const first = s.charCodeAt(i);
  if (i >= end || first < 48 || first > 57) return NOT_A_CODE;
  let j = i + 1;
  while (j < end) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  const len = j - i;
  // RFC 3463 section 2: "MUST be expressed without leading zero digits".
  if (len > max || (first === 48 && len > 1)) return BAD_CODE;
  return j;
}

/**
 * Scans `s[start..end)` for an enhanced status code at `start`.
 *
 * The code-shaped prefix is `digit "." 1*digit "." 1*digit`, with the first
 * digit one of 2/4/5, followed by `end` or by a character that is not a digit
 * and not `.` (so `5.5.5.5` and `192.0.2.1` are not codes). Further boundary
 * rules are the caller's (the strict parser also requires a space after it).
 *
 * @returns the index just after the code; a value `<=` {@link BAD_CODE} when
 * the prefix is code-shaped but invalid (leading zero, more than three digits;
 * {@link badCodeEnd} gives where it ends); {@link NOT_A_CODE} when it is not
 * code-shaped at all.
 * @internal
 */
export function matchEnhancedCode(s: string, start: number, end: number): number {
  if (start + 5 > end) return NOT_A_CODE;
  const cls = s.charCodeAt(start);
  // class = "2" / "4" / "5"
  if (cls !== 50 && cls !== 52 && cls !== 53) return NOT_A_CODE;
  if (s.charCodeAt(start + 1) !== 46) return NOT_A_CODE;
  const afterSubject = matchSubCode(s, start + 2, end, MAX_SUBJECT_DIGITS);
  let bad = false;
  let j: number;
  if (afterSubject === NOT_A_CODE) return NOT_A_CODE;
  if (afterSubject <= BAD_CODE) {
    // Keep scanning to decide whether the whole thing is code-shaped.
    bad = true;
    j = skipDigits(s, start + 2, end);
  } else {
    j = afterSubject;
  }
  if (j >= end || s.charCodeAt(j) !== 46) return NOT_A_CODE;
  const afterDetail = matchSubCode(s, j + 1, end, MAX_DETAIL_DIGITS);
  if (afterDetail === NOT_A_CODE) return NOT_A_CODE;
  if (afterDetail <= BAD_CODE) {
    bad = true;
    j = skipDigits(s, j + 1, end);
  } else {
    j = afterDetail;
  }
  // A fourth dotted part makes it an address or a version, not a code.
  if (j < end && s.charCodeAt(j) === 46) {
    const next = s.charCodeAt(j + 1);
    if (j + 1 < end && next >= 48 && next <= 57) return NOT_A_CODE;
  }
  return bad ? BAD_CODE - j : j;
}

function skipDigits(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i;
}

/** Shows a value in an error message without risking a throw. */
function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v;
}

/** Reads the decimal value of `s[i..j)`, known to be 1-3 digits. */
function digitsValue(s: string, i: number, j: number): number {
  let v = 0;
  for (; i < j; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/**
 * Parses an enhanced status code such as `"5.1.1"` (RFC 3463 section 2).
 *
 * The whole string must be the code: no surrounding whitespace, no leading
 * zeros in a sub-code (`"5.01.1"` is invalid, `"5.0.0"` is valid), class 2,
 * 4 or 5, subject and detail of one to three digits.
 *
 * @example
 * ```ts
 * parseEnhancedCode('5.1.1'); // { class: 5, subject: 1, detail: 1, code: '5.1.1' }
 * parseEnhancedCode('5.01.1'); // undefined
 * ```
 * @param s - The text to parse; anything that is not a string gives `undefined`.
 * @returns The parts, or `undefined` when `s` is not a valid code.
 */
export function parseEnhancedCode(s: unknown): ParsedEnhancedCode | undefined {
  if (typeof s !== 'string') return undefined;
  const end = s.length;
  if (matchEnhancedCode(s, 0, end) !== end) return undefined;
  const dot = s.indexOf('.', 2);
  return {
    class: (s.charCodeAt(0) - 48) as EnhancedClass,
    subject: digitsValue(s, 2, dot),
    detail: digitsValue(s, dot + 1, end),
    code: s as EnhancedCode,
  };
}

/**
 * Tells whether `s` is a valid enhanced status code (see {@link parseEnhancedCode}).
 *
 * @param s - Any value.
 * @returns `true` for strings such as `"2.0.0"` and `"5.7.26"`.
 */
export function isEnhancedCode(s: unknown): s is EnhancedCode {
  return typeof s === 'string' && matchEnhancedCode(s, 0, s.length) === s.length;
}

/**
 * Tells whether `s` is a syntactically valid registry code: `"X."` followed
 * by a subject and a detail under the rules of RFC 3463 section 2 (`"X.1.1"`).
 *
 * @param s - Any value.
 */
export function isRegistryCode(s: unknown): s is RegistryCode {
  if (typeof s !== 'string' || s.length < 5 || s.charCodeAt(0) !== 88 /* X */) return false;
  // Check the tail with a class digit in place of the X.
  return matchEnhancedCode('5' + s.slice(1), 0, s.length) === s.length;
}

/**
 * Puts a class digit on a registry code: `withClass("X.1.1", 5)` gives
 * `"5.1.1"`. A concrete code is re-classed: `withClass("4.2.2", 5)` gives
 * `"5.2.2"`.
 *
 * @param code - A registry code (`"X.s.d"`) or an enhanced code (`"c.s.d"`).
 * @param cls - The class digit, 2, 4 or 5.
 * @throws RangeError when `code` is not a valid registry or enhanced code, or
 * `cls` is not 2, 4 or 5.
 */
export function withClass(code: RegistryCode | EnhancedCode | string, cls: EnhancedClass): EnhancedCode {
  if (cls !== 2 && cls !== 4 && cls !== 5) {
    throw new RangeError(`withClass: class must be 2, 4 or 5 (RFC 3463 section 2), got ${String(cls)}`);
  }
  if (!isRegistryCode(code) && !isEnhancedCode(code)) {
    throw new RangeError(`withClass: ${show(code)} is not an enhanced status code such as "X.1.1" or "5.1.1"`);
  }
  return `${cls}${code.slice(1)}` as EnhancedCode;
}

/**
 * Replaces the class of an enhanced code with `X`, the way the IANA registry
 * lists it: `toRegistryCode("5.1.1")` gives `"X.1.1"`. A registry code is
 * returned as is.
 *
 * @param code - An enhanced code (`"5.1.1"`) or a registry code (`"X.1.1"`).
 * @throws RangeError when `code` is neither.
 */
export function toRegistryCode(code: EnhancedCode | RegistryCode | string): RegistryCode {
  if (isEnhancedCode(code)) return `X${code.slice(1)}` as RegistryCode;
  if (isRegistryCode(code)) return code;
  throw new RangeError(`toRegistryCode: ${show(code)} is not an enhanced status code such as "5.1.1"`);
}
