/**
 * The decoder's one plug point for whole bounce emails. `decodeBounce`
 * turns a message into per-recipient inputs for `classify`; the rest of the
 * decoder does not know how.
 *
 * This is a minimal reader of RFC 3464 delivery status notifications: the
 * `message/delivery-status` part of a `multipart/report` (RFC 6522), its
 * per-recipient field groups with RFC 5322 unfolding, in plain 7-bit text.
 * It does not decode base64 or quoted-printable parts and does not read
 * non-standard bounces; `@mailstatus/bounce` (the bounce-email package)
 * does, and replaces the body of `decodeBounce` when it is merged.
 *
 * @packageDocumentation
 */

import type { Classification } from '@mailstatus/codes';

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
  /** `Remote-MTA` without its type. */
  readonly remoteMta: string | undefined;
  /** The verdict, when the reader gives one; otherwise the decoder classifies the diagnostic with the Status. */
  readonly classification?: Classification;
}

/** What the decoder gets from a bounce. */
export interface DecodedBounceMessage {
  /** What read it: `rfc3464` here; the bounce package names its readers (`postfix`, `exchange`...). */
  readonly reader: string;
  /** `Reporting-MTA` without its type. */
  readonly reportingMta: string | undefined;
  readonly recipients: readonly BounceRecipient[];
}

/** Whether the input looks like a whole message rather than a reply or a log line: a header block before a blank line. */
export function looksLikeMessage(text: string): boolean {
  return /^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+\r?\n/.test(text.replace(/\r\n/g, '\n')) && /^(?:from|to|subject|date|content-type|return-path|received|message-id):/im.test(text);
}

const withoutType = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.replace(/^[^;]*;\s*/, ''));

/** Field groups (per-message first, then per-recipient) of the delivery-status part, or undefined when there is none. */
function statusGroups(message: string): Map<string, string>[] | undefined {
  const text = message.replace(/\r\n/g, '\n');
  const start = text.search(/^content-type:[ \t]*message\/(?:global-)?delivery-status/im);
  if (start < 0) return undefined;
  const afterHeaders = text.indexOf('\n\n', start);
  if (afterHeaders < 0) return undefined;
  const boundary = /\n--[^\n]*\n?/.exec(text.slice(afterHeaders));
  const body = text.slice(afterHeaders + 2, boundary ? afterHeaders + boundary.index : undefined).replace(/\n(?=[ \t])/g, ' ');
  return body
    .split(/\n[ \t]*\n/)
    .filter((g) => g.trim() !== '')
    .map((group) => {
      const fields = new Map<string, string>();
      for (const line of group.split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim().replace(/\s+/g, ' '));
      }
      return fields;
    });
}

/** The recipients of a bounce, or undefined when the input is not one this reader understands. */
export function decodeBounce(message: string): DecodedBounceMessage | undefined {
  const groups = statusGroups(message);
  if (!groups || groups.length < 2) return undefined;
  const [perMessage, ...perRecipient] = groups;
  return {
    reader: 'rfc3464',
    reportingMta: withoutType(perMessage?.get('reporting-mta')),
    recipients: perRecipient.map((g) => ({
      recipient: withoutType(g.get('final-recipient') ?? g.get('original-recipient')),
      action: g.get('action')?.toLowerCase(),
      status: g.get('status')?.split(/\s/)[0],
      diagnostic: withoutType(g.get('diagnostic-code')),
      remoteMta: withoutType(g.get('remote-mta')),
    })),
  };
}
