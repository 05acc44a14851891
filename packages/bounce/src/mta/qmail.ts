/**
 * qmail-send's bounce and the many MTAs that copy its shape (Yahoo, AOL,
 * mail.ru, Verizon...): "<rcpt>:" on its own line, then the explanation,
 * "Remote host said: 550 ..." or "(#5.1.1)".
 *
 * @packageDocumentation
 */

import { readBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const qmail: MtaReader = {
  name: 'qmail',
  matches: (v) => /This is the qmail-send program|qmail-send|^<[^<>\s]+@[^<>\s]+>:\s*$/m.test(v.prose),
  read: (v) => readBlocks(v.prose, { recipientLine: /^\s*<([^<>\s]+@[^<>\s]+)>:?\s*(?=\S|$)/ }),
};
