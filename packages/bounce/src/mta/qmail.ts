/**
 * qmail-send's bounce: "<rcpt>:" on its own line, then the explanation,
 * "Remote host said: 550 ..." or "(#5.1.1)". Yahoo, AOL and Courier write
 * the same shape (see `yahoo.ts`, `courier.ts`).
 *
 * @packageDocumentation
 */

import { readAngleBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const qmail: MtaReader = {
  name: 'qmail',
  matches: (v) => /This is the qmail-send program|qmail-send|^<[^<>\s]+@[^<>\s]+>:\s*$/m.test(v.prose),
  read: (v) => readAngleBlocks(v.prose),
};
