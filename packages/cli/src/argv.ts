/**
 * The one function that turns `process.argv` into a typed
 * {@link Invocation}, over the argv table of `argv-table.ts` (re-exported
 * here).
 *
 * `node:util` `parseArgs` does the tokenising: it keeps every value as the
 * string typed (`--subject 07` stays "07"), reads a lone `-` as an argument
 * and everything after `--` as arguments. Everything it hands back is
 * checked and converted here, so the command modules receive typed options
 * and never see argv, and this file can be tested without running anything.
 * Mistakes are one line each, with a did-you-mean when a name is close to a
 * real one (`suggest.ts`). Help text is rendered from the same table by
 * `output.ts`.
 *
 * @packageDocumentation
 */

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { commandTable, globalOptions, STDIN, type CommandName, type CommandSpec, type OptionSpec } from './argv-table.js';
import { UsageError } from './errors.js';
import { didYouMean } from './suggest.js';

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
  /**
   * One code or reply per argument, each explained on its own; empty means
   * read one reply from stdin.
   */
  readonly inputs: readonly string[];
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
  /** Threads to classify with (`--jobs`); absent: one per core. */
  readonly jobs?: number;
}

/** `mailstatus bounce`. */
export interface BounceOptions {
  readonly command: 'bounce';
  readonly json: boolean;
  /** Files, folders or mboxes in order; {@link STDIN} stands for standard input. Never empty. */
  readonly paths: readonly string[];
  /** Threads to read with (`--jobs`); absent: 1 (this thread only). */
  readonly jobs?: number;
}

/** `mailstatus registry`. */
export interface RegistryOptions {
  readonly command: 'registry';
  readonly json: boolean;
}

const COMMAND_NAMES = commandTable.map((c) => c.name);

function isCommandName(s: unknown): s is CommandName {
  return (COMMAND_NAMES as readonly unknown[]).includes(s);
}

function helpHint(topic: CommandName | undefined): string {
  return topic ? `run mailstatus help ${topic}` : 'run mailstatus --help';
}

/** An option of the table as `parseArgs` takes it: `"-h, --help"` -> `help: { type: 'boolean', short: 'h' }`. */
function optionEntry(o: OptionSpec): [string, { type: 'boolean' | 'string'; short?: string }] {
  const m = /^(?:-([a-zA-Z]), )?--([a-z][a-z-]*)( <[^>]+>)?$/.exec(o.flags);
  if (!m) throw new Error(`argv table: cannot read the option ${JSON.stringify(o.flags)}`);
  return [m[2]!, { type: m[3] ? 'string' : 'boolean', ...(m[1] ? { short: m[1] } : {}) }];
}

type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

interface Parsed {
  readonly values: ParsedValues;
  readonly positionals: readonly string[];
}

/**
 * Reads `args` against the global options and those of `spec`: unknown
 * options, a value given to a switch and a missing value are usage errors,
 * each named with a did-you-mean.
 */
function readOptions(args: readonly string[], spec: CommandSpec | undefined): Parsed {
  const all = [...(spec?.options ?? []), ...globalOptions];
  const options = Object.fromEntries(all.map(optionEntry)) as NonNullable<ParseArgsConfig['options']>;
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const values: ParsedValues = {};
  const positionals: string[] = [];
  const where = spec ? ` for ${spec.name}` : '';
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const known = options[t.name];
    if (known === undefined) {
      // Suggestions for long names only: any one letter is "close" to -h and -v.
      const suggestion = t.rawName.startsWith('--')
        ? didYouMean(
            t.rawName,
            Object.keys(options).map((long) => `--${long}`),
          )
        : undefined;
      throw new UsageError(
        `unknown option ${t.rawName}${where}${suggestion ? `: did you mean ${suggestion}?` : ''} (${helpHint(spec?.name)})`,
        spec?.name,
      );
    }
    if (known.type === 'boolean' && t.value !== undefined) {
      throw new UsageError(`${t.rawName} takes no value, got ${JSON.stringify(t.value)} (${helpHint(spec?.name)})`, spec?.name);
    }
    // parseArgs takes the next argument as the value whatever it is; an
    // option there (`--search --json`) means the value was forgotten.
    if (known.type === 'string' && (t.value === undefined || (!t.inlineValue && /^(--.|-[a-zA-Z]$)/.test(t.value)))) {
      const also = t.value === undefined ? '' : `; for a value that starts with "-", write ${t.rawName}=${t.value}`;
      throw new UsageError(`${t.rawName} needs a value, e.g. ${exampleValue(t.rawName)}${also} (${helpHint(spec?.name)})`, spec?.name);
    }
    const v = known.type === 'string' ? t.value! : true;
    const old = values[t.name];
    values[t.name] = old === undefined ? v : Array.isArray(old) ? [...old, v] : [old, v];
  }
  return { values, positionals };
}

function exampleValue(flag: string): string {
  return flag === '--search' ? '--search mailbox' : `${flag} 5`;
}

/**
 * Turns the arguments after `node mailstatus.js` into an {@link Invocation}.
 *
 * The command is the first argument that is not an option (the global
 * options are all switches, so nothing else can sit before it).
 * `--help`/`-h` wins over everything, then `--version`/`-v`: both work even
 * next to mistakes. `mailstatus help [command]` is `--help` spelled out.
 *
 * @param args - `process.argv.slice(2)`.
 * @throws {@link UsageError} for an unknown command or option, a missing or
 * bad option value, or extra arguments: one line, with a did-you-mean when a
 * name is close to a known one.
 */
export function parseArgv(args: readonly string[]): Invocation {
  const at = args.findIndex((a) => a === '--' || a === STDIN || !a.startsWith('-'));
  const first = at === -1 ? undefined : args[at];
  const spec = commandTable.find((c) => c.name === first);
  const rest = at === -1 ? args : [...args.slice(0, at), ...args.slice(at + 1)];
  if (spec === undefined && first !== undefined && first !== '--' && first !== 'help') {
    if (args.includes('--help') || args.includes('-h')) return { command: 'help', exitCode: 0 };
    if (args.includes('--version') || args.includes('-v')) return { command: 'version' };
    const suggestion = didYouMean(first, [...COMMAND_NAMES, 'help']);
    throw new UsageError(
      `unknown command ${JSON.stringify(first)}: ${suggestion ? `did you mean ${suggestion}? ` : ''}use ${COMMAND_NAMES.join(', ')} or help (run mailstatus --help)`,
    );
  }
  if (first === 'help') return helpCommand(rest);

  // Help and version first, whatever else is wrong with the line.
  const help: Invocation = { command: 'help', ...(spec ? { topic: spec.name } : {}), exitCode: 0 };
  let parsed: Parsed;
  try {
    parsed = readOptions(rest, spec);
  } catch (error) {
    if (rest.some((a) => a === '--help' || a === '-h')) return help;
    if (rest.some((a) => a === '--version' || a === '-v')) return { command: 'version' };
    throw error;
  }
  if (parsed.values.help !== undefined) return help;
  if (parsed.values.version !== undefined) return { command: 'version' };

  if (spec === undefined) {
    // Only options: show the help.
    if (parsed.positionals.length > 0) {
      throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])} (run mailstatus --help)`);
    }
    return { command: 'help', exitCode: 2 };
  }
  const json = parsed.values.json === true;
  switch (spec.name) {
    case 'explain': {
      const inputs = parsed.positionals.length === 1 && parsed.positionals[0] === STDIN ? [] : parsed.positionals;
      return { command: 'explain', json, inputs };
    }
    case 'list':
      noArguments(spec.name, parsed.positionals);
      return listOptions(parsed.values, json);
    case 'classify':
    case 'bounce': {
      const inputs = parsed.positionals.length === 0 ? [STDIN] : parsed.positionals;
      const jobs = jobsOption(parsed.values, spec.name);
      const threads = jobs !== undefined ? { jobs } : {};
      return spec.name === 'classify'
        ? { command: 'classify', json, files: inputs, ...threads }
        : { command: 'bounce', json, paths: inputs, ...threads };
    }
    case 'registry':
      noArguments(spec.name, parsed.positionals);
      return { command: 'registry', json };
  }
}

/** `mailstatus help [command]`. */
function helpCommand(rest: readonly string[]): Invocation {
  const words = rest.filter((a) => !a.startsWith('-'));
  if (words.length === 0) return { command: 'help', exitCode: 0 };
  const topic = words[0]!;
  if (words.length > 1) throw new UsageError(`help takes one command, got ${words.length}: run mailstatus help ${topic}`);
  if (!isCommandName(topic)) {
    const suggestion = didYouMean(topic, COMMAND_NAMES);
    throw new UsageError(
      `no command ${JSON.stringify(topic)} to show help for: ${suggestion ? `did you mean ${suggestion}? ` : ''}use ${COMMAND_NAMES.join(', ')}`,
    );
  }
  return { command: 'help', topic, exitCode: 0 };
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

/** A string option given at most once. */
function stringOption(values: ParsedValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new UsageError(`--${name} given more than once: give it once (run mailstatus help list)`, 'list');
  if (v === '') throw new UsageError(`--${name} needs a value, e.g. ${exampleValue(`--${name}`)} (run mailstatus help list)`, 'list');
  return String(v);
}

/** The most threads `--jobs` takes: more than any machine's cores, few enough to catch a typo. */
export const MAX_JOBS = 256;

/** `--jobs N`: a whole number from 1 to {@link MAX_JOBS}. */
function jobsOption(values: ParsedValues, topic: CommandName): number | undefined {
  const v = values.jobs;
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new UsageError(`--jobs given more than once: give it once (run mailstatus help ${topic})`, topic);
  const s = String(v);
  if (!/^[1-9][0-9]{0,2}$/.test(s) || Number(s) > MAX_JOBS) {
    throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, e.g. --jobs 2, got ${JSON.stringify(s)}`, topic);
  }
  return Number(s);
}

function listOptions(values: ParsedValues, json: boolean): ListOptions {
  const replyCodes = values['reply-codes'] !== undefined;
  const cls = stringOption(values, 'class');
  const subject = stringOption(values, 'subject');
  const search = stringOption(values, 'search');
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
