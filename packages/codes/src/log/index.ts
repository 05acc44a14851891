/**
 * Mail logs: the fields Postfix, Exim and Sendmail lines carry, and one
 * line to a classification with them as context.
 *
 * @packageDocumentation
 */

export { readLogLine, logFormats, type LogFields, type LogFormat } from './fields.js';
export { classifyLogLine, type ClassifiedLogLine } from './classify-line.js';
