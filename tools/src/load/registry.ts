/**
 * The three CSV tables of the IANA registry and the registry's last-updated
 * date from its XML, as rows with line numbers. No interpretation here.
 */
import type { ProblemList } from '../problems.js';
import { fold, readCsv } from './csv.js';

export const CLASS_COLUMNS = ['Code', 'Summary', 'Description', 'Reference', 'Submitter', 'Change Controller'] as const;
export const ENUMERATED_COLUMNS = ['Code', 'Sample Text', 'Associated basic status code', 'Description', 'Reference', 'Submitter', 'Change Controller'] as const;

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
}

/** A row of -3.csv, with every field folded (line breaks and indentation to single spaces). */
export interface RawEntry {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly sample: string;
  readonly basic: string;
  readonly description: string;
  readonly reference: string;
  readonly submitter: string;
  readonly changeController: string;
}

export function readTable(bytes: Uint8Array, file: string, problems: ProblemList): RawTableRow[] {
  return readCsv(bytes, file, CLASS_COLUMNS, problems).map(({ line, fields: f }) => ({
    file,
    line,
    code: fold(f.Code!),
    summary: fold(f.Summary!),
    description: fold(f.Description!),
    reference: fold(f.Reference!),
    submitter: fold(f.Submitter!),
    changeController: fold(f['Change Controller']!),
  }));
}

export function readEnumerated(bytes: Uint8Array, file: string, problems: ProblemList): RawEntry[] {
  return readCsv(bytes, file, ENUMERATED_COLUMNS, problems).map(({ line, fields: f }) => ({
    file,
    line,
    code: fold(f.Code!),
    sample: fold(f['Sample Text']!),
    basic: fold(f['Associated basic status code']!),
    description: fold(f.Description!),
    reference: fold(f.Reference!),
    submitter: fold(f.Submitter!),
    changeController: fold(f['Change Controller']!),
  }));
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
