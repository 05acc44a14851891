/** describe(): every registry row and reply code, unregistered codes, garbage, and never throwing. */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { describe as describeCode, type EnhancedCodeDescription, type ReplyCodeDescription } from '../src/describe.js';
import { withClass } from '../src/enhanced-code.js';
import { EnhancedStatus } from '../src/generated/enhanced-status.js';
import { enhancedClasses, enhancedStatuses, enhancedSubjects } from '../src/generated/enhanced-statuses.js';
import { ReplyCode } from '../src/generated/reply-code.js';
import { replyCategories, replyCodes, replySeverities } from '../src/generated/reply-codes.js';

/** describe as JavaScript callers see it: any value in (the types say string | number). */
const describeAny = describeCode as (v: unknown) => ReturnType<typeof describeCode>;
const reply = (v: unknown) => describeAny(v) as ReplyCodeDescription | undefined;
const enhanced = (v: unknown) => describeAny(v) as EnhancedCodeDescription | undefined;

describe('describe: reply codes', () => {
  it('every generated reply code, as number and string, is registered with its RFC text', () => {
    for (const r of replyCodes) {
      const d = reply(r.code)!;
      expect(d, String(r.code)).toMatchObject({
        kind: 'reply',
        code: r.code,
        name: r.name,
        text: r.text,
        severity: r.severity,
        category: r.category,
        registered: true,
      });
      expect(d.references).toBe(r.references);
      expect(describeCode(String(r.code))).toBe(d);
      expect(ReplyCode[r.name as keyof typeof ReplyCode]).toBe(r.code);
    }
  });

  it('550 in detail', () => {
    expect(reply(550)).toMatchObject({
      name: 'MailboxUnavailable',
      severity: 'permanent-negative',
      category: 'mail-system',
      severityTitle: 'Permanent Negative Completion reply',
      categoryTitle: 'Mail system',
    });
    expect(reply(550)!.severityDescription).toBe(replySeverities.find((s) => s.digit === 5)!.description);
    expect(reply(550)!.categoryDescription).toBe(replyCategories.find((s) => s.digit === 5)!.description);
  });

  it('every valid unregistered code gives the digit meanings, registered: false', () => {
    const known = new Set(replyCodes.map((r) => r.code));
    let n = 0;
    for (let s = 2; s <= 5; s++)
      for (let c = 0; c <= 5; c++)
        for (let d = 0; d <= 9; d++) {
          const code = s * 100 + c * 10 + d;
          if (known.has(code)) continue;
          n++;
          const r = reply(code)!;
          expect(r, String(code)).toMatchObject({ kind: 'reply', code, name: undefined, text: undefined, registered: false });
          expect(r.severityTitle).toBe(replySeverities.find((x) => x.digit === s)!.title);
          expect(r.categoryTitle).toBe(replyCategories.find((x) => x.digit === c)!.title);
          expect(r.references[0]).toMatchObject({ rfc: 5321, section: '4.2.1' });
        }
    expect(n).toBe(240 - known.size);
    expect(reply(599)).toBeUndefined(); // second digit 9
    expect(reply(446)).toMatchObject({ severity: 'transient-negative', category: 'unspecified', registered: false });
    expect(reply(456)).toMatchObject({ severity: 'transient-negative', category: 'mail-system', registered: false });
  });

  it('trims whitespace', () => {
    expect(describeCode(' 550 ')).toBe(describeCode(550));
    expect(describeCode('\t550\n')).toBe(describeCode(550));
  });
});

describe('describe: enhanced codes', () => {
  it('every registry entry in every class, and its X form', () => {
    for (const e of enhancedStatuses) {
      const x = enhanced(e.code)!;
      expect(x, e.code).toMatchObject({
        kind: 'enhanced',
        code: e.code,
        registryCode: e.code,
        class: undefined,
        classInfo: undefined,
        name: e.name,
        registered: true,
        deprecated: e.deprecated,
      });
      expect(x.subjectInfo?.subject).toBe(e.subject);
      for (const cls of [2, 4, 5] as const) {
        const code = withClass(e.code, cls);
        const d = enhanced(code)!;
        expect(d, code).toMatchObject({
          kind: 'enhanced',
          code,
          registryCode: e.code,
          class: cls,
          subject: e.subject,
          detail: e.detail,
          name: e.name,
          sample: e.sample,
          description: e.description,
          registered: true,
          classListed: e.classes.includes(cls),
          replacedBy: e.replacedBy,
        });
        expect(d.classInfo).toBe(enhancedClasses.find((c) => c.class === cls));
        expect(d.subjectInfo).toBe(enhancedSubjects.find((s) => s.subject === e.subject));
        expect(d.replyCodes).toBe(e.replyCodes);
        expect(d.references).toBe(e.references);
        expect(describeCode(code)).toBe(d); // the same frozen object each time
        expect(Object.isFrozen(d)).toBe(true);
      }
    }
  });

  it('5.1.1 in detail', () => {
    expect(enhanced('5.1.1')).toMatchObject({
      name: 'BadDestinationMailboxAddress',
      sample: 'Bad destination mailbox address',
      classInfo: { summary: 'Permanent Failure' },
      subjectInfo: { summary: 'Addressing Status' },
      replyCodes: { codes: [451, 550] },
      classListed: true,
    });
    expect(enhanced('2.1.1')?.classListed).toBe(false);
    expect(enhanced(withClass(EnhancedStatus.MailboxFull, 4))?.sample).toBe('Mailbox full');
  });

  it('deprecated X.6.10 points at X.6.8', () => {
    expect(enhanced('5.6.10')).toMatchObject({ deprecated: true, replacedBy: 'X.6.8' });
  });

  it.each([
    ['5.7.606', 5, 7, 606],
    ['4.7.500', 4, 7, 500],
    ['5.1.100', 5, 1, 100],
    ['2.0.999', 2, 0, 999],
  ])('unregistered %s: class and subject meanings, registered: false', (code, cls, subject, detail) => {
    const d = enhanced(code)!;
    expect(d).toMatchObject({
      kind: 'enhanced',
      code,
      class: cls,
      subject,
      detail,
      registryCode: `X.${subject}.${detail}`,
      registered: false,
      name: undefined,
      sample: undefined,
      description: undefined,
      deprecated: false,
    });
    expect(d.classInfo?.class).toBe(cls);
    expect(d.subjectInfo?.subject).toBe(subject);
    expect(d.references).toBe(d.subjectInfo!.references);
  });

  it('unknown subject: class meaning only', () => {
    const d = enhanced('5.9.1')!;
    expect(d).toMatchObject({ class: 5, subject: 9, registered: false, subjectInfo: undefined });
    expect(d.classInfo?.summary).toBe('Permanent Failure');
    expect(enhanced('X.7.999')).toMatchObject({ class: undefined, registered: false, subjectInfo: { subject: 7 } });
    expect(describeCode('X.9.1')).toBeUndefined(); // nothing is known about it
  });

  it('trims whitespace and accepts x.', () => {
    expect(describeCode(' 5.1.1 ')).toBe(describeCode('5.1.1'));
    expect(describeCode('x.1.1')).toBe(describeCode('X.1.1'));
    expect(describeCode(' 5.7.606\n')).toMatchObject({ code: '5.7.606', registered: false });
  });
});

describe('describe: anything else is undefined, never a throw', () => {
  it.each([
    '9.9.9',
    '3.1.1',
    '5.01.1',
    '5.1.1000',
    'abc',
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '5.1',
    '5.1.1.1',
    '0550',
    '55',
    '5500',
    '650',
    '150',
    '560',
    '5 50',
    '550.0',
    '+550',
    '1e3',
    'X.01.1',
    'XX.1.1',
    'X',
    '5.1.1 x',
    'ｘ.1.1',
  ])('%j', (v) => {
    expect(describeCode(v)).toBeUndefined();
  });

  it.each([NaN, 1e3, 550.5, -550, Infinity, 0, 5.11, 199, 600])('number %d', (v) => {
    expect(describeCode(v)).toBeUndefined();
  });

  it('the types take a string or a number only (checked by tsc)', () => {
    // @ts-expect-error -- null is not a code
    expect(describeCode(null)).toBeUndefined();
    // @ts-expect-error -- an object is not a code
    expect(describeCode({ code: 550 })).toBeUndefined();
    // A number type-checks (reply codes are numbers); 42 is no reply code.
    expect(describeCode(42)).toBeUndefined();
    expectTypeOf(describeCode(550)).toEqualTypeOf<ReplyCodeDescription | undefined>();
  });

  it('non-primitive and other types', () => {
    for (const v of [
      undefined,
      null,
      {},
      [],
      [550],
      { code: 550 },
      new String('550'),
      new Number(550),
      Symbol('550'),
      550n,
      () => 550,
      true,
      new Date(),
    ]) {
      expect(describeAny(v)).toBeUndefined();
    }
  });

  it('never throws (fast-check anything and strings)', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
        (v) => void describeAny(v),
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => {
        const d = describeCode(v);
        if (d !== undefined) expect(['reply', 'enhanced']).toContain(d.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('slow-path results are remembered within a bound and stay right after they are forgotten', () => {
    // Same answers the first time (computed) and the second (remembered), and "not a code" stays undefined.
    const first = [describeCode('5.7.606'), describeCode(' 550 '), describeCode('5.9.1'), describeCode('abc')];
    expect(first[0]).toMatchObject({ code: '5.7.606', registered: false, subject: 7, detail: 606 });
    expect(first[1]).toBe(describeCode(550));
    expect(first[3]).toBeUndefined();
    expect([describeCode('5.7.606'), describeCode(' 550 '), describeCode('5.9.1'), describeCode('abc')]).toEqual(first);
    // Push them out of the memo (it holds 1024 inputs) with distinct unregistered codes and garbage.
    for (let i = 0; i < 3000; i++) {
      // 3000 distinct keys: 900 codes with 0 to 3 trailing spaces.
      expect(describeCode(`5.7.${100 + (i % 900)}${' '.repeat(Math.floor(i / 900))}`)).toMatchObject({ subject: 7, registered: false });
      expect(describeCode(`zz${i}`)).toBeUndefined();
    }
    expect(describeCode('5.7.606')).toEqual(first[0]);
    expect(describeCode(' 550 ')).toBe(describeCode(550));
    expect(describeCode('5.9.1')).toEqual(first[2]);
    expect(describeCode('abc')).toBeUndefined();
    // Registered entries were never forgotten: still the shared objects.
    for (const r of replyCodes) expect(describeCode(String(r.code))).toBe(describeCode(r.code));
    for (const e of enhancedStatuses) expect(describeCode(e.code)).toMatchObject({ code: e.code, registered: true });
    expect(describeCode('__proto__')).toBeUndefined();
  });

  it('long inputs are refused quickly', () => {
    expect(describeCode(' '.repeat(1 << 20) + '550')).toBeUndefined();
    expect(describeCode('5.'.repeat(1 << 19))).toBeUndefined();
  });
});
