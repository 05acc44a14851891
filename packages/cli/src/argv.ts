/**
 * The one function that turns `process.argv` into a typed
 * {@link Invocation}, over the argv table of `argv-table.ts` (re-exported
 * here).
 *
 * cac does the tokenising (mri underneath); everything it hands back is
 * checked and converted here, so the command modules receive typed options
 * and never see argv, and this file can be tested without running anything.
 * Help text is rendered from the same table by `output.ts`.
 *
 * @packageDocumentation
 */

import { cac } from 'cac';
import { commandTable, globalOptions, STDIN, type CommandName } from './argv-table.js';
import { UsageError } from './errors.js';

export { UsageError };
export { commandTable, globalOptions, STDIN };
export type { CommandName, CommandSpec, OptionSpec } from './argv-table.js';

/** What the command line asked for, typed. */
export type Invocation =
  | { readonly command: 'help'; readonly topic?: CommandName; readonly exitCode: 0 | 2 }
  | { readonly command: 'version' }
  | ExplainOptions
  | ListOptions
  | ClassifyOptions
  | BounceOptions
  | RegistryOptions;

/** `mailstatus explain`. */
export interface ExplainOptions {
  readonly command: 'explain';
  readonly json: boolean;
  /** The code or reply from the arguments (joined with spaces); `undefined` means read stdin. */
  readonly input: string | undefined;
}

/** `mailstatus list`. */
export interface ListOptions {
  readonly command: 'list';
  readonly json: boolean;
  readonly replyCodes: boolean;
  readonly class?: 2 | 3 | 4 | 5;
  readonly subject?: number;
  readonly search?: string;
}

/** `mailstatus classify`. */
export interface ClassifyOptions {
  readonly command: 'classify';
  readonly json: boolean;
  /** Files in order; {@link STDIN} stands for standard input. Never empty. */
  readonly files: readonly string[];
}

/** `mailstatus bounce`. */
export interface BounceOptions {
  readonly command: 'bounce';
  readonly json: boolean;
  /** Files, folders or mboxes in order; {@link STDIN} stands for standard input. Never empty. */
  readonly paths: readonly string[];
}

/** `mailstatus registry`. */
export interface RegistryOptions {
  readonly command: 'registry';
  readonly json: boolean;
}

// mri reads a lone "-" as an option and swallows the next argument, so it is
// swapped for a token no shell user types before cac sees it.
const DASH = '\u0000-';

function isCommandName(s: unknown): s is CommandName {
  return commandTable.some((c) => c.name === s);
}

function helpHint(topic: CommandName | undefined): string {
  return topic ? `run mailstatus ${topic} --help` : 'run mailstatus --help';
}

/**
 * Turns the arguments after `node mailstatus.js` into an {@link Invocation}.
 *
 * @param args - `process.argv.slice(2)`.
 * @throws {@link UsageError} for an unknown command or option, a missing or
 * bad option value, or extra arguments.
 */
export function parseArgv(args: readonly string[]): Invocation {
  const cli = cac('mailstatus');
  for (const o of globalOptions) cli.option(o.flags, o.description);
  for (const spec of commandTable) {
    const cmd = cli.command(`${spec.name} ${spec.args}`.trim(), spec.summary);
    for (const o of spec.options) cmd.option(o.flags, o.description);
  }
  const argv = args.map((a) => (a === '-' ? DASH : a));
  const parsed = cli.parse(['node', 'mailstatus', ...argv], { run: false });
  const options = parsed.options as Record<string, unknown>;
  const matched = cli.matchedCommand;
  const topic = isCommandName(matched?.name) ? matched.name : undefined;

  // --help wins over everything, then --version: both must work even next to mistakes.
  if (options.help === true) return { command: 'help', ...(topic ? { topic } : {}), exitCode: 0 };
  if (options.version === true) return { command: 'version' };

  if (matched === undefined || topic === undefined) {
    const first = parsed.args[0];
    if (first === undefined) return { command: 'help', exitCode: 2 };
    throw new UsageError(
      `unknown command ${JSON.stringify(String(first))}: use explain, list, classify, bounce or registry (run mailstatus --help)`,
    );
  }
  try {
    matched.checkUnknownOptions();
  } catch (error) {
    throw new UsageError(`${lowerFirst((error as Error).message)} for ${topic}: ${helpHint(topic)}`, topic);
  }
  const positional = [...parsed.args, ...((options['--'] as string[] | undefined) ?? [])].map((a) =>
    a === DASH ? '-' : String(a),
  );
  const json = options.json === true;

  switch (topic) {
    case 'explain': {
      const input = positional.length === 0 || (positional.length === 1 && positional[0] === STDIN) ? undefined : positional.join(' ');
      return { command: 'explain', json, input };
    }
    case 'list':
      noArguments(topic, positional);
      return listOptions(options, argv, json);
    case 'classify':
      return { command: 'classify', json, files: positional.length === 0 ? [STDIN] : positional };
    case 'bounce':
      return { command: 'bounce', json, paths: positional.length === 0 ? [STDIN] : positional };
    case 'registry':
      noArguments(topic, positional);
      return { command: 'registry', json };
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replaceAll('`', '');
}

function noArguments(topic: CommandName, positional: readonly string[]): void {
  if (positional.length > 0) {
    throw new UsageError(
      `${topic} takes no arguments, got ${JSON.stringify(positional[0])}: ${
        topic === 'list' ? 'to search, use --search TEXT' : helpHint(topic)
      }`,
      topic,
    );
  }
}

/**
 * The value of `--flag X` or `--flag=X` exactly as typed: mri turns
 * numeric-looking values into numbers (`--search 1e3` would search "1000",
 * `--subject 07` would pass as 7).
 */
function rawValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === flag && i + 1 < args.length) value = args[i + 1];
    else if (a.startsWith(`${flag}=`)) value = a.slice(flag.length + 1);
  }
  return value === DASH ? '-' : value;
}

/** A string option: mri gives `true` for a missing value, numbers for digits, arrays for repeats. */
function stringOption(options: Record<string, unknown>, args: readonly string[], name: string, flag: string): string | undefined {
  const v = options[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new UsageError(`${flag} given more than once: give it once (run mailstatus list --help)`, 'list');
  if (typeof v === 'boolean' || String(v) === '') {
    throw new UsageError(`${flag} needs a value, e.g. ${flag} ${name === 'search' ? 'mailbox' : '5'} (run mailstatus list --help)`, 'list');
  }
  return typeof v === 'number' ? (rawValue(args, flag) ?? String(v)) : v === DASH ? '-' : String(v);
}

function listOptions(options: Record<string, unknown>, args: readonly string[], json: boolean): ListOptions {
  const replyCodes = options.replyCodes === true;
  const cls = stringOption(options, args, 'class', '--class');
  const subject = stringOption(options, args, 'subject', '--subject');
  const search = stringOption(options, args, 'search', '--search');
  let classDigit: ListOptions['class'];
  if (cls !== undefined) {
    const allowed = replyCodes ? ['2', '3', '4', '5'] : ['2', '4', '5'];
    if (!allowed.includes(cls)) {
      throw new UsageError(
        `--class must be ${replyCodes ? '2, 3, 4 or 5 (the first digit of a reply code)' : '2, 4 or 5 (RFC 3463 section 2)'}, got ${JSON.stringify(cls)}`,
        'list',
      );
    }
    classDigit = Number(cls) as ListOptions['class'];
  }
  let subjectNumber: number | undefined;
  if (subject !== undefined) {
    if (replyCodes) throw new UsageError('--subject applies to enhanced status codes: drop it or drop --reply-codes', 'list');
    // RFC 3463 section 2: subject = 1*3digit, without leading zeros.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(subject)) {
      throw new UsageError(`--subject must be a number from 0 to 999, such as 1 or 7, got ${JSON.stringify(subject)}`, 'list');
    }
    subjectNumber = Number(subject);
  }
  return {
    command: 'list',
    json,
    replyCodes,
    ...(classDigit !== undefined ? { class: classDigit } : {}),
    ...(subjectNumber !== undefined ? { subject: subjectNumber } : {}),
    ...(search !== undefined ? { search } : {}),
  };
}
