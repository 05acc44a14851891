/**
 * `@mailstatus/codes/node`: the streaming classifier as a Node `Transform`,
 * for `pipeline(process.stdin, createClassifyTransform(), process.stdout)`.
 * Kept out of the main entry so the core never imports a Node built-in.
 *
 * @packageDocumentation
 */

import { Transform, type TransformCallback } from 'node:stream';
import { NdjsonClassifier, type ClassifyStreamOptions } from './stream/ndjson.js';

export type { ClassifyStreamOptions, StreamResult } from './stream/ndjson.js';

/**
 * A Node `Transform` from text or bytes (log lines, or NDJSON events with
 * `input: 'ndjson'`) to NDJSON, one object per line: the same output as
 * `ClassifyStream`. Back-pressure is Node's: it reads no faster than its
 * reader takes.
 *
 * @example
 * ```ts
 * import { pipeline } from 'node:stream/promises';
 * import { createClassifyTransform } from '@mailstatus/codes/node';
 * await pipeline(process.stdin, createClassifyTransform({ input: 'ndjson' }), process.stdout);
 * ```
 */
export function createClassifyTransform(options: ClassifyStreamOptions = {}): Transform {
  const engine = new NdjsonClassifier(options);
  return new Transform({
    decodeStrings: false,
    readableHighWaterMark: 64 * 1024,
    transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback) {
      const out = engine.push(chunk);
      callback(null, out.length > 0 ? out : undefined);
    },
    flush(callback: TransformCallback) {
      const out = engine.end();
      callback(null, out.length > 0 ? out : undefined);
    },
  });
}
