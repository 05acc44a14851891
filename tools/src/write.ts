/**
 * Writes the generated folder all at once: the new files go to a sibling
 * temporary folder, which then replaces the old one, so nothing stale
 * survives and a failure never leaves half a folder. When every file is
 * already identical, nothing is touched.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EmittedFile } from './emit/common.js';

/** Returns whether anything changed on disk. */
export function writeFolder(dir: string, files: readonly EmittedFile[]): boolean {
  if (sameAsOnDisk(dir, files)) return false;
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp);
    for (const f of files) writeFileSync(join(tmp, f.name), f.text);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(dir) && existsSync(old)) renameSync(old, dir);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
  return true;
}

function sameAsOnDisk(dir: string, files: readonly EmittedFile[]): boolean {
  if (!existsSync(dir)) return false;
  const present = readdirSync(dir).sort();
  if (
    present.join('\n') !==
    files
      .map((f) => f.name)
      .sort()
      .join('\n')
  )
    return false;
  return files.every((f) => readFileSync(join(dir, f.name), 'utf8') === f.text);
}
