/**
 * `@mailstatus/codes`: every SMTP reply code and IANA enhanced status code as
 * typed constants and tables, generated from the IANA registry and the RFCs,
 * and the API to parse, extract, describe, classify and format SMTP replies.
 *
 * @packageDocumentation
 */
export { ReplyCode, type ReplyCodeName } from './generated/reply-code.js';
export { EnhancedStatus, type EnhancedStatusName } from './generated/enhanced-status.js';
export { replyCodes, replySeverities, replyCategories } from './generated/reply-codes.js';
export { enhancedStatuses, enhancedClasses, enhancedSubjects } from './generated/enhanced-statuses.js';
export { commandReplies, anyCommandReplies, type SmtpCommand } from './generated/command-replies.js';
export { registryInfo, enhancedStatusGrammar } from './generated/registry-info.js';
export type * from './types.js';
