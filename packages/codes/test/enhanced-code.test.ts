/** RFC 3463 section 2 syntax helpers: valid and invalid codes, class helpers, and the constants against the generated grammar. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENHANCED_CLASSES,
  MAX_DETAIL_DIGITS,
  MAX_SUBJECT_DIGITS,
  isEnhancedCode,
  isRegistryCode,
  parseEnhancedCode,
  toRegistryCode,
  withClass,
} from '../src/enhanced-code.js';
import { EnhancedStatus } from '../src/generated/enhanced-status.js';
import { enhancedStatuses } from '../src/generated/enhanced-statuses.js';
import { enhancedStatusGrammar } from '../src/generated/registry-info.js';

describe('constants agree with the grammar read from RFC 3463', () => {
  it('classes and digit limits', () => {
    expect(ENHANCED_CLASSES).toEqual(enhancedStatusGrammar.classes);
    expect(MAX_SUBJECT_DIGITS).toBe(enhancedStatusGrammar.subjectDigits.max);
    expect(MAX_DETAIL_DIGITS).toBe(enhancedStatusGrammar.detailDigits.max);
    expect(enhancedStatusGrammar.subjectDigits.min).toBe(1);
    expect(enhancedStatusGrammar.detailDigits.min).toBe(1);
    // parseEnhancedCode rejects leading zeros: the grammar must say so too.
    expect(enhancedStatusGrammar.noLeadingZeros).toBe(true);
  });
});

describe('parseEnhancedCode', () => {
  it.each([
    ['5.1.1', 5, 1, 1],
    ['2.0.0', 2, 0, 0],
    ['5.0.0', 5, 0, 0],
    ['5.1.0', 5, 1, 0],
    ['4.7.500', 4, 7, 500],
    ['5.7.606', 5, 7, 606],
    ['5.1.10', 5, 1, 10],
    ['5.7.26', 5, 7, 26],
    ['5.999.999', 5, 999, 999],
    ['2.6.0', 2, 6, 0],
  ])('%s is valid', (s, cls, subject, detail) => {
    expect(parseEnhancedCode(s)).toEqual({ class: cls, subject, detail, code: s });
    expect(isEnhancedCode(s)).toBe(true);
  });

  it.each([
    ['5.01.1', 'leading zero in subject'],
    ['5.1.01', 'leading zero in detail'],
    ['5.00.0', 'two zeros'],
    ['3.1.1', 'class 3'],
    ['1.1.1', 'class 1'],
    ['6.1.1', 'class 6'],
    ['0.0.0', 'class 0'],
    ['5.1000.1', 'four-digit subject'],
    ['5.1.1000', 'four-digit detail'],
    ['5.1', 'two parts'],
    ['5.1.1.1', 'four parts'],
    ['5..1', 'empty subject'],
    ['5.1.', 'empty detail'],
    ['55.1.1', 'two-digit class'],
    [' 5.1.1', 'leading space'],
    ['5.1.1 ', 'trailing space'],
    ['X.1.1', 'registry code'],
    ['5.1.1a', 'trailing letter'],
    ['5-1-1', 'dashes'],
    ['５.1.1', 'full-width digit'],
    ['', 'empty'],
  ])('%s is invalid (%s)', (s) => {
    expect(parseEnhancedCode(s)).toBeUndefined();
    expect(isEnhancedCode(s)).toBe(false);
  });

  it('non-strings are not codes', () => {
    for (const v of [511, null, undefined, {}, ['5.1.1'], { toString: () => '5.1.1' }, Symbol('5.1.1'), 5n]) {
      expect(parseEnhancedCode(v)).toBeUndefined();
      expect(isEnhancedCode(v)).toBe(false);
    }
  });

  it('agrees with a reference regular expression on generated strings', () => {
    const ref = /^[245]\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;
    const part = fc.stringMatching(/^[0-9]{0,4}$/);
    fc.assert(
      fc.property(fc.constantFrom('2', '3', '4', '5', '9', '', '25'), part, part, fc.constantFrom('', '.', '.1', 'x'), (c, s, d, tail) => {
        const code = `${c}.${s}.${d}${tail}`;
        expect(isEnhancedCode(code)).toBe(ref.test(code));
      }),
    );
  });
});

describe('withClass and toRegistryCode', () => {
  it('puts a class on a registry code and takes it off again', () => {
    expect(withClass('X.1.1', 5)).toBe('5.1.1');
    expect(withClass(EnhancedStatus.MailboxFull, 4)).toBe('4.2.2');
    expect(withClass('4.2.2', 5)).toBe('5.2.2');
    expect(toRegistryCode('5.1.1')).toBe('X.1.1');
    expect(toRegistryCode('X.7.26')).toBe('X.7.26');
  });

  it('round-trips every registry entry in every class', () => {
    for (const e of enhancedStatuses) {
      expect(isRegistryCode(e.code), e.code).toBe(true);
      for (const cls of [2, 4, 5] as const) {
        const code = withClass(e.code, cls);
        expect(parseEnhancedCode(code)).toEqual({ class: cls, subject: e.subject, detail: e.detail, code });
        expect(toRegistryCode(code)).toBe(e.code);
      }
    }
  });

  it('throws RangeError on bad input, naming it', () => {
    expect(() => withClass('X.01.1', 5)).toThrow(RangeError);
    expect(() => withClass('X.1.1', 3 as 5)).toThrow(/class must be 2, 4 or 5/);
    expect(() => withClass('Y.1.1', 5)).toThrow(/"Y.1.1"/);
    expect(() => toRegistryCode('5.01.1')).toThrow(RangeError);
    expect(() => toRegistryCode(42 as unknown as string)).toThrow(/number/);
  });

  it('isRegistryCode', () => {
    expect(isRegistryCode('X.0.0')).toBe(true);
    expect(isRegistryCode('X.7.606')).toBe(true);
    for (const v of ['x.1.1', 'X.01.1', 'X.1', '5.1.1', 'XX.1.1', 'X.1.1.1', 7]) expect(isRegistryCode(v), String(v)).toBe(false);
  });
});
