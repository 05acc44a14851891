/**
 * `@mailstatus/codes`: every SMTP reply code and IANA enhanced status code as
 * typed constants and tables, generated from the IANA registry and the RFCs,
 * and the API to parse, extract, describe, classify and format SMTP replies.
 *
 * @packageDocumentation
 */

// Generated tables (tools/ -> ./generated). Constants and long texts live in
// separate modules so importing a constant leaves the texts out of a bundle.
export { ReplyCode, type ReplyCodeName } from './generated/reply-code.js';
export { EnhancedStatus, type EnhancedStatusName } from './generated/enhanced-status.js';
export { replyCodes, replySeverities, replyCategories } from './generated/reply-codes.js';
export { enhancedStatuses, enhancedClasses, enhancedSubjects } from './generated/enhanced-statuses.js';
export { commandReplies, anyCommandReplies } from './generated/command-replies.js';
export { smtpCommands, toSmtpCommand, type SmtpCommand } from './command.js';
export { registryInfo, enhancedStatusGrammar } from './generated/registry-info.js';
export { classificationRules } from './generated/classification.js';
export type * from './types.js';

// Enhanced status code syntax (RFC 3463 section 2).
export { parseEnhancedCode, isEnhancedCode, isRegistryCode, withClass, toRegistryCode, type ParsedEnhancedCode } from './enhanced-code.js';

// Replies: strict parsing, tolerant extraction, formatting.
export {
  parseReply,
  safeParseReply,
  ReplyParseError,
  type EnhancedCodeProblem,
  type EnhancedCodeProblemReason,
  type ParsedReply,
  type ParseReplyOptions,
  type ReplyParseErrorReason,
  type SafeParseReplyResult,
} from './parse.js';
export { extractReply, type ExtractedReply, type ExtractSource } from './extract.js';
export {
  formatReply,
  formatReplyLines,
  replyError,
  SmtpReplyError,
  type ReplyInput,
  type FormatReplyOptions,
  type ReplyLines,
  type ReplyErrorOptions,
} from './format.js';

// Meanings and classification.
export { describe, type CodeDescription, type ReplyCodeDescription, type EnhancedCodeDescription } from './describe.js';
export {
  classify,
  type Classification,
  type ClassificationConflict,
  type ClassificationSource,
  type ClassifyInput,
  type ClassifyContext,
} from './classify/classify.js';
export {
  toKumoBounceClass,
  toSisimaiReason,
  sisimaiEquivalents,
  reasonInfo,
  actionFor,
  sideOf,
  outcomeByWords,
} from './classify/mappings.js';
export {
  outcomes,
  reasons,
  actions,
  kumoBounceClasses,
  sisimaiReasons,
  sides,
  type Outcome,
  type Reason,
  type Action,
  type KumoBounceClass,
  type SisimaiReason,
  type Side,
  type ClassificationRules,
  type ReasonRule,
  type EnhancedRule,
  type OverrideRule,
  type TextPattern,
  type ClientErrorRule,
} from './classify/vocabulary.js';

// Mail logs: Postfix, Exim and Sendmail fields as classify context (./log).
export { readLogLine, classifyLogLine, logFormats, type LogFields, type LogFormat, type ClassifiedLogLine } from './log/index.js';

// Streaming: an async iterator over lines and a Web TransformStream (./stream);
// the Node Transform is in '@mailstatus/codes/node'.
export {
  splitLines,
  classifyLines,
  ClassifyStream,
  DEFAULT_MAX_LINE_LENGTH,
  type TextChunk,
  type ClassifiedLine,
  type ClassifyStreamOptions,
  type StreamResult,
} from './stream/index.js';
