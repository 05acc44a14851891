/**
 * `describe(code)`: what a reply code (RFC 5321 section 4.2) or an enhanced
 * status code (RFC 3463, IANA registry) means.
 *
 * Lookups go through Maps keyed by the exact input, each entry built the
 * first time its code is asked for (no work at import, so the module
 * tree-shakes, and a one-shot call builds one entry); only inputs that miss (with
 * whitespace, lower-case `x`, unregistered codes, garbage) take the slow path,
 * and the results of up to 1024 short ones are remembered in a second Map, so
 * a repeated input costs at most two lookups whatever it is.
 *
 * @packageDocumentation
 */

import { isEnhancedCode, isRegistryCode } from './enhanced-code.js';
import { enhancedClasses, enhancedStatuses, enhancedSubjects } from './generated/enhanced-statuses.js';
import { replyCategories, replyCodes, replySeverities } from './generated/reply-codes.js';
import { isWhiteSpace } from './whitespace.js';
import type {
  AssociatedReplyCodes,
  EnhancedClass,
  EnhancedClassInfo,
  EnhancedCode,
  EnhancedStatusInfo,
  EnhancedSubjectInfo,
  Reference,
  RegistryCode,
  ReplyCategory,
  ReplyCodeInfo,
  ReplySeverity,
  ReplySeverityDigit,
} from './types.js';

/** What {@link describe} says about a reply code such as `550`. */
export interface ReplyCodeDescription {
  /** Always `"reply"`. */
  readonly kind: 'reply';
  /** The three-digit code. */
  readonly code: number;
  /** The stable constant name in `ReplyCode` (`"MailboxUnavailable"`); `undefined` when not registered. */
  readonly name: string | undefined;
  /** The reply text the defining RFC gives; `undefined` when not registered. */
  readonly text: string | undefined;
  /** The meaning of the first digit (RFC 5321 section 4.2.1). */
  readonly severity: ReplySeverity;
  /** The meaning of the second digit (RFC 5321 section 4.2.1). */
  readonly category: ReplyCategory;
  /** The RFC's heading for the first digit: `"Permanent Negative Completion reply"`. */
  readonly severityTitle: string;
  /** The RFC's explanation of the first digit. */
  readonly severityDescription: string;
  /** The RFC's heading for the second digit: `"Mail system"`. */
  readonly categoryTitle: string;
  /** The RFC's explanation of the second digit. */
  readonly categoryDescription: string;
  /** The defining documents; for an unregistered code, RFC 5321 section 4.2.1 (the digit meanings). */
  readonly references: readonly Reference[];
  /** `true` when the code is in the generated `replyCodes` table. */
  readonly registered: boolean;
}

/** What {@link describe} says about an enhanced status code such as `"5.1.1"` or a registry code such as `"X.1.1"`. */
export interface EnhancedCodeDescription {
  /** Always `"enhanced"`. */
  readonly kind: 'enhanced';
  /** The code as looked up (whitespace trimmed, `x` upper-cased): `"5.1.1"` or `"X.1.1"`. */
  readonly code: EnhancedCode | RegistryCode;
  /** The registry form: `"X.1.1"`. */
  readonly registryCode: RegistryCode;
  /** The class digit; `undefined` for a registry code (`"X.1.1"`). */
  readonly class: EnhancedClass | undefined;
  /** The subject sub-code. */
  readonly subject: number;
  /** The detail sub-code. */
  readonly detail: number;
  /** The stable constant name in `EnhancedStatus`; `undefined` when not registered. */
  readonly name: string | undefined;
  /** IANA's sample text; `undefined` when not registered. */
  readonly sample: string | undefined;
  /** IANA's description; `undefined` when not registered. */
  readonly description: string | undefined;
  /** The class row (`summary: "Permanent Failure"`); `undefined` for a registry code. */
  readonly classInfo: EnhancedClassInfo | undefined;
  /** The subject row (`summary: "Addressing Status"`); `undefined` for a subject the registry does not define. */
  readonly subjectInfo: EnhancedSubjectInfo | undefined;
  /** The registry's associated reply codes; `undefined` when not registered. */
  readonly replyCodes: AssociatedReplyCodes | undefined;
  /** The classes the entry occurs in (see `EnhancedStatusInfo.classes`); `undefined` when not registered. */
  readonly classes: readonly EnhancedClass[] | undefined;
  /**
   * Whether the registry entry lists this code's class (`false` for
   * `"2.1.1"`: X.1.1 occurs with 4xx and 5xx replies); `undefined` for a
   * registry code or an unregistered code.
   */
  readonly classListed: boolean | undefined;
  /** The defining documents: the entry's, or for an unregistered code the subject's (else the class's). */
  readonly references: readonly Reference[];
  /** `true` when the entry must not be used in new software. */
  readonly deprecated: boolean;
  /** For a deprecated entry, the registry code to use instead. */
  readonly replacedBy: RegistryCode | undefined;
  /** `true` when the registry has an entry for the subject and detail. */
  readonly registered: boolean;
}

/** The result of {@link describe}. */
export type CodeDescription = ReplyCodeDescription | EnhancedCodeDescription;

const SEVERITIES: Record<ReplySeverityDigit, ReplySeverity> = {
  2: 'positive-completion',
  3: 'positive-intermediate',
  4: 'transient-negative',
  5: 'permanent-negative',
};
const CATEGORIES: readonly ReplyCategory[] = ['syntax', 'information', 'connections', 'unspecified', 'unspecified', 'mail-system'];

/** RFC 5321 section 4.2.1 gives the meaning of each digit: cited for codes no document defines. */
const RFC5321_DIGITS: readonly Reference[] = /* @__PURE__ */ Object.freeze([
  Object.freeze({
    kind: 'rfc',
    id: 'RFC5321',
    rfc: 5321,
    section: '4.2.1',
    status: 'Standards Track',
    url: 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1',
  } as const),
]);

interface Tables {
  /**
   * The shared results of the canonical keys ("550", "5.1.1", "X.1.1"), each
   * built the first time it is asked for: a cold `describe("5.1.1")` builds
   * one entry, not all of them (start-up of the CLI).
   */
  readonly fixed: Map<string, CodeDescription>;
  /** The shared results of the valid reply codes, by number (the same objects as in `fixed`). */
  readonly byNumber: Map<number, ReplyCodeDescription>;
  /**
   * Fewer than {@link MEMO_SIZE} short strings that took the slow path, with
   * their result (`null` for "not a code"); added by {@link remember}.
   */
  memo: Map<string, CodeDescription | null>;
  readonly classes: Map<number, EnhancedClassInfo>;
  readonly subjects: Map<number, EnhancedSubjectInfo>;
  /** Registered reply codes by number; built on the first reply-code miss. */
  registeredReplies: Map<number, ReplyCodeInfo> | undefined;
  /**
   * The registry entries by the keys the canonical enhanced codes have
   * ("X.1.1", "2.1.1", "4.1.1", "5.1.1"), with the class of the key; built on
   * the first enhanced-code miss (strings only, no descriptions).
   */
  entries: Map<string, readonly [EnhancedClass | undefined, EnhancedStatusInfo]> | undefined;
}

/**
 * How many slow-path inputs {@link describe} remembers at most. Bounded, so a
 * stream of distinct garbage costs at most this many Map entries (each key at
 * most {@link MEMO_MAX_KEY} characters).
 */
const MEMO_SIZE = 1024;

/**
 * Only inputs up to this many characters are remembered. Every code with a
 * little whitespace fits ("X.999.999" is 9), and V8 copies strings this
 * short when slicing, so a remembered key never keeps a large text alive.
 */
const MEMO_MAX_KEY = 12;

let tables: Tables | undefined;

function digitInfo(list: readonly { digit: number; title: string; description: string }[], digit: number) {
  for (const d of list) if (d.digit === digit) return d;
  return undefined;
}

function replyDescription(code: number, info: ReplyCodeInfo | undefined): ReplyCodeDescription | undefined {
  const s = (code / 100) | 0;
  const c = ((code / 10) | 0) % 10;
  const sev = digitInfo(replySeverities, s);
  const cat = digitInfo(replyCategories, c);
  const severity = SEVERITIES[s as ReplySeverityDigit];
  const category = CATEGORIES[c];
  if (sev === undefined || cat === undefined || severity === undefined || category === undefined) return undefined;
  return Object.freeze({
    kind: 'reply',
    code,
    name: info?.name,
    text: info?.text,
    severity: info?.severity ?? severity,
    category: info?.category ?? category,
    severityTitle: sev.title,
    severityDescription: sev.description,
    categoryTitle: cat.title,
    categoryDescription: cat.description,
    references: info?.references ?? RFC5321_DIGITS,
    registered: info !== undefined,
  });
}

function enhancedDescription(
  code: string,
  cls: EnhancedClass | undefined,
  subject: number,
  detail: number,
  entry: EnhancedStatusInfo | undefined,
  t: Pick<Tables, 'classes' | 'subjects'>,
): EnhancedCodeDescription | undefined {
  const classInfo = cls === undefined ? undefined : t.classes.get(cls);
  const subjectInfo = t.subjects.get(subject);
  // Nothing known about it at all: an X code of an unknown subject.
  if (classInfo === undefined && subjectInfo === undefined && entry === undefined) return undefined;
  return Object.freeze({
    kind: 'enhanced',
    code: code as EnhancedCode | RegistryCode,
    // `code` is canonical (no leading zeros, RFC 3463 section 2), so this is "X.<subject>.<detail>".
    registryCode: (code.charCodeAt(0) === 88 ? code : `X${code.slice(1)}`) as RegistryCode,
    class: cls,
    subject,
    detail,
    name: entry?.name,
    sample: entry?.sample,
    description: entry?.description,
    classInfo,
    subjectInfo,
    replyCodes: entry?.replyCodes,
    classes: entry?.classes,
    classListed: entry === undefined || cls === undefined ? undefined : entry.classes.includes(cls),
    references: entry?.references ?? subjectInfo?.references ?? classInfo?.references ?? [],
    deprecated: entry?.deprecated ?? false,
    replacedBy: entry?.replacedBy,
    registered: entry !== undefined,
  });
}

/** The small tables every description needs; the per-code ones start empty. */
function build(): Tables {
  const classes = new Map<number, EnhancedClassInfo>();
  const subjects = new Map<number, EnhancedSubjectInfo>();
  for (const c of enhancedClasses) classes.set(c.class, c);
  for (const s of enhancedSubjects) subjects.set(s.subject, s);
  return { fixed: new Map(), byNumber: new Map(), memo: new Map(), classes, subjects, registeredReplies: undefined, entries: undefined };
}

/**
 * The shared description of a reply code the RFC 5321 section 4.2 grammar
 * allows (2-5, 0-5, 0-9), built on first use; `undefined` for anything else.
 */
function replyByNumber(code: number, t: Tables): ReplyCodeDescription | undefined {
  const hit = t.byNumber.get(code);
  if (hit !== undefined) return hit;
  if (!Number.isInteger(code) || code < 200 || code > 599 || ((code / 10) | 0) % 10 > 5) return undefined;
  let registered = t.registeredReplies;
  if (registered === undefined) {
    registered = t.registeredReplies = new Map<number, ReplyCodeInfo>();
    for (const r of replyCodes) registered.set(r.code, r);
  }
  const desc = replyDescription(code, registered.get(code));
  if (desc === undefined) return undefined;
  t.byNumber.set(code, desc);
  t.fixed.set(String(code), desc);
  return desc;
}

/**
 * The shared description when `s` is exactly a canonical key ("550",
 * "5.1.1" of a registered entry, "X.1.1") that is not in `fixed` yet: built
 * and put there; `undefined` for every other string.
 */
function fixedLookup(s: string, t: Tables): CodeDescription | undefined {
  if (s.length === 3) {
    const a = s.charCodeAt(0) - 48;
    const b = s.charCodeAt(1) - 48;
    const c = s.charCodeAt(2) - 48;
    if (a >= 2 && a <= 5 && b >= 0 && b <= 5 && c >= 0 && c <= 9) return replyByNumber(a * 100 + b * 10 + c, t);
    return undefined;
  }
  if (s.length < 5 || s.length > 9) return undefined;
  let entries = t.entries;
  if (entries === undefined) {
    // Same keys, same order (later rows win) as the registry rows give them.
    entries = t.entries = new Map();
    for (const e of enhancedStatuses) {
      entries.set(e.code, [undefined, e]);
      for (const cls of [2, 4, 5] as const) entries.set(`${cls}.${e.subject}.${e.detail}`, [cls, e]);
    }
  }
  const found = entries.get(s);
  if (found === undefined) return undefined;
  const [cls, e] = found;
  const d = enhancedDescription(s, cls, e.subject, e.detail, e, t);
  if (d !== undefined) t.fixed.set(s, d);
  return d;
}

/** A canonical key's shared result, else a remembered slow-path result (`null`: "not a code"), else `undefined`. */
function known(s: string, t: Tables): CodeDescription | null | undefined {
  const hit = t.fixed.get(s);
  if (hit !== undefined) return hit;
  const memo = t.memo.get(s);
  return memo !== undefined ? memo : fixedLookup(s, t);
}

/**
 * Puts a slow-path result into `memo` so the next call with the same
 * input costs two Map lookups. When {@link MEMO_SIZE} are held, all of them
 * are forgotten at once by starting `memo` again:
 * cheaper than deleting one old entry per new one (a Map with deletions
 * keeps their slots until it is rehashed), and a key in use comes back on its
 * next call.
 */
function remember(input: string, result: CodeDescription | undefined, t: Tables): CodeDescription | undefined {
  if (input.length > MEMO_MAX_KEY) return result;
  if (t.memo.size === MEMO_SIZE) t.memo = new Map<string, CodeDescription | null>();
  t.memo.set(input, result ?? null);
  return result;
}

/**
 * Strings that missed the exact-key Map: trimmed, `x.`, unregistered codes,
 * garbage. The result of a short input is remembered (see {@link remember}).
 */
function describeSlow(input: string, t: Tables): CodeDescription | undefined {
  // Bound the work on garbage: no code is longer than "X.999.999" plus whitespace we are willing to trim.
  if (input.length === 0 || input.length > 64) return undefined;
  return remember(input, describeUncached(input, t), t);
}

/** The slow path proper: what `describe` says about a string that missed the Map. */
function describeUncached(input: string, t: Tables): CodeDescription | undefined {
  let s = input;
  if (isWhiteSpace(s.charCodeAt(0)) || isWhiteSpace(s.charCodeAt(s.length - 1))) {
    s = s.trim();
    const hit = known(s, t);
    if (hit !== undefined) return hit ?? undefined;
  }
  if (s.charCodeAt(0) === 120 /* x */) {
    s = `X${s.slice(1)}`;
    const hit = known(s, t);
    if (hit !== undefined) return hit ?? undefined;
  }
  // Reply codes: every valid one is in the Map, so a miss is invalid.
  if (isEnhancedCode(s)) {
    const cls = (s.charCodeAt(0) - 48) as EnhancedClass;
    const dot = s.indexOf('.', 2);
    return enhancedDescription(s, cls, decimal(s, 2, dot), decimal(s, dot + 1, s.length), undefined, t);
  }
  if (isRegistryCode(s)) {
    const dot = s.indexOf('.', 2);
    return enhancedDescription(s, undefined, decimal(s, 2, dot), decimal(s, dot + 1, s.length), undefined, t);
  }
  return undefined;
}

/** The value of the digits `s[from..to)` (1-3 of them, already validated): no slice, no Number(). */
function decimal(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/**
 * What a code means, from the generated registry and RFC tables.
 *
 * Accepts a reply code (`550` or `"550"`: three digits, first 2-5, second
 * 0-5), an enhanced status code (`"5.1.1"`), or a registry code (`"X.1.1"`,
 * also `"x.1.1"`); surrounding whitespace in a string is ignored.
 *
 * - A registered reply code gives its RFC text and name; any other valid reply
 *   code gives `registered: false` with the meanings of its two digits.
 * - A registered enhanced code gives the registry entry with its class and
 *   subject; `"X.1.1"` the entry without a class. A valid unregistered code
 *   (`"5.7.606"`, `"4.7.500"`) gives its class and subject meanings and
 *   `registered: false`; an unknown subject (`"5.9.1"`) the class meaning
 *   only, with `subjectInfo` undefined.
 * - Anything else gives `undefined`: `"9.9.9"`, `"abc"`, `"__proto__"`,
 *   `NaN`, `1e3`, objects.
 *
 * Results are frozen. Those of registered codes and of valid reply codes are
 * shared: the same object each time. Other results of short inputs are
 * remembered (up to 1024 distinct inputs, then forgotten together), so a
 * repeated `"5.7.606"` costs one Map lookup and usually gives the same object
 * too (compare fields, not identity).
 *
 * @example
 * ```ts
 * describe('5.1.1')?.name;           // "BadDestinationMailboxAddress"
 * describe(550)?.text;               // "Requested action not taken: mailbox unavailable (e.g., ...)"
 * describe('5.7.606')?.registered;   // false
 * ```
 * @param code - A reply code (number or string) or an enhanced code (string).
 * JavaScript callers may pass anything: any other value gives `undefined`.
 * @returns The description, or `undefined`. Never throws.
 */
export function describe(code: number): ReplyCodeDescription | undefined;
export function describe(code: string | number): CodeDescription | undefined;
export function describe(code: string | number): CodeDescription | undefined {
  const t = tables ?? (tables = build());
  if (typeof code === 'string') {
    const hit = known(code, t);
    // null: a remembered "not a code".
    return hit !== undefined ? (hit ?? undefined) : describeSlow(code, t);
  }
  if (typeof code === 'number') return replyByNumber(code, t);
  return undefined;
}
