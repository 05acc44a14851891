import { PassThrough, Readable } from 'node:stream';
import { main, type Io } from '../../src/main.js';

/** Runs main in-process with in-memory streams. */
export async function runMain(
  args: string[],
  opts: { stdin?: string; stdinTTY?: boolean; stdoutTTY?: boolean; env?: Record<string, string> } = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = Object.assign(Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]), { isTTY: opts.stdinTTY });
  const io: Io = {
    args,
    stdin,
    stdout: Object.assign(stdout, { isTTY: opts.stdoutTTY, columns: 80 }),
    stderr,
    env: opts.env ?? {},
  };
  const code = await main(io);
  return { code, out, err };
}
