/**
 * From raw input (string, bytes) to the top {@link Entity}: the size cap,
 * NUL bytes, line-end normalisation and an mbox `From ` line.
 *
 * @packageDocumentation
 */

import { bytesToBinary, utf8Fatal } from './decode.js';
import { Entity, type ReadLimits } from './entity.js';
import { Problems } from './problems.js';

/** The raw input of a message. */
export type RawMessage = string | Uint8Array | ArrayBuffer;

/** Limits of {@link readMessage}. */
export interface MessageLimits extends ReadLimits {
  readonly maxBytes: number;
}

/** The top entity and what was wrong. */
export interface ReadMessage {
  readonly root: Entity;
  readonly problems: Problems;
}

/**
 * Bytes become text: UTF-8 when they are valid UTF-8 (ASCII included), else
 * one char per byte (`binary`), and 8bit parts are decoded by their own
 * charset later.
 */
function toText(input: RawMessage, maxBytes: number): { text: string; binary: boolean; truncated: boolean } {
  if (typeof input === 'string') {
    const truncated = input.length > maxBytes;
    return { text: truncated ? input.slice(0, maxBytes) : input, binary: false, truncated };
  }
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const truncated = bytes.length > maxBytes;
  if (truncated) bytes = bytes.subarray(0, maxBytes);
  if (utf8Fatal !== undefined) {
    try {
      return { text: utf8Fatal.decode(bytes), binary: false, truncated };
    } catch {
      // not UTF-8: fall through to bytes
    }
  }
  return { text: bytesToBinary(bytes), binary: true, truncated };
}

/** Reads a whole message. Never throws on content: oddities become problems. */
export function readMessage(input: RawMessage, limits: MessageLimits): ReadMessage {
  const problems = new Problems();
  const { text: raw, binary, truncated } = toText(input, limits.maxBytes);
  if (truncated) {
    problems.add(
      'truncated-input',
      `the message is longer than ${limits.maxBytes} bytes; only the first ${limits.maxBytes} were read (raise maxBytes)`,
    );
  }
  let text = raw;
  if (text.includes('\u0000')) {
    problems.add('nul-bytes', 'the message holds NUL bytes; they were removed before reading');
    text = text.replace(/\u0000/g, '');
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  // An mbox separator line (`From sender date`) is not a header.
  if (text.startsWith('From ')) text = text.slice(text.indexOf('\n') + 1 || text.length);
  // Leading blank lines before the headers.
  text = text.replace(/^\n+/, '');
  const root = new Entity(text, '', 0, { limits, problems, binary });
  return { root, problems };
}
