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
