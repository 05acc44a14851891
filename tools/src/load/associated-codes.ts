/**
 * The registry's "Associated basic status code" column is free text. Seen so
 * far: `451, 550`, `Not given`, `Any`, `5XX`, `250 or 251`, `451/550`,
 * `450, 550 (other 4XX or 5XX codes are allowed)`, `.`, empty, and once (2017)
 * a whole sentence. Every form is kept: codes and patterns are read out and
 * whatever is left is a note.
 */
import type { AssociatedReplyCodes, ReplySeverityDigit } from '../../../packages/codes/src/types.js';

export function parseAssociatedCodes(raw: string): AssociatedReplyCodes {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || text === '.' || /^not given\.?$/i.test(text))
    return { raw: text, codes: [], otherClasses: [], any: false, given: false };
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
  const leftover = rest
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[,/;]|\bor\b|\band\b/gi, ' ')
    .trim();
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
