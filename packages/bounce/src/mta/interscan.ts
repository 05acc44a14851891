/**
 * Trend Micro InterScan Messaging Security Suite: "Reason: Unable to deliver
 * message to <addr> (and other recipients in the same domain)."
 *
 * @packageDocumentation
 */

import { oneLine } from './prose.js';
import type { MtaReader, ProseRecipient } from './types.js';

export const interscan: MtaReader = {
  name: 'interscan',
  matches: (v) => v.prose.includes('InterScan'),
  read: (v) => {
    const out: ProseRecipient[] = [];
    for (const m of v.prose.matchAll(/^Reason:\s*(.*?<([^<>\s]+@[^<>\s]+)>.*)$/gm))
      out.push({ recipient: m[2]!, diagnostic: oneLine(m[1]!) });
    return out;
  },
};
