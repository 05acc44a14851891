/**
 * Gmail's bounce (older and current): "Delivery to the following recipient
 * failed permanently:", the address indented, then "Technical details of
 * permanent failure:" or "The response from the remote server was:" with
 * the reply.
 *
 * @packageDocumentation
 */

import { commandIn, oneLine, remoteMtaIn } from './prose.js';
import type { MtaReader, ProseRecipient } from './types.js';

export const gmail: MtaReader = {
  name: 'gmail',
  matches: (v) =>
    /Delivery to the following recipients? (?:failed|has been delayed)|Technical details of (?:permanent|temporary) failure|The response from the remote server was|Your message wasn't delivered to/i.test(
      v.prose,
    ),
  read: (v) => {
    const list =
      /Delivery to the following recipients? (?:failed permanently|failed|has been delayed|was delayed)[^\n]*:?\s*\n((?:[ \t]*\S+@\S+[ \t]*\n|[ \t]*\n)+)/i.exec(
        v.prose,
      ) ?? /Your message wasn't delivered to ([^\s]+@[^\s]+)/i.exec(v.prose);
    if (list === null) return [];
    const addresses = list[1]!
      .split(/\s+/)
      .filter((a) => a.includes('@'))
      .map((a) => a.replace(/^<|>$|\.$/g, ''));
    const details =
      /Technical details of (?:permanent|temporary) failure:\s*\n([\s\S]*?)(?:\n\s*\n\s*(?:-{5,}|\S.*\n(?:-{5,}|={5,}))|$)/i.exec(
        v.prose,
      )?.[1] ?? /The response (?:from the remote server )?was:\s*\n([\s\S]*?)(?:\n\s*\n|$)/i.exec(v.prose)?.[1];
    const diagnostic = details === undefined ? undefined : oneLine(details);
    const delayed = /has been delayed|was delayed|temporary failure/i.test(v.prose);
    return addresses.map((recipient): ProseRecipient => ({
      recipient,
      diagnostic,
      command: details === undefined ? undefined : commandIn(details),
      remoteMta: details === undefined ? undefined : remoteMtaIn(details),
      action: delayed ? 'delayed' : 'failed',
    }));
  },
};
