/**
 * The result of `parseBounce`.
 *
 * @packageDocumentation
 */

import type { Classification, SmtpCommand } from '@mailstatus/codes';
import type { Problem } from './mime/problems.js';

/**
 * What a message is:
 * - `failure`: a non-delivery report (RFC 3464 `Action: failed`, or a prose bounce);
 * - `delay`: a delay notice (`Action: delayed`: the MTA is still trying);
 * - `success`: a delivery or relay report (`Action: delivered`, `relayed` or `expanded`);
 * - `feedback`: an ARF feedback report (RFC 5965), e.g. a spam complaint;
 * - `auto-reply`: an automatic reply such as a vacation notice (RFC 3834);
 * - `not-bounce`: none of these.
 */
export const bounceKinds = ['failure', 'delay', 'success', 'feedback', 'auto-reply', 'not-bounce'] as const;

/** One of {@link bounceKinds}. */
export type BounceKind = (typeof bounceKinds)[number];

/**
 * Where a value came from: `dsn` a field of the delivery-status part; `prose`
 * the human-readable text of the bounce; `header` a header field of the
 * bounce (`X-Failed-Recipients`, ARF's `Original-Rcpt-To`...); `fallback` a
 * guess from the returned original's `To:` when the bounce names no recipient.
 */
export type ValueSource = 'dsn' | 'prose' | 'header' | 'fallback';

/** The DSN `Action` values (RFC 3464 section 2.3.3). */
export const dsnActions = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'] as const;

/** One of {@link dsnActions}. */
export type DsnAction = (typeof dsnActions)[number];

/** One recipient of a bounce. */
export interface BounceRecipient {
  /** The final recipient's address (`Final-Recipient`), as written (case kept). */
  readonly recipient: string;
  /** `Original-Recipient`, when given. */
  readonly originalRecipient: string | undefined;
  /** The DSN action, or the one a prose bounce implies (`failed`, `delayed`). */
  readonly dsnAction: DsnAction | undefined;
  /** The enhanced status code (`Status`, or one found in the text), e.g. `"5.1.1"`. */
  readonly status: string | undefined;
  /** The SMTP reply code of the diagnostic, e.g. `550`. */
  readonly code: number | undefined;
  /** The diagnostic type (`smtp`, `x-unix`...), lower-case. */
  readonly diagnosticType: string | undefined;
  /** The diagnostic text, unfolded (one line). */
  readonly diagnostic: string | undefined;
  /** The remote MTA that gave the diagnostic. */
  readonly remoteMta: string | undefined;
  /** The SMTP command the failure answered (`RCPT`, `END-OF-DATA`, `MAIL`...: `@mailstatus/codes`' vocabulary), when the bounce says. */
  readonly command: SmtpCommand | undefined;
  /** `Last-Attempt-Date`, as written. */
  readonly lastAttempt: string | undefined;
  /** `Will-Retry-Until`, as written. */
  readonly willRetryUntil: string | undefined;
  /** Where each value came from. */
  readonly sources: Readonly<Partial<Record<RecipientField, ValueSource>>>;
  /** `classify` of the diagnostic with the other fields as context. */
  readonly classification: Classification;
}

/** The fields of {@link BounceRecipient} that carry a source. */
export type RecipientField = 'recipient' | 'status' | 'code' | 'diagnostic' | 'remoteMta' | 'command' | 'dsnAction';

/** What the bounce says of the returned original message. */
export interface ReturnedMessage {
  readonly messageId: string | undefined;
  readonly subject: string | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
}

/** The fields of an ARF feedback report (RFC 5965 section 3.5). */
export interface FeedbackReport {
  /** `abuse`, `fraud`, `virus`, `other`, `not-spam`, `auth-failure`... */
  readonly feedbackType: string | undefined;
  readonly userAgent: string | undefined;
  readonly sourceIp: string | undefined;
  readonly originalMailFrom: string | undefined;
}

/** What `parseBounce` found in one message. */
export interface BounceReport {
  readonly kind: BounceKind;
  /**
   * What read the recipients: `rfc3464` (a DSN), `arf`, or the prose reader
   * of an MTA family (`postfix`, `exim`, `qmail`, `sendmail`, `exchange`...),
   * `undefined` when none did.
   */
  readonly reader: string | undefined;
  /** `Reporting-MTA`, when given. */
  readonly reportingMta: string | undefined;
  /** `Arrival-Date`, when given. */
  readonly arrivalDate: string | undefined;
  /** The bounce's own Subject and From. */
  readonly subject: string | undefined;
  readonly from: string | undefined;
  /** The returned original's headers, when the bounce includes them. */
  readonly original: ReturnedMessage | undefined;
  /** Set for `kind: 'feedback'`. */
  readonly feedback: FeedbackReport | undefined;
  readonly recipients: readonly BounceRecipient[];
  /** What was wrong with the message; empty when nothing. */
  readonly problems: readonly Problem[];
}
