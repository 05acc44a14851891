import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file that holds registry-sources/. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'registry-sources')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no registry-sources/ folder above ${from}`);
    dir = up;
  }
}

/** Where everything the generator reads and writes lives. */
export interface Paths {
  readonly root: string;
  readonly sourcesDir: string;
  readonly lockFile: string;
  readonly namesFile: string;
  readonly supplementFile: string;
  readonly classificationFile: string;
  /** Which classification rules registry:update derived (to review). */
  readonly derivedRulesFile: string;
  /** Reviewed corrections of upstream fields. */
  readonly correctionsFile: string;
  /** packages/codes/src/generated */
  readonly outDir: string;
  /** Verified copies of the pinned upstream files (git-ignored). */
  readonly cacheDir: string;
  readonly changesetDir: string;
}

/**
 * The default layout under `root`. `MAILSTATUS_CACHE` moves the cache; a
 * relative value is taken from the repository root, because turbo runs tasks
 * inside each package's folder.
 */
export function defaultPaths(root = repoRoot(), env: NodeJS.ProcessEnv = process.env): Paths {
  const sourcesDir = join(root, 'registry-sources');
  return {
    root,
    sourcesDir,
    lockFile: join(sourcesDir, 'sources.lock.json'),
    namesFile: join(sourcesDir, 'names.json'),
    supplementFile: join(sourcesDir, 'reply-codes.supplement.json'),
    classificationFile: join(sourcesDir, 'classification.json'),
    correctionsFile: join(sourcesDir, 'corrections.json'),
    derivedRulesFile: join(sourcesDir, 'classification.derived.json'),
    outDir: join(root, 'packages', 'codes', 'src', 'generated'),
    cacheDir: env.MAILSTATUS_CACHE ? resolveFromRoot(root, env.MAILSTATUS_CACHE) : join(root, '.cache', 'registry-sources'),
    changesetDir: join(root, '.changeset'),
  };
}

/** Resolves a user-given path against the repository root unless it is absolute. */
export function resolveFromRoot(root: string, p: string): string {
  return isAbsolute(p) ? p : resolve(root, p);
}

/** A path for messages: relative to the root when inside it. */
export function display(root: string, p: string): string {
  const r = relative(root, p);
  return r.startsWith('..') || isAbsolute(r) ? p : r;
}
