/**
 * DragonFly Mail Agent (dma): "There was an error delivering your mail to
 * <addr>." then "host [ip] did not like our RCPT TO:" and the reply.
 *
 * @packageDocumentation
 */

import { fromBlock } from './prose.js';
import type { MtaReader } from './types.js';

export const dragonfly: MtaReader = {
  name: 'dragonfly',
  matches: (v) => /DragonFly Mail Agent|There was an error delivering your mail to/.test(v.prose),
  read: (v) => {
    const m = /There was an error delivering your mail to <([^<>\s]+@[^<>\s]+)>\.?\s*\n([\s\S]*)/.exec(v.prose);
    return m === null ? [] : [fromBlock(m[1]!, m[2]!.replace(/^\s*\n/, '').split(/\n\s*\n/, 1)[0]!)];
  },
};
