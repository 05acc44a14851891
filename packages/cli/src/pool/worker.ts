/**
 * The worker thread of the pool (`ordered-pool.ts`): answers each
 * `{ id, task }` with `{ id, result }`, or `{ id, error }` with the stack
 * when the task throws. Built as its own entry (`dist/worker.mjs`).
 *
 * @packageDocumentation
 */

import { parentPort } from 'node:worker_threads';
import { resultTransferOf, runTask, type PoolTask } from './tasks.js';

const port = parentPort;
if (port === null) throw new Error('pool/worker.ts runs as a worker thread only');
port.on('message', (m: { id: number; task: PoolTask }) => {
  let result;
  try {
    result = runTask(m.task);
  } catch (error) {
    port.postMessage({ id: m.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return;
  }
  port.postMessage({ id: m.id, result }, resultTransferOf(result));
});
