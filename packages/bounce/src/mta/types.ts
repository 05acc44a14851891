/**
 * The interface every prose reader (one module per MTA family) implements.
 *
 * @packageDocumentation
 */

import type { SmtpCommand } from '@mailstatus/codes';
import type { BounceKind, DsnAction } from '../types.js';
import type { BounceView } from '../view.js';

/** One recipient as a prose reader found it. Values it did not find stay undefined. */
export interface ProseRecipient {
  readonly recipient: string;
  readonly diagnostic?: string | undefined;
  readonly status?: string | undefined;
  readonly command?: SmtpCommand | undefined;
  readonly remoteMta?: string | undefined;
  readonly action?: DsnAction | undefined;
}

/** A prose reader for one MTA family. */
export interface MtaReader {
  /** Stable name, reported as `BounceReport.reader`. */
  readonly name: string;
  /** Whether the message looks like this family's bounce (From, Subject, a marker line): cheap checks only. */
  matches(view: BounceView): boolean;
  /** The recipients; empty when the text does not hold them after all. */
  read(view: BounceView): ProseRecipient[];
  /** The kind, when the reader knows better than the recipients' actions (a complaint is `feedback`). */
  kind?(view: BounceView): BounceKind | undefined;
  /**
   * Whether the source states each recipient's action itself, so that a
   * recipient without one has none (an SES complaint). Otherwise the text is
   * a failure notice and a recipient without an action has `failed`.
   */
  readonly statesActions?: boolean;
}
