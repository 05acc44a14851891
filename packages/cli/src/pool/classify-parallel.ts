/**
 * `mailstatus classify` on every core: the input cut into tasks on this
 * thread (`readTasks`), the tasks classified by the pool (`mapInOrder`), the
 * outputs back in input order. Small inputs stay on this thread.
 *
 * @packageDocumentation
 */

import { availableParallelism } from 'node:os';
import type { ClassifySource } from '../commands/classify.js';
import { readTasks, type ClassifyTaskOutput } from '../commands/classify-tasks.js';
import { DEFAULT_MAX_LINE_BYTES } from '../line-splitter.js';
import { mapInOrder } from './ordered-pool.js';
import { runTask, transferOf, WORKER_URL } from './tasks.js';

/**
 * Below this many bytes of input a run stays on this thread: starting a
 * thread and loading the classifier in it costs about as much as
 * classifying a couple of megabytes.
 */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

/** Options of {@link classifyOutputs}. */
export interface ClassifyParallelOptions {
  /** NDJSON output, else summary parts. */
  readonly json: boolean;
  /** Threads; default `os.availableParallelism()`. */
  readonly jobs?: number;
  /** The input's size when known (regular files): the pool starts at once when it is large. */
  readonly total?: number;
  readonly maxLineBytes?: number;
}

/** The outputs of the tasks of `sources`, in input order. */
export function classifyOutputs(
  sources: readonly ClassifySource[],
  options: ClassifyParallelOptions,
): AsyncGenerator<ClassifyTaskOutput, void, undefined> {
  const jobs = options.jobs ?? availableParallelism();
  const large = options.total !== undefined && options.total >= POOL_MIN_BYTES;
  const tasks = readTasks(sources, { maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, json: options.json });
  return mapInOrder(tasks, {
    jobs,
    url: WORKER_URL,
    inline: runTask,
    startWhen: (task) => large || task.bytesRead >= POOL_MIN_BYTES,
    transfer: transferOf,
  });
}
