/**
 * `parseBounce`: a whole email in, a {@link BounceReport} out.
 *
 * @packageDocumentation
 */

import { detectAutoReply } from './auto-reply.js';
import { classifyRecipient } from './classify-adapter.js';
import { stripAngles } from './dsn/address.js';
import { readMessage, type RawMessage } from './mime/message.js';
import { looksLikeBounce } from './mta/index.js';
import { resolveLimits, type ParseBounceOptions } from './options.js';
import { recipientsOf, type Draft, type Found } from './recipients.js';
import type { BounceKind, BounceRecipient, BounceReport, ReturnedMessage } from './types.js';
import { viewOf, type BounceView } from './view.js';

/**
 * Reads a bounce email (RFC 3464/6533 report, ARF feedback report, prose
 * bounce, auto-reply) into classified per-recipient results. Never throws on
 * content: what was wrong is in `problems`.
 *
 * @example
 * ```ts
 * const report = parseBounce(rawEmail);
 * for (const r of report.recipients) console.log(r.recipient, r.status, r.classification.reason);
 * ```
 * @param message - The whole email: a string, or its bytes.
 * @param options - Limits; see {@link ParseBounceOptions}.
 */
export function parseBounce(message: RawMessage, options?: ParseBounceOptions): BounceReport {
  if (typeof message !== 'string' && !(message instanceof Uint8Array) && !(message instanceof ArrayBuffer)) {
    throw new TypeError(
      `parseBounce: message must be a string, a Uint8Array or an ArrayBuffer, not ${message === null ? 'null' : typeof message}`,
    );
  }
  const limits = resolveLimits(options);
  const { root, problems } = readMessage(message, limits);
  if (!root.headers.fields.some((f) => MESSAGE_FIELDS.has(f.name))) {
    problems.add(
      'not-email',
      'no From, To, Subject, Date, Message-ID, Received, Content-Type, Return-Path or MIME-Version header at the start: this is not an email message',
    );
  }
  const view = viewOf(root, problems, limits.maxHeaders);
  const dsnMessage = view.dsn.find((d) => d.message.reportingMta !== undefined || d.message.arrivalDate !== undefined)?.message;
  const found = recipientsOf(view);
  const { reader, feedback } = found;
  const recipients = found.drafts.map(finish);
  return {
    kind: kindOf(view, found, recipients),
    reader,
    reportingMta: dsnMessage?.reportingMta ?? feedback?.reportingMta,
    arrivalDate: dsnMessage?.arrivalDate ?? feedback?.arrivalDate,
    subject: view.headers.text('subject'),
    from: view.headers.text('from'),
    original: originalOf(view),
    feedback: feedback?.report,
    recipients,
    problems: problems.list,
  };
}

/** Fields that start an email (RFC 5322 section 3.6 requires From and Date; the others stand first in real messages): one of them shows a message. */
const MESSAGE_FIELDS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'received',
  'content-type',
  'return-path',
  'mime-version',
]);

/**
 * The kind: feedback for ARF; what a reader knows (an SES complaint); then
 * the DSN actions (any failed: failure; else delayed: delay; else a success);
 * then the evidence of a bounce before an auto-reply's headers.
 */
function kindOf(view: BounceView, { reader, told, feedback }: Found, recipients: readonly BounceRecipient[]): BounceKind {
  if (feedback !== undefined) return 'feedback';
  if (told !== undefined) return told;
  if (reader === 'rfc3834') return 'auto-reply';
  const actions = recipients.map((r) => r.dsnAction);
  if (reader !== undefined && recipients.length > 0) {
    if (actions.includes('failed')) return 'failure';
    if (actions.includes('delayed')) return 'delay';
    if (actions.some((a) => a === 'delivered' || a === 'relayed' || a === 'expanded')) return 'success';
    const outcome = recipients[0]!.classification.outcome;
    return outcome === 'transient' ? 'delay' : outcome === 'success' ? 'success' : 'failure';
  }
  // Bounces carry Auto-Submitted too (RFC 3834 section 5): the evidence of a bounce wins.
  if (recipients.length > 0 || view.dsn.length > 0 || looksLikeBounce(view))
    return /delay|delayed|warning/i.test(view.subject) ? 'delay' : 'failure';
  if (detectAutoReply(view)) return 'auto-reply';
  return 'not-bounce';
}

function originalOf(view: BounceView): ReturnedMessage | undefined {
  const h = view.original;
  if (h === undefined) return undefined;
  const messageId = h.get('message-id');
  return {
    messageId: messageId === undefined ? undefined : (stripAngles(messageId) ?? messageId),
    subject: h.text('subject'),
    from: h.text('from'),
    to: h.text('to'),
  };
}

/** Classifies a draft and fills code/status from the diagnostic. */
function finish(d: Draft): BounceRecipient {
  const classification = classifyRecipient({
    status: d.status,
    diagnostic: d.diagnostic,
    command: d.command,
    action: d.dsnAction,
    diagnosticType: d.diagnosticType,
    remoteMta: d.remoteMta,
  });
  const sources = { ...d.sources };
  let status = d.status;
  // Without a Status, or with a bare X.0.0 one, classify took the diagnostic's own code (of the same class): it is the status.
  const { enhanced, code } = classification;
  if (enhanced !== undefined && (status === undefined || (/^\d\.0\.0$/.test(status) && enhanced[0] === status[0] && enhanced !== status))) {
    status = enhanced;
    sources.status = sources.diagnostic ?? 'prose';
  }
  if (code !== undefined) sources.code = sources.diagnostic ?? 'prose';
  return {
    recipient: d.recipient,
    originalRecipient: d.originalRecipient,
    dsnAction: d.dsnAction,
    status,
    code,
    diagnosticType: d.diagnosticType,
    diagnostic: d.diagnostic,
    remoteMta: d.remoteMta,
    command: d.command ?? classification.command,
    lastAttempt: d.lastAttempt,
    willRetryUntil: d.willRetryUntil,
    sources,
    classification,
  };
}
