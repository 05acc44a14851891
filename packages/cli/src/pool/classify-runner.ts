/**
 * The runner of `mailstatus classify`'s tasks: tasks of lines read by the
 * main thread (`readTasks`) and segments of files (`classify-segments.ts`).
 *
 * @packageDocumentation
 */

import { SummaryBuilder } from '../commands/classify.js';
import { runSegmentTask, type SegmentTask } from '../commands/classify-segments.js';
import { taskRecords, type ClassifyTask, type ClassifyTaskOutput } from '../commands/classify-tasks.js';
import { renderRecords } from '../output.js';
import type { Runner } from './runner.js';

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

/** Tasks of lines and segments; a task of lines hands its bytes over (see `readTasks`), NDJSON comes back the same way (`TextEncoder` gives each output its own buffer). */
export const classifyRunner: Runner<ClassifyTask | SegmentTask, ClassifyTaskOutput> = {
  run: (task) => (task.kind === 'segment' ? runSegmentTask(task) : runClassifyTask(task)),
  transfer: (task) => (task.kind === 'classify' && task.bytes !== undefined ? [task.bytes.buffer as ArrayBuffer] : []),
  resultTransfer: (result) => (result.ndjson !== undefined ? [result.ndjson.buffer as ArrayBuffer] : []),
};
