/**
 * Verizon (vtext.com) and similar web-mail gateways: "Error message below:"
 * with the reply, and "RCPT TO: addr" under "Message details:".
 *
 * @packageDocumentation
 */

import { oneLine } from './prose.js';
import type { MtaReader } from './types.js';

export const verizon: MtaReader = {
  name: 'verizon',
  matches: (v) => /^Error message below:/m.test(v.prose),
  read: (v) => {
    const reply = /^Error message below:\s*\n([^\n]+)/m.exec(v.prose)?.[1];
    const rcpt = /^\s*RCPT TO:\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/im.exec(v.prose)?.[1];
    return rcpt === undefined ? [] : [{ recipient: rcpt, diagnostic: reply === undefined ? undefined : oneLine(reply) }];
  },
};
