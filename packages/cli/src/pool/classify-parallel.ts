/**
 * `mailstatus classify` on every core: the input cut into tasks, the tasks
 * classified by the pool (`mapInOrder`), the outputs back in input order.
 * Small inputs stay on this thread. For the summary of regular files the
 * tasks are segments each runner reads itself (`classify-segments.ts`);
 * for NDJSON, whose records are numbered in order, and for pipes, this
 * thread reads the input and cuts it into tasks of lines (`readTasks`).
 *
 * @packageDocumentation
 */

import { availableParallelism } from 'node:os';
import type { ClassifySource } from '../commands/classify.js';
import { segmentTasks, type SegmentTask } from '../commands/classify-segments.js';
import { readTasks, type ClassifyTask, type ClassifyTaskOutput } from '../commands/classify-tasks.js';
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
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  // A summary of regular files: segments each runner reads itself; NDJSON (numbered lines in order) or a pipe: tasks read here.
  const files = sources.every((s): s is ClassifySource & { size: number } => s.size !== undefined) ? sources : undefined;
  const segments = !options.json && files !== undefined;
  const tasks: AsyncIterable<ClassifyTask | SegmentTask> | Iterable<ClassifyTask | SegmentTask> = segments
    ? segmentTasks(files, maxLineBytes)
    : readTasks(sources, { maxLineBytes, json: options.json });
  return mapInOrder<ClassifyTask | SegmentTask, ClassifyTaskOutput>(tasks, {
    // Segments read themselves: the threads take them all, and this thread's heap stays small (peak RSS).
    shareWork: !segments,
    jobs,
    url: WORKER_URL,
    inline: runTask,
    startWhen: (task) => large || task.bytesRead >= POOL_MIN_BYTES,
    transfer: transferOf,
  });
}
