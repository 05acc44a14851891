/**
 * Reads IANA's CSV exports with csv-parse: quoted fields that span lines,
 * CRLF records with LF inside fields (LF-only files are accepted too), an
 * optional UTF-8 BOM. Each row keeps the line it starts on for messages.
 */
import { parse } from 'csv-parse/sync';
import { ProblemList } from '../problems.js';

/** One data row: the header's column names -> field text, and where it starts. */
export interface CsvRow {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Parses `bytes` as a CSV file whose header must be exactly `columns`.
 * Problems (not CSV at all, truncated, a missing column, a row with the wrong
 * number of fields) go to `problems`; the rows that could be read are returned.
 */
export function readCsv(bytes: Uint8Array, file: string, columns: readonly string[], problems: ProblemList): CsvRow[] {
  const text = Buffer.from(bytes).toString('utf8');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<')) {
    problems.add(
      file,
      1,
      `this is ${start.includes('html') ? 'an HTML page' : 'markup'}, not CSV: ` +
        'the server sent an error page or the mirror holds the wrong file',
    );
    return [];
  }
  if (body.trim() === '') {
    problems.add(file, 0, 'the file is empty');
    return [];
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { bom: false, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number };
    const hint = err.code === 'CSV_QUOTE_NOT_CLOSED' ? ' (a quoted field never ends: the file looks truncated)' : '';
    problems.add(file, err.lines ?? 0, `cannot parse CSV: ${err.message}${hint}`);
    return [];
  }
  if (!/\r?\n$/.test(body)) {
    problems.add(file, body.split('\n').length, 'the last record has no line break after it: the file looks truncated');
  }
  const [head, ...rest] = records;
  const header = head!.record.map((h) => h.trim());
  const missing = columns.filter((c) => !header.includes(c));
  const extra = header.filter((h) => !columns.includes(h));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [];
    if (missing.length) parts.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`);
    if (extra.length) parts.push(`unexpected column${extra.length > 1 ? 's' : ''} ${extra.map((c) => `"${c}"`).join(', ')}`);
    problems.add(file, 1, `${parts.join('; ')} (expected: ${columns.join(', ')})`);
    return [];
  }
  const rows: CsvRow[] = [];
  let line = head!.info.lines + 1;
  for (const { record, info } of rest) {
    // info.lines is the line a record ends on; blank lines were skipped, so
    // find the first line of this record by counting its own line breaks.
    const own = record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const first = info.lines - own;
    line = Math.max(line, first);
    if (record.length !== header.length) {
      problems.add(
        file,
        first,
        `expected ${header.length} fields, found ${record.length}${record.length < header.length ? ' (a truncated record?)' : ''}`,
      );
    } else {
      const fields: Record<string, string> = {};
      header.forEach((h, i) => (fields[h] = record[i]!));
      rows.push({ line: first, fields });
    }
    line = info.lines + 1;
  }
  return rows;
}

/** Folds the registry's hard line wraps and indentation into single spaces. */
export function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
