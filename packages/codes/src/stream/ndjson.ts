/**
 * The engine of the streaming forms (`ClassifyStream`, and the Node
 * `Transform` in `@mailstatus/codes/node`): text in, one NDJSON object out
 * per line, from text or UTF-8 bytes. Plain TypeScript: nothing but
 * `TextDecoder` (in `LineBuffer`).
 *
 * Two input forms:
 * - `text`: each line is a log line or a reply; out comes
 *   `{"line":1,"text":"...","mailstatus":{...}}`;
 * - `ndjson`: each line is a JSON object as Vector (`message`) or Fluent Bit
 *   (`log`) write them; out comes the same object with `"mailstatus"`
 *   added. An object without the text field passes through unchanged; a
 *   line that is not a JSON object becomes `{"line":3,"error":"..."}`, so a
 *   pipeline never stops on one bad event.
 *
 * Blank lines are skipped (NDJSON allows them between objects).
 *
 * @packageDocumentation
 */

import type { Classification } from '../classify/classify.js';
import { classifyLogLine } from '../log/classify-line.js';
import type { LogFields } from '../log/fields.js';
import { isBlank } from './classify-lines.js';
import { LineBuffer, type TextChunk } from './lines.js';

/** Options of the streaming forms. */
export interface ClassifyStreamOptions {
  /** `text` (default): one log line or reply per line; `ndjson`: one JSON object per line. */
  readonly input?: 'text' | 'ndjson';
  /** For `ndjson`: the field that holds the text; default `message` (Vector), else `log` (Fluent Bit). */
  readonly field?: string;
  /** The key the result is written under; default `mailstatus`. */
  readonly key?: string;
  /** Longest line read whole, in UTF-16 code units; longer lines are cut to their head (default 65536). */
  readonly maxLineLength?: number;
}

/** What is written under the result key: the classification and, for a Postfix/Exim/Sendmail line, its fields as `log`. */
export type StreamResult = Classification & { readonly log?: LogFields };

/** Text chunks in, NDJSON text out. @internal */
export class NdjsonClassifier {
  private readonly lines: LineBuffer;
  private readonly ndjson: boolean;
  private readonly field: string | undefined;
  private readonly key: string;
  private n = 0;
  private out = '';
  private readonly onLine = (text: string, truncated: boolean): void => {
    this.n++;
    if (isBlank(text)) return;
    this.out += `${this.ndjson ? this.event(text) : this.plain(text, truncated)}\n`;
  };

  constructor(options: ClassifyStreamOptions = {}) {
    const input = options.input ?? 'text';
    if (input !== 'text' && input !== 'ndjson') throw new TypeError(`input must be "text" or "ndjson", got ${JSON.stringify(input)}`);
    this.ndjson = input === 'ndjson';
    this.field = options.field;
    this.key = options.key ?? 'mailstatus';
    this.lines = new LineBuffer(options.maxLineLength);
  }

  /** Feeds text or UTF-8 bytes; returns the NDJSON of the lines it completes (may be empty). */
  push(chunk: TextChunk): string {
    this.lines.push(chunk, this.onLine);
    return this.take();
  }

  /** Ends the input; returns the NDJSON of the last line, if any. */
  end(): string {
    this.lines.end(this.onLine);
    return this.take();
  }

  private take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  /** A line that is not blank (see `onLine`). */
  private plain(text: string, truncated: boolean): string {
    const { fields, result } = classifyLogLine(text);
    const head = `{"line":${this.n},"text":${JSON.stringify(text)}${truncated ? ',"truncated":true' : ''}`;
    return result === undefined ? `${head}}` : `${head},${JSON.stringify(this.key)}:${JSON.stringify(streamResult(result, fields))}}`;
  }

  private event(text: string): string {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      return errorLine(this.n, `not valid JSON (${(error as Error).message}): give one JSON object per line`);
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return errorLine(this.n, 'not a JSON object: give one object per line, e.g. {"message":"..."}');
    const o = event as Record<string, unknown>;
    const value = this.field !== undefined ? o[this.field] : typeof o.message === 'string' ? o.message : o.log;
    if (typeof value !== 'string' || isBlank(value)) return text;
    const { fields, result } = classifyLogLine(value);
    if (result === undefined) return text;
    o[this.key] = streamResult(result, fields);
    return JSON.stringify(o);
  }
}

function streamResult(result: Classification, fields: LogFields | undefined): StreamResult {
  return fields === undefined ? result : { ...result, log: fields };
}

function errorLine(line: number, message: string): string {
  return `{"line":${line},"error":${JSON.stringify(`line ${line}: ${message}`)}}`;
}
