/**
 * Wires argv -> command -> output, and turns errors into exit codes:
 * 0 found/ok, 1 not found or invalid input, 2 usage error (see `errors.ts`).
 *
 * Start-up stays small: only the argv table and the output module load
 * before the command is known; the parser is imported once there is
 * something to parse (a lone `--version`/`-v` and `explain` with plain words
 * are answered without it), and each command module (and the part of
 * `@mailstatus/codes` it needs) on demand.
 *
 * @packageDocumentation
 */

import type { Readable, Writable } from 'node:stream';
import { STDIN } from './argv-table.js';
import type { BounceOptions, ClassifyOptions, ExplainOptions, Invocation } from './argv.js';
import type { Explanation } from './commands/explain.js';
import { ExitCode, InputError, UsageError } from './errors.js';
import {
  clearProgress,
  colorEnabled,
  createStyle,
  renderError,
  renderExplain,
  renderHelp,
  renderJson,
  renderList,
  renderProgress,
  renderRegistry,
  renderSummary,
  renderVersion,
  renderWarning,
  type RenderContext,
  type Style,
} from './output.js';
import cliPackage from '../package.json' with { type: 'json' };

/** The process's streams and environment, replaceable in tests. */
export interface Io {
  readonly args: readonly string[];
  readonly stdin: Readable & { readonly isTTY?: boolean };
  readonly stdout: Writable & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: Writable & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The most `explain` reads from stdin: a reply is a few KiB; this only stops a runaway pipe. */
const MAX_EXPLAIN_STDIN = 16 * 1024 * 1024;

/** Stdout was closed by the reader (`| head`): stop quietly. */
class OutputClosed extends Error {}

/**
 * Writes with backpressure; turns EPIPE into {@link OutputClosed}. The stream
 * is asked for on the first write: Node builds `process.stderr` on first
 * access (for a pipe, loading `net`), which a successful run never needs.
 */
class Sink {
  private error: Error | undefined;
  private opened: Writable | undefined;
  constructor(private readonly open: () => Writable) {}

  private get stream(): Writable {
    if (this.opened === undefined) {
      const stream = (this.opened = this.open());
      stream.on('error', (e: Error) => {
        this.error = e;
      });
    }
    return this.opened;
  }

  async write(s: string | Uint8Array): Promise<void> {
    if (this.error) throw this.fail();
    if (s.length === 0) return;
    const stream = this.stream;
    if (stream.write(s)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
    });
    if (this.error) throw this.fail();
  }

  private fail(): Error {
    const code = (this.error as NodeJS.ErrnoException).code;
    return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' ? new OutputClosed() : this.error!;
  }
}

/**
 * The real process. `stdin` and `stderr` are getters: Node builds each of
 * them (a TTY, pipe or file stream) on first access, a few ms that a
 * successful `explain 5.1.1` or `--version` never needs.
 */
export function processIo(): Io {
  return {
    args: process.argv.slice(2),
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    get stderr() {
      return process.stderr;
    },
    env: process.env,
  };
}

/**
 * Runs one command line and returns the exit code. Never throws: every
 * failure becomes one line on stderr and an exit code.
 */
export async function main(io: Io = processIo()): Promise<number> {
  const stdout = new Sink(() => io.stdout);
  const stderr = new Sink(() => io.stderr);
  try {
    // The common `mailstatus --version` needs no parser: the same answer
    // parseArgv gives for these exact arguments.
    if (io.args.length === 1 && (io.args[0] === '--version' || io.args[0] === '-v')) {
      await stdout.write(renderVersion(cliPackage.version));
      return ExitCode.Ok;
    }
    const invocation = plainExplain(io.args) ?? (await import('./argv.js')).parseArgv(io.args);
    return await run(invocation, io, stdout, stderr);
  } catch (error) {
    if (error instanceof OutputClosed) return ExitCode.Ok;
    try {
      const errStyle = errStyleOf(io);
      if (error instanceof UsageError) {
        await stderr.write(renderError(error.message, errStyle));
        return ExitCode.Usage;
      }
      if (error instanceof InputError) {
        await stderr.write(renderError(error.message, errStyle));
        return ExitCode.NotFound;
      }
      const e = error as Error;
      await stderr.write(
        renderError(`internal error: ${e?.message ?? String(error)} (please report it with the command that caused it)`, errStyle),
      );
    } catch {
      // stderr is gone too: nothing left to tell.
    }
    return ExitCode.NotFound;
  }
}

/**
 * `explain` followed only by plain words (none empty, none starting with
 * "-": no option, no "--", no stdin "-") needs no parser: parseArgv would
 * give exactly this. The common one-shot `mailstatus explain 5.1.1` so
 * starts without loading it.
 */
function plainExplain(args: readonly string[]): Invocation | undefined {
  if (args.length < 2 || args[0] !== 'explain') return undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a.length === 0 || a.charCodeAt(0) === 45 /* - */) return undefined;
  }
  return { command: 'explain', json: false, inputs: args.slice(1) };
}

/** The style for stderr; asked for only when something goes there (see {@link Sink}). */
function errStyleOf(io: Io): Style {
  return createStyle(colorEnabled(io.env, io.stderr.isTTY === true));
}

async function run(inv: Invocation, io: Io, stdout: Sink, stderr: Sink): Promise<number> {
  const ctx: RenderContext = {
    style: createStyle(colorEnabled(io.env, io.stdout.isTTY === true)),
    width: io.stdout.isTTY === true && io.stdout.columns ? io.stdout.columns : Infinity,
  };
  switch (inv.command) {
    case 'help':
      if (inv.exitCode === 0) await stdout.write(renderHelp(cliPackage.version, inv.topic));
      else await stderr.write(renderHelp(cliPackage.version, inv.topic));
      return inv.exitCode;
    case 'version':
      await stdout.write(renderVersion(cliPackage.version));
      return ExitCode.Ok;
    case 'registry': {
      const { registry } = await import('./commands/registry.js');
      await stdout.write(renderRegistry(registry(inv), inv.json, ctx));
      return ExitCode.Ok;
    }
    case 'list': {
      const { list } = await import('./commands/list.js');
      const result = list(inv);
      await stdout.write(renderList(result, inv.json, ctx));
      if (result.entries.length > 0) return ExitCode.Ok;
      const what = inv.replyCodes ? 'reply code' : 'registry entry';
      await stderr.write(renderError(`no ${what} matches these filters: loosen them (a shorter --search, no --subject)`, errStyleOf(io)));
      return ExitCode.NotFound;
    }
    case 'explain':
      return explainCommand(inv, io, stdout, stderr, ctx);
    case 'classify':
      return classifyCommand(inv, io, stdout, stderr, ctx, errStyleOf(io));
    case 'bounce':
      return bounceCommand(inv, io, stdout, stderr, ctx);
  }
}

/**
 * `explain`: each argument on its own (a code, or a quoted reply), or one
 * reply from stdin. With several arguments the answers follow each other in
 * order (`--json`: an array, one object per argument); an argument that
 * cannot be explained is one error line on stderr, the others are still
 * explained, and the exit code is 1.
 */
async function explainCommand(inv: ExplainOptions, io: Io, stdout: Sink, stderr: Sink, ctx: RenderContext): Promise<number> {
  let inputs = inv.inputs;
  if (inputs.length === 0) {
    if (io.stdin.isTTY === true) {
      throw new UsageError('explain needs a code or a reply: mailstatus explain 5.1.1, or pipe a reply into it', 'explain');
    }
    inputs = [await readAll(io.stdin, MAX_EXPLAIN_STDIN)];
  }
  const { explain } = await import('./commands/explain.js');
  if (inputs.length === 1) {
    await stdout.write(renderExplain(explain(inputs[0]!), inv.json, ctx));
    return ExitCode.Ok;
  }
  const done: Explanation[] = [];
  let failed = 0;
  for (const input of inputs) {
    try {
      const x = explain(input);
      done.push(x);
      if (!inv.json) await stdout.write(`${done.length > 1 ? '\n' : ''}${renderExplain(x, false, ctx)}`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
      await stderr.write(renderError(`${error.message}${failed === 1 ? MANY_ARGUMENTS_HINT : ''}`, errStyleOf(io)));
    }
  }
  if (inv.json) await stdout.write(renderJson(done));
  return failed > 0 ? ExitCode.NotFound : ExitCode.Ok;
}

/** Said once when one of several arguments is not a code: a reply typed without quotes is split by the shell. */
const MANY_ARGUMENTS_HINT = ' (explain takes one code or reply per argument: quote a whole reply, "550 5.1.1 User unknown")';

async function classifyCommand(
  inv: ClassifyOptions,
  io: Io,
  stdout: Sink,
  stderr: Sink,
  ctx: RenderContext,
  errStyle: Style,
): Promise<number> {
  const { openSources, regularFiles, SummaryBuilder } = await import('./commands/classify.js');
  const { classifyOutputs } = await import('./pool/classify-parallel.js');
  const sources = await openSources(inv.files, () => io.stdin as AsyncIterable<Buffer>);
  if (inv.files.includes(STDIN) && io.stdin.isTTY === true) {
    await stderr.write(renderWarning('reading replies from the terminal, one per line; press Ctrl-D to finish', errStyle));
  }
  // Progress only on a terminal, and only once a run has lasted a second.
  const progress = io.stderr.isTTY === true;
  const total = regularFiles(sources)?.reduce((a, s) => a + s.size, 0);
  const started = Date.now();
  let lastProgress = started;
  let shown = false;
  let lines = 0;
  const summary = inv.json ? undefined : new SummaryBuilder();
  const binaryByFile = new Map<string, number>();
  for await (const out of classifyOutputs(sources, {
    json: inv.json,
    ...(inv.jobs !== undefined ? { jobs: inv.jobs } : {}),
  })) {
    lines += out.lines;
    if (out.binary > 0) binaryByFile.set(out.file, (binaryByFile.get(out.file) ?? 0) + out.binary);
    if (summary) summary.merge(out.part!);
    else await stdout.write(out.ndjson!);
    if (progress) {
      const now = Date.now();
      if (now - started >= 1000 && now - lastProgress >= 200) {
        lastProgress = now;
        shown = true;
        await stderr.write(renderProgress(out.bytesRead, lines, (now - started) / 1000, total));
      }
    }
  }
  if (shown) await stderr.write(clearProgress());
  if (summary) await stdout.write(renderSummary(summary.build(), ctx));
  if (binaryByFile.size > 0) {
    const parts = [...binaryByFile].map(([f, n]) => `${f === STDIN ? 'stdin' : f}: ${n} line${n === 1 ? '' : 's'}`);
    await stderr.write(
      renderError(
        `binary data skipped (lines with NUL bytes) in ${parts.join(', ')}: give text logs (decompress with zcat first)`,
        errStyle,
      ),
    );
    return ExitCode.NotFound;
  }
  return ExitCode.Ok;
}

/** `mailstatus bounce`: every message of every path, printed as it is read. Exit 1 when no message was read. */
async function bounceCommand(inv: BounceOptions, io: Io, stdout: Sink, stderr: Sink, ctx: RenderContext): Promise<number> {
  const { bounceRunner, bounceTasks, compileForBreadth } = await import('./commands/bounce-tasks.js');
  const { mapInOrder, WORKER_URL } = await import('./pool/index.js');
  compileForBreadth();
  const render = { json: inv.json, color: ctx.style.enabled, width: ctx.width };
  const { tasks, large } = await bounceTasks(inv.paths, () => io.stdin as AsyncIterable<Buffer>, render);
  let messages = 0;
  const notEmail: string[] = [];
  // One thread unless asked: on 2 cores the pool made bounce slower (3,820 samples: 0.50-0.58 s
  // with one thread, 0.62-0.66 s with two; bench/parallel.mjs --bounce), because the fixed costs
  // of a worker (loading and compiling the readers and the rules) outweigh the parsing it takes.
  const jobs = inv.jobs ?? 1;
  for await (const out of mapInOrder(tasks, {
    jobs,
    url: WORKER_URL,
    inline: bounceRunner.run,
    startWhen: () => large,
    transfer: bounceRunner.transfer,
  })) {
    messages += out.messages;
    notEmail.push(...out.notEmail);
    await stdout.write(out.text);
  }
  if (messages === 0) throw new InputError(`no message found in ${inv.paths.join(', ')}: give .eml files, a Maildir or an mbox`);
  // As classify does for binary lines: the rest is read, and the exit code says something was not.
  if (notEmail.length > 0) {
    const shown = notEmail.slice(0, 5).join(', ') + (notEmail.length > 5 ? ` and ${notEmail.length - 5} more` : '');
    await stderr.write(
      renderError(
        `${notEmail.length} input${notEmail.length === 1 ? ' is' : 's are'} not email (no message headers): ${shown}`,
        errStyleOf(io),
      ),
    );
    return ExitCode.NotFound;
  }
  return ExitCode.Ok;
}

/** Reads a whole stream as UTF-8, up to `max` bytes. */
async function readAll(stream: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > max) throw new InputError(`stdin holds more than ${max / 1024 / 1024} MiB: explain takes one reply; use classify for logs`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
