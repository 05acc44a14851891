/**
 * The decoder's one plug point for whole bounce emails. `decodeBounce`
 * turns a message into per-recipient results, read and classified by
 * `@mailstatus/bounce` (`parseBounce`: RFC 3464 delivery status
 * notifications and the prose bounces of the common MTAs); the rest of the
 * decoder does not know how.
 *
 * @packageDocumentation
 */

import type { Classification } from '@mailstatus/codes';
import { parseBounce } from '@mailstatus/bounce';

/** One recipient of a bounce, as the decoder classifies it. */
export interface BounceRecipient {
  /** `Final-Recipient` (or `Original-Recipient`), without the `rfc822;` type. */
  readonly recipient: string | undefined;
  /** `Action`: failed, delayed, delivered, relayed, expanded. */
  readonly action: string | undefined;
  /** `Status`: the enhanced code, e.g. `5.1.1`. */
  readonly status: string | undefined;
  /** `Diagnostic-Code` without its type (`smtp;`), i.e. the remote server's reply. */
  readonly diagnostic: string | undefined;
  /** `Remote-MTA`'s host, as `@mailstatus/bounce` gives it (without its type). */
  readonly remoteMta: string | undefined;
  /** The bounce reader's verdict (`classify` of the diagnostic with the other fields as context). */
  readonly classification: Classification;
}

/** What the decoder gets from a bounce. */
export interface DecodedBounceMessage {
  /** What read it: `rfc3464`, `arf`, or the prose reader of an MTA family (`postfix`, `exchange`...). */
  readonly reader: string;
  /** `Reporting-MTA`'s host, as `@mailstatus/bounce` gives it (without the `dns;` type). */
  readonly reportingMta: string | undefined;
  readonly recipients: readonly BounceRecipient[];
}

/** Whether the input looks like a whole message rather than a reply or a log line: a header block before a blank line. */
export function looksLikeMessage(text: string): boolean {
  return (
    /^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+\r?\n/.test(text.replace(/\r\n/g, '\n')) &&
    /^(?:from|to|subject|date|content-type|return-path|received|message-id):/im.test(text)
  );
}

/** The recipients of a bounce, read by `@mailstatus/bounce`, or undefined when it is not a bounce with recipients. */
export function decodeBounce(message: string): DecodedBounceMessage | undefined {
  const report = parseBounce(message);
  if (report.kind === 'not-bounce' || report.recipients.length === 0) return undefined;
  return {
    reader: report.reader ?? report.kind,
    reportingMta: report.reportingMta,
    recipients: report.recipients.map((r) => ({
      recipient: r.recipient,
      action: r.dsnAction,
      status: r.status,
      diagnostic: r.diagnostic,
      remoteMta: r.remoteMta,
      classification: r.classification,
    })),
  };
}
