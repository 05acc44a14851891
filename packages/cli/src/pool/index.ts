/**
 * The thread pool and the tasks it runs, as the commands use them.
 *
 * @packageDocumentation
 */

export { availableParallelism } from 'node:os';
export { mapInOrder, type PoolOptions } from './ordered-pool.js';
export { runTask, transferOf, WORKER_URL, type PoolResult, type PoolTask } from './tasks.js';
