/**
 * Yahoo and AOL (Oath/Yahoo Inc. mail): "Sorry, we were unable to deliver
 * your message to the following address." then qmail's "<rcpt>:" blocks.
 *
 * @packageDocumentation
 */

import { readAngleBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const yahoo: MtaReader = {
  name: 'yahoo',
  matches: (v) =>
    /unable to deliver your message to the following address/i.test(v.prose) || (/@(?:yahoo|aol)\./.test(v.from) && v.prose.includes('>:')),
  read: (v) => readAngleBlocks(v.prose),
};
