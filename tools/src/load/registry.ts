/**
 * The three CSV tables of the IANA registry and the registry's last-updated
 * date from its XML, as rows with line numbers. The only reading done here is
 * of what the free-text columns say once: the associated reply codes, and
 * whether the description deprecates the entry in favour of another.
 */
import type { AssociatedReplyCodes, Reference } from '../../../packages/codes/src/types.js';
import type { ProblemList } from '../problems.js';
import { parseAssociatedCodes } from './associated-codes.js';
import { fold, readCsv } from './csv.js';
import { parseReferences, REGISTRY_URL } from './references.js';

export const CLASS_COLUMNS = ['Code', 'Summary', 'Description', 'Reference', 'Submitter', 'Change Controller'] as const;
export const ENUMERATED_COLUMNS = [
  'Code',
  'Sample Text',
  'Associated basic status code',
  'Description',
  'Reference',
  'Submitter',
  'Change Controller',
] as const;

/** A row of -1.csv or -2.csv. */
export interface RawTableRow {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly summary: string;
  readonly description: string;
  readonly reference: string;
  readonly submitter: string;
  readonly changeController: string;
  /** `reference` read into documents. */
  readonly references: readonly Reference[];
}

/** A row of -3.csv, with every field folded (line breaks and indentation to single spaces). */
export interface RawEntry {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly sample: string;
  /** "Associated basic status code" as IANA writes it. */
  readonly basic: string;
  readonly description: string;
  readonly reference: string;
  readonly submitter: string;
  readonly changeController: string;
  /** `reference` read into documents. */
  readonly references: readonly Reference[];
  /** `basic` read into codes, classes and a note. */
  readonly replyCodes: AssociatedReplyCodes;
  /** The description says "deprecated". */
  readonly deprecated: boolean;
  /** The code named by "duplicate of X.Y.Z" in the description, when there is one. */
  readonly duplicateOf?: string;
}

/** Whitespace that IANA's rendering does not use: tabs, no-break and zero-width spaces, or spaces around a code. */
const ODD_SPACE = /[\t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;

/** Warns about odd whitespace in a row's fields; the fields are folded to single spaces all the same. */
function checkWhitespace(fields: Readonly<Record<string, string>>, file: string, line: number, problems: ProblemList): void {
  const odd = Object.entries(fields).filter(([column, v]) => ODD_SPACE.test(v) || (column === 'Code' && v !== v.trim()));
  for (const [column] of odd) {
    const what = 'a tab, a no-break or zero-width space, or spaces around the code';
    problems.warn(file, line, `${fold(fields.Code!)}: odd whitespace in "${column}" (${what}); folded to single spaces`);
  }
}

export function readTable(bytes: Uint8Array, file: string, problems: ProblemList): RawTableRow[] {
  const rows = readCsv(bytes, file, CLASS_COLUMNS, problems);
  for (const r of rows) checkWhitespace(r.fields, file, r.line, problems);
  return rows.map(({ line, fields: f }) => ({
    file,
    line,
    code: fold(f.Code!),
    summary: fold(f.Summary!),
    description: fold(f.Description!),
    reference: fold(f.Reference!),
    submitter: fold(f.Submitter!),
    changeController: fold(f['Change Controller']!),
    references: parseReferences(fold(f.Reference!), REGISTRY_URL),
  }));
}

export function readEnumerated(bytes: Uint8Array, file: string, problems: ProblemList): RawEntry[] {
  const rows = readCsv(bytes, file, ENUMERATED_COLUMNS, problems);
  for (const r of rows) checkWhitespace(r.fields, file, r.line, problems);
  return rows.map(({ line, fields: f }) =>
    withReadings({
      file,
      line,
      code: fold(f.Code!),
      sample: fold(f['Sample Text']!),
      basic: fold(f['Associated basic status code']!),
      description: fold(f.Description!),
      reference: fold(f.Reference!),
      submitter: fold(f.Submitter!),
      changeController: fold(f['Change Controller']!),
    }),
  );
}

/** The fields of an entry as IANA publishes them. */
export type EntryFields = Omit<RawEntry, 'references' | 'replyCodes' | 'deprecated' | 'duplicateOf'>;

/** An entry with its free-text columns read (again after a field was corrected). */
export function withReadings(fields: EntryFields): RawEntry {
  const { file, line, code, sample, basic, description, reference, submitter, changeController } = fields;
  const e = { file, line, code, sample, basic, description, reference, submitter, changeController };
  const dup = /duplicate of (X\.\d+\.\d+)/i.exec(e.description);
  return {
    ...e,
    references: parseReferences(e.reference, REGISTRY_URL),
    replyCodes: parseAssociatedCodes(e.basic),
    deprecated: /\bdeprecated\b/i.test(e.description),
    ...(dup ? { duplicateOf: dup[1]! } : {}),
  };
}

/**
 * IANA's 2017-2019 rendering of X.7.28: the Description empty and the
 * description's sentence in the "Associated basic status code" column, which
 * then names no code, class or `Any`.
 */
export function misplacedDescription(e: RawEntry): boolean {
  const a = e.replyCodes;
  return e.description === '' && !a.given && !a.any && a.raw.split(' ').length >= 4;
}

/** The registry-level `<updated>` of IANA's XML rendering. */
export function readRegistryUpdated(bytes: Uint8Array, file: string, problems: ProblemList): string | undefined {
  const text = Buffer.from(bytes).toString('utf8');
  const registry = text.indexOf('<registry');
  const firstChild = text.indexOf('<registry', registry + 1);
  const head = text.slice(0, firstChild > 0 ? firstChild : undefined);
  const m = /<updated>(\d{4}-\d{2}-\d{2})<\/updated>/.exec(head);
  if (registry < 0 || !m) {
    problems.add(file, 0, 'no registry <updated> date: is this the IANA registry XML?');
    return undefined;
  }
  return m[1];
}
