/**
 * Streaming: mail logs line by line as an async iterator, and as a Web
 * `TransformStream` to NDJSON. Nothing here uses a Node built-in; the Node
 * `Transform` lives in `@mailstatus/codes/node`.
 *
 * @packageDocumentation
 */

export { splitLines, DEFAULT_MAX_LINE_LENGTH, type TextChunk } from './lines.js';
export { classifyLines, type ClassifiedLine } from './classify-lines.js';
export { ClassifyStream } from './web.js';
export type { ClassifyStreamOptions, StreamResult } from './ndjson.js';
