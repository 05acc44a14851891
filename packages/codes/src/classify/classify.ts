/**
 * `classify`: what a reply (or a failed send) means for the operator — the
 * outcome, one of a small set of reasons, whose problem it is, and what to
 * do about it.
 *
 * The rules are reviewed data (`registry-sources/classification.json`,
 * generated into `../generated/classification.ts`); this module only applies
 * them. The outcome comes from a DSN Status or Action given as context, else
 * the reply code's first digit (RFC 5321 section 4.2.1), else the enhanced
 * code's class (RFC 3463 section 3), else a client-side error code
 * (`ECONNECTION`...), else the words (`inferred`). The reason comes from the
 * first of these steps that decides, in this order:
 *
 * 1. `override`: a real-world enhanced code outside the registry or used
 *    for something else (Microsoft's 5.7.606-5.7.649);
 * 2. `provider`: for a specific registry code, a `strong` text pattern,
 *    known to be more precise than the code (Gmail's 4.2.1 rate limit);
 * 3. `text`: for a generic code (X.0.0, X.7.1...), an unregistered one or
 *    none, the text patterns in their reviewed order;
 * 4. `registry entry`: the specific registry code's reason;
 * 5. `subject`: a generic code's own reason, or its subject's (X.s.0,
 *    RFC 3463 section 2) when the detail is unknown;
 * 6. `reply code`: the reply code, for the command when known, then alone;
 * 7. `client error`: nodemailer's or Node's error code.
 *
 * Then the command adjusts whose problem it is: a failure that answers MAIL
 * FROM is about the sender, one at the greeting or EHLO about our host.
 *
 * @packageDocumentation
 */

import type { SmtpCommand } from '../command.js';
import type { ParsedEnhancedCode } from '../enhanced-code.js';
import type { EnhancedCode } from '../types.js';
import { EMPTY, normalizeInput, type NormalizedInput } from './input.js';
import { settle } from './mappings.js';
import { normalizeText } from './matcher.js';
import { compiledRules, type CompiledEntry, type CompiledRules } from './rules.js';
import type { Action, ClientErrorRule, EnhancedRule, Outcome, Reason, Side } from './vocabulary.js';

/**
 * Which rule decided the reason:
 * - `enhanced`: the enhanced status code (registry table or an override);
 * - `text`: a text pattern;
 * - `reply-code`: the reply code (with the command when known);
 * - `network`: a client-side error code with no server reply (nodemailer's
 *   `ECONNECTION`, `ETIMEDOUT`, `EDNS`, `EAUTH`..., Node's `ECONNREFUSED`...);
 * - `none`: nothing matched (`reason` is `other`).
 */
export type ClassificationSource = 'enhanced' | 'text' | 'reply-code' | 'network' | 'none';

/**
 * A disagreement inside the reply. `class-mismatch`: the enhanced code's
 * class differs from the reply code's first digit (`550 4.2.2`). RFC 3463's
 * classes 2/4/5 mean what RFC 5321 section 4.2.1's first digits mean, so the
 * two should agree. The outcome follows the reply code (what the client acts
 * on); the reason still uses the enhanced code.
 */
export interface ClassificationConflict {
  readonly kind: 'class-mismatch';
  /** Human-readable, e.g. "reply code 550 is permanent but enhanced code 4.2.2 is transient (...)". */
  readonly message: string;
}

/** What {@link classify} found. */
export interface Classification {
  /**
   * From a DSN Status or Action given as context, else the reply code, else
   * the enhanced class, else the client error, else the words (`inferred`)
   * (see {@link Outcome}).
   */
  readonly outcome: Outcome;
  /** Why, at the level an operator acts on (see {@link Reason}). */
  readonly reason: Reason;
  /** Whose problem it is (see {@link Side}); `suppress` only ever comes with `recipient`. */
  readonly side: Side;
  /** What to do (see {@link Action}); depends on the reason, the outcome and the side. */
  readonly action: Action;
  /**
   * Whether sending the same message again later may succeed: transient
   * failures (given or inferred), except `expired`. `mailbox-full` with a
   * 5xx is not retryable here even though RFC 3463 calls it persistent
   * transient: the action says `review`.
   */
  readonly retryable: boolean;
  /**
   * `true` when no code, DSN field or client error gave the outcome and the
   * words settled it: "User unknown" is permanent, "greylisted" transient
   * (`classificationRules.reasons.*.byWords`).
   */
  readonly inferred: boolean;
  /** The reply code, when there was one. */
  readonly code: number | undefined;
  /** The enhanced status code, when there was one. */
  readonly enhanced: EnhancedCode | undefined;
  /** The command the reply answered, when known: from the context, else the text (see {@link SmtpCommand}). */
  readonly command: SmtpCommand | undefined;
  /** Which kind of rule decided the reason. */
  readonly source: ClassificationSource;
  /**
   * The rule that decided: a pattern or override id (`"greylisting"`,
   * `"ms-5.7.606-banned-ip"`), a registry code (`"X.2.2"`), `"reply-code:550"`
   * or `"reply-code:RCPT 550"`, `"client-error:ECONNECTION"`; `undefined` when
   * nothing matched.
   */
  readonly matchedRule: string | undefined;
  /** Disagreements found in the reply; empty when none. */
  readonly conflicts: readonly ClassificationConflict[];
}

/**
 * What the caller knows about where and how the failure happened; every field
 * is optional and a value it cannot read is ignored.
 */
export interface ClassifyContext {
  /**
   * The command the reply answered: a name of {@link SmtpCommand} (`"RCPT"`,
   * `"END-OF-DATA"`), nodemailer's `command` (`"CONN"`, `"RCPT TO"`), or text
   * such as `"MAIL FROM"`, `"end of data"`, `"initial connection"`. Wins over
   * the command the text names ("(in reply to RCPT TO command)", Exim's
   * "after MAIL FROM").
   */
  readonly command?: string;
  /** A DSN `Status` field (RFC 3464 section 2.3.4), e.g. `"5.1.1"`: wins over the codes in the prose unless they agree. */
  readonly status?: string;
  /** A DSN `Action` field (RFC 3464 section 2.3.3): `failed`, `delayed`, `delivered`, `relayed`, `expanded`; gives the outcome when there is no Status. */
  readonly action?: string;
  /** A DSN `Diagnostic-Code` type (`"smtp"`, `"X-Postfix"`); informational. */
  readonly diagnosticType?: string;
  /** A DSN `Remote-MTA` field; informational. */
  readonly remoteMta?: string;
}

/**
 * What {@link classify} accepts (a JavaScript caller may pass anything: it is
 * checked at run time and classify never throws):
 * - a string: one SMTP reply (`"550 5.1.1 User unknown"`, multi-line too) or
 *   prose that contains one (a DSN's Diagnostic-Code, a log line); the reply
 *   is found with `extractReply`; without one the whole text is matched;
 * - a parsed reply from `parseReply` (`{ code, enhanced, lines, text }`);
 * - `{ code?, enhanced?, text?, command? }` with `code` a number or a
 *   three-digit string and `enhanced` a string such as `"5.1.1"`;
 * - a nodemailer error as thrown: `{ responseCode, response, command, code }`
 *   where `code` may be `'EENVELOPE'`, `'EMESSAGE'`, `'ECONNECTION'`,
 *   `'ETIMEDOUT'`, `'EDNS'`, `'EAUTH'`..., and Node's `'ECONNREFUSED'`...;
 * - an `Error` whose message is a reply.
 */
export type ClassifyInput =
  | string
  | number
  | {
      readonly code?: number | string;
      readonly enhanced?: string | { readonly class: number; readonly subject: number; readonly detail: number };
      readonly text?: string | readonly string[];
      readonly lines?: readonly string[];
      readonly command?: string;
    }
  | {
      readonly responseCode?: number;
      readonly response?: string;
      readonly command?: string;
      readonly code?: string;
      readonly message?: string;
    };

/**
 * Classifies an SMTP reply, a string containing one, a parsed reply, or a
 * nodemailer error, with what the caller knows about where it happened.
 * Never throws: anything it cannot read gives outcome `unknown`, reason
 * `other`.
 *
 * Which reply counts when a text holds several is `extractReply`'s rule (the
 * reply that ended delivery); a DSN Status given as `context` wins over the
 * codes quoted in the prose unless they agree.
 *
 * @example
 * ```ts
 * classify('550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown');
 * // { outcome: 'permanent', reason: 'unknown-recipient', side: 'recipient', action: 'suppress', retryable: false, source: 'enhanced', matchedRule: 'X.1.1', ... }
 * classify('451 4.7.1 Greylisted, please try again in 5 minutes');
 * // { outcome: 'transient', reason: 'greylisted', side: 'remote', action: 'retry', retryable: true, source: 'text', matchedRule: 'greylisting', ... }
 * classify('550 5.1.1 Unroutable address', { command: 'MAIL FROM' });
 * // { reason: 'sender-address', side: 'sender', action: 'fix-sender', ... }
 * classify({ code: 'ECONNECTION', command: 'CONN' });
 * // { outcome: 'transient', reason: 'network', side: 'network', action: 'retry', retryable: true, source: 'network', ... }
 * ```
 * @param input - See {@link ClassifyInput}.
 * @param context - See {@link ClassifyContext}.
 */
export function classify(input: ClassifyInput, context?: ClassifyContext): Classification {
  let n: NormalizedInput;
  try {
    n = normalizeInput(input, context);
  } catch {
    // A getter or proxy that throws: nothing usable.
    n = EMPTY;
  }
  return classifyNormalized(n);
}

/** {@link classify} of an input already normalized (`normalizeInput`, `fromExtracted`). @internal */
export function classifyNormalized(n: NormalizedInput): Classification {
  try {
    const f = facts(n, compiledRules());
    const d = decide(f);
    return build(f, d);
  } catch {
    // Only a broken rules table could get here; say so without guessing.
    return {
      outcome: 'unknown',
      reason: 'other',
      side: 'unknown',
      action: 'review',
      retryable: false,
      inferred: false,
      code: n.code,
      enhanced: n.enhanced?.code,
      command: n.command,
      source: 'none',
      matchedRule: undefined,
      conflicts: NO_CONFLICTS,
    };
  }
}

/** What every step reads: the input, the outcome from the codes, and the rules. */
interface Facts {
  readonly n: NormalizedInput;
  readonly rules: CompiledRules;
  /** From the DSN, the reply code, the enhanced class or the client error; `unknown` without any. */
  readonly outcome: Outcome;
  /** 4, 5, or 0 (unknown): which patterns apply. */
  readonly digit: number;
  /** The enhanced code when it describes a failure (class 4 or 5). */
  readonly failure: ParsedEnhancedCode | undefined;
  /** The registry entry of `failure`, when the rules map it. */
  readonly entry: CompiledEntry | undefined;
  /** `entry`'s reason for the failure's class. */
  readonly entryReason: Reason | undefined;
  readonly clientRule: ClientErrorRule | undefined;
  readonly conflicts: readonly ClassificationConflict[];
}

/** What a step decided: the reason and the rule that gave it. */
interface Decision {
  readonly reason: Reason;
  readonly source: ClassificationSource;
  readonly matchedRule: string | undefined;
}

type Step = (f: Facts) => Decision | undefined;

function facts(n: NormalizedInput, rules: CompiledRules): Facts {
  const { code, enhanced } = n;
  const clientRule =
    n.clientError !== undefined && Object.hasOwn(rules.raw.clientErrors, n.clientError) ? rules.raw.clientErrors[n.clientError] : undefined;
  // RFC 5321 section 4.2.1: the first digit says it all; RFC 3463 section 3
  // gives the class the same meaning when there is no reply code.
  const outcome: Outcome =
    n.dsnOutcome ??
    (code !== undefined
      ? OUTCOME_OF_DIGIT[Math.floor(code / 100)]!
      : enhanced !== undefined
        ? OUTCOME_OF_DIGIT[enhanced.class]!
        : (clientRule?.outcome ?? 'unknown'));
  // An enhanced class 2 on a failure reply says nothing about the failure.
  const failure = enhanced !== undefined && enhanced.class !== 2 ? enhanced : undefined;
  const entry = failure !== undefined ? rules.entry(failure.subject, failure.detail) : undefined;
  return {
    n,
    rules,
    outcome,
    digit: outcome === 'transient' ? 4 : outcome === 'permanent' ? 5 : 0,
    failure,
    entry,
    entryReason: failure !== undefined ? reasonOf(entry?.entry, failure.class) : undefined,
    clientRule,
    conflicts: conflictsOf(code, enhanced),
  };
}

/** The steps in the order the module's documentation states. */
const STEPS: readonly Step[] = [override, provider, text, registryEntry, subject, replyCode, clientError];

/** The first step that decides, in order; `other` when none does. */
function decide(f: Facts): Decision {
  const { n, outcome } = f;
  if (outcome === 'success') {
    // A DSN Action "delivered" may come with no code at all.
    const source = n.code !== undefined ? 'reply-code' : n.enhanced !== undefined ? 'enhanced' : 'none';
    return {
      reason: 'success',
      source,
      matchedRule: n.code !== undefined ? replyCodeId(n.code) : n.enhanced !== undefined ? registryKey(f.rules, n.enhanced) : undefined,
    };
  }
  if (outcome === 'intermediate') return { reason: 'other', source: 'reply-code', matchedRule: replyCodeId(n.code!) };
  if (n.code === undefined && n.enhanced === undefined && f.clientRule !== undefined) return clientError(f)!;
  for (const step of STEPS) {
    const d = step(f);
    if (d !== undefined) return d;
  }
  // Nothing names a cause. A generic subject whose reason is `other` still
  // names the rule that said so.
  return (f.failure !== undefined ? subjectRule(f) : undefined) ?? NOTHING_SAID;
}

const NOTHING_SAID: Decision = { reason: 'other', source: 'none', matchedRule: undefined };

/** 1. A real-world code (`overrides`), with the words it needs when it lists any. */
function override(f: Facts): Decision | undefined {
  const e = f.failure;
  if (e === undefined) return undefined;
  const list = f.rules.overridesFor(e.class, e.subject);
  if (list === undefined) return undefined;
  // The overrides' `contains` look at the text as the patterns see it; built
  // only here, for the few codes that have such an override.
  let normalized: string | undefined;
  for (const o of list) {
    if (o.cls !== e.class || o.subject !== e.subject || e.detail < o.lo || e.detail > o.hi) continue;
    if (o.contains !== undefined) {
      const t = (normalized ??= normalizeText(f.n.text));
      if (!o.contains.some((s) => t.includes(s))) continue;
    }
    return { reason: o.reason, source: 'enhanced', matchedRule: o.id };
  }
  return undefined;
}

/** Does the registry entry of the code decide on its own (a specific, mapped code)? */
function specific(f: Facts): boolean {
  return f.entryReason !== undefined && f.entry!.entry!.generic !== true;
}

/** 2. For a specific registry code, a `strong` pattern (a provider's wording known to be more precise). */
function provider(f: Facts): Decision | undefined {
  return specific(f) ? pattern(f, true) : undefined;
}

/** 3. For a generic, unregistered or absent enhanced code, the text patterns in order. */
function text(f: Facts): Decision | undefined {
  return specific(f) ? undefined : pattern(f, false);
}

function pattern(f: Facts, strongOnly: boolean): Decision | undefined {
  const i = f.rules.firstMatch(f.n.text, f.digit, strongOnly);
  if (i < 0) return undefined;
  // One decision object per pattern, made on first use: most replies end here.
  const cache = (patternDecisions ??= new WeakMap()).get(f.rules.patterns) ?? [];
  if (cache.length === 0) patternDecisions.set(f.rules.patterns, cache);
  const p = f.rules.patterns[i]!;
  return (cache[i] ??= { reason: p.reason, source: 'text', matchedRule: p.id });
}

/** The decisions of the text patterns, per compiled pattern list. */
let patternDecisions: WeakMap<readonly unknown[], Decision[]> | undefined;

/** 4. A specific registry code's reason. */
function registryEntry(f: Facts): Decision | undefined {
  return specific(f) ? { reason: f.entryReason!, source: 'enhanced', matchedRule: f.entry!.key } : undefined;
}

/** 5. A generic code's reason, or its subject's (X.s.0) when the detail is unknown (RFC 3463 section 2); not `other`. */
function subject(f: Facts): Decision | undefined {
  const d = f.failure !== undefined ? subjectRule(f) : undefined;
  return d !== undefined && d.reason !== 'other' ? d : undefined;
}

function subjectRule(f: Facts): Decision | undefined {
  const e = f.failure!;
  if (f.entryReason !== undefined) return { reason: f.entryReason, source: 'enhanced', matchedRule: f.entry!.key };
  const reason = reasonOf(f.rules.entry(e.subject, 0)?.entry, e.class);
  return reason !== undefined ? { reason, source: 'enhanced', matchedRule: `X.${e.subject}.0` } : undefined;
}

/** 6. The reply code: for the command when known (`commandReplyCodes`), then alone (`replyCodes`). */
function replyCode(f: Facts): Decision | undefined {
  const r = f.n.code !== undefined ? f.rules.replyCodeRule(f.n.code, f.n.command) : undefined;
  return r !== undefined ? { reason: r.reason, source: 'reply-code', matchedRule: r.id } : undefined;
}

/** 7. A client-side error code (`clientErrors`). */
function clientError(f: Facts): Decision | undefined {
  return f.clientRule !== undefined
    ? { reason: f.clientRule.reason, source: 'network', matchedRule: `client-error:${f.n.clientError}` }
    : undefined;
}

/**
 * The one place a {@link Classification} is made: the decided reason, then
 * what follows from it and from where the failure happened (`settle`: the
 * side, the outcome inferred from words when no code gave one, the action).
 */
function build(f: Facts, d: Decision): Classification {
  const { n } = f;
  // No code, DSN field or client error: words that name the outcome ("failed permanently", "will be retried").
  const words = f.outcome === 'unknown' ? f.rules.outcomeOfWords(n.text) : undefined;
  const s = settle(d.reason, f.outcome, n.command, words, d.source !== 'none');
  return {
    outcome: s.outcome,
    reason: s.reason,
    side: s.side,
    action: s.action,
    retryable: s.outcome === 'transient' ? s.reason !== 'expired' : false,
    inferred: s.inferred,
    code: n.code,
    enhanced: n.enhanced?.code,
    command: n.command,
    source: d.source,
    matchedRule: d.matchedRule,
    conflicts: f.conflicts,
  };
}

/** No conflicts: one shared, frozen empty list instead of a new array per call. */
const NO_CONFLICTS: readonly ClassificationConflict[] = /* @__PURE__ */ Object.freeze([]);

/** RFC 3463 section 2: the enhanced class should agree with the reply code's first digit (3xx has no class). */
function conflictsOf(code: number | undefined, enhanced: ParsedEnhancedCode | undefined): readonly ClassificationConflict[] {
  if (code === undefined || enhanced === undefined) return NO_CONFLICTS;
  const digit = Math.floor(code / 100);
  if (digit === 3 || enhanced.class === digit) return NO_CONFLICTS;
  return [
    {
      kind: 'class-mismatch',
      message: `reply code ${code} is ${OUTCOME_OF_DIGIT[digit]} but enhanced code ${enhanced.code} is ${OUTCOME_OF_DIGIT[enhanced.class]} (an RFC 3463 class means the same as an RFC 5321 first digit, so they should agree)`,
    },
  ];
}

const OUTCOME_OF_DIGIT: readonly (Outcome | undefined)[] = [undefined, undefined, 'success', 'intermediate', 'transient', 'permanent'];

/** `"reply-code:250"`, built once per code: success lines are most of a mail log. */
let replyCodeIds: (string | undefined)[] | undefined;

function replyCodeId(code: number): string {
  // code is a whole number 200-599 here (input's replyCode).
  const ids = (replyCodeIds ??= new Array<string | undefined>(600));
  return (ids[code] ??= `reply-code:${code}`);
}

/** `X.s.d` for an enhanced code: the rules' own key string when it has one (no string to build). */
function registryKey(rules: CompiledRules, e: { readonly subject: number; readonly detail: number }): string {
  return rules.entry(e.subject, e.detail)?.key ?? `X.${e.subject}.${e.detail}`;
}

function reasonOf(entry: EnhancedRule | undefined, cls: number): Reason | undefined {
  if (entry === undefined) return undefined;
  // A class the table does not list for this entry (e.g. 4.1.3): use the
  // other failure class's reason, which describes the same condition.
  return cls === 4 ? (entry['4'] ?? entry['5']) : (entry['5'] ?? entry['4']);
}
