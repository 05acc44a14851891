/**
 * The semantic diff of two models (the pinned upstream vs the new one): the
 * registry by code, and every other generated table by its key. Pure data;
 * values are rendered as short strings so the report and the changeset can
 * say "from ... to ...".
 */
import type { Model } from '../model/model.js';
import type { EnhancedStatusInfo, Reference } from '../../../packages/codes/src/types.js';

/** The fields of a registry entry an update reports on (IANA's columns, and what the description implies). */
export const ENTRY_FIELDS = ['sample', 'description', 'replyCodes', 'references', 'submitter', 'changeController', 'deprecated'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** One field that changed, rendered for people. */
export interface FieldChange {
  /** The field's name (`references`), or a table column (`text`, `error`). */
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

/** A registry entry as the report names it. */
export interface EntryRef {
  readonly code: string;
  readonly name: string;
  readonly sample: string;
}

/** A registry entry whose fields changed. */
export interface EntryChange extends EntryRef {
  readonly fields: readonly EntryField[];
  readonly changes: readonly FieldChange[];
}

/** A constant whose name differs between the two models (a breaking change). */
export interface Rename {
  readonly table: 'EnhancedStatus' | 'ReplyCode';
  readonly code: string;
  readonly from: string;
  readonly to: string;
}

/** The generated tables other than the registry entries, by their exported names. */
export type TableName =
  | 'enhancedClasses'
  | 'enhancedSubjects'
  | 'replyCodes'
  | 'replySeverities'
  | 'replyCategories'
  | 'commandReplies'
  | 'anyCommandReplies'
  | 'enhancedStatusGrammar';

/** A row of a generated table that was added, removed or changed. */
export interface TableChange {
  readonly table: TableName;
  readonly key: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly fields: readonly string[];
  readonly changes: readonly FieldChange[];
}

/** Everything that differs between the pinned upstream and the new one. */
export interface RegistryDiff {
  readonly updated: { readonly from: string; readonly to: string };
  readonly added: readonly EntryRef[];
  readonly removed: readonly EntryRef[];
  readonly changed: readonly EntryChange[];
  readonly renamed: readonly Rename[];
  readonly tables: readonly TableChange[];
  /**
   * `false` when the pinned files were not available and only names.json
   * could be compared: additions and removals are exact, changes unknown.
   */
  readonly complete: boolean;
}

/** How a reference reads in a sentence: `RFC7372, Section 3.3 (Standards Track)`, `draft-levine-mailbomb-header-00`. */
export function renderReference(r: Reference): string {
  return `${r.id}${r.section ? `, Section ${r.section}` : ''}${r.status ? ` (${r.status})` : ''}`;
}

const renderEntryField: Record<EntryField, (e: EnhancedStatusInfo) => string> = {
  sample: (e) => e.sample,
  description: (e) => e.description,
  replyCodes: (e) => e.replyCodes.raw,
  references: (e) => e.references.map(renderReference).join('; '),
  submitter: (e) => e.submitter,
  changeController: (e) => e.changeController,
  deprecated: (e) => (e.deprecated ? `deprecated${e.replacedBy ? ` (use ${e.replacedBy})` : ''}` : 'not deprecated'),
};
/** What is compared: the structure, so a change the rendering hides still counts. */
const compareEntryField: Record<EntryField, (e: EnhancedStatusInfo) => unknown> = {
  ...renderEntryField,
  replyCodes: (e) => e.replyCodes,
  references: (e) => e.references,
  deprecated: (e) => [e.deprecated, e.replacedBy],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const ref = (e: EnhancedStatusInfo): EntryRef => ({ code: e.code, name: e.name, sample: e.sample });
const list = (xs: readonly number[] | undefined) => (xs && xs.length > 0 ? xs.join(', ') : '(none)');

/** Compares the registry entries by code and every other table by its key. */
export function diffModels(before: Model, after: Model): RegistryDiff {
  const old = new Map(before.entries.map((e) => [e.code as string, e]));
  const now = new Map(after.entries.map((e) => [e.code as string, e]));
  const changed: EntryChange[] = [];
  const renamed: Rename[] = [];
  for (const e of after.entries) {
    const o = old.get(e.code);
    if (!o) continue;
    if (o.name !== e.name) renamed.push({ table: 'EnhancedStatus', code: e.code, from: o.name, to: e.name });
    const fields = ENTRY_FIELDS.filter((f) => !same(compareEntryField[f](o), compareEntryField[f](e)));
    if (fields.length > 0) {
      changed.push({
        ...ref(e),
        fields,
        changes: fields.map((f) => ({ field: f, from: renderEntryField[f](o), to: renderEntryField[f](e) })),
      });
    }
  }
  for (const r of after.replyCodes) {
    const o = before.replyCodes.find((x) => x.code === r.code);
    if (o && o.name !== r.name) renamed.push({ table: 'ReplyCode', code: String(r.code), from: o.name, to: r.name });
  }
  const tables: TableChange[] = [
    ...rows('enhancedClasses', before.classes, after.classes, (c) => c.code, {
      summary: (c) => c.summary,
      description: (c) => c.description,
      references: (c) => c.references.map(renderReference).join('; '),
    }),
    ...rows('enhancedSubjects', before.subjects, after.subjects, (s) => s.code, {
      summary: (s) => s.summary,
      description: (s) => s.description,
      references: (s) => s.references.map(renderReference).join('; '),
    }),
    ...rows('replyCodes', before.replyCodes, after.replyCodes, (r) => String(r.code), {
      text: (r) => r.text,
      severity: (r) => r.severity,
      category: (r) => r.category,
      source: (r) => r.source,
      references: (r) => r.references.map(renderReference).join('; '),
      note: (r) => r.note ?? '',
    }),
    ...rows('replySeverities', before.severities, after.severities, (d) => String(d.digit), {
      title: (d) => d.title,
      description: (d) => d.description,
    }),
    ...rows('replyCategories', before.categories, after.categories, (d) => String(d.digit), {
      title: (d) => d.title,
      description: (d) => d.description,
    }),
    ...rows('commandReplies', before.commands, after.commands, ([c]) => c, {
      intermediate: ([, r]) => list(r.intermediate),
      success: ([, r]) => list(r.success),
      error: ([, r]) => list(r.error),
      afterData: ([, r]) => (r.afterData ? `success ${list(r.afterData.success)}; error ${list(r.afterData.error)}` : '(none)'),
    }),
    ...rows('anyCommandReplies', [before.anyCommand], [after.anyCommand], () => 'any command', { replies: (xs) => list(xs) }),
    ...rows('enhancedStatusGrammar', [before.grammar], [after.grammar], () => 'RFC 3463 section 2', {
      classes: (g) => g.classes.join('/'),
      subjectDigits: (g) => `${g.subjectDigits.min}*${g.subjectDigits.max}digit`,
      detailDigits: (g) => `${g.detailDigits.min}*${g.detailDigits.max}digit`,
      noLeadingZeros: (g) => String(g.noLeadingZeros),
    }),
  ];
  return {
    updated: { from: before.updated, to: after.updated },
    added: after.entries.filter((e) => !old.has(e.code)).map(ref),
    removed: before.entries.filter((e) => !now.has(e.code)).map(ref),
    changed,
    renamed,
    tables,
    complete: true,
  };
}

/** Rows added, removed or changed between two lists keyed by `key`, compared on the rendered fields. */
function rows<T>(
  table: TableName,
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
  fields: Record<string, (t: T) => string>,
): TableChange[] {
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  const out: TableChange[] = [];
  for (const t of after) {
    const o = old.get(key(t));
    if (!o) {
      out.push({ table, key: key(t), change: 'added', fields: [], changes: [] });
      continue;
    }
    const names = Object.keys(fields).filter((f) => fields[f]!(o) !== fields[f]!(t));
    if (names.length > 0)
      out.push({
        table,
        key: key(t),
        change: 'changed',
        fields: names,
        changes: names.map((f) => ({ field: f, from: fields[f]!(o), to: fields[f]!(t) })),
      });
  }
  for (const t of before) if (!now.has(key(t))) out.push({ table, key: key(t), change: 'removed', fields: [], changes: [] });
  return out;
}

/**
 * When the pinned files are not available: the names published so far
 * (names.json) against the new model. Additions and removals are exact;
 * changes to existing entries cannot be known.
 */
export function namesOnlyDiff(
  published: { readonly enhanced: Readonly<Record<string, string>>; readonly reply: Readonly<Record<string, string>> },
  updatedBefore: string,
  after: Model,
): RegistryDiff {
  const now = new Set(after.entries.map((e) => e.code as string));
  const replies = new Set(after.replyCodes.map((r) => String(r.code)));
  return {
    updated: { from: updatedBefore, to: after.updated },
    added: after.entries.filter((e) => published.enhanced[e.code] === undefined).map(ref),
    removed: Object.entries(published.enhanced)
      .filter(([code]) => !now.has(code))
      .map(([code, name]) => ({ code, name, sample: '' })),
    changed: [],
    renamed: [],
    tables: [
      ...after.replyCodes
        .filter((r) => published.reply[String(r.code)] === undefined)
        .map((r) => ({ table: 'replyCodes' as const, key: String(r.code), change: 'added' as const, fields: [], changes: [] })),
      ...Object.keys(published.reply)
        .filter((code) => !replies.has(code))
        .map((code) => ({ table: 'replyCodes' as const, key: code, change: 'removed' as const, fields: [], changes: [] })),
    ],
    complete: false,
  };
}

/** The changesets bump levels; `none` when nothing changed at all. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/**
 * The semver policy: a removed entry, table row or constant, or a renamed
 * constant -> major; anything added -> minor; any other change (texts,
 * references, re-published files, a new registry date) -> patch.
 */
export function bumpOf(diff: RegistryDiff, filesChanged: boolean): Bump {
  if (removals(diff).length > 0 || diff.renamed.length > 0) return 'major';
  if (diff.added.length > 0 || diff.tables.some((t) => t.change === 'added')) return 'minor';
  if (diff.changed.length > 0 || diff.tables.length > 0 || filesChanged || diff.updated.from !== diff.updated.to) return 'patch';
  return 'none';
}

/** Everything the update would remove: registry entries, then rows of other tables. */
export function removals(diff: RegistryDiff): string[] {
  return [...diff.removed.map((e) => e.code), ...diff.tables.filter((t) => t.change === 'removed').map((t) => `${t.table} ${t.key}`)];
}
