/**
 * What the commands print: a short text summary, or `--json`, and the exit
 * code. Exit codes, the same for both commands, so a scheduled job can tell
 * "changed" from "broken":
 *
 * - 0: check: upstream matches the pins; update: nothing to do, or updated.
 * - 1: check: upstream moved (summary printed); update: refused, nothing
 *   written (a removal without --allow-removals, a reply code the supplement
 *   must define, a classification file a person broke).
 * - 2: failed, nothing written: a file could not be fetched (connection
 *   refused, timeout, HTTP error, truncated body), upstream files whose
 *   structure is broken (an HTML page, a broken CSV, changed columns, a
 *   duplicate or malformed code), the pinned files missing for the diff, bad
 *   arguments.
 *
 * Defects of content (an empty description, a placeholder, a field in the
 * wrong column), rules derived for new entries, names picked from a code and
 * corrections upstream made obsolete never change the exit code: they are
 * listed under `toReview`, and `needsReview` is true.
 */
import type { Bump, FieldChange } from './diff.js';
import { formatProblem } from '../problems.js';
import { changeLines, reviewLines } from './changeset.js';
import type { FileChange } from './plan.js';
import type { UpdateResult, UpdateStatus } from './commands.js';

/** Nothing to do, or updated. */
export const EXIT_OK = 0;
/** check: upstream moved; update: refused. */
export const EXIT_CHANGED = 1;
/** Failed; nothing written. */
export const EXIT_FAILED = 2;

/** The `--json` output. */
export interface JsonReport {
  readonly command: 'check' | 'update';
  readonly status: UpdateStatus | 'failed';
  /** The registry's last-updated date, pinned -> upstream. */
  readonly updated: { readonly from: string; readonly to: string };
  /** Registry codes added, removed, and changed (with the fields and their old and new text). */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly {
    readonly code: string;
    readonly name: string;
    readonly fields: readonly string[];
    readonly changes: readonly FieldChange[];
  }[];
  readonly bump: Bump;
  /** Upstream files whose bytes moved. */
  readonly files: readonly FileChange[];
  /** Rows of the other generated tables (reply codes, classes, subjects, commands, grammar) added, removed or changed. */
  readonly tables: readonly {
    readonly table: string;
    readonly key: string;
    readonly change: string;
    readonly fields: readonly string[];
    readonly changes: readonly FieldChange[];
  }[];
  readonly renamed: readonly { readonly table: string; readonly code: string; readonly from: string; readonly to: string }[];
  /** Constant names the update adds to names.json. */
  readonly names: { readonly enhanced: Readonly<Record<string, string>>; readonly reply: Readonly<Record<string, string>> };
  /** `pinned-files`: a full diff; `names-only`: the pinned files were not available (--allow-partial-diff). */
  readonly baseline: 'pinned-files' | 'names-only';
  /** Why an update was refused (each says what to do). */
  readonly blockers: readonly string[];
  /** Upstream files whose bytes moved while every record stayed (accepted; the names the file). */
  readonly notes: readonly string[];
  /** Content defects of the new upstream, as `file:line: message`. */
  readonly warnings: readonly string[];
  /** Classification rules derived for the new registry (marked in registry-sources/classification.derived.json). */
  readonly derivedRules: readonly { readonly code: string; readonly derived: Readonly<Record<string, string>>; readonly from: string }[];
  /** Rules of removed entries moved to the real-world overrides. */
  readonly movedRules: readonly {
    readonly code: string;
    readonly overrides: readonly { readonly code: string; readonly reason: string }[];
  }[];
  /** Reviewed corrections dropped because upstream changed the field. */
  readonly droppedCorrections: readonly {
    readonly code: string;
    readonly field: string;
    readonly expected: string;
    readonly now: string | null;
  }[];
  /** Everything a person should look at, one line each (also in the changeset). */
  readonly toReview: readonly string[];
  /** True when `toReview` is not empty or the release is major: the pull request is opened as a draft. */
  readonly needsReview: boolean;
  /** What the update wrote, relative to the repository root. */
  readonly written: readonly string[];
  readonly changeset?: string;
  readonly error?: string;
}

/** The `--json` report of a finished command. */
export function toJson(r: UpdateResult): JsonReport {
  const { plan } = r;
  const review = reviewLines(plan);
  return {
    command: r.command,
    status: r.status,
    updated: plan.diff.updated,
    added: plan.diff.added.map((e) => e.code),
    removed: plan.diff.removed.map((e) => e.code),
    changed: plan.diff.changed.map(({ code, name, fields, changes }) => ({ code, name, fields, changes })),
    bump: plan.bump,
    files: plan.files,
    tables: plan.diff.tables,
    renamed: plan.diff.renamed,
    names: plan.names.added,
    baseline: plan.diff.complete ? 'pinned-files' : 'names-only',
    blockers: plan.blockers,
    notes: plan.notes,
    warnings: plan.warnings.map(formatProblem),
    derivedRules: plan.rules?.derived ?? [],
    movedRules: plan.rules?.moved ?? [],
    droppedCorrections: plan.corrections.dropped.map(({ correction: c, now }) => ({
      code: c.code,
      field: c.field,
      expected: c.upstream,
      now: now ?? null,
    })),
    toReview: review.toReview,
    needsReview: review.toReview.length > 0 || plan.bump === 'major',
    written: r.written,
    ...(r.changeset ? { changeset: r.changeset } : {}),
  };
}

/** The JSON printed when a command failed. */
export function failureJson(command: 'check' | 'update', error: Error): Pick<JsonReport, 'command' | 'status' | 'error'> {
  return { command, status: 'failed', error: error.message };
}

/** The exit code of a finished command (failures are {@link EXIT_FAILED}, decided in cli.ts). */
export function exitCode(r: UpdateResult): number {
  return r.status === 'changed' || r.status === 'refused' ? EXIT_CHANGED : EXIT_OK;
}

const count = (n: number, what: string, items: readonly string[]) => (n > 0 ? [`${n} ${what} (${items.join(', ')})`] : []);

/** One line: `registry updated 2019-07-11 -> 2024-12-06; 1 added (X.7.30), 1 changed (X.7.28: references); bump minor`. */
export function summaryLine(r: UpdateResult): string {
  const d = r.plan.diff;
  const parts = [
    d.updated.from === d.updated.to ? `registry last updated ${d.updated.to}` : `registry updated ${d.updated.from} -> ${d.updated.to}`,
    ...count(
      d.added.length,
      'added',
      d.added.map((e) => e.code),
    ),
    ...count(
      d.removed.length,
      'removed',
      d.removed.map((e) => e.code),
    ),
    ...count(
      d.changed.length,
      'changed',
      d.changed.map((e) => `${e.code}: ${e.fields.join(', ')}`),
    ),
    ...count(
      d.tables.length,
      `other table row${d.tables.length > 1 ? 's' : ''} changed`,
      d.tables.map((t) => `${t.table} ${t.key}: ${t.change}`),
    ),
  ];
  return `${parts.join('; ')}; bump ${r.plan.bump}${d.complete ? '' : ' (names-only diff: the pinned files were not available)'}`;
}

/** The text output. */
export function toText(r: UpdateResult): string {
  const { plan } = r;
  if (plan.unchanged) {
    return [
      `registry:${r.command}: upstream matches sources.lock.json (registry last updated ${plan.diff.updated.to}); nothing to do`,
      ...plan.notes.map((n) => `  note: ${n}`),
    ].join('\n');
  }
  const review = reviewLines(plan);
  const out = [
    r.command === 'check'
      ? 'registry:check: upstream moved; run npm run registry:update to review and apply it'
      : `registry:update: ${r.status === 'updated' ? 'updated' : 'refused, nothing was written'}`,
    ...plan.files.map(
      (f) => `  ${f.name}: ${f.from.sha256.slice(0, 12)} (${f.from.size} bytes) -> ${f.to.sha256.slice(0, 12)} (${f.to.size} bytes)`,
    ),
    `  ${summaryLine(r)}`,
    ...changeLines(plan.diff, plan.names.data.reply).map((l) => `  - ${l}`),
    ...review.changes.map((l) => `  - ${l}`),
    ...review.toReview.map((l) => `  to review: ${l}`),
    ...Object.entries(plan.names.added.enhanced).map(
      ([code, name]) =>
        `  names.json: ${code} -> ${name} (derived from the sample text; rename it now if you like, before it is published)`,
    ),
    ...Object.entries(plan.names.added.reply).map(([code, name]) => `  names.json: reply ${code} -> ${name}`),
    ...plan.notes.map((n) => `  note: ${n}`),
    ...plan.blockers.map((b) => `  blocked: ${b}`),
    ...(r.changeset ? [`  wrote ${r.written.join(', ')}`] : []),
  ];
  return out.join('\n');
}
