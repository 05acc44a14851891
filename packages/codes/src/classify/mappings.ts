/**
 * Our reasons in other tools' vocabularies: KumoMTA's bounce classes and
 * Sisimai's reasons. The mappings are reviewed data in
 * `registry-sources/classification.json` (`reasons.*.kumo`, `reasons.*.sisimai`).
 *
 * @packageDocumentation
 */

import type { SmtpCommand } from '../command.js';
import type { Action, KumoBounceClass, Outcome, Reason, ReasonRule, Side, SisimaiReason } from './vocabulary.js';
import { classificationRules } from '../generated/classification.js';

/**
 * The KumoMTA bounce class closest to a reason (`InvalidRecipient` for
 * `unknown-recipient`, `SpamBlock` for `blocked`...), or `undefined` for
 * `success`, which KumoMTA does not classify.
 *
 * @example
 * ```ts
 * toKumoBounceClass('mailbox-full'); // 'QuotaIssues'
 * ```
 */
export function toKumoBounceClass(reason: Reason): KumoBounceClass | undefined {
  return ruleOf(reason)?.kumo ?? undefined;
}

/**
 * The Sisimai reason closest to a reason (`userunknown` for
 * `unknown-recipient`, `mailboxfull` for `mailbox-full`...). Uses Sisimai 5's
 * names (`ratelimited`, `authfailure`, `requireptr`...).
 *
 * @example
 * ```ts
 * toSisimaiReason('unknown-recipient'); // 'userunknown'
 * ```
 */
export function toSisimaiReason(reason: Reason): SisimaiReason {
  return ruleOf(reason)?.sisimai[0] ?? 'undefined';
}

/**
 * Every Sisimai reason that means the same as `reason`: the closest first,
 * then synonyms across Sisimai versions (`toomanyconn`, renamed
 * `ratelimited`) and overlaps (`filtered`, which Sisimai uses for unknown
 * users refused after DATA). Useful when comparing results with Sisimai.
 */
export function sisimaiEquivalents(reason: Reason): readonly SisimaiReason[] {
  return ruleOf(reason)?.sisimai ?? ['undefined'];
}

/**
 * The reviewed description and actions of a reason.
 *
 * @example
 * ```ts
 * reasonInfo('greylisted').action.transient; // 'retry'
 * ```
 */
export function reasonInfo(reason: Reason): ReasonRule | undefined {
  return ruleOf(reason);
}

/**
 * The action for a reason and an outcome, as `classify` computes it (the one
 * place that decides it):
 * - `none` for `success` and `intermediate`;
 * - the reviewed transient or permanent action (`classificationRules.reasons`);
 * - for an `unknown` outcome (no code, nothing in the words settles it): the
 *   transient action for reasons that are transient by nature, else the
 *   permanent one, but never `suppress`;
 * - never `suppress` when the problem is not on the recipient's side (`side`,
 *   else the reason's own side): a sender, local, network or content fault
 *   says nothing about the address.
 *
 * @example
 * ```ts
 * actionFor('unknown-recipient', 'permanent'); // 'suppress'
 * actionFor('unknown-recipient', 'permanent', 'sender'); // 'review'
 * ```
 */
export function actionFor(reason: Reason, outcome: Outcome, side?: Side): Action {
  if (outcome === 'success' || outcome === 'intermediate') return 'none';
  const rule = ruleOf(reason);
  if (rule === undefined) return 'review';
  const a =
    outcome === 'transient'
      ? rule.action.transient
      : outcome === 'permanent'
        ? rule.action.permanent
        : rule.byWords === 'transient'
          ? rule.action.transient
          : rule.action.permanent;
  if (a !== 'suppress') return a;
  return outcome !== 'unknown' && (side ?? rule.side) === 'recipient' ? a : 'review';
}

/**
 * Whose problem a reason is, as reviewed (`classificationRules.reasons.*.side`);
 * `unknown` for a value that is not a reason.
 */
export function sideOf(reason: Reason): Side {
  return ruleOf(reason)?.side ?? 'unknown';
}

/**
 * The outcome the words alone settle for a reason when there is no code
 * (`classificationRules.reasons.*.byWords`): `permanent` for an unknown user,
 * `transient` for greylisting; `undefined` when they do not.
 */
export function outcomeByWords(reason: Reason): 'transient' | 'permanent' | undefined {
  return ruleOf(reason)?.byWords;
}

/** What follows from a decided reason: see {@link settle}. @internal */
export interface Settled {
  readonly reason: Reason;
  readonly side: Side;
  readonly outcome: Outcome;
  readonly inferred: boolean;
  readonly action: Action;
}

/**
 * What follows from a decided reason, for `classify`:
 * - the side, after the command moves a recipient-side reason given to a
 *   command that names no recipient ({@link notAboutRecipient});
 * - the outcome: as given, else (no code at all) the outcome the words name
 *   (`words`), else the reason's own (`byWords`, when a rule named the reason),
 *   flagged `inferred`;
 * - the action ({@link actionFor}); words alone never drop an address, so an
 *   inferred outcome acts like an unknown one.
 * @internal
 */
export function settle(
  decided: Reason,
  given: Outcome,
  command: SmtpCommand | undefined,
  words: 'transient' | 'permanent' | undefined,
  named: boolean,
): Settled {
  let reason = decided;
  let side = sideOf(reason);
  if (side === 'recipient' && command !== undefined && given !== 'success') {
    const moved = notAboutRecipient(command, reason);
    if (moved !== undefined) {
      reason = moved;
      side = sideOf(moved);
    }
  }
  let outcome = given;
  const byWords = given === 'unknown' ? (words ?? (named ? outcomeByWords(reason) : undefined)) : undefined;
  if (byWords !== undefined) outcome = byWords;
  const inferred = byWords !== undefined;
  return { reason, side, outcome, inferred, action: actionFor(reason, inferred ? 'unknown' : outcome, side) };
}

/**
 * A recipient-side reason given to a command that names no recipient: after
 * MAIL FROM the address or domain refused is ours (Exim "after MAIL FROM: ...
 * Unroutable sender address"); at the greeting or EHLO/HELO the server
 * refuses our host or its name, unless it says the domain takes no mail
 * (RFC 7504: 521 at the greeting), which stays `bad-domain`.
 */
function notAboutRecipient(command: SmtpCommand, reason: Reason): Reason | undefined {
  switch (command) {
    case 'MAIL':
      return 'sender-address';
    case 'CONNECT':
      return reason === 'bad-domain' ? undefined : 'blocked';
    case 'EHLO':
    case 'HELO':
    case 'LHLO':
      return reason === 'bad-domain' ? undefined : 'sender-authentication';
    case 'STARTTLS':
      return 'tls-required';
    case 'AUTH':
      return 'client-authentication';
    default:
      return undefined;
  }
}

/** The reviewed rows by reason, built on first use (classify reads one per call). */
let rows: Map<string, ReasonRule> | undefined;

function ruleOf(reason: Reason): ReasonRule | undefined {
  rows ??= new Map(Object.entries(classificationRules.reasons));
  return rows.get(reason);
}
