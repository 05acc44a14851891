/**
 * The classification rules, compiled on first use: the text patterns into a
 * matcher (./matcher.ts: one Aho-Corasick pass over the text,
 * however many substrings the rules list; the automaton itself is built only
 * when a text first needs scanning), the few restricted regexes into RegExp
 * objects, the overrides into numeric ranges, and the tables `classify`
 * reads per call into lookups by number (no key strings to build).
 *
 * Nothing runs at import time: {@link compiledRules} builds the tables on
 * its first call and keeps them.
 *
 * @packageDocumentation
 * @internal
 */

import { ruleCommand, type SmtpCommand } from '../command.js';
import type { ClassificationRules, EnhancedRule, Reason } from './vocabulary.js';
import { buildMatcher, firstMatch, flagged, scanFlags, type Matcher } from './matcher.js';
import { classificationRules } from '../generated/classification.js';

/** One text pattern, ready to test. @internal */
export interface CompiledPattern {
  readonly id: string;
  readonly reason: Reason;
  /** 4 or 5 when the pattern applies only to that outcome; 0 for any. */
  readonly outcomeDigit: 0 | 4 | 5;
  readonly strong: boolean;
  /** Set for `regex` patterns; `contains` patterns are in the automaton. */
  readonly regex: RegExp | undefined;
  /** The `contains` substrings as given. */
  readonly contains: readonly string[] | undefined;
}

/** One override with its code parsed. @internal */
export interface CompiledOverride {
  readonly id: string;
  readonly cls: number;
  readonly subject: number;
  readonly lo: number;
  readonly hi: number;
  readonly contains: readonly string[] | undefined;
  readonly reason: Reason;
}

/** A registry entry of the rules, found by subject and detail. @internal */
export interface CompiledEntry {
  /** `"X.1.1"`. */
  readonly key: string;
  /** The reviewed rule for the entry. */
  readonly entry: EnhancedRule | undefined;
}

/** A reply-code rule: the reason and the `matchedRule` id. @internal */
export interface ReplyCodeRule {
  /** The reason the table gives. */
  readonly reason: Reason;
  /** `"reply-code:550"` or `"reply-code:RCPT 550"`. */
  readonly id: string;
}

/** @internal */
export interface CompiledRules {
  /** The rules as given. */
  readonly raw: ClassificationRules;
  /** The text patterns, in the reviewed order. */
  readonly patterns: readonly CompiledPattern[];
  /** The overrides, in order. */
  readonly overrides: readonly CompiledOverride[];
  /**
   * The patterns that match `text` as given, as flags indexed like
   * `patterns`; only the `contains` patterns (for tests).
   */
  readonly scan: (text: string) => Uint8Array;
  /**
   * The index in `patterns` of the first pattern, in order, that applies
   * (`digit` 4/5, 0 for an unknown outcome; `strongOnly`) and matches the
   * reply text (lower-cased, whitespace folded, addresses masked); -1 when none.
   */
  readonly firstMatch: (text: string, digit: number, strongOnly: boolean) => number;
  /** The overrides for a class and subject, in order (`undefined`: none). */
  readonly overridesFor: (cls: number, subject: number) => readonly CompiledOverride[] | undefined;
  /** The `enhanced` entry `X.subject.detail` of the rules, if any. */
  readonly entry: (subject: number, detail: number) => CompiledEntry | undefined;
  /** The outcome the words of a text without any code settle (`outcomeWords`), permanent first; `undefined` when they do not. */
  readonly outcomeOfWords: (text: string) => 'transient' | 'permanent' | undefined;
  /** The `commandReplyCodes` rule, else the `replyCodes` rule, for a reply code. */
  readonly replyCodeRule: (code: number, command: SmtpCommand | undefined) => ReplyCodeRule | undefined;
}

let compiled: CompiledRules | undefined;

/** The compiled rules, built on the first call. @internal */
export function compiledRules(): CompiledRules {
  return (compiled ??= compile(classificationRules));
}

/** Three-digit sub-codes at most (RFC 3463 section 2): keys `subject * KEY + detail` stay small integers. */
const KEY = 1000;

/** Compiles a rules object; the automaton waits for the first text to scan (exported for tests of broken rule sets). @internal */
export function compile(raw: ClassificationRules): CompiledRules {
  const patterns: CompiledPattern[] = raw.patterns.map((p) => ({
    id: p.id,
    reason: p.reason,
    outcomeDigit: p.outcome === 'transient' ? 4 : p.outcome === 'permanent' ? 5 : 0,
    strong: p.strong === true,
    regex: p.regex !== undefined ? new RegExp(p.regex) : undefined,
    contains: p.contains,
  }));
  const overrides: CompiledOverride[] = [];
  const overridesBySubject = new Map<number, CompiledOverride[]>();
  for (const o of raw.overrides) {
    const range = o.code.split('-');
    const a = (range[0] ?? '').split('.').map(Number);
    const b = (range[1] ?? range[0] ?? '').split('.').map(Number);
    if (a.length !== 3 || b.length !== 3) continue; // the generator rejects these; never crash here
    const c: CompiledOverride = { id: o.id, cls: a[0]!, subject: a[1]!, lo: a[2]!, hi: b[2]!, contains: o.contains, reason: o.reason };
    overrides.push(c);
    const k = c.cls * KEY + c.subject;
    // Only whole numbers can equal a parsed code's parts; others never applied.
    if (Number.isInteger(k)) (overridesBySubject.get(k) ?? overridesBySubject.set(k, []).get(k)!).push(c);
  }

  // `X.s.d` keys with canonical numbers, which is how classify spelled the
  // key it looked up; any other key never matched.
  const entries = new Map<number, CompiledEntry>();
  for (const key of Object.keys(raw.enhanced)) {
    const m = /^X\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(key);
    if (m) entries.set(Number(m[1]) * KEY + Number(m[2]), { key, entry: raw.enhanced[key as keyof typeof raw.enhanced] });
  }

  const plain = replyTable(raw.replyCodes, (code) => `reply-code:${code}`);
  const byCommand = new Map<string, Map<number, ReplyCodeRule>>();
  for (const cmd of Object.keys(raw.commandReplyCodes)) {
    const table = raw.commandReplyCodes[cmd as SmtpCommand];
    if (table !== undefined)
      byCommand.set(
        cmd,
        replyTable(table, (code) => `reply-code:${cmd} ${code}`),
      );
  }

  // Built on the first text that needs scanning, not before.
  let matcher: Matcher | undefined;
  const getMatcher = () => (matcher ??= buildMatcher(patterns, [raw.outcomeWords.permanent, raw.outcomeWords.transient]));
  return {
    raw,
    patterns,
    overrides,
    scan: (text) => scanFlags(getMatcher(), text),
    // Without an outcome (digit 0) the scan reads the whole text, so that the outcome words are known too.
    firstMatch: (text, digit, strongOnly) => (text.length === 0 ? -1 : firstMatch(getMatcher(), text, digit, strongOnly, digit === 0)),
    overridesFor: (cls, subject) => overridesBySubject.get(cls * KEY + subject),
    entry: (subject, detail) => (subject < KEY && detail < KEY ? entries.get(subject * KEY + detail) : undefined),
    // Flag groups 0 and 1 of the matcher; permanent first ("will not be retried" holds no transient wording).
    outcomeOfWords: (text) => (flagged(getMatcher(), text, 0) ? 'permanent' : flagged(getMatcher(), text, 1) ? 'transient' : undefined),
    replyCodeRule: (code, command) =>
      (command !== undefined ? byCommand.get(ruleCommand(command))?.get(code) : undefined) ?? plain.get(code),
  };
}

/**
 * A `{ "550": reason }` table by number. classify looked keys up as
 * `String(code)` for a code 200-599, so only keys spelled that way count.
 */
function replyTable(table: Readonly<Record<string, Reason>>, id: (code: string) => string): Map<number, ReplyCodeRule> {
  const out = new Map<number, ReplyCodeRule>();
  for (const key of Object.keys(table)) {
    const code = Number(key);
    if (Number.isInteger(code) && String(code) === key) out.set(code, { reason: table[key]!, id: id(key) });
  }
  return out;
}
