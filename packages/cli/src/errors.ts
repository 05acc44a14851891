/**
 * The two kinds of expected failure, each with its exit code. Anything else
 * that reaches `main` is a bug and is reported as one.
 *
 * @packageDocumentation
 */

import type { CommandName } from './argv.js';

/** Exit codes, as documented in the README. */
export const ExitCode = {
  /** Found, explained, listed, classified. */
  Ok: 0,
  /** Not found, or invalid input (a bad code, a missing or binary file). */
  NotFound: 1,
  /** A mistake in the command line. */
  Usage: 2,
} as const;

/** A mistake in the command line: exit code 2. The message says what to do. */
export class UsageError extends Error {
  /** The command the mistake is in, for the `--help` hint. */
  readonly topic: CommandName | undefined;
  constructor(message: string, topic?: CommandName) {
    super(message);
    this.name = 'UsageError';
    this.topic = topic;
  }
}

/** Nothing found, or input that cannot be used: exit code 1. The message says what to do. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * A failed `stat` or `access` of an input as an {@link InputError} that says
 * what to do; `what` is what the path should name (`file`, `file or folder`).
 */
export function inputErrorOf(path: string, error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputError(`${path}: no such ${what}: check the path`);
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`${path}: permission denied: check its permissions`);
  return new InputError(`${path}: cannot read it (${code ?? (error as Error).message})`);
}
