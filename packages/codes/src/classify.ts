/**
 * `classify`: what a reply (or a failed send) means for the operator — the
 * outcome, one of a small set of reasons, and what to do about it.
 *
 * The rules are reviewed data (`registry-sources/classification.json`,
 * generated into `./generated/classification.ts`); this module only applies
 * them, in this order:
 *
 * 1. The outcome comes from the reply code's first digit (RFC 5321 section
 *    4.2.1), or the enhanced code's class when there is no reply code
 *    (RFC 3463 section 3), or a client-side error code (`ECONNECTION`...).
 * 2. An enhanced code is looked up in the overrides (real-world codes such as
 *    Microsoft's 5.7.606-5.7.649), then:
 *    - a specific registry code (5.1.1, 5.2.2, 5.7.26...) decides unless a
 *      `strong` text pattern matches (Gmail's 4.2.1 rate limit);
 *    - a generic code (X.0.0, X.7.1, ...) or an unregistered one lets the
 *      text patterns decide first and is the fallback.
 * 3. Without an enhanced code, the text patterns decide, then the reply
 *    code (per command, then alone).
 *
 * @packageDocumentation
 */

import type { Action, ClassifyCommand, EnhancedRule, Outcome, Reason } from './classification-types.js';
import { normalizeInput, type NormalizedInput } from './classify-input.js';
import { normalizeText } from './classify-matcher.js';
import { compiledRules, transientByNature, type CompiledRules } from './classify-rules.js';
import type { EnhancedCode } from './types.js';

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
  /** From the reply code, else the enhanced class, else the client error (see {@link Outcome}). */
  readonly outcome: Outcome;
  /** Why, at the level an operator acts on (see {@link Reason}). */
  readonly reason: Reason;
  /** What to do (see {@link Action}); depends on the reason and the outcome. */
  readonly action: Action;
  /**
   * Whether sending the same message again later may succeed: transient
   * failures (except `expired`), and, when there is no code at all, the
   * reasons that are transient by nature (greylisting, rate limits, network
   * and server errors). `mailbox-full` with a 5xx is not retryable here even
   * though RFC 3463 calls it persistent transient: the action says `review`.
   */
  readonly retryable: boolean;
  /** The reply code, when there was one. */
  readonly code: number | undefined;
  /** The enhanced status code, when there was one. */
  readonly enhanced: EnhancedCode | undefined;
  /** The command the reply answered, when known, folded to {@link ClassifyCommand}. */
  readonly command: ClassifyCommand | undefined;
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
 * What {@link classify} accepts (it takes `unknown` and never throws):
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
  | {
      readonly code?: number | string;
      readonly enhanced?: string;
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
 * nodemailer error. Never throws: anything it cannot read gives outcome
 * `unknown`, reason `other`.
 *
 * @example
 * ```ts
 * classify('550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown');
 * // { outcome: 'permanent', reason: 'unknown-recipient', action: 'suppress', retryable: false, source: 'enhanced', matchedRule: 'X.1.1', ... }
 * classify('451 4.7.1 Greylisted, please try again in 5 minutes');
 * // { outcome: 'transient', reason: 'greylisted', action: 'retry', retryable: true, source: 'text', matchedRule: 'greylisting', ... }
 * classify({ code: 'ECONNECTION', command: 'CONN' });
 * // { outcome: 'transient', reason: 'network', action: 'retry', retryable: true, source: 'network', ... }
 * ```
 * @param input - See {@link ClassifyInput}.
 */
export function classify(input: ClassifyInput | unknown): Classification {
  let n: NormalizedInput;
  try {
    n = normalizeInput(input);
  } catch {
    // A getter or proxy that throws: nothing usable.
    n = { code: undefined, enhanced: undefined, text: '', command: undefined, clientError: undefined };
  }
  try {
    return decide(n, compiledRules());
  } catch {
    // Only a broken rules table could get here; say so without guessing.
    return { outcome: 'unknown', reason: 'other', action: 'review', retryable: false, code: n.code, enhanced: n.enhanced?.code, command: n.command, source: 'none', matchedRule: undefined, conflicts: [] };
  }
}

/** No conflicts: one shared, frozen empty list instead of a new array per call. */
const NO_CONFLICTS: readonly ClassificationConflict[] = /* @__PURE__ */ Object.freeze([]);

function decide(n: NormalizedInput, rules: CompiledRules): Classification {
  const code = n.code;
  const enhanced = n.enhanced;
  const codeDigit = code === undefined ? 0 : Math.floor(code / 100);
  let conflicts = NO_CONFLICTS;
  if (code !== undefined && enhanced !== undefined && codeDigit !== 3 && enhanced.class !== codeDigit) {
    conflicts = [
      {
        kind: 'class-mismatch',
        message: `reply code ${code} is ${OUTCOME_OF_DIGIT[codeDigit]} but enhanced code ${enhanced.code} is ${OUTCOME_OF_DIGIT[enhanced.class]} (an RFC 3463 class means the same as an RFC 5321 first digit, so they should agree)`,
      },
    ];
  }
  const clientRule = n.clientError !== undefined && Object.hasOwn(rules.raw.clientErrors, n.clientError) ? rules.raw.clientErrors[n.clientError] : undefined;

  // RFC 5321 section 4.2.1: the first digit says it all; RFC 3463 section 3
  // gives the class the same meaning when there is no reply code.
  const outcome: Outcome =
    code !== undefined
      ? OUTCOME_OF_DIGIT[codeDigit]!
      : enhanced !== undefined
        ? OUTCOME_OF_DIGIT[enhanced.class]!
        : clientRule !== undefined
          ? clientRule.outcome
          : 'unknown';

  if (outcome === 'success') {
    return result(rules, n, outcome, 'success', code !== undefined ? 'reply-code' : 'enhanced', code !== undefined ? replyCodeId(code) : registryKey(rules, enhanced!), conflicts);
  }
  if (outcome === 'intermediate') return result(rules, n, outcome, 'other', 'reply-code', replyCodeId(code!), conflicts);

  // A client-side failure with no server reply at all.
  if (code === undefined && enhanced === undefined && clientRule !== undefined) {
    return result(rules, n, outcome, clientRule.reason, 'network', `client-error:${n.clientError}`, conflicts);
  }

  const text = n.text;
  const digit = outcome === 'transient' ? 4 : outcome === 'permanent' ? 5 : 0;
  // An enhanced class 2 on a failure reply says nothing about the failure.
  const failEnhanced = enhanced !== undefined && enhanced.class !== 2 ? enhanced : undefined;

  if (failEnhanced !== undefined) {
    const overrides = rules.overridesFor(failEnhanced.class, failEnhanced.subject);
    if (overrides !== undefined) {
      // The overrides' `contains` look at the text as the patterns see it;
      // built only here, for the few codes that have such an override.
      let normalized: string | undefined;
      for (const o of overrides) {
        if (o.cls === failEnhanced.class && o.subject === failEnhanced.subject && failEnhanced.detail >= o.lo && failEnhanced.detail <= o.hi) {
          if (o.contains === undefined) return result(rules, n, outcome, o.reason, 'enhanced', o.id, conflicts);
          normalized ??= normalizeText(text);
          const t = normalized;
          if (o.contains.some((s) => t.includes(s))) return result(rules, n, outcome, o.reason, 'enhanced', o.id, conflicts);
        }
      }
    }
    const found = rules.entry(failEnhanced.subject, failEnhanced.detail);
    const entryReason = reasonOf(found?.entry, failEnhanced.class);
    if (entryReason !== undefined && found!.entry!.generic !== true) {
      const strong = rules.firstMatch(text, digit, true);
      if (strong >= 0) return textResult(rules, n, outcome, strong, conflicts);
      return result(rules, n, outcome, entryReason, 'enhanced', found!.key, conflicts);
    }
    const p = rules.firstMatch(text, digit, false);
    if (p >= 0) return textResult(rules, n, outcome, p, conflicts);
    // RFC 3463 section 2: report the subject's meaning when the detail is unknown.
    const fallback = entryReason ?? reasonOf(rules.entry(failEnhanced.subject, 0)?.entry, failEnhanced.class);
    if (fallback !== undefined) {
      const fallbackKey = entryReason !== undefined ? found!.key : `X.${failEnhanced.subject}.0`;
      if (fallback !== 'other') return result(rules, n, outcome, fallback, 'enhanced', fallbackKey, conflicts);
      const byCode = code !== undefined ? rules.replyCodeRule(code, n.command) : undefined;
      if (byCode) return result(rules, n, outcome, byCode.reason, 'reply-code', byCode.id, conflicts);
      return result(rules, n, outcome, fallback, 'enhanced', fallbackKey, conflicts);
    }
    const byCode = code !== undefined ? rules.replyCodeRule(code, n.command) : undefined;
    if (byCode) return result(rules, n, outcome, byCode.reason, 'reply-code', byCode.id, conflicts);
    return result(rules, n, outcome, 'other', 'none', undefined, conflicts);
  }

  const p = rules.firstMatch(text, digit, false);
  if (p >= 0) return textResult(rules, n, outcome, p, conflicts);
  const byCode = code !== undefined ? rules.replyCodeRule(code, n.command) : undefined;
  if (byCode) return result(rules, n, outcome, byCode.reason, 'reply-code', byCode.id, conflicts);
  if (clientRule !== undefined) return result(rules, n, outcome, clientRule.reason, 'network', `client-error:${n.clientError}`, conflicts);
  return result(rules, n, outcome, 'other', 'none', undefined, conflicts);
}

const OUTCOME_OF_DIGIT: readonly (Outcome | undefined)[] = [undefined, undefined, 'success', 'intermediate', 'transient', 'permanent'];

/** `"reply-code:250"`, built once per code: success lines are most of a mail log. */
let replyCodeIds: (string | undefined)[] | undefined;

function replyCodeId(code: number): string {
  // code is a whole number 200-599 here (classify-input's replyCode).
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

function textResult(rules: CompiledRules, n: NormalizedInput, outcome: Outcome, index: number, conflicts: readonly ClassificationConflict[]): Classification {
  const p = rules.patterns[index]!;
  return result(rules, n, outcome, p.reason, 'text', p.id, conflicts);
}

function result(
  rules: CompiledRules,
  n: NormalizedInput,
  outcome: Outcome,
  reason: Reason,
  source: ClassificationSource,
  matchedRule: string | undefined,
  conflicts: readonly ClassificationConflict[],
): Classification {
  const action = actionFor(rules, reason, outcome);
  const retryable = outcome === 'transient' ? reason !== 'expired' : outcome === 'unknown' ? transientByNature(reason) : false;
  return {
    outcome,
    reason,
    action,
    retryable,
    code: n.code,
    enhanced: n.enhanced?.code,
    command: n.command,
    source,
    matchedRule,
    conflicts,
  };
}

/**
 * The reviewed action for a reason and outcome (`classificationRules.reasons`).
 * Without a code (`unknown`) the transient action applies to reasons that
 * are transient by nature, the permanent one otherwise, but never
 * `suppress`: an address is only dropped on a real 5xx.
 */
function actionFor(rules: CompiledRules, reason: Reason, outcome: Outcome): Action {
  if (outcome === 'success' || outcome === 'intermediate') return 'none';
  const a = rules.actions(reason);
  if (a === undefined) return 'review';
  return outcome === 'transient' ? a.transient : outcome === 'permanent' ? a.permanent : a.unknown;
}
