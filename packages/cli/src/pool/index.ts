/**
 * The thread pool, as the commands use it: tasks run by their kind's
 * runner (`runner.ts`).
 *
 * @packageDocumentation
 */

export { mapInOrder } from './ordered-pool.js';
export { WORKER_URL, type Runner } from './runner.js';
