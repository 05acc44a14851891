/**
 * The second pin of every upstream file: a hash of its records, normalized so
 * that a re-rendering that changes no record keeps the hash. IANA regenerates
 * its CSV files from the XML, and quoting, line ends and trailing spaces can
 * change while no record does; the RFC Editor re-serves texts the same way.
 *
 * Normalized records, by role (README of registry-sources/ says the same):
 * - CSV (classes, subjects, enumerated): csv-parse's records, blank lines
 *   skipped, a BOM dropped, each field with its whitespace folded to single
 *   spaces and trimmed (exactly what the generator reads), as JSON.
 * - XML (registry-xml): the text with a BOM dropped, whitespace between tags
 *   removed and every other run of whitespace folded to one space.
 * - Text (rfc5321, rfc3463): the lines with CRLF or CR read as LF, trailing
 *   spaces and tabs dropped, trailing blank lines dropped.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { SourceRole } from './manifest.js';

const CSV_ROLES: ReadonlySet<SourceRole> = new Set(['classes', 'subjects', 'enumerated']);

/** The normalized records of a file, or undefined when a CSV file cannot be parsed (no record can match then). */
function normalizedRecords(role: SourceRole, bytes: Uint8Array): string | undefined {
  let text = Buffer.from(bytes).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (CSV_ROLES.has(role)) {
    try {
      const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
      return JSON.stringify(records.map((r) => r.map((f) => f.replace(/\s+/g, ' ').trim())));
    } catch {
      return undefined;
    }
  }
  if (role === 'registry-xml') return text.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

/** sha256 of the normalized records (hex), or undefined when they cannot be read. */
export function recordsHash(role: SourceRole, bytes: Uint8Array): string | undefined {
  const records = normalizedRecords(role, bytes);
  return records === undefined ? undefined : createHash('sha256').update(records).digest('hex');
}
