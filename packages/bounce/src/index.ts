/**
 * `@mailstatus/bounce`: read bounce emails (RFC 3464/6533 delivery status
 * notifications, ARF feedback reports, auto-replies and the prose bounces of
 * real mail servers) into classified per-recipient results.
 *
 * @packageDocumentation
 */

export { parseBounce } from './parse-bounce.js';
export { DEFAULT_LIMITS, type ParseBounceOptions } from './options.js';
export { problemKinds, type Problem, type ProblemKind } from './mime/problems.js';
export type { RawMessage } from './mime/message.js';
export {
  bounceKinds,
  dsnActions,
  type BounceKind,
  type BounceRecipient,
  type BounceReport,
  type DsnAction,
  type FeedbackReport,
  type RecipientField,
  type ReturnedMessage,
  type ValueSource,
} from './types.js';
