/**
 * `ClassifyStream`: a Web `TransformStream` (browsers, workers, Deno, Bun,
 * Node 18+) from text or UTF-8 bytes to NDJSON text, one object per line
 * (see `ndjson.ts` for the shapes).
 *
 * @packageDocumentation
 */

import { NdjsonClassifier, type ClassifyStreamOptions } from './ndjson.js';

/**
 * Classifies a stream of mail log lines (or NDJSON events from Vector or
 * Fluent Bit) into NDJSON.
 *
 * @example
 * ```ts
 * const out = (await fetch('/mail.log')).body!.pipeThrough(new ClassifyStream());
 * // or, NDJSON events from a log shipper:
 * Readable.toWeb(process.stdin).pipeThrough(new ClassifyStream({ input: 'ndjson' }));
 * ```
 */
export class ClassifyStream extends TransformStream<string | Uint8Array, string> {
  /** @param options - See {@link ClassifyStreamOptions}. */
  constructor(options: ClassifyStreamOptions = {}) {
    const engine = new NdjsonClassifier(options);
    super({
      transform(chunk, controller) {
        const out = engine.push(chunk);
        if (out.length > 0) controller.enqueue(out);
      },
      flush(controller) {
        const out = engine.end();
        if (out.length > 0) controller.enqueue(out);
      },
    });
  }
}
