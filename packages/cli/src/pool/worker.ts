/**
 * The worker thread of the pool (`ordered-pool.ts`): answers each
 * `{ id, task }` with `{ id, result }`, or `{ id, error }` with the stack
 * when the task throws, running it with its kind's runner (`runner.ts`),
 * loaded on the first task of that kind. Built as its own entry
 * (`dist/worker.mjs`).
 *
 * @packageDocumentation
 */

import { parentPort, type MessagePort } from 'node:worker_threads';
import { loadRunner, type Runner, type TaskKind } from './runner.js';

if (parentPort === null) throw new Error('pool/worker.ts runs as a worker thread only');
const port: MessagePort = parentPort;

const runners = new Map<TaskKind, Runner<unknown, unknown>>();
const loading = new Map<TaskKind, Promise<Runner<never, unknown>>>();

port.on('message', (m: { id: number; task: { kind: TaskKind } }) => {
  const runner = runners.get(m.task.kind);
  if (runner !== undefined) return answer(runner, m);
  const kind = m.task.kind;
  let load = loading.get(kind);
  if (load === undefined) loading.set(kind, (load = loadRunner(kind)));
  load.then(
    (r) => {
      runners.set(kind, r as Runner<unknown, unknown>);
      answer(r as Runner<unknown, unknown>, m);
    },
    (error: unknown) => fail(m.id, error),
  );
});

function answer(runner: Runner<unknown, unknown>, m: { id: number; task: unknown }): void {
  let result;
  try {
    result = runner.run(m.task);
  } catch (error) {
    fail(m.id, error);
    return;
  }
  port.postMessage({ id: m.id, result }, runner.resultTransfer(result));
}

function fail(id: number, error: unknown): void {
  port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
