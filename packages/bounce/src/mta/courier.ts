/**
 * The Courier mail server: "Your message to the following recipients cannot
 * be delivered:", then "<rcpt>:" with the remote host and the ">>> DATA" /
 * "<<< 550 ..." exchange below it.
 *
 * @packageDocumentation
 */

import { readAngleBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const courier: MtaReader = {
  name: 'courier',
  matches: (v) => /running the Courier mail server|following recipients cannot be delivered/i.test(v.prose),
  read: (v) => readAngleBlocks(v.prose),
};
