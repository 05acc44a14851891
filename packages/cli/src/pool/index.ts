/**
 * The thread pool and the tasks it runs, as the commands use them.
 *
 * @packageDocumentation
 */

export { mapInOrder } from './ordered-pool.js';
export { runTask, transferOf, WORKER_URL } from './tasks.js';
