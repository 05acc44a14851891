/**
 * Lotus (HCL) Domino: "Your message ... was not delivered to: addr because:
 * reason".
 *
 * @packageDocumentation
 */

import { oneLine } from './prose.js';
import type { MtaReader, ProseRecipient } from './types.js';

export const domino: MtaReader = {
  name: 'domino',
  matches: (v) => /was not delivered to:|Lotus Domino|Domino/i.test(v.prose),
  read: (v) => {
    const out: ProseRecipient[] = [];
    for (const m of v.prose.matchAll(
      /was not delivered to:\s*\n?\s*<?([^\s<>]+@[^\s<>]+?)>?\s*\n[\s\S]*?because:\s*([^\n]*(?:\n(?!\s*\n)[^\n]*)*)/gi,
    )) {
      out.push({ recipient: m[1]!, diagnostic: oneLine(m[2]!) || undefined });
    }
    return out;
  },
};
