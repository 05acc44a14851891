/**
 * The registry's "Associated basic status code" column is free text. Seen so
 * far: `451, 550`, `Not given`, `Any`, `5XX`, `250 or 251`, `451/550`,
 * `450, 550 (other 4XX or 5XX codes are allowed)`, `.`, empty, and once (2017)
 * a whole sentence. Every form is kept: codes and patterns are read out and
 * whatever is left is a note.
 */
import type { AssociatedReplyCodes, EnhancedClass, ReplySeverityDigit } from '../../../packages/codes/src/types.js';

export function parseAssociatedCodes(raw: string): AssociatedReplyCodes {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || text === '.' || /^not given\.?$/i.test(text)) return { raw: text, codes: [], otherClasses: [], any: false, given: false };
  if (/^any\.?$/i.test(text)) return { raw: text, codes: [], otherClasses: [], any: true, given: true };
  const codes: number[] = [];
  const otherClasses: ReplySeverityDigit[] = [];
  let rest = text;
  for (const m of text.matchAll(/\b([2-5])(\d\d|XX|xx)\b/g)) {
    if (/x/i.test(m[2]!)) {
      const d = Number(m[1]) as ReplySeverityDigit;
      if (!otherClasses.includes(d)) otherClasses.push(d);
    } else if (!codes.includes(Number(m[0]))) codes.push(Number(m[0]));
  }
  rest = rest.replace(/\b[2-5](\d\d|XX|xx)\b/g, ' ');
  const paren = /\(([^)]*)\)/.exec(text);
  const leftover = rest.replace(/\([^)]*\)/g, ' ').replace(/[,/;]|\bor\b|\band\b/gi, ' ').trim();
  const note = paren ? paren[1]!.trim() : leftover !== '' ? text : undefined;
  return {
    raw: text,
    codes,
    otherClasses: otherClasses.sort(),
    any: false,
    given: codes.length > 0 || otherClasses.length > 0,
    ...(note ? { note } : {}),
  };
}

/**
 * The classes an entry can occur in (documented on `EnhancedStatusInfo.classes`):
 * from the reply codes' first digits when given; `[4, 5]` when not, or `[5]`
 * when the description says the code is only useful for permanent failures;
 * `[2, 4, 5]` for `Any`.
 */
export function classesOf(assoc: AssociatedReplyCodes, description: string): EnhancedClass[] {
  if (assoc.any) return [2, 4, 5];
  const set = new Set<EnhancedClass>();
  for (const c of assoc.codes) {
    const d = Math.floor(c / 100);
    if (d === 2 || d === 4 || d === 5) set.add(d);
  }
  for (const d of assoc.otherClasses) if (d === 2 || d === 4 || d === 5) set.add(d);
  if (set.size === 0) {
    if (/only useful for permanent failures/i.test(description)) set.add(5);
    else (set.add(4), set.add(5));
  }
  return [...set].sort();
}
