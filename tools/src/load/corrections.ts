/**
 * Reviewed corrections of upstream fields (registry-sources/corrections.json),
 * in the manner of mime-db's custom-types.json: each names a registry row by
 * its code, a column by IANA's name for it, the value upstream gives, the
 * value to use instead and why. A correction holds only while upstream still
 * gives exactly that value: when upstream changes the field (fixing it itself,
 * or otherwise), the correction is dropped with a warning, so a reviewed fix
 * never hides a new upstream text.
 */
import { existsSync } from 'node:fs';
import { display, type Paths } from '../paths.js';
import type { ProblemList } from '../problems.js';
import { jsonInMemory, readJsonFile, type JsonFile } from './json.js';
import { withReadings, type RawEntry, type RawTableRow } from './registry.js';
import { parseReferences, REGISTRY_URL } from './references.js';
import type { Upstream } from './upstream.js';

/** One reviewed correction. */
export interface Correction {
  /** The row: `"X.7.28"` (an entry), `"X.7.YYY"` (a subject), `"5.XXX.YYY"` (a class). */
  readonly code: string;
  /** IANA's column name: `"Description"`, `"Associated basic status code"`... */
  readonly field: string;
  /** The value upstream gives (whitespace folded), which this corrects. */
  readonly upstream: string;
  /** The value to use instead. */
  readonly corrected: string;
  /** Why, with the source that says so. */
  readonly reason: string;
}

/** registry-sources/corrections.json */
export interface CorrectionsFile {
  readonly $comment?: unknown;
  readonly corrections: readonly Correction[];
}

/** A correction that no longer applies, and what upstream gives now. */
export interface DroppedCorrection {
  readonly correction: Correction;
  /** Upstream's value now, or undefined when the row is gone. */
  readonly now: string | undefined;
}

/** The corrections file, or none (empty text, no corrections) when there is no file. */
export function readCorrections(paths: Paths): JsonFile<CorrectionsFile> {
  const shown = display(paths.root, paths.correctionsFile);
  if (!existsSync(paths.correctionsFile)) return { ...jsonInMemory<CorrectionsFile>('{ "corrections": [] }', shown), text: '' };
  return readJsonFile<CorrectionsFile>(paths.correctionsFile, shown);
}

/** Fields by column name, for each kind of row. */
const ENTRY_FIELD: Readonly<Record<string, keyof RawEntry>> = {
  Code: 'code',
  'Sample Text': 'sample',
  'Associated basic status code': 'basic',
  Description: 'description',
  Reference: 'reference',
  Submitter: 'submitter',
  'Change Controller': 'changeController',
};
const TABLE_FIELD: Readonly<Record<string, keyof RawTableRow>> = {
  Code: 'code',
  Summary: 'summary',
  Description: 'description',
  Reference: 'reference',
  Submitter: 'submitter',
  'Change Controller': 'changeController',
};

/** Which table a code names a row of. */
export function rowKind(code: string): 'class' | 'subject' | 'entry' {
  return /\.XXX\./.test(code) ? 'class' : /\.YYY$/.test(code) ? 'subject' : 'entry';
}

/**
 * The upstream rows with every correction that still holds applied. A
 * correction whose row is gone or whose field upstream changed is returned in
 * `dropped` and warned about at its line in the corrections file.
 */
export function applyCorrections(
  upstream: Upstream,
  f: JsonFile<CorrectionsFile>,
  problems: ProblemList,
): { upstream: Upstream; dropped: DroppedCorrection[] } {
  const dropped: DroppedCorrection[] = [];
  let { classRows, subjectRows, entryRows } = upstream;
  for (const c of Array.isArray(f.data?.corrections) ? f.data.corrections : []) {
    const kind = rowKind(c.code);
    const rows: readonly (RawEntry | RawTableRow)[] = kind === 'entry' ? entryRows : kind === 'class' ? classRows : subjectRows;
    const key = (kind === 'entry' ? ENTRY_FIELD[c.field] : TABLE_FIELD[c.field])!;
    const row = rows.find((r) => r.code === c.code);
    const now = row ? String(row[key as keyof typeof row]) : undefined;
    if (now !== c.upstream) {
      dropped.push({ correction: c, now });
      const what = now === undefined ? `${c.code} is no longer in the registry` : `upstream now gives ${JSON.stringify(now)}`;
      problems.warn(
        f.file,
        f.lineOf(`"code": "${c.code}"`),
        `the correction of ${c.code} "${c.field}" expects ${JSON.stringify(c.upstream)}, but ${what}: ` +
          'dropped (npm run registry:update removes it)',
      );
      continue;
    }
    const fix = <T extends RawEntry | RawTableRow>(r: T): T => (r.code !== c.code ? r : ({ ...r, [key]: c.corrected } as T));
    if (kind === 'entry') entryRows = entryRows.map((r) => withReadings(fix(r)));
    else if (kind === 'class') classRows = classRows.map((r) => refreshReferences(fix(r)));
    else subjectRows = subjectRows.map((r) => refreshReferences(fix(r)));
  }
  return { upstream: { ...upstream, classRows, subjectRows, entryRows }, dropped };
}

function refreshReferences(r: RawTableRow): RawTableRow {
  return { ...r, references: parseReferences(r.reference, REGISTRY_URL) };
}

/** The file's text without the dropped corrections (same layout: two-space JSON, trailing newline). */
export function withoutDropped(f: JsonFile<CorrectionsFile>, dropped: readonly DroppedCorrection[]): string {
  const gone = new Set(dropped.map((d) => d.correction));
  return `${JSON.stringify({ ...f.data, corrections: f.data.corrections.filter((c) => !gone.has(c)) }, null, 2)}\n`;
}
