/**
 * The one place that calls `classify` from `@mailstatus/codes`.
 *
 * @packageDocumentation
 */

import { classify, extractReply, type Classification, type ClassifyContext } from '@mailstatus/codes';

/** What a recipient offers `classify`. */
export interface ClassifyFields {
  readonly status: string | undefined;
  readonly diagnostic: string | undefined;
  readonly command: string | undefined;
  readonly action: string | undefined;
  readonly diagnosticType: string | undefined;
  readonly remoteMta: string | undefined;
}

/** The classification, and the codes the diagnostic text itself holds. */
export interface RecipientClassification {
  readonly classification: Classification;
  /** The enhanced status code in the diagnostic text, when there is one (looked for only when the DSN Status is absent or X.0.0). */
  readonly textEnhanced: string | undefined;
  /** The reply code in the diagnostic text, when there is one. */
  readonly textCode: number | undefined;
}

/**
 * Classifies a recipient: the diagnostic text, with the DSN fields as
 * context (classify lets a DSN `Status` win over the codes in the prose
 * unless they agree, and lets `Action` give the outcome when there is no
 * Status; see `ClassifyContext` in `@mailstatus/codes`).
 */
export function classifyRecipient(f: ClassifyFields): RecipientClassification {
  const text = f.diagnostic ?? '';
  // The text's own enhanced code matters only when the DSN gives none or a bare X.0.0.
  const reply = text === '' || (f.status !== undefined && !f.status.endsWith('.0.0')) ? undefined : extractReply(text);
  const context: { -readonly [K in keyof ClassifyContext]: ClassifyContext[K] } = {};
  if (f.status !== undefined) context.status = f.status;
  if (f.action !== undefined) context.action = f.action;
  if (f.command !== undefined) context.command = f.command;
  if (f.diagnosticType !== undefined) context.diagnosticType = f.diagnosticType;
  if (f.remoteMta !== undefined) context.remoteMta = f.remoteMta;
  const classification = classify(text, context);
  return { classification, textEnhanced: reply?.enhanced, textCode: classification.code };
}
