/**
 * What the pool runs for each kind of task, and where its threads start.
 * A runner is the same code on a thread and inline, so results do not
 * depend on `--jobs`. A thread loads a kind's runner on its first task of
 * that kind: a `classify` thread never loads the bounce reader, nor a
 * `bounce` thread the log readers.
 *
 * @packageDocumentation
 */

/** The kinds of task: `classify` (lines read by the main thread), `segment` (a part of a file), `bounce` (files of mail). */
export type TaskKind = 'classify' | 'segment' | 'bounce';

/** How tasks of one kind run. */
export interface Runner<T, R> {
  /** Runs one task. */
  run(task: T): R;
  /** The buffers a task hands to a thread without a copy (a task owns its bytes). */
  transfer(task: T): ArrayBuffer[];
  /** The buffers a result hands back without a copy. */
  resultTransfer(result: R): ArrayBuffer[];
}

/** The runner of a kind of task, loaded on first use. */
export function loadRunner(kind: TaskKind): Promise<Runner<never, unknown>> {
  return kind === 'bounce'
    ? import('../commands/bounce-tasks.js').then((m) => m.bounceRunner)
    : import('./classify-runner.js').then((m) => m.classifyRunner);
}

/** Where the worker script is once built: `dist/worker.mjs`, beside the chunk this module is bundled into. */
export const WORKER_URL = new URL('./worker.mjs', import.meta.url);
