/**
 * Checks of the registry tables against themselves and against RFC 3463's
 * grammar. What breaks the tables' structure is a problem (a malformed or
 * duplicate code); a defect of content is a warning, and the model degrades
 * gracefully (see model/model.ts): upstream defects must never stall an update.
 */
import type { ProblemList } from '../problems.js';
import type { Rfc3463Grammar } from '../load/rfc3463.js';
import { misplacedDescription, type RawEntry, type RawTableRow } from '../load/registry.js';

const ENTRY_CODE = /^X\.(\d+)\.(\d+)$/;

/** Whether a sub-code obeys the grammar: digit count and no leading zero. */
function subCodeOk(digits: string, range: { min: number; max: number }, noLeadingZeros: boolean): boolean {
  return (
    /^\d+$/.test(digits) &&
    digits.length >= range.min &&
    digits.length <= range.max &&
    !(noLeadingZeros && digits.length > 1 && digits[0] === '0')
  );
}

export function validateClasses(rows: readonly RawTableRow[], grammar: Rfc3463Grammar | undefined, problems: ProblemList): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const m = /^([0-9])\.XXX\.YYY$/.exec(r.code);
    if (!m) problems.add(r.file, r.line, `"${r.code}" is not a class code like 5.XXX.YYY`);
    else if (grammar && !grammar.classes.includes(Number(m[1]))) {
      problems.add(
        r.file,
        r.line,
        `class ${m[1]} is not allowed by RFC 3463 section 2 (class = ${grammar.classes.map((c) => `"${c}"`).join('/')})`,
      );
    }
    duplicate(seen, r, problems);
    checkTableRow(r, problems);
  }
  if (grammar && rows.length > 0) {
    const have = rows.map((r) => Number(r.code[0]));
    for (const c of grammar.classes)
      if (!have.includes(c)) problems.warn(rows[0]!.file, 0, `class ${c} of RFC 3463 section 2 is missing from the class table`);
  }
}

export function validateSubjects(rows: readonly RawTableRow[], grammar: Rfc3463Grammar | undefined, problems: ProblemList): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const m = /^X\.(\d+)\.YYY$/.exec(r.code);
    if (!m) problems.add(r.file, r.line, `"${r.code}" is not a subject code like X.1.YYY`);
    else if (grammar && !subCodeOk(m[1]!, grammar.subjectDigits, grammar.noLeadingZeros)) {
      problems.add(r.file, r.line, `subject ${m[1]} breaks RFC 3463 section 2 (1*3digit, no leading zeros)`);
    }
    duplicate(seen, r, problems);
    checkTableRow(r, problems);
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
  const codes = new Set(rows.map((r) => r.code));
  for (const r of rows) {
    const m = ENTRY_CODE.exec(r.code);
    if (!m) {
      problems.add(r.file, r.line, `"${r.code}" is not a registry code like X.1.1`);
      continue;
    }
    if (grammar && !subCodeOk(m[1]!, grammar.subjectDigits, grammar.noLeadingZeros)) {
      problems.add(r.file, r.line, `${r.code}: subject breaks RFC 3463 section 2 (1*3digit, no leading zeros)`);
    }
    if (grammar && !subCodeOk(m[2]!, grammar.detailDigits, grammar.noLeadingZeros)) {
      problems.add(r.file, r.line, `${r.code}: detail breaks RFC 3463 section 2 (1*3digit, no leading zeros)`);
    }
    duplicate(seen, r, problems);
    if (subjects.length > 0 && !subjectSet.has(m[1]!))
      problems.warn(r.file, r.line, `${r.code}: subject ${m[1]} is not in the subject table`);
    if (r.duplicateOf && !codes.has(r.duplicateOf))
      problems.warn(r.file, r.line, `${r.code} says it duplicates ${r.duplicateOf}, which is not in the registry`);
    checkEntryContent(r, problems);
  }
}

/** Content defects of one entry, each with what the generated tables do about it. */
function checkEntryContent(r: RawEntry, problems: ProblemList): void {
  const warn = (message: string) => problems.warn(r.file, r.line, `${r.code}: ${message}`);
  if (r.sample === '' && !r.deprecated) warn('empty Sample Text (allowed only for a deprecated entry); the TSDoc says "(no sample text)"');
  if (misplacedDescription(r)) {
    warn(
      'empty Description, and the "Associated basic status code" column holds a sentence: read as the description, reply codes not given',
    );
  } else if (r.description === '') warn('empty Description; the sample text stands in, with a note');
  if (r.replyCodes.raw === '.') warn('"Associated basic status code" is the placeholder "."; read as not given');
  checkReferences(r, warn);
}

function checkTableRow(r: RawTableRow, problems: ProblemList): void {
  const warn = (message: string) => problems.warn(r.file, r.line, `${r.code}: ${message}`);
  if (r.summary === '') warn('empty Summary');
  checkReferences(r, warn);
}

function checkReferences(r: RawEntry | RawTableRow, warn: (message: string) => void): void {
  if (r.reference === '') return warn('no Reference');
  for (const ref of r.references) {
    if (ref.kind === 'other')
      warn(
        `reference "${ref.id}" is in no known form ([RFCnnnn], [RFCnnnn], Section n, [draft-...]); kept as text linking to the registry`,
      );
  }
}

/** The XML's last-updated date must be the one pinned: otherwise the pins describe another registry. */
export function validateRegistryDate(updated: string | undefined, pinned: string, file: string, problems: ProblemList): void {
  if (updated && updated !== pinned) {
    problems.add(
      file,
      0,
      `the registry says it was last updated ${updated}, registry-sources/sources.lock.json says ${pinned}: run npm run registry:update`,
    );
  }
}

function duplicate(seen: Map<string, number>, r: { code: string; file: string; line: number }, problems: ProblemList): void {
  const first = seen.get(r.code);
  if (first !== undefined) problems.add(r.file, r.line, `duplicate code ${r.code} (first at line ${first})`);
  else seen.set(r.code, r.line);
}
