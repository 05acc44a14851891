/**
 * Sendmail's bounce: "----- The following addresses had permanent fatal
 * errors -----", each address then "(reason: 550 ...)", and the session
 * transcript (">>> RCPT To:<...>", "<<< 550 ...").
 *
 * @packageDocumentation
 */

import { commandIn, fromBlock, mergeBlocks, readBlocks, remoteMtaIn } from './prose.js';
import type { MtaReader, ProseRecipient } from './types.js';

const TRANSCRIPT = /-+ ?Transcript of session follows ?-+/i;

export const sendmail: MtaReader = {
  name: 'sendmail',
  matches: (v) => /following addresses had (?:permanent fatal|transient non-fatal) errors|Transcript of session follows/i.test(v.prose),
  read: (v) => {
    const listed = readBlocks(v.prose, {
      start: /following addresses had (?:permanent fatal|transient non-fatal) errors[^\n]*\n/i,
      end: TRANSCRIPT,
      recipientLine: /^\s*<?([^\s<>()]+@[^\s<>()]+?)>?\s*(?:\.\.\.|$|\()/,
    });
    const t = TRANSCRIPT.exec(v.prose);
    if (t === null) return listed;
    const transcript = v.prose.slice(t.index + t[0].length);
    // "<<< 550 ..." replies and "addr... User unknown" lines of the transcript.
    const out: ProseRecipient[] = [];
    for (const r of listed) {
      const mention = new RegExp(`^.*${r.recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*$`, 'im').exec(transcript);
      const reply = /^<<< ([245]\d\d[ -].*)$/m.exec(transcript);
      const diag = r.diagnostic?.replace(/^\(reason: (.*?)\)?$/i, '$1') ?? reply?.[1] ?? mention?.[0];
      out.push({ ...r, diagnostic: diag, command: r.command ?? commandIn(transcript), remoteMta: r.remoteMta ?? remoteMtaIn(transcript) });
    }
    if (out.length > 0) return mergeBlocks(out);
    return readBlocks(transcript, { recipientLine: /^\s*(?:\d{3} [\d.]* ?)?<?([^\s<>]+@[^\s<>.]+\.[^\s<>]+?)>?\.\.\./ }).map((r) => fromBlock(r.recipient, r.diagnostic ?? ''));
  },
};
