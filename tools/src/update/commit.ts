/**
 * Writing an update: everything is validated before this runs, and then every
 * file goes through a temporary file and a rename, so a reader never sees half
 * a file. The temporaries are all written first; the generated folder is
 * swapped next (write.ts); the renames come last, sources.lock.json last of
 * all, because the pins are what says which upstream the other files belong to.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EmittedFile } from '../emit/common.js';
import { writeFolder } from '../write.js';

/** A file to write: the lock file goes last in the list. */
export interface PendingFile {
  readonly path: string;
  readonly text: string;
}

function tempFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/**
 * Writes the generated folder and the files, in that order. If anything fails
 * before the first rename, nothing has changed; returns the paths written.
 */
export function commit(
  generated: { readonly dir: string; readonly files: readonly EmittedFile[] },
  files: readonly PendingFile[],
): string[] {
  const staged: PendingFile[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(tempFor(f.path), f.text);
      staged.push(f);
    }
    writeFolder(generated.dir, generated.files);
  } catch (e) {
    for (const f of staged) rmSync(tempFor(f.path), { force: true });
    throw e;
  }
  for (const f of files) renameSync(tempFor(f.path), f.path);
  return [generated.dir, ...files.map((f) => f.path)];
}
