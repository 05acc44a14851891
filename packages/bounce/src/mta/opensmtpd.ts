/**
 * OpenSMTPD: "the following list of recipients:" then "rcpt: reason" lines
 * (one recipient per line).
 *
 * @packageDocumentation
 */

import { readBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const opensmtpd: MtaReader = {
  name: 'opensmtpd',
  matches: (v) => /This is the MAILER-DAEMON, please DO NOT REPLY|following list of recipients/i.test(v.prose),
  read: (v) =>
    readBlocks(v.prose, {
      start: /following list of recipients:?[^\n]*\n/i,
      recipientLine: /^\s*<?([^\s<>:]+@[^\s<>:]+?)>?:\s*(?=\S)/,
    }),
};
