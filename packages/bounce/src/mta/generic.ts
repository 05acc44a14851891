/**
 * The last resort for prose bounces no family reader claims: any line that
 * begins with an address, then the lines that explain it. Used only on
 * messages that look like bounces (see `looksLikeBounce`).
 *
 * @packageDocumentation
 */

import { readBlocks } from './prose.js';
import type { MtaReader } from './types.js';
import type { BounceView } from '../view.js';

/** From a mailer daemon or postmaster, or a subject that bounces use. */
export function looksLikeBounce(v: BounceView): boolean {
  return (
    /mailer-daemon|postmaster|mail delivery (?:subsystem|system)|mailer@|bounce/.test(v.from) ||
    /undeliver|returned mail|delivery (?:status notification|failure|has failed|failed)|failure notice|non[- ]?delivery|could not be delivered|mail delivery failed|delivery notification|undelivered|nicht zustellbar|not delivered|returned to sender|rejected/i.test(v.subject)
  );
}

export const generic: MtaReader = {
  name: 'generic',
  matches: looksLikeBounce,
  read: (v) => readBlocks(v.prose),
};
