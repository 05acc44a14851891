/**
 * What was wrong with a message. Reading never throws: every oddity becomes a
 * problem in the result, and reading goes on with what is usable.
 *
 * @packageDocumentation
 */

/** The kinds of problem (stable strings for programs). */
export const problemKinds = [
  'not-email',
  'truncated-input',
  'too-many-headers',
  'malformed-header',
  'missing-boundary',
  'truncated-multipart',
  'too-deep',
  'too-many-parts',
  'invalid-base64',
  'invalid-quoted-printable',
  'unknown-charset',
  'nul-bytes',
  'malformed-dsn',
] as const;

/** One of {@link problemKinds}. */
export type ProblemKind = (typeof problemKinds)[number];

/** One thing that was wrong, with where (a MIME part path such as `1.2`) and what was done about it. */
export interface Problem {
  readonly kind: ProblemKind;
  readonly message: string;
}

/** Collects problems, at most one per kind and message. */
export class Problems {
  readonly list: Problem[] = [];
  private readonly seen = new Set<string>();

  add(kind: ProblemKind, message: string): void {
    const key = `${kind}\u0000${message}`;
    if (this.seen.has(key) || this.list.length >= 50) return;
    this.seen.add(key);
    this.list.push({ kind, message });
  }
}
