/**
 * The last resort for prose bounces no family reader claims: any line that
 * begins with an address, then the lines that explain it. Used only on
 * messages that look like bounces (see `looksLikeBounce`).
 *
 * @packageDocumentation
 */

import { readBlocks, readSentences } from './prose.js';
import type { MtaReader } from './types.js';
import type { BounceView } from '../view.js';

/** From a mailer daemon or postmaster, or a subject that bounces use. */
export function looksLikeBounce(v: BounceView): boolean {
  return (
    /mailer-daemon|postmaster|mail delivery (?:subsystem|system)|mailer@|bounce/.test(v.from) ||
    (/^(?:post_?master|no-?reply)@/.test(v.from.replace(/^.*</, '')) &&
      /could not be delivered|undeliverable|not delivered|delivery failed|invalid user|unable to deliver/i.test(v.prose.slice(0, 4000))) ||
    /undeliver|returned mail|delivery (?:status notification|failure|has failed|failed)|failure notice|non[- ]?delivery|could not be delivered|mail delivery failed|delivery notification|undelivered|nicht zustellbar|not delivered|returned to sender|rejected/i.test(
      v.subject,
    )
  );
}

export const generic: MtaReader = {
  name: 'generic',
  matches: looksLikeBounce,
  read: (v) => {
    const blocks = readBlocks(v.prose);
    return blocks.length > 0 ? blocks : readSentences(v.prose);
  },
};
