/**
 * The changeset an update writes: `.changeset/registry-<registry date>.md`,
 * bumping the fixed group of .changeset/config.json, with one line per change
 * in words a user of the package understands.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../problems.js';
import type { Bump, EntryChange, EntryRef, FieldChange, RegistryDiff, TableChange } from './diff.js';
import type { Plan } from './plan.js';

/** The packages released together (the `fixed` group of .changeset/config.json). */
export const FIXED_GROUP = ['@mailstatus/codes', '@mailstatus/cli', '@mailstatus/fixtures'] as const;

/** The fixed group that holds @mailstatus/codes, read from config.json when there is one. */
export function releaseGroup(changesetDir: string): readonly string[] {
  try {
    const config = JSON.parse(readFileSync(join(changesetDir, 'config.json'), 'utf8')) as { fixed?: string[][] };
    const group = config.fixed?.find((g) => g.includes('@mailstatus/codes'));
    if (group && group.length > 0) return group;
  } catch {
    // no config (a test root): the group we know
  }
  return FIXED_GROUP;
}

/** `registry-2024-12-06.md`, or `registry-2024-12-06-2.md` when an unreleased one of that date is still there. */
export function changesetFile(changesetDir: string, registryDate: string): string {
  let file = join(changesetDir, `registry-${registryDate}.md`);
  for (let n = 2; existsSync(file); n++) file = join(changesetDir, `registry-${registryDate}-${n}.md`);
  return file;
}

const quote = (s: string, max = 160) => `"${s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s}"`;
const label = (e: EntryRef) => `\`${e.code}\`${e.sample ? ` ${e.sample}` : ''}`;

/** One field change as a phrase: `reference changed from A to B`. */
export function describeField(c: FieldChange, constant?: string): string {
  const fromTo = (what: string, q = (s: string) => s || '(empty)') => `${what} changed from ${q(c.from)} to ${q(c.to)}`;
  switch (c.field) {
    case 'sample':
      return `${fromTo('sample text', (s) => quote(s || '(empty)'))}${constant ? ` (the constant keeps its name \`${constant}\`)` : ''}`;
    case 'description':
      return `description changed to ${quote(c.to)}`;
    case 'replyCodes':
      return fromTo('associated reply codes', (s) => `\`${s || '(empty)'}\``);
    case 'references':
      return fromTo(c.from.includes(';') || c.to.includes(';') ? 'references' : 'reference');
    case 'changeController':
      return fromTo('change controller');
    case 'deprecated':
      return `now ${c.to}`;
    default:
      return fromTo(c.field);
  }
}

function entryLine(e: EntryChange): string {
  const constant = `EnhancedStatus.${e.name}`;
  const head = e.fields.includes('sample') ? `\`${e.code}\`` : label(e);
  return `${head}: ${e.changes.map((c) => describeField(c, constant)).join('; ')}`;
}

const TABLE_WORDS: Record<TableChange['table'], string> = {
  enhancedClasses: 'Class',
  enhancedSubjects: 'Subject',
  replyCodes: 'Reply code',
  replySeverities: 'Reply severity digit',
  replyCategories: 'Reply category digit',
  commandReplies: 'RFC 5321 command-reply sequence for',
  anyCommandReplies: 'RFC 5321 replies for',
  enhancedStatusGrammar: 'Status code grammar of',
};

function tableLine(t: TableChange, replyNames: Readonly<Record<string, string>>): string {
  const what = `${TABLE_WORDS[t.table]} \`${t.key}\``;
  if (t.change === 'added')
    return `Added ${what}${t.table === 'replyCodes' && replyNames[t.key] ? ` (\`ReplyCode.${replyNames[t.key]}\`)` : ''}`;
  if (t.change === 'removed') return `Removed ${what}`;
  return `${what}: ${t.changes.map((c) => describeField(c)).join('; ')}`;
}

/** Every change in words, one line each (also the text summary's detail). */
export function changeLines(diff: RegistryDiff, replyNames: Readonly<Record<string, string>> = {}): string[] {
  return [
    ...diff.added.map((e) => `Added ${label(e)} (\`EnhancedStatus.${e.name}\`)`),
    ...diff.removed.map((e) => `Removed ${label(e)} (\`EnhancedStatus.${e.name}\` no longer exists): IANA removed it from the registry`),
    ...diff.renamed.map((r) => `Renamed \`${r.table}.${r.from}\` to \`${r.table}.${r.to}\` (\`${r.code}\`)`),
    ...diff.changed.map(entryLine),
    ...diff.tables.map((t) => tableLine(t, replyNames)),
  ];
}

/** What the update did to the reviewed files besides names, and what a person should review. */
export interface ReviewLines {
  /** Changes to the reviewed data a user sees (a removed entry's rule now an override). */
  readonly changes: readonly string[];
  /** Derived rules, names picked from a code, and warnings (upstream defects, obsolete corrections), one line each. */
  readonly toReview: readonly string[];
}

/** The lines of a plan's reviewed-data changes and of what is to review. */
export function reviewLines(plan: Pick<Plan, 'rules' | 'warnings' | 'names'>): ReviewLines {
  const show = (reasons: Readonly<Record<string, string>>) =>
    Object.entries(reasons)
      .map(([c, r]) => `"${c}": ${r}`)
      .join(', ');
  return {
    changes: (plan.rules?.moved ?? []).map(
      (m) =>
        `The classification rule of the removed \`${m.code}\` moved to the real-world overrides (servers keep sending it): ` +
        m.overrides.map((o) => `\`${o.code}\` -> ${o.reason}`).join(', '),
    ),
    toReview: [
      ...(plan.rules?.derived ?? []).map(
        (d) =>
          `\`${d.code}\`: classification rule derived (${show(d.derived)}; ${d.from}), ` +
          'marked in registry-sources/classification.derived.json',
      ),
      ...plan.names.toReview.map((n) => `The ${n}`),
      ...plan.warnings.map((w) => `Warning: ${formatProblem(w)}`),
    ],
  };
}

/** The whole changeset file. */
export function renderChangeset(
  diff: RegistryDiff,
  bump: Exclude<Bump, 'none'>,
  packages: readonly string[],
  files: readonly string[],
  replyNames: Readonly<Record<string, string>> = {},
  review: ReviewLines = { changes: [], toReview: [] },
): string {
  const lines = [...changeLines(diff, replyNames), ...review.changes];
  const dates =
    diff.updated.from === diff.updated.to ? `last updated ${diff.updated.to}` : `updated ${diff.updated.from} -> ${diff.updated.to}`;
  return [
    '---',
    ...packages.map((p) => `"${p}": ${bump}`),
    '---',
    '',
    `IANA SMTP Enhanced Status Codes registry ${dates} (\`npm run registry:update\`).`,
    '',
    ...(lines.length > 0
      ? lines.map((l) => `- ${l}`)
      : [`- The upstream files changed (${files.join(', ')}) without changing any generated table.`]),
    ...(diff.complete
      ? []
      : [
          '',
          'Changes to the text of existing entries are not listed: the previously pinned files were not available, ' +
            'so only added and removed codes could be determined.',
        ]),
    ...(review.toReview.length > 0 ? ['', 'To review:', '', ...review.toReview.map((l) => `- ${l}`)] : []),
    '',
  ].join('\n');
}
