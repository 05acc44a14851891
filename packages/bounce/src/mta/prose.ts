/**
 * What the prose readers share: finding addresses, the command a reply
 * answered, the remote host, and the block reader most MTAs fit (a line that
 * names the recipient, then the lines that explain it).
 *
 * @packageDocumentation
 */

import { toSmtpCommand, type SmtpCommand } from '@mailstatus/codes';
import type { ProseRecipient } from './types.js';

/** An address in text, with or without angle brackets. */
const ADDRESS =
  /<?([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)>?/;
const ADDRESS_G = new RegExp(ADDRESS.source, 'g');

/** Every address in a text, in order, without duplicates (case-insensitive). */
export function addressesIn(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of text.matchAll(ADDRESS_G)) {
    const a = m[1]!.replace(/\.$/, '');
    const k = a.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(a);
    }
  }
  return out;
}

/**
 * The SMTP command a failure answered, when the text says, in the command
 * vocabulary of `@mailstatus/codes` (`toSmtpCommand`: `RCPT TO` is `RCPT`,
 * the reply to the message itself `END-OF-DATA`).
 */
export function commandIn(text: string): SmtpCommand | undefined {
  // Words may be folded onto the next line: \s+ between them, never a copy of the text.
  const m =
    /in\s+reply\s+to\s+(?:the\s+)?(RCPT\s+TO|MAIL\s+FROM|end\s+of\s+DATA|DATA|HELO|EHLO|CONNECT|STARTTLS|AUTH|BDAT)\b/i.exec(text) ??
    /\b(?:after|like\s+our(?:\s+final)?)\s+(RCPT\s+TO|MAIL\s+FROM|end\s+of\s+data|DATA|HELO|EHLO|initial\s+connection|pipelined\s+DATA|STARTTLS|AUTH)\b/i.exec(
      text,
    ) ??
    /(?:^|\n)\s*>>> (RCPT TO|MAIL FROM|DATA|HELO|EHLO|QUIT|RSET)\b/i.exec(text) ??
    /\bSMTP (?:command|error)[^\n]{0,20}?\b(RCPT TO|MAIL FROM|DATA)\b/i.exec(text);
  return m === null ? undefined : toSmtpCommand(m[1]!.replace(/\s+/g, ' '));
}

/** The remote host named in the text (`host mx.example.com[192.0.2.1] said:`, `Remote-MTA`...). */
export function remoteMtaIn(text: string): string | undefined {
  const m =
    /\bhost ([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)\s*\[[0-9a-fA-F.:]+\]/.exec(text) ??
    /\bhost ([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b[^\n]*?\bsaid\b/.exec(text) ??
    /\b(?:talking to|Connected to|connecting to|from remote (?:mail )?server) ([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)/i.exec(text) ??
    /\bGenerating server: ([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)/.exec(text);
  return m === null ? undefined : m[1]!.replace(/\.$/, '');
}

/** Collapses white space: diagnostics are reported on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Options of {@link readBlocks}. */
export interface BlockOptions {
  /** Where the recipient list starts (the block reader looks only below the first match). */
  readonly start?: RegExp;
  /** Where it ends. */
  readonly end?: RegExp;
  /**
   * A line that names a recipient; group 1 is the address. Default: a line
   * that starts with an address (in angle brackets or not).
   */
  readonly recipientLine?: RegExp;
  /** A blank line ends a recipient's block (default true). */
  readonly blankEnds?: boolean;
}

const DEFAULT_RECIPIENT_LINE =
  /^\s*(?:(?:RCPT TO|Recipient|Original-Recipient|Final-Recipient|Address):\s*(?:rfc822;\s*)?)?["<]?([^\s<>()"':,;]+@[A-Za-z0-9.-]+[A-Za-z0-9])[">]?(?:\s*(?:\.{3}|:|,|\(|$)|\s+\S)/;

/**
 * The common shape of prose bounces: a line that names a recipient, then the
 * lines that explain it, up to the next recipient line (or an empty line).
 */
export function readBlocks(prose: string, o: BlockOptions = {}): ProseRecipient[] {
  let text = prose;
  if (o.start) {
    const s = o.start.exec(text);
    if (s === null) return [];
    text = text.slice(s.index + s[0].length);
  }
  if (o.end) {
    const e = o.end.exec(text);
    if (e !== null) text = text.slice(0, e.index);
  }
  const recipientLine = o.recipientLine ?? DEFAULT_RECIPIENT_LINE;
  const blankEnds = o.blankEnds ?? true;
  const blocks: { recipient: string; lines: string[]; before: string }[] = [];
  let current: { recipient: string; lines: string[]; before: string } | undefined;
  // Outside a block: the paragraph being read and the one before it, for the statement a list follows (`statementOf`).
  let paragraph: string[] = [];
  let last: string[] = [];
  let before = '';
  for (const line of text.split('\n')) {
    // Every recipient line holds an address: most lines are rejected by this one scan.
    const m = line.includes('@') ? recipientLine.exec(line) : null;
    if (m !== null && m[1] !== undefined) {
      if (current === undefined) before = statementOf(paragraph.length > 0 ? paragraph : last);
      paragraph = [];
      last = [];
      current = { recipient: m[1].replace(/\.$/, ''), lines: [line.slice(m.index + m[0].length)], before };
      blocks.push(current);
      continue;
    }
    if (line.trim() === '') {
      if (paragraph.length > 0) [last, paragraph] = [paragraph, []];
      if (current !== undefined && blankEnds && current.lines.some((l) => l.trim() !== '')) current = undefined;
      continue;
    }
    if (current === undefined) paragraph.push(line);
    else current.lines.push(line);
  }
  return mergeBlocks(blocks.map((b) => fromBlock(b.recipient, b.lines.some((l) => l.trim() !== '') ? b.lines.join('\n') : b.before)));
}

/**
 * The statement a list of recipients follows, for the recipients that have
 * no text of their own: "The user(s) account is disabled." above
 * "<bob@example.jp>" (au's EZweb). Only a paragraph that ends as a sentence
 * does (`.` or `!`): a heading that introduces the list ("The following
 * addresses failed:", "----- ... -----") says nothing of the cause.
 */
function statementOf(paragraph: readonly string[]): string {
  const text = paragraph.join('\n').trim();
  return /[.!]$/.test(text) && !/^-+|-+$/.test(text) ? text : '';
}

/** "<rcpt>:" blocks, the shape qmail made common (qmail, Yahoo, AOL, Courier). */
export function readAngleBlocks(prose: string): ProseRecipient[] {
  return readBlocks(prose, { recipientLine: /^\s*<([^<>\s]+@[^<>\s]+)>:?\s*(?=\S|$)/ });
}

/** A recipient from its address and the text that explains it. */
export function fromBlock(recipient: string, text: string): ProseRecipient {
  const diagnostic = oneLine(text.replace(/^[\s:>-]+/, ''));
  return { recipient, diagnostic: diagnostic || undefined, command: commandIn(text), remoteMta: remoteMtaIn(text) };
}

/** One entry per address (case-insensitive); the later blocks fill what the first lacks. */
export function mergeBlocks(list: readonly ProseRecipient[]): ProseRecipient[] {
  const byKey = new Map<string, ProseRecipient>();
  for (const r of list) {
    const k = r.recipient.toLowerCase();
    const had = byKey.get(k);
    if (had === undefined) byKey.set(k, r);
    else
      byKey.set(k, {
        recipient: had.recipient,
        diagnostic: had.diagnostic ?? r.diagnostic,
        command: had.command ?? r.command,
        remoteMta: had.remoteMta ?? r.remoteMta,
        status: had.status ?? r.status,
        action: had.action ?? r.action,
      });
  }
  return [...byKey.values()];
}

/**
 * Recipients named at the end of a sentence: "Delivery failed 20 attempts:
 * addr", "undeliverable to addr", "Could not be delivered to: <addr>", "User's
 * mailbox is full: <addr>"; the sentence and the lines after it (up to an
 * empty line) explain it.
 */
export function readSentences(prose: string): ProseRecipient[] {
  const out: ProseRecipient[] = [];
  const lines = prose.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(\S.{2,100}?)(?::|\bto:?)\s*["<]?([^\s<>"]+@[A-Za-z0-9.-]+[A-Za-z0-9])[">]?\s*$/i.exec(lines[i]!);
    if (
      m === null ||
      !m[1]!.includes(' ') ||
      /^(?:from|to|cc|reply-to|sender|return-path|mail from|by|for|save to|sent)$/i.test(m[1]!.trim())
    )
      continue;
    const rest: string[] = [];
    // The explanation: the lines below, or the paragraph after one empty line.
    let j = i + 1;
    if (j < lines.length && lines[j]!.trim() === '') j++;
    for (; j < lines.length && j < i + 14 && lines[j]!.trim() !== ''; j++) rest.push(lines[j]!);
    out.push(fromBlock(m[2]!, `${m[1]!}\n${rest.join('\n')}`));
  }
  return mergeBlocks(out);
}
