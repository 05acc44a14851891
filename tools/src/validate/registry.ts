/**
 * Checks of the registry tables against themselves and against RFC 3463's
 * grammar. Every problem is recorded with its file and line.
 */
import type { ProblemList } from '../problems.js';
import type { Rfc3463Grammar } from '../load/rfc3463.js';
import type { RawEntry, RawTableRow } from '../load/registry.js';

const ENTRY_CODE = /^X\.(\d+)\.(\d+)$/;

/** Whether a sub-code obeys the grammar: digit count and no leading zero. */
function subCodeOk(digits: string, range: { min: number; max: number }, noLeadingZeros: boolean): boolean {
  return /^\d+$/.test(digits) && digits.length >= range.min && digits.length <= range.max && !(noLeadingZeros && digits.length > 1 && digits[0] === '0');
}

export function validateClasses(rows: readonly RawTableRow[], grammar: Rfc3463Grammar | undefined, problems: ProblemList): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const m = /^([0-9])\.XXX\.YYY$/.exec(r.code);
    if (!m) problems.add(r.file, r.line, `"${r.code}" is not a class code like 5.XXX.YYY`);
    else if (grammar && !grammar.classes.includes(Number(m[1]))) problems.add(r.file, r.line, `class ${m[1]} is not allowed by RFC 3463 section 2 (class = ${grammar.classes.map((c) => `"${c}"`).join('/')})`);
    duplicate(seen, r, problems);
    if (r.summary === '') problems.add(r.file, r.line, `${r.code} has an empty Summary`);
  }
  if (grammar && rows.length > 0) {
    const have = rows.map((r) => Number(r.code[0]));
    for (const c of grammar.classes) if (!have.includes(c)) problems.add(rows[0]!.file, 0, `class ${c} of RFC 3463 section 2 is missing`);
  }
}

export function validateSubjects(rows: readonly RawTableRow[], grammar: Rfc3463Grammar | undefined, problems: ProblemList): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const m = /^X\.(\d+)\.YYY$/.exec(r.code);
    if (!m) problems.add(r.file, r.line, `"${r.code}" is not a subject code like X.1.YYY`);
    else if (grammar && !subCodeOk(m[1]!, grammar.subjectDigits, grammar.noLeadingZeros)) problems.add(r.file, r.line, `subject ${m[1]} breaks RFC 3463 section 2 (1*3digit, no leading zeros)`);
    duplicate(seen, r, problems);
    if (r.summary === '') problems.add(r.file, r.line, `${r.code} has an empty Summary`);
  }
}

export function validateEntries(
  rows: readonly RawEntry[],
  subjects: readonly RawTableRow[],
  grammar: Rfc3463Grammar | undefined,
  problems: ProblemList,
): void {
  const seen = new Map<string, number>();
  const subjectSet = new Set(subjects.map((s) => s.code.split('.')[1]));
  for (const r of rows) {
    const m = ENTRY_CODE.exec(r.code);
    if (!m) {
      problems.add(r.file, r.line, `"${r.code}" is not a registry code like X.1.1`);
      continue;
    }
    if (grammar && !subCodeOk(m[1]!, grammar.subjectDigits, grammar.noLeadingZeros)) problems.add(r.file, r.line, `${r.code}: subject breaks RFC 3463 section 2 (1*3digit, no leading zeros)`);
    if (grammar && !subCodeOk(m[2]!, grammar.detailDigits, grammar.noLeadingZeros)) problems.add(r.file, r.line, `${r.code}: detail breaks RFC 3463 section 2 (1*3digit, no leading zeros)`);
    if (subjects.length > 0 && !subjectSet.has(m[1]!)) problems.add(r.file, r.line, `${r.code}: subject ${m[1]} is not in the subject table`);
    duplicate(seen, r, problems);
    if (r.sample === '' && !r.deprecated) problems.add(r.file, r.line, `${r.code} has an empty Sample Text (allowed only for a deprecated entry)`);
    if (r.description === '') problems.add(r.file, r.line, `${r.code} has an empty Description`);
    if (r.reference === '') problems.add(r.file, r.line, `${r.code} has no Reference`);
    if (r.duplicateOf && !rows.some((o) => o.code === r.duplicateOf)) problems.add(r.file, r.line, `${r.code} says it duplicates ${r.duplicateOf}, which is not in the registry`);
  }
}

/** The XML's last-updated date must be the one pinned: otherwise the pins describe another registry. */
export function validateRegistryDate(updated: string | undefined, pinned: string, file: string, problems: ProblemList): void {
  if (updated && updated !== pinned) {
    problems.add(file, 0, `the registry says it was last updated ${updated}, registry-sources/sources.lock.json says ${pinned}: run npm run registry:update`);
  }
}

function duplicate(seen: Map<string, number>, r: { code: string; file: string; line: number }, problems: ProblemList): void {
  const first = seen.get(r.code);
  if (first !== undefined) problems.add(r.file, r.line, `duplicate code ${r.code} (first at line ${first})`);
  else seen.set(r.code, r.line);
}
