/**
 * A pool of `worker_threads` that takes a stream of tasks and gives their
 * results back in the order the tasks came, with a bounded number of tasks
 * in flight: when the pool is full the caller stops reading its input (the
 * back-pressure reaches the file or the pipe), and output is written as soon
 * as the oldest task is done.
 *
 * Tasks are batches (up to 256 lines, or 16 files), never one message per
 * line: a message costs a copy and a wake-up of the other thread.
 *
 * The pool starts lazily: until `startWhen` says a task is worth it (an input
 * large enough), tasks run on this thread with `inline`, so a one-line run
 * never pays for starting threads. Once started, `jobs - 1` threads take
 * tasks and this thread is the last of the `jobs`: it runs a task itself
 * whenever every other thread already has one waiting, so no core idles and
 * one fewer heap is needed. Reading and writing cost little beside
 * classifying, so this thread keeps up with both. Tasks that read their own
 * input (`shareWork: false`) all go to `jobs` threads instead: this thread
 * then only hands them out and merges, and its heap, which no limit caps,
 * stays small.
 *
 * @packageDocumentation
 */

import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/** How {@link mapInOrder} runs. */
export interface PoolOptions<T, R> {
  /** Threads that run tasks, this one included; 1 runs everything inline. */
  readonly jobs: number;
  /** The worker script: it answers `{ id, task }` with `{ id, result }` or `{ id, error }` (see `worker.ts`). */
  readonly url: URL;
  /** Runs one task on this thread (the same function the worker runs). */
  readonly inline: (task: T) => R;
  /** Whether this task (and every later one) goes to the threads; default: always. */
  readonly startWhen?: (task: T) => boolean;
  /** The most tasks in flight; default 3 per thread. */
  readonly maxInFlight?: number;
  /** The buffers a task can hand over without a copy. */
  readonly transfer?: (task: T) => ArrayBuffer[];
  /** Whether this thread runs tasks too once the pool has started (default); false: `jobs` threads run them all. */
  readonly shareWork?: boolean;
}

/**
 * Each thread's heap, in MB. V8's defaults let a thread grow by tens of MB
 * of garbage before it collects (three 16 MB semi-spaces, an old generation
 * that grows before a full collection), which times two or more threads
 * is most of the process's memory. A task needs a few MB at most: a
 * classify task holds at most `MAX_TASK_LINES` lines of one 256 KiB read or
 * reads a segment 64 KiB at a time, and the classifier's tables are under
 * 1 MB; a bounce task's files are bytes outside the heap, and
 * `parseBounce` reads the first 2 MiB of each message (its `maxBytes`) one
 * message at a time. So smaller spaces cost a little more collecting and
 * keep the process near one thread's memory (bench/parallel.mjs prints the
 * peak RSS).
 */
const HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 32 } as const;

/**
 * Tasks a thread may have sent to it and not done: one it runs and one
 * waiting. Deeper backlogs measured no faster and hold more tasks' bytes and
 * outputs at once (peak RSS of `--json --jobs 2` on 400 MB over 150 MB with 4).
 */
const BACKLOG = 2;

/**
 * Makes the threads started from now on compile their hot code on their own
 * thread, not on a compiler thread beside it; the pool does so when its
 * threads take every core and this one only hands out tasks
 * (`shareWork: false`). V8 compiles optimized code concurrently, which pays
 * when a core is idle to run the compiler; when every core already runs a
 * pool thread, the compiler thread takes its turn on a busy core while the
 * thread that asked for the code keeps running unoptimized code, so the
 * warm-up costs more CPU. With 2 cores, 2 threads and 100 MB of log, the
 * summary of `classify` took 0.79 s against 0.85 s and 1.33 against 1.41 s
 * of CPU. Where this thread runs tasks too it measured slower: `--json`
 * 1.37 s against 1.32 s, `bounce` 0.80 s against 0.76 s on 3,820 messages
 * (bench/parallel.mjs). V8 reads the flag when it creates an isolate: the
 * threads already running, this one included, keep compiling as before;
 * threads started later in the process compile on their own thread too.
 */
function compileOnEachThread(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

interface Pending<R> {
  resolve(r: R): void;
  reject(e: Error): void;
}

interface Slot {
  readonly worker: Worker;
  busy: number;
}

/**
 * Runs `tasks` and yields their results in order. A task that throws (here
 * or in a thread) or a thread that dies ends the iteration with that error;
 * the threads are stopped whatever happens.
 */
export async function* mapInOrder<T, R>(
  tasks: AsyncIterable<T> | Iterable<T>,
  options: PoolOptions<T, R>,
): AsyncGenerator<R, void, undefined> {
  const maxInFlight = options.maxInFlight ?? options.jobs * 3;
  const queue: Promise<R>[] = [];
  let pool: ThreadPool<T, R> | undefined;
  try {
    for await (const task of tasks) {
      if (pool === undefined && options.jobs > 1 && (options.startWhen?.(task) ?? true)) pool = new ThreadPool(options);
      if (pool === undefined) {
        // Inline, in order: nothing is queued before the pool starts.
        yield options.inline(task);
        continue;
      }
      // A turn of the event loop first, so the threads' finished tasks are counted before choosing.
      await turn();
      if (options.shareWork === false) {
        while (!pool.ready()) yield await queue.shift()!;
        queue.push(pool.run(task));
      } else queue.push(pool.ready() ? pool.run(task) : Promise.resolve(options.inline(task)));
      while (queue.length >= maxInFlight) yield await queue.shift()!;
    }
    while (queue.length > 0) yield await queue.shift()!;
  } finally {
    // Rejections of results never awaited (an earlier error) are not unhandled.
    for (const p of queue) p.catch(() => {});
    await pool?.close();
  }
}

/** Resolves after the events already queued (the threads' messages) have been handled. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The threads and the tasks each is working on. */
class ThreadPool<T, R> {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending<R>>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(private readonly options: PoolOptions<T, R>) {
    if (options.shareWork === false && options.jobs >= availableParallelism()) compileOnEachThread();
    const threads = options.shareWork === false ? options.jobs : options.jobs - 1;
    for (let i = 0; i < threads; i++) this.slots.push(this.start());
  }

  /** Whether a thread has room: fewer than {@link BACKLOG} tasks sent and not done. */
  ready(): boolean {
    for (const s of this.slots) if (s.busy < BACKLOG) return true;
    return false;
  }

  private start(): Slot {
    const worker = new Worker(this.options.url, { resourceLimits: HEAP_LIMITS });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (m: { id: number; result?: R; error?: string }) => {
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      slot.busy--;
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result as R);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      this.fail(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`a worker thread ran out of memory (${e.message}): run with --jobs 1`) : e,
      ),
    );
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`a worker thread stopped with exit code ${code}`));
    });
    return slot;
  }

  /** Sends the task to the least busy thread. */
  run(task: T): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const id = this.nextId++;
    slot.busy++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, task }, this.options.transfer?.(task) ?? []);
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
