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
      // Postfix 2.x and later: "The mail system"; before: "This is the Postfix program at host ...".
      start: /^\s*The mail system\s*$|^This is the (?:mail system|Postfix program) at host.*$/m,
      recipientLine: /^<([^<>\s]+@[^<>\s]+)>(?: \(expanded from <[^>]*>\))?:/,
    }),
};
