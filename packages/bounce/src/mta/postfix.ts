/**
 * Postfix's bounce(8) text: "<rcpt> (expanded from <alias>): host mx[ip]
 * said: 550 ... (in reply to RCPT TO command)", indented continuation lines.
 *
 * @packageDocumentation
 */

import { readBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const postfix: MtaReader = {
  name: 'postfix',
  matches: (v) =>
    /^This is the mail system at host|^\s*The mail system\s*$|\(Postfix\)|Postfix program/m.test(v.prose) ||
    v.headers.get('x-postfix-queue-id') !== undefined,
  read: (v) =>
    readBlocks(v.prose, {
      start: /^\s*The mail system\s*$|^This is the mail system at host.*$/m,
      recipientLine: /^<([^<>\s]+@[^<>\s]+)>(?: \(expanded from <[^>]*>\))?:/,
    }),
};
