/**
 * The one place that calls `classify` from `@mailstatus/codes`.
 *
 * @packageDocumentation
 */

import { classify, type Classification } from '@mailstatus/codes';

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
 * Classifies a recipient: the diagnostic text (where the reply code and an
 * enhanced code usually are), the DSN `Status` as the enhanced code when the
 * text has none, and the command. With neither code, the DSN action decides
 * the class: RFC 3464 section 2.3.3 `failed` means the MTA gave up (X.0.0,
 * "other undefined status", of class 5), `delayed` that it will retry (4.0.0).
 */
export function classifyRecipient(f: ClassifyFields): { classification: Classification; textEnhanced: string | undefined; textCode: number | undefined } {
  const text = f.diagnostic ?? '';
  const fromText = text === '' ? undefined : classify(text);
  const byAction = f.action === 'failed' ? '5.0.0' : f.action === 'delayed' ? '4.0.0' : f.action === 'delivered' || f.action === 'relayed' || f.action === 'expanded' ? '2.0.0' : undefined;
  const enhanced = fromText?.enhanced ?? f.status ?? (fromText?.code === undefined ? byAction : undefined);
  const classification = classify({
    ...(fromText?.code !== undefined ? { code: fromText.code } : {}),
    ...(enhanced !== undefined ? { enhanced } : {}),
    text,
    ...(f.command !== undefined ? { command: f.command } : {}),
  });
  return { classification, textEnhanced: fromText?.enhanced, textCode: fromText?.code };
}
