/**
 * Microsoft Exchange and Microsoft 365 (Outlook.com) non-delivery reports:
 * "Diagnostic information for administrators:" with the address and
 * "Remote Server returned '550 5.1.10 ...'" (2007 and later, often HTML
 * only), and Exchange 2003's "<addr> on <date> ... <server #5.0.0 smtp;550 ...>".
 *
 * @packageDocumentation
 */

import { oneLine, readBlocks } from './prose.js';
import type { MtaReader, ProseRecipient } from './types.js';

export const exchange: MtaReader = {
  name: 'exchange',
  matches: (v) =>
    /Diagnostic information for administrators|Remote Server returned|did not reach the following recipient|could not be reached|Delivery has failed to these recipients|Microsoft Exchange|Your message couldn't be delivered/i.test(
      v.prose,
    ) || v.headers.get('x-ms-exchange-message-is-ndr') !== undefined,
  read: (v) => {
    const admin = readBlocks(v.prose, {
      start: /Diagnostic information for administrators:?/i,
      recipientLine: /^\s*<?([^\s<>()]+@[^\s<>()]+?)>?\s*$/,
      blankEnds: false,
    }).map((r): ProseRecipient => {
      const returned = /Remote Server returned '([^']*)'|Remote Server returned "([^"]*)"/i.exec(r.diagnostic ?? '');
      return returned ? { ...r, diagnostic: oneLine(returned[1] ?? returned[2] ?? '') } : r;
    });
    if (admin.some((r) => r.diagnostic !== undefined)) return admin;
    // Exchange 2003 and older: "addr on date" then indented text ending with "<server #5.x.x smtp;5xx ...>".
    const old = readBlocks(v.prose, {
      start: /(?:could not be reached|did not reach the following recipient\(s\)):?/i,
      recipientLine: /^\s*(?:'[^']*' on .*?\n)?\s*<?([^\s<>()']+@[^\s<>()']+?)>?(?: on .*)?\s*$/,
      blankEnds: false,
    }).map((r): ProseRecipient => {
      const tail = /<[^<>#]*#(\d\.\d{1,3}\.\d{1,3})(?:\s*(?:smtp;|X-Notes;)\s*([^>]*))?>/i.exec(r.diagnostic ?? '');
      return tail ? { ...r, status: tail[1], diagnostic: oneLine(tail[2] ?? r.diagnostic ?? '') || r.diagnostic } : r;
    });
    return old.length > 0 ? old : admin;
  },
};
