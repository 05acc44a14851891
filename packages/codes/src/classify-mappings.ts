/**
 * Our reasons in other tools' vocabularies: KumoMTA's bounce classes and
 * Sisimai's reasons. The mappings are reviewed data in
 * `registry-sources/classification.json` (`reasons.*.kumo`, `reasons.*.sisimai`).
 *
 * @packageDocumentation
 */

import type { Action, KumoBounceClass, Outcome, Reason, ReasonRule, SisimaiReason } from './classification-types.js';
import { classificationRules } from './generated/classification.js';


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
 * The action for a reason and an outcome, as `classify` computes it:
 * `none` for success and intermediate replies; the reviewed transient or
 * permanent action otherwise.
 */
export function actionFor(reason: Reason, outcome: Exclude<Outcome, 'unknown'>): Action {
  if (outcome === 'success' || outcome === 'intermediate') return 'none';
  return ruleOf(reason)?.action[outcome] ?? 'review';
}

function ruleOf(reason: Reason): ReasonRule | undefined {
  return typeof reason === 'string' && Object.hasOwn(classificationRules.reasons, reason) ? classificationRules.reasons[reason] : undefined;
}
