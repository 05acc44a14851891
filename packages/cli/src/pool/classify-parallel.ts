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
import { regularFiles, type ClassifySource } from '../commands/classify.js';
import { segmentTasks, type SegmentTask } from '../commands/classify-segments.js';
import { readTasks, type ClassifyTask, type ClassifyTaskOutput } from '../commands/classify-tasks.js';
import { DEFAULT_MAX_LINE_BYTES } from '../line-splitter.js';
import { mapInOrder } from './ordered-pool.js';
import { classifyRunner } from './classify-runner.js';
import { WORKER_URL } from './runner.js';

/**
 * Below this many bytes of input a run stays on this thread whatever
 * `--jobs` says: starting a thread and loading the classifier in it costs
 * about as much as classifying a couple of megabytes.
 */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

/**
 * What a pool costs and gives, by output, measured with 2 cores
 * (`bench/parallel.mjs --only fit` and the `--json` rows):
 * - `warmUpMb`: what one thread classifies while a pool warms up. Each
 *   thread compiles the classifier's hot code on its own (V8 shares no
 *   optimized code between threads), which costs a 2-thread summary about
 *   0.11 s over one thread (0.34 s against 0.23 s fixed), time in which one
 *   warm thread classifies 16-17 MB (fit at 157 MB/s); for NDJSON, 0.17 s
 *   at 70 MB/s. Both sides scale with the CPU's speed, so the product
 *   holds across machines better than either.
 * - `efficiency`: the share of a whole core each pool thread adds (2
 *   threads: 1.76-1.85x one thread's steady rate for the summary, 1.85x in
 *   the last fit, 291 against 157 MB/s; 1.4x for NDJSON, where this thread
 *   also reads, renders and writes).
 */
const POOL_COST = {
  summary: { warmUpMb: 16, efficiency: 0.9 },
  json: { warmUpMb: 12, efficiency: 0.7 },
} as const;

/**
 * The input size from which the default `--jobs` (every core) starts the
 * pool: where the threads' steady gain `g = jobs * efficiency` has paid for
 * their warm-up `W` ({@link POOL_COST}): `S > W * g / (g - 1)`. With 2
 * cores that is 36 MB for the summary and 42 MB for NDJSON (of the
 * summary, one thread measured faster than two at 32 MB, 0.41 s against
 * 0.43 s, and slower at 50 MB, 0.52 s against 0.49 s); with 8 cores, 19
 * and 15 MB. One core never starts it.
 */
export function defaultPoolMinBytes(jobs: number, json: boolean): number {
  const { warmUpMb, efficiency } = json ? POOL_COST.json : POOL_COST.summary;
  const gain = jobs * efficiency;
  if (gain <= 1) return Infinity;
  return Math.max(POOL_MIN_BYTES, Math.round(warmUpMb * (gain / (gain - 1)) * 1e6));
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
}

/** The outputs of the tasks of `sources`, in input order. */
export function classifyOutputs(
  sources: readonly ClassifySource[],
  options: ClassifyParallelOptions,
): AsyncGenerator<ClassifyTaskOutput, void, undefined> {
  const jobs = options.jobs ?? availableParallelism();
  const minBytes = options.jobs === undefined ? defaultPoolMinBytes(jobs, options.json) : POOL_MIN_BYTES;
  // Regular files: their size is known, and the pool starts at once when it is large. A summary of them: segments
  // each runner reads itself; NDJSON (numbered lines in order) or a pipe: tasks read here.
  const files = regularFiles(sources);
  const large = files !== undefined && files.reduce((a, s) => a + s.size, 0) >= minBytes;
  const segments = !options.json && files !== undefined;
  const tasks: AsyncIterable<ClassifyTask | SegmentTask> | Iterable<ClassifyTask | SegmentTask> = segments
    ? segmentTasks(files, DEFAULT_MAX_LINE_BYTES)
    : readTasks(sources, { maxLineBytes: DEFAULT_MAX_LINE_BYTES, json: options.json });
  return mapInOrder<ClassifyTask | SegmentTask, ClassifyTaskOutput>(tasks, {
    // Segments read themselves: the threads take them all, so this thread's heap, which no limit caps, stays small.
    // Classifying here too would be 4% faster at 100 MB but puts the peak RSS over 150 MB at 1.6 GB (165 MB measured).
    shareWork: !segments,
    jobs,
    url: WORKER_URL,
    inline: classifyRunner.run,
    startWhen: (task) => large || task.bytesRead >= minBytes,
    transfer: classifyRunner.transfer,
  });
}
