/**
 * Checks of the data we own: the names file and the reply-code supplement,
 * against the registry and RFC 5321 as read; and that every reply code the
 * registry or RFC 5321's command-reply sequences use is defined.
 */
import type { ProblemList } from '../problems.js';
import { rowKind, type CorrectionsFile } from '../load/corrections.js';
import type { JsonFile } from '../load/json.js';
import { CLASS_COLUMNS, ENUMERATED_COLUMNS, type RawEntry } from '../load/registry.js';
import type { NamesFile, SupplementFile } from '../load/reviewed.js';
import type { Rfc5321 } from '../load/rfc5321.js';

/** Whether a string can be used as a property name without quotes. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** The reply codes RFC 5321 section 4.2.3 and the supplement define, ascending. */
export function knownReplyCodes(rfc: Rfc5321, supplement: SupplementFile): number[] {
  const codes = [...rfc.replyCodes.map((r) => r.code), ...(Array.isArray(supplement?.codes) ? supplement.codes : []).map((s) => s.code)];
  return [...new Set(codes)].sort((a, b) => a - b);
}

export function validateSupplement(f: JsonFile<SupplementFile>, rfc: Rfc5321, problems: ProblemList): void {
  const codes = Array.isArray(f.data?.codes) ? f.data.codes : [];
  if (!Array.isArray(f.data?.codes)) problems.add(f.file, 0, '"codes" must be an array');
  const core = new Set(rfc.replyCodes.map((r) => r.code));
  const seen = new Set<number>();
  for (const e of codes) {
    const line = f.lineOf(`"code": ${e?.code}`);
    if (!Number.isInteger(e?.code) || e.code < 200 || e.code > 599 || Math.floor(e.code / 10) % 10 > 5) {
      problems.add(f.file, line, `${JSON.stringify(e?.code)} is not a reply code (three digits, first 2-5, second 0-5)`);
      continue;
    }
    if (seen.has(e.code)) problems.add(f.file, line, `${e.code} is listed twice`);
    seen.add(e.code);
    if (core.has(e.code) && e.text !== undefined)
      problems.add(
        f.file,
        line,
        `${e.code} is in RFC 5321 section 4.2.3, whose text is used: remove "text" (references and note are kept)`,
      );
    if (!core.has(e.code) && (typeof e.text !== 'string' || e.text.trim() === ''))
      problems.add(f.file, line, `${e.code} needs the "text" its defining RFC gives`);
    if (!Array.isArray(e.references) || e.references.length === 0 || !e.references.every((r) => /^RFC\d+(, Section [\d.]*\d)?$/.test(r))) {
      problems.add(f.file, line, `${e.code}: "references" must list the defining documents like "RFC4954, Section 6"`);
    }
  }
}

/** Every reply code the registry names must be defined by RFC 5321 or the supplement. */
export function validateNamedReplyCodes(
  entries: readonly RawEntry[],
  known: ReadonlySet<number>,
  supplementFile: string,
  problems: ProblemList,
): void {
  for (const e of entries) {
    for (const code of e.replyCodes.codes) {
      if (!known.has(code)) {
        problems.add(
          e.file,
          e.line,
          `${e.code} names reply code ${code}, which neither RFC 5321 section 4.2.3 nor ${supplementFile} defines: ` +
            'add it to the supplement with its defining RFC and text',
        );
      }
    }
  }
}

/** Every reply code of RFC 5321 section 4.3.2's command-reply sequences must be defined in section 4.2.3. */
export function validateCommandReplies(rfc: Rfc5321, known: ReadonlySet<number>, file: string, problems: ProblemList): void {
  for (const c of rfc.commands) {
    for (const code of [...c.intermediate, ...c.success, ...c.error, ...(c.afterData?.success ?? []), ...(c.afterData?.error ?? [])]) {
      if (!known.has(code)) problems.add(file, c.line, `${c.command} lists reply ${code}, which section 4.2.3 does not define`);
    }
  }
}

export function validateNames(
  f: JsonFile<NamesFile>,
  entryCodes: readonly string[],
  replyCodes: readonly number[],
  problems: ProblemList,
): void {
  const check = (group: 'enhanced' | 'reply', keys: readonly string[], what: string) => {
    const table = f.data?.[group];
    if (typeof table !== 'object' || table === null) {
      problems.add(f.file, 0, `"${group}" must be an object of ${what} -> constant name`);
      return;
    }
    const byName = new Map<string, string>();
    for (const key of keys) {
      const name = (table as Record<string, unknown>)[key];
      if (name === undefined) {
        problems.add(
          f.file,
          f.lineOf(`"${group}"`),
          `${what} ${key} has no constant name: add "${key}": "<PascalCaseName>" to "${group}" (npm run registry:update derives one)`,
        );
        continue;
      }
      const line = f.lineOf(`"${key}": "${name}"`);
      if (typeof name !== 'string' || !isIdentifier(name) || !/^[A-Z]/.test(name)) {
        problems.add(f.file, line, `${key}: ${JSON.stringify(name)} is not a PascalCase identifier`);
        continue;
      }
      if (name === '__proto__' || name === 'constructor' || name === 'prototype')
        problems.add(f.file, line, `${key}: ${name} cannot be a member name`);
      const other = byName.get(name);
      if (other) problems.add(f.file, line, `duplicate name ${name} for ${key} (also ${other})`);
      else byName.set(name, key);
    }
    for (const key of Object.keys(table)) {
      if (!keys.includes(key)) {
        problems.add(
          f.file,
          f.lineOf(`"${key}"`),
          `${key} has a name but is not a ${what} any more: a removal is a major change (npm run registry:update -- --allow-removals)`,
        );
      }
    }
  };
  check('enhanced', [...new Set(entryCodes)], 'registry entry');
  check('reply', replyCodes.map(String), 'reply code');
}

/** The shape of the file: every correction complete, known columns, one correction per field. */
export function validateCorrections(f: JsonFile<CorrectionsFile>, problems: ProblemList): void {
  const list = f.data?.corrections;
  if (!Array.isArray(list)) return problems.add(f.file, 0, '"corrections" must be an array');
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const line = f.lineOf(`"code": ${JSON.stringify(c?.code)}`);
    const where = `corrections[${i}]`;
    for (const k of ['code', 'field', 'upstream', 'corrected', 'reason'] as const) {
      if (typeof c?.[k] !== 'string') problems.add(f.file, line, `${where}.${k} must be a string`);
    }
    if (typeof c?.code !== 'string' || typeof c.field !== 'string') return;
    const columns: readonly string[] = rowKind(c.code) === 'entry' ? ENUMERATED_COLUMNS : CLASS_COLUMNS;
    if (!columns.includes(c.field) || c.field === 'Code')
      problems.add(f.file, line, `${where}.field: "${c.field}" is not a column it can correct (${columns.slice(1).join(', ')})`);
    if (c.reason?.trim() === '') problems.add(f.file, line, `${where}.reason must say why, with the source that says so`);
    if (c.upstream === c.corrected) problems.add(f.file, line, `${where} corrects "${c.upstream}" to itself`);
    const key = `${c.code} ${c.field}`;
    if (seen.has(key)) problems.add(f.file, line, `${where}: a second correction of ${c.code} "${c.field}"`);
    seen.add(key);
  });
}
