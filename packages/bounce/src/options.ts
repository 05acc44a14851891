/**
 * Options of `parseBounce` and their defaults.
 *
 * @packageDocumentation
 */

import type { MessageLimits } from './mime/message.js';

/** Options of `parseBounce`. Every limit bounds time and memory on hostile input; going over one adds a problem. */
export interface ParseBounceOptions {
  /**
   * Bytes (chars for a string) read from the message; the rest is ignored.
   * A bounce's report comes first and only the head of the returned original
   * is needed. Default 2 MiB.
   */
  readonly maxBytes?: number;
  /** Header fields read per entity. Default 2000. */
  readonly maxHeaders?: number;
  /** MIME nesting levels read. Default 20. */
  readonly maxDepth?: number;
  /** Parts read per multipart. Default 1000. */
  readonly maxParts?: number;
}

/** The defaults of {@link ParseBounceOptions}. */
export const DEFAULT_LIMITS: MessageLimits = { maxBytes: 2 * 1024 * 1024, maxHeaders: 2000, maxDepth: 20, maxParts: 1000 };

/** Options with the defaults filled in (non-positive or non-numeric values fall back to the default). */
export function resolveLimits(o: ParseBounceOptions | undefined): MessageLimits {
  const pick = (v: number | undefined, d: number) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? Math.floor(v) : d);
  return {
    maxBytes: pick(o?.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxHeaders: pick(o?.maxHeaders, DEFAULT_LIMITS.maxHeaders),
    maxDepth: pick(o?.maxDepth, DEFAULT_LIMITS.maxDepth),
    maxParts: pick(o?.maxParts, DEFAULT_LIMITS.maxParts),
  };
}
