// A worker for the pool tests: doubles `n` after `spin` ms of busy work;
// `fail` answers with an error, `exit` ends the thread with that code.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, task }) => {
  if (task.exit) process.exit(task.exit);
  if (task.fail) {
    parentPort.postMessage({ id, error: `Error: task ${task.n} failed` });
    return;
  }
  const until = Date.now() + (task.spin ?? 0);
  while (Date.now() < until);
  parentPort.postMessage({ id, result: task.n * 2 });
});
