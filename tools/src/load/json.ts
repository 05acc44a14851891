import { readFileSync } from 'node:fs';
import { jsonLine, ProblemList } from '../problems.js';

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

/** A reviewed JSON file that lives in memory (for validating before it is written). */
export function jsonInMemory<T>(text: string, shown: string): JsonFile<T> {
  return { file: shown, text, data: JSON.parse(text) as T, lineOf: (needle) => jsonLine(text, needle) };
}
