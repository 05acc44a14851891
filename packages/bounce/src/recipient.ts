/**
 * A recipient while it is being put together from DSN fields, prose and headers.
 *
 * @packageDocumentation
 */

import type { DsnAction, RecipientField, ValueSource } from './types.js';

/** A recipient before classification. */
export interface Draft {
  recipient: string;
  originalRecipient?: string | undefined;
  dsnAction?: DsnAction | undefined;
  status?: string | undefined;
  diagnostic?: string | undefined;
  diagnosticType?: string | undefined;
  remoteMta?: string | undefined;
  command?: string | undefined;
  lastAttempt?: string | undefined;
  willRetryUntil?: string | undefined;
  sources: Partial<Record<RecipientField, ValueSource>>;
}
