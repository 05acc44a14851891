/**
 * `mailstatus bounce` cut into tasks for the pool (`../pool/`): the paths
 * are listed here (folders walked in name order), and each task holds a
 * batch of files that is read, parsed and rendered wherever it runs, so the
 * output is the same with any number of threads.
 *
 * @packageDocumentation
 */

import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type { Runner } from '../pool/runner.js';
import { STDIN } from '../argv-table.js';
import { createStyle, renderBounce, type RenderContext } from '../output.js';
import { bounceRecords, filesUnder, messagesOf } from './bounce.js';

/** Files per task: a batch, not a message per file; a few hundred KB of mail on average. */
export const FILES_PER_TASK = 16;

/** At least this many files start the pool: below, parsing takes less than starting threads. */
export const POOL_MIN_FILES = 64;

/** A batch of inputs of `mailstatus bounce`. */
export interface BounceTask {
  readonly kind: 'bounce';
  /** Files to read, in order; or the bytes of stdin. */
  readonly files: readonly string[];
  readonly stdin?: Uint8Array;
  readonly json: boolean;
  /** What the text output needs of the render context: colour and terminal width. */
  readonly color: boolean;
  readonly width: number;
}

/** What one task gives back. */
export interface BounceTaskOutput {
  /** The rendered output of its messages. */
  readonly text: string;
  readonly messages: number;
  /** The inputs that are not email (no message headers). */
  readonly notEmail: readonly string[];
}

/**
 * Tells V8 to inline less into the functions it optimizes from here on, in
 * this process and the threads it starts: reading bounces runs a little of
 * much code (forty readers, MIME, the classifier), and each optimized
 * function then inlines all it calls; the compiles (about 0.85 s of CPU
 * over the 3,820 bounce samples) outlast the warm-up they are for. With 200
 * bytes of bytecode inlined per function (V8's default is 920): 0.53 s
 * against 0.60 s, and 0.69 s of CPU against 0.85 s. Not for `classify`,
 * whose few hot functions run faster with all they inline (0.92 s against
 * 0.87 s on 100 MB).
 */
export function compileForBreadth(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
}

/** The tasks of `paths`, in order; `large` says whether there are enough files to start the pool. */
export async function bounceTasks(
  paths: readonly string[],
  stdin: () => AsyncIterable<Buffer | string>,
  render: { readonly json: boolean; readonly color: boolean; readonly width: number },
): Promise<{ tasks: BounceTask[]; large: boolean }> {
  const tasks: BounceTask[] = [];
  const base = { kind: 'bounce' as const, ...render };
  let files = 0;
  for (const path of paths) {
    if (path === STDIN) {
      const chunks: Buffer[] = [];
      for await (const c of stdin()) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
      tasks.push({ ...base, files: [], stdin: new Uint8Array(Buffer.concat(chunks)) });
      continue;
    }
    const list = await filesUnder(path);
    files += list.length;
    for (let i = 0; i < list.length; i += FILES_PER_TASK) tasks.push({ ...base, files: list.slice(i, i + FILES_PER_TASK) });
  }
  return { tasks, large: files >= POOL_MIN_FILES };
}

/** Runs bounce tasks; stdin's bytes are handed to a thread without a copy. */
export const bounceRunner: Runner<BounceTask, BounceTaskOutput> = {
  run: runBounceTask,
  transfer: (task) => (task.stdin === undefined ? [] : [task.stdin.buffer as ArrayBuffer]),
  resultTransfer: () => [],
};

/** Reads, parses and renders a task's messages. */
function runBounceTask(task: BounceTask): BounceTaskOutput {
  const ctx: RenderContext = { style: createStyle(task.color), width: task.width };
  let text = '';
  let messages = 0;
  const notEmail: string[] = [];
  const inputs: [string, Buffer][] = task.stdin
    ? [[STDIN, Buffer.from(task.stdin.buffer, task.stdin.byteOffset, task.stdin.byteLength)]]
    : [];
  for (const file of task.files) inputs.push([file, readFileSync(file)]);
  for (const [name, bytes] of inputs) {
    for (const m of messagesOf(name, bytes)) {
      messages++;
      if (m.report.problems.some((p) => p.kind === 'not-email')) notEmail.push(m.file === STDIN ? 'stdin' : m.file);
      text += renderBounce(m.file, bounceRecords(m), task.json, ctx);
    }
  }
  return { text, messages, notEmail };
}
