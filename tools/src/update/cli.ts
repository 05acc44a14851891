/**
 * The one place that runs a command, prints its report (text or `--json`)
 * and turns the outcome or the error into an exit code (see report.ts).
 */
import { defaultPaths, type Paths } from '../paths.js';
import { parseCliArgs, usage, UsageError, type Command } from './argv.js';
import { EXIT_FAILED, EXIT_OK, exitCode, failureJson, toJson, toText } from './report.js';
import { runCheck, runUpdate } from './commands.js';

/** Where the output goes (tests capture it). */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** Runs `registry:<command>` and returns the exit code. */
export async function main(
  command: Command,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: Io = processIo,
  paths?: Paths,
): Promise<number> {
  let json = argv.includes('--json');
  try {
    const opts = parseCliArgs(command, argv, env, env.INIT_CWD || process.cwd());
    json = opts.json;
    if (opts.help) {
      io.out(usage(command));
      return EXIT_OK;
    }
    const where = paths ?? defaultPaths(undefined, env);
    const common = { mirror: opts.mirror, timeoutMs: opts.timeoutMs, baseline: opts.baseline };
    const result =
      command === 'check'
        ? await runCheck(where, common)
        : await runUpdate(where, { ...common, allowRemovals: opts.allowRemovals, allowPartialDiff: opts.allowPartialDiff });
    if (json) io.out(JSON.stringify(toJson(result), null, 2));
    else io.out(toText(result));
    if (json && result.status === 'refused')
      io.err(`registry:update: refused, nothing was written:\n  ${result.plan.blockers.join('\n  ')}`);
    return exitCode(result);
  } catch (e) {
    const err = e as Error;
    if (json) io.out(JSON.stringify(failureJson(command, err), null, 2));
    io.err(`registry:${command}: ${err.message}`);
    if (err instanceof UsageError) io.err(`\n${usage(command)}`);
    return EXIT_FAILED;
  }
}
