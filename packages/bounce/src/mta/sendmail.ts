/**
 * Sendmail's bounce (V8 and the older V5 text): "----- The following
 * addresses had permanent fatal errors -----", each address then
 * "(reason: 550 ...)", and the session transcript (">>> RCPT To:<addr>",
 * "<<< 550 ...", "addr... User unknown").
 *
 * @packageDocumentation
 */

import { toSmtpCommand, type SmtpCommand } from '@mailstatus/codes';
import { mergeBlocks, oneLine, readBlocks, remoteMtaIn } from './prose.js';
import type { MtaReader, ProseRecipient } from './types.js';

const TRANSCRIPT = /-+ ?Transcript of session follows ?-+/i;
const LISTED = /following addresses had (?:permanent fatal|transient non-fatal) errors[^\n]*\n/i;

/**
 * A line a local delivery agent wrote to the transcript: its program name
 * in lower case, a colon, its message (`mail.local: unknown user: bob`,
 * `procmail: Quota exceeded while writing "/var/mail/bob"`). Sendmail copies
 * the agent's output into the transcript before its own line for the
 * address (`554 <bob@example.org>... Service unavailable`, from the agent's
 * exit status), so the output is the cause and the line only its category.
 * Sendmail's own words start in upper case (`Warning: message still
 * undelivered`).
 */
const AGENT_OUTPUT = /^\s*[a-z][a-z0-9._-]*(?:\[\d+\])?: \S/;

/** What the transcript says: replies per recipient (`*` for the message), and "addr... text" notes. */
interface Transcript {
  readonly replies: Map<string, { reply: string; command: SmtpCommand | undefined }>;
  readonly notes: Map<string, { text: string; quoted: boolean }>;
  readonly order: string[];
}

/** Reads ">>> COMMAND" / "<<< reply" pairs (the failures: 4xx and 5xx replies) and "addr... text" lines. */
function readTranscript(text: string): Transcript {
  const replies = new Map<string, { reply: string; command: SmtpCommand | undefined }>();
  const notes = new Map<string, { text: string; quoted: boolean }>();
  const order: string[] = [];
  let command: SmtpCommand | undefined;
  let rcpt = '*';
  // A delivery agent's output waiting for sendmail's line on its address.
  let output: string[] = [];
  for (const line of text.split('\n')) {
    const sent = /^\s*>>> (RCPT TO|MAIL FROM|DATA|HELO|EHLO|QUIT|RSET|\.)\s*:?\s*<?([^\s<>]*@[^\s<>]*)?>?/i.exec(line);
    if (sent !== null) {
      output = [];
      command = toSmtpCommand(sent[1]);
      rcpt = command === 'RCPT' && sent[2] ? sent[2].toLowerCase() : '*';
      if (rcpt !== '*' && !order.includes(rcpt)) order.push(rcpt);
      continue;
    }
    const got = /^\s*<<< ?(.*)$/.exec(line);
    if (got !== null) {
      output = [];
      // A positive reply (250 to RCPT TO, 354 to DATA) is not what failed: the failure comes later in the session.
      if (/^[23]\d\d(?:[ -]|$)/.test(got[1]!)) continue;
      const had = replies.get(rcpt);
      if (had === undefined) replies.set(rcpt, { reply: got[1]!.trim(), command });
      else if (had.command === command) had.reply = `${had.reply} ${got[1]!.trim()}`;
      continue;
    }
    const note = /^\s*(?:\d{3}[ -](?:\d\.\d{1,3}\.\d{1,3} )?)?<?([^\s<>]+@[^\s<>]+?)>?(?:\.\.\.|:)\s*(.*)$/.exec(line);
    if (note !== null) {
      const k = note[1]!.toLowerCase();
      // "554 <addr>... 550 Host unknown": sendmail's own code, then the remote reply it quotes.
      const quoted = /^\d{3}[ -]/.test(note[2]!);
      const own = quoted ? note[2]! : line.trim();
      if (!notes.has(k)) notes.set(k, { text: output.length > 0 ? `${own} (${output.join('; ')})` : own, quoted });
      if (!order.includes(k)) order.push(k);
      output = [];
      continue;
    }
    if (AGENT_OUTPUT.test(line)) output.push(line.trim());
    else if (line.trim() === '') output = [];
  }
  return { replies, notes, order };
}

export const sendmail: MtaReader = {
  name: 'sendmail',
  matches: (v) => /following addresses had (?:permanent fatal|transient non-fatal) errors|Transcript of session follows/i.test(v.prose),
  read: (v) => {
    const t = TRANSCRIPT.exec(v.prose);
    const transcriptText = t === null ? '' : v.prose.slice(t.index + t[0].length);
    const listed = readBlocks(v.prose, {
      start: LISTED,
      end: TRANSCRIPT,
      recipientLine: /^\s*(?:>>> )?<?([^\s<>()]+@[^\s<>()]+?)>?(?:\s+<[^>]*>)?\s*(?:\.\.\.|$|\()/,
    });
    const tr = readTranscript(transcriptText);
    const names = listed.length > 0 ? listed.map((r) => r.recipient) : tr.order;
    const remoteMta = remoteMtaIn(transcriptText);
    const out: ProseRecipient[] = names.map((recipient) => {
      const k = recipient.toLowerCase();
      const own = listed.find((r) => r.recipient.toLowerCase() === k);
      const reason = /\(reason: ([^)]+)\)/i.exec(own?.diagnostic ?? '')?.[1]?.trim();
      const ownText = own?.diagnostic !== undefined && !/^\((?:reason|expanded from):/i.test(own.diagnostic) ? own.diagnostic : undefined;
      const ownReply = tr.replies.get(k);
      // The session's failure (a refused MAIL FROM) speaks for a recipient without a text of its own.
      const sessionReply = ownText === undefined ? tr.replies.get('*') : undefined;
      const note = tr.notes.get(k);
      const quoted = note?.quoted === true ? note.text : undefined;
      const diagnostic = reason || ownReply?.reply || ownText || quoted || sessionReply?.reply || note?.text || undefined;
      return {
        recipient,
        diagnostic: diagnostic === undefined ? undefined : oneLine(diagnostic),
        command: ownReply?.command ?? commandOf(sessionReply, diagnostic),
        remoteMta,
      };
    });
    return mergeBlocks(out);
  },
};

/**
 * The command the session's failing reply answered, when the diagnostic is
 * that reply (the same reply code): sendmail's own note for a recipient
 * ("554 <bob@example.org>... 550 Host unknown", a DNS failure) answered no
 * command of the session.
 */
function commandOf(
  reply: { reply: string; command: SmtpCommand | undefined } | undefined,
  diagnostic: string | undefined,
): SmtpCommand | undefined {
  if (reply === undefined || diagnostic === undefined) return undefined;
  return diagnostic.trimStart().slice(0, 3) === reply.reply.slice(0, 3) ? reply.command : undefined;
}
