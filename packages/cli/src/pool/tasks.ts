/**
 * The kinds of work the pool's threads do, and the one function that runs
 * any of them, on a thread or inline: the same code either way, so results
 * do not depend on `--jobs`.
 *
 * @packageDocumentation
 */

import { runBounceTask, type BounceTask, type BounceTaskOutput } from '../commands/bounce-tasks.js';
import { SummaryBuilder } from '../commands/classify.js';
import { runSegmentTask, type SegmentTask } from '../commands/classify-segments.js';
import { taskRecords, type ClassifyTask, type ClassifyTaskOutput } from '../commands/classify-tasks.js';
import { renderRecords } from '../output.js';

/** A task of any kind. */
export type PoolTask = ClassifyTask | SegmentTask | BounceTask;

/** What {@link runTask} gives: the output of the task's kind. */
export type PoolResult<T extends PoolTask = PoolTask> = T extends BounceTask ? BounceTaskOutput : ClassifyTaskOutput;

/** Runs one task. */
export function runTask<T extends PoolTask>(task: T): PoolResult<T> {
  const t: PoolTask = task;
  const result = t.kind === 'classify' ? runClassifyTask(t) : t.kind === 'segment' ? runSegmentTask(t) : runBounceTask(t);
  return result as PoolResult<T>;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/** Classifies a task's lines into NDJSON or a summary part (whose lines are numbered from 1, as a segment's are). */
function runClassifyTask(task: ClassifyTask): ClassifyTaskOutput {
  const records = taskRecords(task.json ? task : { ...task, firstLine: 1 });
  let binary = 0;
  for (const r of records) if (r.skipped === 'binary') binary++;
  const head = { file: task.file, lines: records.length, binary, bytesRead: task.bytesRead };
  if (task.json) return { ...head, ndjson: encoder.encode(renderRecords(records)) };
  const summary = new SummaryBuilder();
  summary.add({ file: task.file, records });
  return { ...head, part: summary.part() };
}

/** The buffers a task hands to a thread without a copy (a task owns its bytes, see `readTasks`). */
export function transferOf(task: PoolTask): ArrayBuffer[] {
  const bytes = task.kind === 'classify' ? task.bytes : task.kind === 'bounce' ? task.stdin : undefined;
  return bytes === undefined ? [] : [bytes.buffer as ArrayBuffer];
}

/** The buffers a result hands back without a copy (`TextEncoder` gives each its own). */
export function resultTransferOf(result: PoolResult): ArrayBuffer[] {
  return 'ndjson' in result && result.ndjson !== undefined ? [result.ndjson.buffer as ArrayBuffer] : [];
}

/** Where the worker script is once built: `dist/worker.mjs`, beside the chunk this module is bundled into. */
export const WORKER_URL = new URL('./worker.mjs', import.meta.url);
