/**
 * The records of every line of some sources, batch by batch, as the main
 * thread's reading path gives them (`readTasks`, then `taskRecords`, run
 * here): the path the tests hold the others to.
 */
import type { ClassifySource, LineRecord } from '../../src/commands/classify.js';
import { readTasks, taskRecords } from '../../src/commands/classify-tasks.js';
import { DEFAULT_MAX_LINE_BYTES } from '../../src/line-splitter.js';

export async function* streamedBatches(
  sources: readonly ClassifySource[],
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<{ file: string; records: LineRecord[] }, void, undefined> {
  for await (const task of readTasks(sources, { maxLineBytes, json: false })) yield { file: task.file, records: taskRecords(task) };
}
