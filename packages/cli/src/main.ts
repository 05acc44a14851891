/**
 * Wires argv -> command -> output, and turns errors into exit codes:
 * 0 found/ok, 1 not found or invalid input, 2 usage error (see `errors.ts`).
 *
 * Start-up stays small: only the argv table, cac and the output module load
 * before the command is known; each command module (and the part of
 * `@mailstatus/codes` it needs) is imported on demand.
 *
 * @packageDocumentation
 */

import type { Readable, Writable } from 'node:stream';
import { parseArgv, STDIN, type ClassifyOptions, type Invocation } from './argv.js';
import { ExitCode, InputError, UsageError } from './errors.js';
import {
  clearProgress,
  colorEnabled,
  createStyle,
  renderError,
  renderExplain,
  renderHelp,
  renderList,
  renderProgress,
  renderRecords,
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

/** Writes with backpressure; turns EPIPE into {@link OutputClosed}. */
class Sink {
  private error: Error | undefined;
  constructor(private readonly stream: Writable) {
    stream.on('error', (e: Error) => {
      this.error = e;
    });
  }

  async write(s: string): Promise<void> {
    if (this.error) throw this.fail();
    if (s.length === 0) return;
    if (this.stream.write(s)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
    if (this.error) throw this.fail();
  }

  private fail(): Error {
    const code = (this.error as NodeJS.ErrnoException).code;
    return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' ? new OutputClosed() : this.error!;
  }
}

/** The real process. */
export function processIo(): Io {
  return { args: process.argv.slice(2), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/**
 * Runs one command line and returns the exit code. Never throws: every
 * failure becomes one line on stderr and an exit code.
 */
export async function main(io: Io = processIo()): Promise<number> {
  const errStyle = createStyle(colorEnabled(io.env, io.stderr.isTTY === true));
  const stdout = new Sink(io.stdout);
  const stderr = new Sink(io.stderr);
  try {
    const invocation = parseArgv(io.args);
    return await run(invocation, io, stdout, stderr);
  } catch (error) {
    if (error instanceof OutputClosed) return ExitCode.Ok;
    try {
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

async function run(inv: Invocation, io: Io, stdout: Sink, stderr: Sink): Promise<number> {
  const errStyle = createStyle(colorEnabled(io.env, io.stderr.isTTY === true));
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
      await stderr.write(renderError(`no ${what} matches these filters: loosen them (a shorter --search, no --subject)`, errStyle));
      return ExitCode.NotFound;
    }
    case 'explain': {
      let input = inv.input;
      if (input === undefined) {
        if (io.stdin.isTTY === true) {
          throw new UsageError('explain needs a code or a reply: mailstatus explain 5.1.1, or pipe a reply into it', 'explain');
        }
        input = await readAll(io.stdin, MAX_EXPLAIN_STDIN);
      }
      const { explain } = await import('./commands/explain.js');
      await stdout.write(renderExplain(explain(input), inv.json, ctx));
      return ExitCode.Ok;
    }
    case 'classify':
      return classifyCommand(inv, io, stdout, stderr, ctx, errStyle);
  }
}

async function classifyCommand(
  inv: ClassifyOptions,
  io: Io,
  stdout: Sink,
  stderr: Sink,
  ctx: RenderContext,
  errStyle: Style,
): Promise<number> {
  const { classifyInputs, openSources, SummaryBuilder } = await import('./commands/classify.js');
  const sources = await openSources(inv.files, () => io.stdin as AsyncIterable<Buffer>);
  if (inv.files.includes(STDIN) && io.stdin.isTTY === true) {
    await stderr.write(renderWarning('reading replies from the terminal, one per line; press Ctrl-D to finish', errStyle));
  }
  // Progress only on a terminal, and only once a run has lasted a second.
  const progress = io.stderr.isTTY === true;
  const total = sources.every((s) => s.size !== undefined) ? sources.reduce((a, s) => a + s.size!, 0) : undefined;
  const started = Date.now();
  let lastProgress = started;
  let shown = false;
  let lines = 0;
  const summary = inv.json ? undefined : new SummaryBuilder();
  const binaryByFile = new Map<string, number>();
  for await (const batch of classifyInputs(sources)) {
    lines += batch.records.length;
    for (const r of batch.records) {
      if (r.skipped === 'binary') binaryByFile.set(r.file, (binaryByFile.get(r.file) ?? 0) + 1);
    }
    if (summary) summary.add(batch);
    else await stdout.write(renderRecords(batch.records));
    if (progress) {
      const now = Date.now();
      if (now - started >= 1000 && now - lastProgress >= 200) {
        lastProgress = now;
        shown = true;
        await stderr.write(renderProgress(batch.bytesRead, lines, (now - started) / 1000, total));
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
