/**
 * Where the recipients of a bounce come from, in order: an ARF report, the
 * DSN fields (the prose filling what they lack), a prose reader, an
 * auto-reply's sender, then X-Failed-Recipients and the returned message's To.
 *
 * @packageDocumentation
 */

import type { SmtpCommand } from '@mailstatus/codes';
import { detectAutoReply } from './auto-reply.js';
import { stripAngles } from './dsn/address.js';
import { isDsnAction, typed, type DsnRecipientFields } from './dsn/fields.js';
import { looksLikeBounce, mtaReaders, type MtaReader, type ProseRecipient } from './mta/index.js';
import { addressesIn, commandIn, oneLine } from './mta/prose.js';
import type { BounceKind, DsnAction, FeedbackReport, RecipientField, ValueSource } from './types.js';
import type { BounceView } from './view.js';

/** A recipient before classification. */
export interface Draft {
  recipient: string;
  originalRecipient?: string | undefined;
  dsnAction?: DsnAction | undefined;
  status?: string | undefined;
  diagnostic?: string | undefined;
  diagnosticType?: string | undefined;
  remoteMta?: string | undefined;
  command?: SmtpCommand | undefined;
  lastAttempt?: string | undefined;
  willRetryUntil?: string | undefined;
  sources: Partial<Record<RecipientField, ValueSource>>;
}

/**
 * Hotmail's (JMRP) complaints before ARF: no feedback-report part, the
 * complained-about message attached, this subject.
 */
const COMPLAINT_SUBJECT = /^\s*complaint about message from /i;

/** The recipients found, what found them, and an ARF report's fields. */
export interface Found {
  reader: string | undefined;
  /** The kind the prose reader that found them knows better than their actions (an SES complaint is `feedback`). */
  told?: BounceKind | undefined;
  drafts: Draft[];
  feedback: { report: FeedbackReport; reportingMta: string | undefined; arrivalDate: string | undefined } | undefined;
}

/** The recipients, from the first source that has any: ARF, DSN (prose filling gaps), prose, headers, the original's To. */
export function recipientsOf(view: BounceView): Found {
  if (view.feedback !== undefined || view.reportType === 'feedback-report' || COMPLAINT_SUBJECT.test(view.subject)) return feedbackOf(view);
  const dsn = view.dsn.flatMap((d) => d.recipients).filter((r) => r.finalRecipient !== undefined || r.originalRecipient !== undefined);
  if (dsn.length > 0) {
    const failed = view.headers.all('x-failed-recipients').flatMap((v) => addressesIn(v));
    const prose = proseForDsn(view, dsn);
    return { reader: 'rfc3464', drafts: dsn.map((r) => fromDsn(r, prose, failed)), feedback: undefined };
  }
  const prose = proseOf(view);
  if (prose.recipients.length > 0)
    return {
      reader: prose.reader?.name,
      told: prose.reader?.kind?.(view),
      drafts: prose.recipients.map((p) => fromProse(p, prose.reader?.statesActions === true)),
      feedback: undefined,
    };
  if (!looksLikeBounce(view) && view.dsn.length === 0 && view.headers.get('x-failed-recipients') === undefined) {
    // An auto-reply speaks for the address it comes from (RFC 3834 section 3.1.5: the recipient of the original).
    if (detectAutoReply(view)) {
      const from = addressesIn(view.headers.get('from') ?? '')[0];
      return {
        reader: 'rfc3834',
        drafts: from === undefined ? [] : [{ recipient: from, sources: { recipient: 'header' } }],
        feedback: undefined,
      };
    }
    return { reader: undefined, drafts: [], feedback: undefined };
  }
  return { reader: undefined, drafts: fallbackRecipients(view), feedback: undefined };
}

/**
 * What the prose adds to a DSN: the prose readers run only when a recipient
 * lacks a diagnostic or there are several; one recipient with a diagnostic
 * needs only the command the prose names ("in reply to RCPT TO command").
 */
function proseForDsn(view: BounceView, dsn: readonly DsnRecipientFields[]): ProseRecipient[] {
  if (dsn.length === 1 && dsn[0]!.diagnostic !== undefined) {
    const command = commandIn(view.prose);
    const r = dsn[0]!;
    return command === undefined ? [] : [{ recipient: (r.finalRecipient ?? r.originalRecipient)!, command }];
  }
  return proseOf(view).recipients;
}

/** The first family reader that claims the message and finds recipients (the generic one, last, claims what looks like a bounce). */
function proseOf(view: BounceView): { reader: MtaReader | undefined; recipients: ProseRecipient[] } {
  if (view.prose.length === 0) return { reader: undefined, recipients: [] };
  for (const r of mtaReaders) {
    if (!r.matches(view)) continue;
    const found = r.read(view).filter((p) => !isSender(view, p.recipient));
    if (found.length > 0) return { reader: r, recipients: found };
  }
  return { reader: undefined, recipients: [] };
}

/** The bounce's own addressee is the sender of the original, never a failed recipient. */
function isSender(view: BounceView, address: string): boolean {
  const a = address.toLowerCase();
  const to = view.headers.get('to')?.toLowerCase() ?? '';
  const originalTo = view.original?.get('to')?.toLowerCase() ?? '';
  return !originalTo.includes(a) && (to.includes(a) || /^(?:mailer-daemon|postmaster)@/i.test(a));
}

/**
 * A Final-Recipient that is not an address (Exim writes a pipe command or a
 * file path there): the address inside it, the Original-Recipient, or the one
 * X-Failed-Recipients or the prose names.
 */
function addressOf(r: DsnRecipientFields, prose: readonly ProseRecipient[], failed: readonly string[]): string {
  const final = r.finalRecipient;
  if (final !== undefined && /^[^\s@|/]+@[^\s@]+$/.test(final)) return final;
  const inside = final === undefined ? undefined : addressesIn(final)[0];
  if (r.originalRecipient !== undefined && /@/.test(r.originalRecipient)) return r.originalRecipient;
  return (
    inside ??
    (failed.length === 1 ? failed[0] : undefined) ??
    (prose.length === 1 ? prose[0]!.recipient : undefined) ??
    (final ?? r.originalRecipient)!
  );
}

function fromDsn(r: DsnRecipientFields, prose: readonly ProseRecipient[], failed: readonly string[]): Draft {
  const recipient = addressOf(r, prose, failed);
  const key = recipient.toLowerCase();
  const p =
    prose.find((x) => x.recipient.toLowerCase() === key || x.recipient.toLowerCase() === r.originalRecipient?.toLowerCase()) ??
    (prose.length === 1 ? prose[0] : undefined);
  const d: Draft = { recipient, originalRecipient: r.originalRecipient, sources: { recipient: 'dsn' } };
  d.dsnAction = normaliseAction(r.action);
  if (d.dsnAction !== undefined) d.sources.dsnAction = 'dsn';
  set(d, 'status', r.status, p?.status);
  set(d, 'diagnostic', r.diagnostic, p?.diagnostic);
  set(d, 'remoteMta', r.remoteMta, p?.remoteMta);
  set(d, 'command', undefined, p?.command);
  d.diagnosticType = r.diagnosticType;
  d.lastAttempt = r.lastAttempt;
  d.willRetryUntil = r.willRetryUntil;
  return d;
}

/** Sets `key` from the DSN's value, else from the prose's (an empty value is none). */
function set<K extends 'status' | 'diagnostic' | 'remoteMta' | 'command'>(d: Draft, key: K, dsn: Draft[K], prose: Draft[K]): void {
  if (dsn !== undefined && dsn !== '') {
    d[key] = dsn;
    d.sources[key] = 'dsn';
  } else if (prose !== undefined && prose !== '') {
    d[key] = prose;
    d.sources[key] = 'prose';
  }
}

/** A prose reader's recipient; without an action, `failed` unless its reader states actions (see `MtaReader.statesActions`). */
function fromProse(p: ProseRecipient, statesActions: boolean): Draft {
  const d: Draft = { recipient: p.recipient, sources: { recipient: 'prose' } };
  d.dsnAction = p.action ?? (statesActions ? undefined : 'failed');
  if (d.dsnAction !== undefined) d.sources.dsnAction = 'prose';
  set(d, 'status', undefined, p.status);
  set(d, 'diagnostic', undefined, p.diagnostic);
  set(d, 'remoteMta', undefined, p.remoteMta);
  set(d, 'command', undefined, p.command);
  return d;
}

function normaliseAction(a: string | undefined): DsnAction | undefined {
  if (a === undefined) return undefined;
  // Seen in the wild: "failure", "deferred".
  const v = a === 'failure' ? 'failed' : a === 'deferred' ? 'delayed' : a;
  return isDsnAction(v) ? v : undefined;
}

/**
 * X-Failed-Recipients (header), else the returned original's To (fallback).
 * The bounce's text, as far as no reader could place it, is their diagnostic
 * when it names a single recipient.
 */
function fallbackRecipients(view: BounceView): Draft[] {
  const failed = view.headers.all('x-failed-recipients').flatMap((v) => addressesIn(v));
  const to = view.original?.get('to');
  const fromHeader = failed.length > 0;
  const addrs = fromHeader ? failed : to === undefined ? [] : addressesIn(to);
  const source = fromHeader ? 'header' : 'fallback';
  const text = addrs.length === 1 ? oneLine(view.prose).slice(0, 1000) : '';
  return addrs.map((recipient): Draft => ({
    recipient,
    dsnAction: 'failed',
    ...(text !== '' ? { diagnostic: text } : {}),
    sources: { recipient: source, dsnAction: source, ...(text !== '' ? { diagnostic: 'prose' as const } : {}) },
  }));
}

/** RFC 5965 section 3.5 fields; the recipient is Original-Rcpt-To, else the original's To. */
function feedbackOf(view: BounceView): Found {
  const f = view.feedback;
  const report: FeedbackReport = {
    feedbackType: f?.get('feedback-type')?.toLowerCase(),
    userAgent: f?.get('user-agent'),
    sourceIp: f?.get('source-ip'),
    originalMailFrom: stripAngles(f?.get('original-mail-from')),
  };
  const rcpts = [...(f?.all('original-rcpt-to') ?? []), ...(view.original?.all('x-hmxmroriginalrecipient') ?? [])].flatMap((v) =>
    addressesIn(v),
  );
  const drafts: Draft[] = rcpts.map((recipient) => ({ recipient, sources: { recipient: 'header' } }));
  if (drafts.length === 0) {
    const to = view.original?.get('to');
    for (const recipient of to === undefined ? [] : addressesIn(to)) drafts.push({ recipient, sources: { recipient: 'fallback' } });
  }
  const reportingMta = typed(f?.get('reporting-mta')).value;
  return { reader: 'arf', drafts, feedback: { report, reportingMta, arrivalDate: f?.get('arrival-date') ?? f?.get('received-date') } };
}
