/**
 * The ordered pool (src/pool/ordered-pool.ts) with a test worker: results in
 * input order whatever the threads' timing, a bounded number of tasks in
 * flight, inline runs until the pool is worth starting, and errors from a
 * task or a dying thread. And the input size from which classify's default
 * `--jobs` starts the pool.
 */
import { describe, expect, it } from 'vitest';
import { defaultPoolMinBytes, POOL_MIN_BYTES } from '../src/pool/classify-parallel.js';
import { mapInOrder } from '../src/pool/ordered-pool.js';

interface Task {
  readonly n: number;
  readonly spin?: number;
  readonly fail?: boolean;
  readonly exit?: number;
}

const url = new URL('./helpers/pool-worker.mjs', import.meta.url);
const inline = (t: Task) => {
  if (t.fail) throw new Error(`task ${t.n} failed`);
  return t.n * 2;
};

async function* tasksOf(list: Task[], pulled?: { n: number }): AsyncGenerator<Task> {
  for (const t of list) {
    if (pulled) pulled.n++;
    yield t;
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('mapInOrder', () => {
  it('gives results in input order when later tasks finish first', async () => {
    // Uneven work: with 3 threads, task 0 (slow) finishes after tasks 1 and 2.
    const list = Array.from({ length: 40 }, (_, n) => ({ n, spin: n % 7 === 0 ? 30 : n % 3 }));
    expect(await collect(mapInOrder(tasksOf(list), { jobs: 3, url, inline }))).toEqual(list.map((t) => t.n * 2));
  });

  it('keeps at most maxInFlight tasks out: the input is read only as fast as results are taken', async () => {
    const pulled = { n: 0 };
    const list = Array.from({ length: 30 }, (_, n) => ({ n, spin: 2 }));
    const seen: number[] = [];
    for await (const r of mapInOrder(tasksOf(list, pulled), { jobs: 2, url, inline, maxInFlight: 4 })) {
      // When a result is handed out, at most 4 more tasks than results taken have been read.
      expect(pulled.n - seen.length).toBeLessThanOrEqual(4);
      seen.push(r);
    }
    expect(seen).toHaveLength(30);
  });

  it('runs inline until startWhen says the pool is worth it, and never starts it for a small input', async () => {
    // A worker script that does not exist: starting the pool would fail.
    const missing = new URL('./helpers/no-such-worker.mjs', import.meta.url);
    const list = Array.from({ length: 5 }, (_, n) => ({ n }));
    expect(await collect(mapInOrder(tasksOf(list), { jobs: 4, url: missing, inline, startWhen: () => false }))).toEqual([0, 2, 4, 6, 8]);
    // Inline first, then the threads, and still in order.
    const mixed = Array.from({ length: 20 }, (_, n) => ({ n, spin: 1 }));
    expect(await collect(mapInOrder(tasksOf(mixed), { jobs: 2, url, inline: (t) => t.n * 2, startWhen: (t) => t.n >= 10 }))).toEqual(
      mixed.map((t) => t.n * 2),
    );
  });

  it('once the pool starts, this thread runs a task whenever the threads are full, and the threads run the rest', async () => {
    // Tasks the threads take 20 ms over: with one thread, its backlog fills and this thread runs the next ones.
    const list = Array.from({ length: 24 }, (_, n) => ({ n, spin: 20 }));
    const ranHere: number[] = [];
    const here = (t: Task) => {
      ranHere.push(t.n);
      return t.n * 2;
    };
    const out = await collect(mapInOrder(tasksOf(list), { jobs: 2, url, inline: here, startWhen: (t) => t.n >= 4 }));
    expect(out).toEqual(list.map((t) => t.n * 2));
    // Before the start: all here. After: some here, some on the thread.
    expect(ranHere.slice(0, 4)).toEqual([0, 1, 2, 3]);
    const after = ranHere.filter((n) => n >= 4);
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(20);
  });

  it('with shareWork false, the threads run every task once the pool starts, in order', async () => {
    const list = Array.from({ length: 24 }, (_, n) => ({ n, spin: n % 5 }));
    const ranHere: number[] = [];
    const here = (t: Task) => {
      ranHere.push(t.n);
      return t.n * 2;
    };
    const out = await collect(mapInOrder(tasksOf(list), { jobs: 2, url, inline: here, shareWork: false, startWhen: (t) => t.n >= 4 }));
    expect(out).toEqual(list.map((t) => t.n * 2));
    // Only the tasks before the pool started ran on this thread.
    expect(ranHere).toEqual([0, 1, 2, 3]);
  });

  it('jobs 1 runs everything inline', async () => {
    const missing = new URL('./helpers/no-such-worker.mjs', import.meta.url);
    expect(await collect(mapInOrder(tasksOf([{ n: 1 }, { n: 2 }]), { jobs: 1, url: missing, inline }))).toEqual([2, 4]);
  });

  it('ends with the error of a task that fails in a thread', async () => {
    // Every task fails, wherever it runs (the thread, or this one when the thread is busy).
    const list = Array.from({ length: 10 }, (_, n) => ({ n, fail: true }));
    await expect(collect(mapInOrder(tasksOf(list), { jobs: 2, url, inline }))).rejects.toThrow(/task \d+ failed/);
  });

  it('ends with an error when a thread dies', async () => {
    // Every task ends the thread it reaches (this thread runs them as plain tasks).
    const list = Array.from({ length: 10 }, (_, n) => ({ n, exit: 3 }));
    await expect(collect(mapInOrder(tasksOf(list), { jobs: 2, url, inline }))).rejects.toThrow('a worker thread stopped with exit code 3');
  });
});

describe('defaultPoolMinBytes', () => {
  it('one core never starts the pool', () => {
    expect(defaultPoolMinBytes(1, false)).toBe(Infinity);
    expect(defaultPoolMinBytes(1, true)).toBe(Infinity);
  });

  it('2 cores: from about 36 MB for the summary and 42 MB for NDJSON', () => {
    expect(defaultPoolMinBytes(2, false)).toBe(36_000_000);
    expect(defaultPoolMinBytes(2, true)).toBe(42_000_000);
  });

  it('falls with more cores, towards the warm-up itself, and never below POOL_MIN_BYTES', () => {
    const sizes = [2, 3, 4, 8, 64, 256].map((jobs) => defaultPoolMinBytes(jobs, false));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new Set(sizes).size).toBe(sizes.length);
    expect(defaultPoolMinBytes(8, false)).toBe(18_580_645);
    expect(defaultPoolMinBytes(256, true)).toBeGreaterThanOrEqual(12e6);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(POOL_MIN_BYTES);
  });
});
