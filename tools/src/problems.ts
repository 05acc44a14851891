/**
 * Every check in the generator reports problems as `file:line: message` and
 * carries on, so one run lists all of them; the pipeline stops before writing
 * when any was found. Two weights: a problem (the input's structure is broken:
 * not CSV, a changed column, a duplicate or malformed code) stops the build; a
 * warning (a defect of content: an empty field, a placeholder, a field in the
 * wrong column) is reported and the output degrades gracefully.
 */

/** One thing wrong with an input, and where. */
export interface Problem {
  /** Path as shown to the user (relative to the repository root where possible). */
  readonly file: string;
  /** 1-based line, or 0 when the problem is about the whole file. */
  readonly line: number;
  readonly message: string;
}

/** `file:line: message`, or `file: message` for whole-file problems. */
export function formatProblem(p: Problem): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Thrown when inputs fail validation; nothing has been written when it is thrown. */
export class GeneratorError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], summary = 'the inputs have problems; nothing was written') {
    super(`${summary}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'GeneratorError';
    this.problems = problems;
  }
}

/** Collects the problems and warnings of a run. */
export class ProblemList {
  readonly items: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** Records a problem: the run stops at the next {@link throwIfAny}. */
  add(file: string, line: number, message: string): void {
    this.items.push({ file, line, message });
  }
  /** Records a content defect: reported, never stops the run. */
  warn(file: string, line: number, message: string): void {
    this.warnings.push({ file, line, message });
  }
  get ok(): boolean {
    return this.items.length === 0;
  }
  /** Throws a {@link GeneratorError} when any problem was recorded. */
  throwIfAny(summary?: string): void {
    if (this.items.length > 0) throw new GeneratorError(this.items, summary);
  }
}

/** The 1-based line of the first occurrence of `needle` in `text`, or 0 (how messages about JSON files point at a key). */
export function jsonLine(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) return 0;
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}
