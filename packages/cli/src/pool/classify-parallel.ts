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
 * Below this many bytes of input a run stays on this thread whatever
 * `--jobs` says: starting a thread and loading the classifier in it costs
 * about as much as classifying a couple of megabytes.
 */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

/**
 * What one thread classifies while a pool warms up, in MB: each thread
 * compiles the classifier's hot code on its own (V8 shares no optimized
 * code between threads; about 0.4 s of compiler time per thread here),
 * which costs a 2-thread run about 0.2 s over one thread, time in which one
 * warm thread classifies about 28 MB of the summary or 14 MB of NDJSON
 * (`bench/parallel.mjs --only fit`: 0.47 s against 0.27 s fixed, 140 MB/s
 * steady on one thread). Both sides scale with the CPU's speed, so the
 * product holds across machines better than either.
 */
const WARM_UP_MB = { summary: 28, json: 14 } as const;

/** The share of a whole core each pool thread adds (2 threads gave 1.72x one thread's steady rate on 2 cores). */
const THREAD_EFFICIENCY = 0.8;

/**
 * The input size from which the default `--jobs` (every core) starts the
 * pool: where the threads' steady gain `g = jobs * THREAD_EFFICIENCY` has
 * paid for their warm-up `W` ({@link WARM_UP_MB}): `S > W * g / (g - 1)`.
 * With 2 cores that is 75 MB for the summary and 37 MB for NDJSON (measured
 * where one thread stops being faster: between 64 and 80 MB for the
 * summary); with 8 cores, 33 and 17 MB. One core never starts it.
 */
export function defaultPoolMinBytes(jobs: number, json: boolean): number {
  const gain = jobs * THREAD_EFFICIENCY;
  if (gain <= 1) return Infinity;
  const mb = (json ? WARM_UP_MB.json : WARM_UP_MB.summary) * (gain / (gain - 1));
  return Math.max(POOL_MIN_BYTES, Math.round(mb * 1e6));
}

/** Options of {@link classifyOutputs}. */
export interface ClassifyParallelOptions {
  /** NDJSON output, else summary parts. */
  readonly json: boolean;
  /**
   * Threads. Given, the pool starts from {@link POOL_MIN_BYTES}; by default
   * every core (`os.availableParallelism()`), from the size where they pay
   * ({@link defaultPoolMinBytes}).
   */
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
  const minBytes = options.jobs === undefined ? defaultPoolMinBytes(jobs, options.json) : POOL_MIN_BYTES;
  const large = options.total !== undefined && options.total >= minBytes;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  // A summary of regular files: segments each runner reads itself; NDJSON (numbered lines in order) or a pipe: tasks read here.
  const files = sources.every((s): s is ClassifySource & { size: number } => s.size !== undefined) ? sources : undefined;
  const segments = !options.json && files !== undefined;
  const tasks: AsyncIterable<ClassifyTask | SegmentTask> | Iterable<ClassifyTask | SegmentTask> = segments
    ? segmentTasks(files, maxLineBytes)
    : readTasks(sources, { maxLineBytes, json: options.json });
  return mapInOrder<ClassifyTask | SegmentTask, ClassifyTaskOutput>(tasks, {
    // Segments read themselves: the threads take them all, so this thread's heap, which no limit caps, stays small.
    // Classifying here too would be 4% faster at 100 MB but puts the peak RSS over 150 MB at 1.6 GB (165 MB measured).
    shareWork: !segments,
    jobs,
    url: WORKER_URL,
    inline: runTask,
    startWhen: (task) => large || task.bytesRead >= minBytes,
    transfer: transferOf,
    // Measured faster for segments only: with this thread classifying too (NDJSON, pipes), 4% slower.
    compileInThread: segments,
  });
}
