/**
 * `classifyLines`: an async iterator of classified mail log lines, over any
 * iterable or async iterable of lines.
 *
 * @packageDocumentation
 */

import type { Classification } from '../classify/classify.js';
import { classifyLogLine } from '../log/classify-line.js';
import type { LogFields } from '../log/fields.js';

/** One line as {@link classifyLines} yields it. */
export interface ClassifiedLine {
  /** 1-based line number. */
  readonly line: number;
  /** The line as given. */
  readonly text: string;
  /** The delivery fields of a Postfix, Exim or Sendmail line (see `readLogLine`). */
  readonly fields?: LogFields;
  /** The classification; absent for a blank line and a log line about no delivery (see `classifyLogLine`). */
  readonly result?: Classification;
}

/** Whether a line is empty or only spaces, tabs and CR. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** One line to a {@link ClassifiedLine}. @internal */
export function classifiedLine(line: number, text: string): ClassifiedLine {
  if (isBlank(text)) return { line, text };
  const { fields, result } = classifyLogLine(text);
  return fields === undefined ? { line, text, result } : result === undefined ? { line, text, fields } : { line, text, fields, result };
}

/**
 * Classifies each line of a log as it arrives, reading the Postfix, Exim
 * and Sendmail fields (`classifyLogLine`). Give it lines (an array, a
 * generator, Node's `readline` interface); for raw text or bytes, put
 * `splitLines` in front.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * for await (const { line, fields, result } of classifyLines(splitLines(createReadStream('/var/log/mail.log')))) {
 *   if (result?.action === 'suppress') console.log(line, fields?.recipient, result.reason);
 * }
 * ```
 */
export async function* classifyLines(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<ClassifiedLine, void, undefined> {
  let n = 0;
  for await (const text of lines as AsyncIterable<string>) {
    n++;
    yield classifiedLine(n, typeof text === 'string' ? text : String(text));
  }
}
