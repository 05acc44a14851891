/**
 * RFC 3463 section 2: the grammar of an enhanced status code. Read from the
 * RFC so the runtime validator and the registry cross-check share one source.
 */
import type { ProblemList } from '../problems.js';
import { readSections } from './rfc.js';

export interface Rfc3463Grammar {
  readonly classes: number[];
  readonly subjectDigits: { min: number; max: number };
  readonly detailDigits: { min: number; max: number };
  readonly noLeadingZeros: boolean;
  readonly line: number;
}

export function readRfc3463(text: string, file: string, problems: ProblemList): Rfc3463Grammar | undefined {
  const s = readSections(text).find((x) => x.number === '2');
  if (!s || s.title !== 'Status Code Structure') {
    problems.add(file, s?.line ?? 0, 'no section 2 "Status Code Structure": is this RFC 3463?');
    return undefined;
  }
  const rule = (name: string) => {
    const l = s.lines.find((x) => new RegExp(`^\\s+${name}\\s*=`).test(x.text));
    if (!l) problems.add(file, s.line, `section 2 has no ABNF rule for "${name}"`);
    return l;
  };
  const top = rule('status-code');
  const cls = rule('class');
  const subject = rule('subject');
  const detail = rule('detail');
  if (top && !/class\s+"\."\s+subject\s+"\."\s+detail/.test(top.text))
    problems.add(file, top.line, 'status-code is not class "." subject "." detail');
  const digits = (l: typeof subject, name: string) => {
    const m = l && /=\s*(\d*)\*(\d*)digit\s*$/i.exec(l.text);
    if (l && !m) problems.add(file, l.line, `cannot read the repetition of "${name}" (expected like 1*3digit)`);
    return m ? { min: Number(m[1] || 0), max: m[2] ? Number(m[2]) : Infinity } : { min: 0, max: 0 };
  };
  const classes = cls ? [...cls.text.split('=')[1]!.matchAll(/"(\d)"/g)].map((m) => Number(m[1])) : [];
  if (cls && classes.length === 0) problems.add(file, cls.line, 'cannot read the class alternatives');
  const body = s.lines
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ');
  const noLeadingZeros = /MUST be expressed without leading zero digits/.test(body);
  if (!noLeadingZeros) problems.add(file, s.line, 'section 2 no longer says sub-codes MUST be expressed without leading zero digits');
  return { classes, subjectDigits: digits(subject, 'subject'), detailDigits: digits(detail, 'detail'), noLeadingZeros, line: s.line };
}
