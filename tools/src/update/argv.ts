/**
 * argv -> typed options for `registry:check` and `registry:update`, apart
 * from the commands so it can be tested alone.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The two registry commands. */
export type Command = 'check' | 'update';

/** What argv asked for. */
export interface CliOptions {
  readonly json: boolean;
  readonly help: boolean;
  /** A mirror folder (absolute) or http(s) base URL; from --mirror, else MAILSTATUS_MIRROR (relative to the repository root). */
  readonly mirror: string | undefined;
  readonly timeoutMs: number | undefined;
  /** Where the pinned files are when the cache does not have them. */
  readonly baseline: string | undefined;
  readonly allowRemovals: boolean;
  readonly allowPartialDiff: boolean;
}

/** Bad arguments; the message says which. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The help text of a command, with its flags and exit codes. */
export function usage(command: Command): string {
  const common = [
    '  --json                 print the report as JSON on stdout',
    '  --mirror DIR|URL       read upstream from a mirror laid out as HOST/PATH (default: $MAILSTATUS_MIRROR, else the canonical URLs)',
    '  --timeout MS           give up on a request after MS milliseconds (default 30000)',
    '  --baseline DIR|URL     a mirror holding the currently pinned files, when .cache/registry-sources does not',
  ];
  const update = [
    '  --allow-removals       accept entries upstream removed (a major release)',
    '  --allow-partial-diff   without the pinned files, compare with names.json only (added/removed codes)',
  ];
  const what =
    command === 'check'
      ? 'Fetches upstream and compares it with registry-sources/sources.lock.json. Exit 0: unchanged; 1: upstream moved; 2: failed.'
      : 'Fetches upstream, reports the semantic diff, and writes pins, names, generated tables and a changeset. ' +
        'Exit 0: done or nothing to do; 1: refused (nothing written); 2: failed (nothing written).';
  return [`usage: npm run registry:${command} -- [options]`, '', what, '', ...common, ...(command === 'update' ? update : [])].join('\n');
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * Parses argv. Paths given as flags are taken from `cwd` (npm runs the script
 * in tools/, so the bin passes INIT_CWD, where the user typed the command);
 * MAILSTATUS_MIRROR stays relative to the repository root, as for generate.
 */
export function parseCliArgs(command: Command, argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        mirror: { type: 'string' },
        timeout: { type: 'string' },
        baseline: { type: 'string' },
        ...(command === 'update'
          ? { 'allow-removals': { type: 'boolean', default: false }, 'allow-partial-diff': { type: 'boolean', default: false } }
          : {}),
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const path = (p: string | undefined) => (p === undefined || p === '' ? undefined : isUrl(p) || isAbsolute(p) ? p : resolve(cwd, p));
  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    timeoutMs = Number(v.timeout);
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
      throw new UsageError(`--timeout must be a positive number of milliseconds, not ${JSON.stringify(v.timeout)}`);
  }
  return {
    json: v.json === true,
    help: v.help === true,
    mirror: path(v.mirror as string | undefined) ?? (env.MAILSTATUS_MIRROR || undefined),
    timeoutMs,
    baseline: path(v.baseline as string | undefined),
    allowRemovals: v['allow-removals'] === true,
    allowPartialDiff: v['allow-partial-diff'] === true,
  };
}
