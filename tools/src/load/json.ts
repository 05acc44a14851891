import { readFileSync } from 'node:fs';
import { ProblemList } from '../problems.js';

/** The 1-based line of the first occurrence of `needle` in `text`, or 0. */
export function jsonLine(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) return 0;
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

/** A reviewed JSON file with its text, so problems can name lines. */
export interface JsonFile<T = unknown> {
  readonly file: string;
  readonly text: string;
  readonly data: T;
  /** The line of the first occurrence of a string in the file (0 when absent). */
  lineOf(needle: string): number;
}

/** Reads a JSON file; a syntax error becomes a `file:line` problem. */
export function readJsonFile<T = unknown>(file: string, shown = file): JsonFile<T> {
  const problems = new ProblemList();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.add(shown, 0, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    problems.throwIfAny();
  }
  let data: T;
  try {
    data = JSON.parse(text) as T;
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 0;
    problems.add(shown, line, `not valid JSON: ${(e as Error).message}`);
    problems.throwIfAny();
    throw e;
  }
  return { file: shown, text, data, lineOf: (needle) => jsonLine(text, needle) };
}
