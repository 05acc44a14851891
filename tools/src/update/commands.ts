/**
 * The two commands. Each returns data (the plan and what was written); the
 * printing and the exit codes live in report.ts and cli.ts.
 *
 * - check: fetch and compare; never writes.
 * - update: fetch, compare, and when nothing blocks it, write the generated
 *   folder, names.json, classification.json with its derived-rules record,
 *   corrections.json, the changeset and sources.lock.json (commit.ts).
 */
import { display, type Paths } from '../paths.js';
import { emitAll } from '../generate.js';
import { writeCache } from '../sources/fetch.js';
import { changesetFile, releaseGroup, renderChangeset, reviewLines } from './changeset.js';
import { commit, type PendingFile } from './commit.js';
import { planUpdate, type Plan, type PlanOptions } from './plan.js';

/** How a command ended (failures throw instead). */
export type UpdateStatus = 'unchanged' | 'changed' | 'updated' | 'refused';

/** What a command did: the plan, and for an update what it wrote. */
export interface UpdateResult {
  readonly command: 'check' | 'update';
  /** check: unchanged or changed; update: unchanged, updated, or refused (blockers; nothing written). */
  readonly status: UpdateStatus;
  readonly plan: Plan;
  /** Paths written, relative to the repository root. */
  readonly written: readonly string[];
  /** The changeset written, relative to the repository root. */
  readonly changeset?: string;
}

/** `registry:check`: has upstream moved from the pins, and how. */
export async function runCheck(
  paths: Paths,
  opts: Omit<PlanOptions, 'allowPartialDiff' | 'allowRemovals' | 'today'> = {},
): Promise<UpdateResult> {
  // A check only reports: without the pinned files it still names the codes added and removed.
  const plan = await planUpdate(paths, { ...opts, allowPartialDiff: true });
  return { command: 'check', status: plan.unchanged ? 'unchanged' : 'changed', plan, written: [] };
}

/** `registry:update`: the check, then every write, or nothing. */
export async function runUpdate(paths: Paths, opts: PlanOptions = {}): Promise<UpdateResult> {
  const plan = await planUpdate(paths, opts);
  const result = (status: UpdateStatus, written: string[] = [], changeset?: string): UpdateResult => ({
    command: 'update',
    status,
    plan,
    written: written.map((p) => display(paths.root, p)),
    ...(changeset ? { changeset: display(paths.root, changeset) } : {}),
  });
  if (plan.unchanged) {
    cacheQuietly(paths.cacheDir, plan.toCache);
    return result('unchanged');
  }
  if (plan.blockers.length > 0 || plan.bump === 'none' || !plan.model) return result('refused');

  const generated = { dir: paths.outDir, files: emitAll(plan.model) };
  const changeset = changesetFile(paths.changesetDir, plan.diff.updated.to);
  const pending: PendingFile[] = [];
  const namesChanged = [plan.names.added, plan.names.removed].some((g) => Object.keys(g.enhanced).length + Object.keys(g.reply).length > 0);
  if (namesChanged) pending.push({ path: paths.namesFile, text: plan.names.text });
  if (plan.rules && (plan.rules.derived.length > 0 || plan.rules.moved.length > 0)) {
    pending.push({ path: paths.classificationFile, text: plan.rules.text }, { path: paths.derivedRulesFile, text: plan.rules.derivedText });
  }
  if (plan.corrections.dropped.length > 0) pending.push({ path: paths.correctionsFile, text: plan.corrections.text });
  const files = plan.files.map((f) => f.name);
  pending.push({
    path: changeset,
    text: renderChangeset(plan.diff, plan.bump, releaseGroup(paths.changesetDir), files, plan.names.data.reply, reviewLines(plan)),
  });
  pending.push({ path: paths.lockFile, text: plan.lockText }); // last: the pins say which upstream the rest belongs to
  const written = commit(generated, pending);
  cacheQuietly(paths.cacheDir, plan.toCache);
  return result('updated', written, changeset);
}

/** The cache only saves downloads; failing to fill it must not fail a finished update. */
function cacheQuietly(cacheDir: string, files: Plan['toCache']): void {
  try {
    writeCache(cacheDir, files);
  } catch {
    // read-only or full disk: the next run fetches again
  }
}
