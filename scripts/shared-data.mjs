#!/usr/bin/env node
/**
 * Where the shared test data is (the folder `../shared` beside the checkout,
 * or `MAILSTATUS_SHARED`), the one skip message for tests that need it, and
 * a stamp that makes that data an input of turbo's test tasks.
 *
 * turbo hashes files inside the repository only, so `npm test` first runs
 * this file, which writes `.cache/shared-data.json` (git-ignored): the
 * folder's path and, for each folder the tests read, the names, sizes and
 * mtimes of its files, hashed. turbo.json lists the stamp as an input of the
 * test tasks: adding, removing, moving or changing the shared data re-runs
 * them instead of replaying cached skips.
 *
 * `MAILSTATUS_SHARED` is read relative to the repository root, like
 * `MAILSTATUS_MIRROR`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The folders of the shared data that tests read. */
export const SHARED_FOLDERS = ['registry-mirror', 'registry-history', 'bounce-samples'];

/** The stamp turbo.json lists as an input of the test tasks. */
export const STAMP = join(ROOT, '.cache', 'shared-data.json');

/** The shared data folder: `MAILSTATUS_SHARED` (relative to the repository root) or `../shared`. */
export function sharedDir(env = process.env) {
  const set = env.MAILSTATUS_SHARED;
  return set ? resolve(ROOT, set) : resolve(ROOT, '..', 'shared');
}

/**
 * The line a test prints when it skips because `path` (inside the shared
 * data) is absent: what is skipped, what is missing, and the fix.
 */
export function sharedSkipMessage(what, path) {
  return (
    `[skipped] ${what}: ${path} is absent. ` +
    `Fix: put the shared data (registry-mirror/, registry-history/, bounce-samples/) at ${resolve(ROOT, '..', 'shared')}, ` +
    `or run MAILSTATUS_SHARED=/path/to/shared npm test (relative paths are read from the repository root)`
  );
}

/** Names, sizes and mtimes of every file under `dir`, sorted; `null` when it is absent. */
function listing(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.push(`${relative(dir, p)}\t${s.size}\t${Math.trunc(s.mtimeMs)}`);
      }
    }
    return true;
  };
  return walk(dir) ? out : null;
}

/** What the stamp holds for the shared data at `dir`. */
export function sharedStamp(dir) {
  const folders = {};
  for (const name of SHARED_FOLDERS) {
    const files = listing(join(dir, name));
    folders[name] = files === null ? null : { files: files.length, sha256: createHash('sha256').update(files.join('\n')).digest('hex') };
  }
  return { path: dir, folders };
}

/** Writes the stamp when its content changed (turbo hashes content, not mtimes). */
export function writeStamp(env = process.env) {
  const text = `${JSON.stringify(sharedStamp(sharedDir(env)), null, 2)}\n`;
  let old;
  try {
    old = readFileSync(STAMP, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return false;
  mkdirSync(dirname(STAMP), { recursive: true });
  const tmp = `${STAMP}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, STAMP);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeStamp();
  const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  const present = SHARED_FOLDERS.filter((n) => stamp.folders[n] !== null);
  console.log(`shared test data: ${stamp.path} (${present.length > 0 ? present.join(', ') : 'absent: the tests that need it skip'})`);
}
