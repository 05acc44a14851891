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
 * text has none, and the command.
 */
export function classifyRecipient(f: ClassifyFields): Classification {
  const text = f.diagnostic ?? '';
  const fromText = text === '' ? undefined : classify(text);
  const enhanced = fromText?.enhanced ?? f.status;
  return classify({
    ...(fromText?.code !== undefined ? { code: fromText.code } : {}),
    ...(enhanced !== undefined ? { enhanced } : {}),
    text,
    ...(f.command !== undefined ? { command: f.command } : {}),
  });
}
