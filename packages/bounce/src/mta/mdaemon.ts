/**
 * MDaemon: "The attached message had PERMANENT fatal delivery errors!" and a
 * session transcript between "--- Session Transcript ---" and "--- End
 * Transcript ---", where each "RCPT To:<addr>" line is followed by the reply.
 *
 * @packageDocumentation
 */

import { mergeBlocks, oneLine, remoteMtaIn } from './prose.js';
import type { MtaReader, ProseRecipient } from './types.js';

export const mdaemon: MtaReader = {
  name: 'mdaemon',
  matches: (v) => /MDaemon|fatal delivery errors!|-+ ?Session Transcript ?-+/i.test(v.prose),
  read: (v) => {
    const t = /-+ ?Session Transcript ?-+\n([\s\S]*?)(?:-+ ?End (?:of )?Transcript ?-+|$)/i.exec(v.prose);
    if (t === null) return [];
    const lines = t[1]!.split('\n');
    const remoteMta = remoteMtaIn(t[1]!) ?? /SMTP connection to \[?([A-Za-z0-9.-]+)/i.exec(t[1]!)?.[1];
    const delayed = /will (?:continue|try again)|delayed|warning/i.test(v.subject);
    const out: ProseRecipient[] = [];
    for (let i = 0; i < lines.length; i++) {
      const rcpt = /RCPT To:\s*<([^<>\s]+@[^<>\s]+)>/i.exec(lines[i]!);
      if (rcpt === null) continue;
      // The reply: the next line that starts (after a time stamp) with a reply code.
      const reply = lines
        .slice(i + 1, i + 4)
        .map((l) => /(?:^|\s)([245]\d\d[ -].*)$/.exec(l)?.[1])
        .find((x) => x !== undefined);
      out.push({
        recipient: rcpt[1]!,
        diagnostic: reply === undefined ? undefined : oneLine(reply),
        command: 'RCPT',
        remoteMta,
        action: delayed ? 'delayed' : 'failed',
      });
    }
    return mergeBlocks(out);
  },
};
