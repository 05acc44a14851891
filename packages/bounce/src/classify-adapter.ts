/**
 * The one place that calls `classify` from `@mailstatus/codes`.
 *
 * @packageDocumentation
 */

import { classify, type Classification, type ClassifyContext } from '@mailstatus/codes';

/** What a recipient offers `classify`. */
export interface ClassifyFields {
  readonly status: string | undefined;
  readonly diagnostic: string | undefined;
  readonly command: string | undefined;
  readonly action: string | undefined;
  readonly diagnosticType: string | undefined;
  readonly remoteMta: string | undefined;
}

/**
 * Classifies a recipient: the diagnostic text, with the DSN fields as
 * context (classify lets a DSN `Status` win over the codes in the prose
 * unless they agree, and lets `Action` give the outcome when there is no
 * Status; see `ClassifyContext` in `@mailstatus/codes`).
 */
export function classifyRecipient(f: ClassifyFields): Classification {
  const text = f.diagnostic ?? '';
  const context: { -readonly [K in keyof ClassifyContext]: ClassifyContext[K] } = {};
  if (f.status !== undefined) context.status = f.status;
  if (f.action !== undefined) context.action = f.action;
  if (f.command !== undefined) context.command = f.command;
  if (f.diagnosticType !== undefined) context.diagnosticType = f.diagnosticType;
  if (f.remoteMta !== undefined) context.remoteMta = f.remoteMta;
  return classify(text, context);
}
