import { enhancedStatuses, replyCodes } from '@mailstatus/codes';
import { describe, expect, it } from 'vitest';
import { list, type ListResult } from '../src/commands/list.js';

/** The registry rows of a result (fails the test for reply codes). */
function enhanced(r: ListResult) {
  if (r.kind !== 'enhanced') throw new Error('expected registry entries');
  return r.entries;
}

describe('list: registry entries', () => {
  it('returns every registry entry, unfiltered, as the table holds them', () => {
    const r = list({ replyCodes: false });
    expect(r.kind).toBe('enhanced');
    expect(r.filtered).toBe(false);
    expect(r.entries).toHaveLength(81);
    expect(r.entries).toEqual(enhancedStatuses);
  });

  it.each([2, 4, 5] as const)('--class %i keeps exactly the entries that occur in that class', (cls) => {
    const r = list({ replyCodes: false, class: cls });
    expect(r.entries.length).toBeGreaterThan(0);
    expect(r.entries).toEqual(enhancedStatuses.filter((e) => e.classes.includes(cls)));
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('--subject %i keeps that subject only', (subject) => {
    const r = list({ replyCodes: false, subject });
    expect(r.entries.length).toBeGreaterThan(0);
    for (const e of enhanced(r)) expect(e.code.startsWith(`X.${subject}.`)).toBe(true);
    expect(r.entries.length).toBe(enhancedStatuses.filter((e) => e.subject === subject).length);
  });

  it('finds nothing for a subject the registry does not have', () => {
    expect(list({ replyCodes: false, subject: 9 }).entries).toEqual([]);
  });

  it('searches code, name, sample and description, case-insensitively', () => {
    expect(list({ replyCodes: false, search: 'MAILBOX FULL' }).entries.map((e) => e.code)).toContain('X.2.2');
    expect(list({ replyCodes: false, search: 'BadDestinationMailboxAddress' }).entries.map((e) => e.code)).toEqual(['X.1.1', 'X.1.3']);
    expect(list({ replyCodes: false, search: 'x.7.26' }).entries.map((e) => e.code)).toEqual(['X.7.26']);
  });

  it('finds the registry entry for a concrete code such as 5.7.26', () => {
    expect(list({ replyCodes: false, search: '5.7.26' }).entries.map((e) => e.code)).toEqual(['X.7.26']);
  });

  it('combines filters', () => {
    const r = list({ replyCodes: false, class: 4, subject: 7, search: 'tls' });
    expect(r.filtered).toBe(true);
    for (const e of enhanced(r)) {
      expect(e.subject).toBe(7);
      expect(e.classes).toContain(4);
      expect(`${e.name} ${e.sample} ${e.description}`.toLowerCase()).toContain('tls');
    }
  });
});

describe('list: reply codes', () => {
  it('returns every reply code unfiltered', () => {
    const r = list({ replyCodes: true });
    expect(r.kind).toBe('reply-codes');
    expect(r.entries).toEqual(replyCodes);
  });
  it.each([2, 3, 4, 5] as const)('--class %i keeps the codes with that first digit', (cls) => {
    const r = list({ replyCodes: true, class: cls });
    expect(r.entries.length).toBeGreaterThan(0);
    for (const e of r.entries as typeof replyCodes) expect(Math.floor(e.code / 100)).toBe(cls);
  });
  it('searches the code and the text', () => {
    expect((list({ replyCodes: true, search: '550' }).entries as typeof replyCodes).map((e) => e.code)).toContain(550);
    expect(list({ replyCodes: true, search: 'no such reply exists here' }).entries).toEqual([]);
  });
});
