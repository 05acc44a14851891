/**
 * Exim's bounce text: "The following address(es) failed:", each address
 * indented on its own line, then indented explanation ("host ... [ip]",
 * "SMTP error from remote mail server after RCPT TO:<...>:", "retry timeout
 * exceeded"); the failed addresses also in `X-Failed-Recipients`.
 *
 * @packageDocumentation
 */

import { readBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const exim: MtaReader = {
  name: 'exim',
  matches: (v) =>
    v.headers.get('x-failed-recipients') !== undefined ||
    /This message was created automatically by mail delivery software|^Mail delivery failed|Message frozen|Warning: message .* delayed/im.test(`${v.subject}\n${v.prose}`),
  read: (v) =>
    readBlocks(v.prose, {
      start: /(?:following|these) (?:address(?:\(es\)|es)?|recipients?)[^\n]*(?:failed|deferred|not yet been delivered)[^\n]*\n|could not be delivered to one or more of its recipients[^\n]*\n(?:[^\n]*failed:\n)?/i,
      end: /^[-]{6,}|^Reporting-MTA:/m,
      recipientLine: /^\s+<?([^\s<>@]+@[^\s<>:]+?)>?(?:\s*(?:\(.*\)|<[^>]*>))?:?\s*$/,
    }),
};
