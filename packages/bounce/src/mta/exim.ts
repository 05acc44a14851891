/**
 * Exim's bounce text: "The following address(es) failed:", each address
 * indented on its own line, then indented explanation ("host ... [ip]",
 * "SMTP error from remote mail server after RCPT TO:<...>:", "retry timeout
 * exceeded"); the failed addresses also in `X-Failed-Recipients`.
 *
 * @packageDocumentation
 */

import { fromBlock, readBlocks } from './prose.js';
import type { MtaReader } from './types.js';

export const exim: MtaReader = {
  name: 'exim',
  matches: (v) =>
    v.headers.get('x-failed-recipients') !== undefined ||
    /This message was created automatically by mail delivery software|incorrectly constructed|^Mail delivery failed|Message frozen|Warning: message .* delayed/im.test(
      `${v.subject}\n${v.prose}`,
    ),
  read: (v) => {
    // "recipient addresses that were incorrectly constructed": "  text <addr>: malformed address: ..."
    const malformed = /incorrectly constructed:\s*\n((?:[ \t]+\S[^\n]*\n?)+)/.exec(v.prose);
    if (malformed !== null) {
      return malformed[1]!.split('\n').flatMap((line) => {
        const m = /^\s+(.*?<([^<>\s]+@[^<>\s]+)>|\S+@\S+?):\s+(.*)$/.exec(line);
        return m === null ? [] : [fromBlock(m[2] ?? m[1]!, m[3]!)];
      });
    }
    return readBlocks(v.prose, {
      start:
        /(?:following|these) (?:address(?:\(es\)|es)?|recipients?)\s[^\n]*?(?:failed|deferred|not yet been delivered)[^\n]*\n|could not be delivered to one or more of its recipients[^\n]*\n(?:[^\n]*failed:\n)?/i,
      end: /^[-]{6,}|^Reporting-MTA:/m,
      recipientLine: /^\s*["<]?([^\s<>@"]+@[^\s<>:"]+?)[">]?(?:\s*(?:\(.*\)|<[^>]*>))?:?\s*$/,
    });
  },
};
