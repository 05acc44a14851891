/**
 * The vocabulary of {@link classify} (outcomes, reasons, actions, the
 * KumoMTA and Sisimai names we map to) and the shape of the reviewed rules in
 * `registry-sources/classification.json`, which the generator validates and
 * emits as `generated/classification.ts` (`classificationRules`).
 *
 * The lists are `as const` arrays so the generator's validator
 * (tools/src/validate/classification.ts) and the tests can check the JSON
 * against them; they are plain literals with no side effects.
 *
 * @packageDocumentation
 */

import type { SmtpCommand } from '../command.js';
import type { RegistryCode } from '../types.js';

/**
 * How the server answered, from the reply code's first digit (RFC 5321
 * section 4.2.1), or from the enhanced code's class (RFC 3463 section 3)
 * when there is no reply code:
 * - `success`: 2xx / 2.x.x, done.
 * - `intermediate`: 3xx, the server waits for more (354 after DATA).
 * - `transient`: 4xx / 4.x.x, the same message may succeed later.
 * - `permanent`: 5xx / 5.x.x, resending the same message will fail again.
 * - `unknown`: no code at all (prose, an empty input, a client-side error
 *   that is not a network failure).
 */
export const outcomes = ['success', 'intermediate', 'transient', 'permanent', 'unknown'] as const;

/** One of {@link outcomes}. */
export type Outcome = (typeof outcomes)[number];

/**
 * The reasons an operator acts on. One line each; the reviewed
 * descriptions, actions and mappings are in `classificationRules.reasons`.
 *
 * | reason | meaning | action 4xx / 5xx |
 * | --- | --- | --- |
 * | `success` | accepted | none |
 * | `unknown-recipient` | mailbox does not exist or address invalid (X.1.1, X.1.3) | retry / suppress |
 * | `mailbox-disabled` | mailbox disabled, suspended, moved, owner changed (X.2.1, X.1.6, X.7.17) | retry / suppress |
 * | `mailbox-full` | over quota (X.2.2) | retry / review |
 * | `bad-domain` | domain missing, no MX, null MX, takes no mail (X.1.2, X.1.10, 556) | retry / suppress |
 * | `sender-address` | our envelope sender or its domain refused (X.1.7, X.1.8, X.7.27) | fix-sender |
 * | `message-too-large` | too big (X.2.3, X.3.4, X.7.16) | review |
 * | `greylisted` | deliberately deferred, resend later | retry |
 * | `rate-limited` | too fast, too many connections or over a volume quota (X.7.28) | throttle |
 * | `blocked` | our IP or domain refused for reputation or a blocklist | fix-sender |
 * | `spam-content` | content judged as spam | review |
 * | `virus` | malware or a forbidden attachment | review |
 * | `policy` | local policy, unspecified (X.7.1) | retry / review |
 * | `relay-denied` | the server does not relay for us | fix-sender |
 * | `sender-authentication` | SPF, DKIM, DMARC, ARC, reverse DNS, HELO (X.7.20-X.7.26) | fix-sender |
 * | `client-authentication` | SMTP AUTH required or failed (X.7.8, 530, 535) | fix-sender |
 * | `tls-required` | STARTTLS/REQUIRETLS required or TLS failed (X.7.10, X.7.30) | fix-sender |
 * | `security` | other crypto or integrity failures (X.7.3-X.7.7) | retry / review |
 * | `too-many-recipients` | too many RCPTs in one transaction (X.5.3) | retry / fix-sender |
 * | `protocol-error` | bad command, sequence or syntax (X.5.x) | retry / fix-sender |
 * | `network` | connection, time-out or DNS failure | retry / review |
 * | `expired` | queue lifetime ran out (X.4.7) | review |
 * | `server-error` | receiver unavailable, full or failing (X.3.x) | retry / review |
 * | `mail-loop` | routing loop, too many hops (X.4.6) | review |
 * | `content-error` | format, headers, MIME, encoding, SMTPUTF8 (X.6.x) | fix-sender |
 * | `other` | anything else or not enough information | retry / review |
 */
export const reasons = [
  'success',
  'unknown-recipient',
  'mailbox-disabled',
  'mailbox-full',
  'bad-domain',
  'sender-address',
  'message-too-large',
  'greylisted',
  'rate-limited',
  'blocked',
  'spam-content',
  'virus',
  'policy',
  'relay-denied',
  'sender-authentication',
  'client-authentication',
  'tls-required',
  'security',
  'too-many-recipients',
  'protocol-error',
  'network',
  'expired',
  'server-error',
  'mail-loop',
  'content-error',
  'other',
] as const;

/** One of {@link reasons}: why a reply failed (or `success`), at the level an operator acts on. */
export type Reason = (typeof reasons)[number];

/**
 * What to do about a reply:
 * - `suppress`: the address is bad; stop sending to it.
 * - `retry`: send the same message again later; nothing needs to change.
 * - `throttle`: slow down to this destination (fewer connections, lower
 *   rate), then retry.
 * - `fix-sender`: something in our own setup must change first (DNS, SPF,
 *   DKIM, DMARC, reverse DNS, IP reputation, credentials, TLS, message
 *   generation).
 * - `review`: a human should look (content, policy, size, expiry, or a
 *   permanent failure we cannot place).
 * - `none`: nothing to do (success, intermediate replies).
 */
export const actions = ['suppress', 'retry', 'throttle', 'fix-sender', 'review', 'none'] as const;

/** One of {@link actions}. */
export type Action = (typeof actions)[number];

/**
 * KumoMTA's predefined bounce classes (`PreDefinedBounceClass` in the
 * `bounce_classify` crate, docs.kumomta.com/rustapi/bounce_classify/), which
 * come from the classic PowerMTA/Momentum bounce categories.
 */
export const kumoBounceClasses = [
  'InvalidRecipient',
  'DNSFailure',
  'SpamBlock',
  'SpamContent',
  'ProhibitedAttachment',
  'RelayDenied',
  'AutoReply',
  'TransientFailure',
  'Subscribe',
  'Unsubscribe',
  'ChallengeResponse',
  'BadConfiguration',
  'BadConnection',
  'BadDomain',
  'ContentRelated',
  'InactiveMailbox',
  'InvalidSender',
  'MessageExpired',
  'NoAnswerFromHost',
  'PolicyRelated',
  'ProtocolErrors',
  'QuotaIssues',
  'RelayingIssues',
  'RoutingErrors',
  'SpamRelated',
  'VirusRelated',
  'AuthenticationFailed',
  'TooManyRecipients',
  'Uncategorized',
] as const;

/** One of {@link kumoBounceClasses}. */
export type KumoBounceClass = (typeof kumoBounceClasses)[number];

/**
 * Sisimai's bounce reasons (libsisimai.org/en/reason/): the 4.x names plus
 * those added in 5.x (`authfailure`, `badreputation`, `failedstarttls`,
 * `notcompliantrfc`, `ratelimited`, `requireptr`, `speeding`). `toomanyconn`
 * is the 4.x name that 5.x replaced with `ratelimited`.
 */
export const sisimaiReasons = [
  'authfailure',
  'badreputation',
  'blocked',
  'contenterror',
  'delivered',
  'exceedlimit',
  'expired',
  'failedstarttls',
  'feedback',
  'filtered',
  'hasmoved',
  'hostunknown',
  'mailboxfull',
  'mailererror',
  'mesgtoobig',
  'networkerror',
  'norelaying',
  'notaccept',
  'notcompliantrfc',
  'onhold',
  'policyviolation',
  'ratelimited',
  'rejected',
  'requireptr',
  'securityerror',
  'spamdetected',
  'speeding',
  'suspend',
  'syntaxerror',
  'systemerror',
  'systemfull',
  'toomanyconn',
  'undefined',
  'userunknown',
  'vacation',
  'virusdetected',
] as const;

/** One of {@link sisimaiReasons}. */
export type SisimaiReason = (typeof sisimaiReasons)[number];

/**
 * Whose problem a failure is, so that the action never drops a recipient for
 * a fault elsewhere:
 * - `recipient`: the recipient's address, mailbox or domain (unknown user,
 *   disabled or full mailbox, a domain that takes no mail);
 * - `sender`: the envelope sender address or domain, or its authentication
 *   (SPF, DKIM, DMARC), as the receiver judged it;
 * - `local`: our sending host, IP or client setup (reputation and
 *   blocklists, rate limits, SMTP AUTH, TLS, relaying, protocol errors);
 * - `content`: the message itself (spam, virus, size, format);
 * - `remote`: the receiving system (greylisting, its own errors, loops);
 * - `network`: the connection, DNS, time-outs, or a queue lifetime that ran out;
 * - `unknown`: nothing says (`policy`, `other`, `success`).
 *
 * `suppress` is only ever the action when the side is `recipient`.
 */
export const sides = ['recipient', 'sender', 'local', 'content', 'remote', 'network', 'unknown'] as const;

/** One of {@link sides}. */
export type Side = (typeof sides)[number];

/** The reviewed facts about one {@link Reason}. */
export interface ReasonRule {
  /** One line for humans. */
  readonly description: string;
  /**
   * The action for a transient (4xx) and for a permanent (5xx) failure. An
   * `unknown` outcome uses `permanent`, except that `suppress` becomes
   * `review`: without a code we do not drop an address.
   */
  readonly action: { readonly transient: Action; readonly permanent: Action };
  /** The closest KumoMTA bounce class; `null` for `success` (Kumo classifies failures only). */
  readonly kumo: KumoBounceClass | null;
  /**
   * Sisimai reasons that mean the same, the closest first. The first is what
   * {@link toSisimaiReason} returns; the others are synonyms across Sisimai
   * versions or overlaps that count as agreement when comparing.
   */
  readonly sisimai: readonly SisimaiReason[];
  /** Whose problem the reason is (see {@link Side}). */
  readonly side: Side;
  /**
   * The outcome the words alone settle when there is no code at all: an
   * unknown user is `permanent`, greylisting `transient`; absent when the
   * words do not settle it (a full mailbox may or may not empty).
   */
  readonly byWords?: 'transient' | 'permanent';
}

/**
 * The reasons for one registry entry per class it can occur in
 * (`"2"` must be `success`; `"4"`/`"5"` must not be).
 */
export interface EnhancedRule {
  /** The reason for class 2 (`2.x.x`): always `success`. */
  readonly '2'?: Reason;
  /** The reason for class 4 (`4.x.x`, persistent transient failure). */
  readonly '4'?: Reason;
  /** The reason for class 5 (`5.x.x`, permanent failure). */
  readonly '5'?: Reason;
  /**
   * The code says little in practice (X.0.0, X.7.1, ...): text patterns
   * decide first and the table is the fallback. For other codes the table
   * decides unless a `strong` pattern matches.
   */
  readonly generic?: boolean;
  /** Why the choice is what it is, for reviewers. */
  readonly note?: string;
}

/**
 * A real-world enhanced code outside the registry (or a registered one used
 * for something else), mapped to a reason. Overrides are checked first.
 */
export interface OverrideRule {
  /** Unique among overrides and patterns. */
  readonly id: string;
  /** `"5.7.606"` or an inclusive detail range in one class and subject: `"5.7.606-5.7.649"`. */
  readonly code: string;
  /** When given, the override applies only if the text contains one of these (lower-case). */
  readonly contains?: readonly string[];
  /** The reason when the override applies. */
  readonly reason: Reason;
  /** Where the code comes from (provider documentation), for reviewers; required in the JSON, not shipped at runtime. */
  readonly comment?: string;
  /** The provider page (URL) or shared sample (`bounce-samples/<file>.eml`) the rule rests on (reviewers only). */
  readonly source?: string | readonly string[];
  /** Texts the rule is for, written by the reviewer; a test classifies each (reviewers only, not shipped). */
  readonly examples?: readonly string[];
}

/** A text rule: the first matching pattern in order decides. */
export interface TextPattern {
  /** Unique among overrides and patterns; reported as `matchedRule`. */
  readonly id: string;
  /** Lower-case substrings; the pattern matches when the text contains any of them. */
  readonly contains?: readonly string[];
  /**
   * A restricted regular expression over the lower-cased text (no `*`/`+`,
   * at most one bounded `{m,n}` with `n <= 64`, only `?` after a group that
   * holds no quantifier, no back-references or look-arounds), so matching is
   * linear in the text. Exactly one of `contains` and `regex` is given.
   */
  readonly regex?: string;
  /** The reason when the pattern decides. */
  readonly reason: Reason;
  /** Apply only to replies with this outcome (4xx or 5xx). */
  readonly outcome?: 'transient' | 'permanent';
  /** Beats a specific (non-generic) registry code: the text is known to be more precise. */
  readonly strong?: boolean;
  /** Which real replies the pattern is for, for reviewers; required in the JSON, not shipped at runtime. */
  readonly comment?: string;
  /** The provider page (URL) or shared sample (`bounce-samples/<file>.eml`) the rule rests on (reviewers only). */
  readonly source?: string | readonly string[];
  /** Texts the rule is for, written by the reviewer; a test classifies each as the rule says (reviewers only, not shipped). */
  readonly examples?: readonly string[];
}

/**
 * Words that settle the outcome of a text that carries no code at all
 * ("failed permanently", "will be retried"); checked before the reason's
 * own `byWords`. Case-folded substrings, like the patterns'.
 */
export interface OutcomeWords {
  readonly permanent: readonly string[];
  readonly transient: readonly string[];
  /** Where the wordings come from (reviewers only). */
  readonly comment?: string;
}

/** How a client-side error code (nodemailer's `code`, Node's `errno` code) is classified when there is no server reply. */
export interface ClientErrorRule {
  /** The reason, e.g. `network` for `ECONNECTION`. */
  readonly reason: Reason;
  /** Whether a retry may help (`transient`) or the setup must change first (`permanent`). */
  readonly outcome: 'transient' | 'permanent';
  /** What the code means in nodemailer or Node (reviewers only; not shipped at runtime). */
  readonly comment?: string;
}

/** The whole of `registry-sources/classification.json`. */
export interface ClassificationRules {
  /** Free-text notes for reviewers (not shipped at runtime). */
  readonly $comment?: string | readonly string[];
  /** Every {@link Reason}, with its actions and mappings. */
  readonly reasons: Readonly<Record<Reason, ReasonRule>>;
  /** Every registry entry (all 81), by registry code. */
  readonly enhanced: Readonly<Record<RegistryCode, EnhancedRule>>;
  /** Real-world codes, checked first, in order. */
  readonly overrides: readonly OverrideRule[];
  /** Text rules, in order. */
  readonly patterns: readonly TextPattern[];
  /** Fallback by reply code (`"550"`) when neither an enhanced code nor a pattern decided. */
  readonly replyCodes: Readonly<Record<string, Reason>>;
  /** Like `replyCodes` but for one command; checked before `replyCodes`. */
  readonly commandReplyCodes: Readonly<Partial<Record<SmtpCommand, Readonly<Record<string, Reason>>>>>;
  /** Client-side error codes (`ECONNECTION`, `ETIMEDOUT`, `EDNS`...). */
  readonly clientErrors: Readonly<Record<string, ClientErrorRule>>;
  /** Words that settle the outcome of a text without any code. */
  readonly outcomeWords: OutcomeWords;
}
