/**
 * What the decoder computes, apart from the page: the reply found in the
 * input, what its codes mean (`describe`) and what to do (`classify`). For a
 * bounce, the same per recipient (see `bounce.ts`). No DOM here, so the
 * tests can compare it with the library in Node too.
 *
 * @packageDocumentation
 */

import {
  classify,
  describe,
  extractReply,
  type Classification,
  type EnhancedCodeDescription,
  type ExtractedReply,
  type ReplyCodeDescription,
} from '@mailstatus/codes';
import { decodeBounce, looksLikeMessage, type BounceRecipient } from './bounce.js';

/** One reply (or text without one), decoded. */
export interface DecodedReply {
  readonly kind: 'reply';
  /** The reply `extractReply` found, if any. */
  readonly found: ExtractedReply | undefined;
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
  const found = extractReply(input);
  const classification = command ? classify({ text: input, command }) : classify(input);
  return { kind: 'reply', found, classification, ...describeBoth(classification.code, classification.enhanced) };
}

/**
 * One recipient of a bounce: the reader's verdict when it gives one, else the
 * Diagnostic-Code's reply with the DSN `Status` as the enhanced code (RFC 3464
 * section 2.3.4).
 */
function decodeRecipient(r: BounceRecipient): DecodedReply {
  const text = r.diagnostic ?? '';
  const found = extractReply(text);
  const classification = r.classification ?? classify({ code: found?.code, enhanced: r.status ?? found?.enhanced, text });
  return { kind: 'reply', found, classification, ...describeBoth(classification.code, classification.enhanced) };
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
