/**
 * What the decoder computes, apart from the page: the reply found in the
 * input, what its codes mean (`describe`) and what to do (`classify`). For a
 * bounce, the same per recipient (see `bounce.ts`). No DOM here, so the
 * tests can compare it with the library in Node too.
 *
 * @packageDocumentation
 */

import { classify, describe, type Classification, type EnhancedCodeDescription, type ReplyCodeDescription } from '@mailstatus/codes';
import { decodeBounce, looksLikeMessage, type BounceRecipient } from './bounce.js';

/** One reply (or text without one), decoded. */
export interface DecodedReply {
  readonly kind: 'reply';
  readonly classification: Classification;
  readonly replyInfo: ReplyCodeDescription | undefined;
  readonly enhancedInfo: EnhancedCodeDescription | undefined;
}

/** A bounce email, decoded per recipient. */
export interface DecodedBounce {
  readonly kind: 'bounce';
  /** What read the recipients (see `bounce.ts`). */
  readonly reader: string;
  readonly reportingMta: string | undefined;
  readonly recipients: readonly (BounceRecipient & { readonly decoded: DecodedReply })[];
}

/** What {@link decode} returns; `undefined` for an empty input. */
export type Decoded = DecodedReply | DecodedBounce;

function describeBoth(code: number | undefined, enhanced: string | undefined): Pick<DecodedReply, 'replyInfo' | 'enhancedInfo'> {
  const r = code === undefined ? undefined : describe(code);
  const e = enhanced === undefined ? undefined : describe(enhanced);
  return { replyInfo: r?.kind === 'reply' ? r : undefined, enhancedInfo: e?.kind === 'enhanced' ? e : undefined };
}

/** Decode one reply, log line or Diagnostic-Code; `command` is the SMTP command it answered, when known. */
export function decodeReply(input: string, command?: string): DecodedReply {
  const classification = command ? classify({ text: input, command }) : classify(input);
  return { kind: 'reply', classification, ...describeBoth(classification.code, classification.enhanced) };
}

/** One recipient of a bounce: the bounce reader's verdict, with what its codes mean. */
function decodeRecipient(r: BounceRecipient): DecodedReply {
  const { classification } = r;
  return { kind: 'reply', classification, ...describeBoth(classification.code, classification.enhanced) };
}

/** Decode any input the page takes. */
export function decode(input: string, command?: string): Decoded | undefined {
  if (input.trim() === '') return undefined;
  if (looksLikeMessage(input)) {
    const bounce = decodeBounce(input);
    if (bounce && bounce.recipients.length > 0) {
      return {
        kind: 'bounce',
        reader: bounce.reader,
        reportingMta: bounce.reportingMta,
        recipients: bounce.recipients.map((r) => ({ ...r, decoded: decodeRecipient(r) })),
      };
    }
  }
  return decodeReply(input, command);
}
