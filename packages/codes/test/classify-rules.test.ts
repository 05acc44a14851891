/**
 * Data-driven checks of the reviewed rules as classify() applies them: every
 * registry entry in every class, every override, every pattern substring,
 * the reason -> action table and the KumoMTA / Sisimai mappings; plus
 * property tests (never throws, consistent results) and huge inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actions, kumoBounceClasses, outcomes, reasons, sisimaiReasons, type Reason } from '../src/classify/vocabulary.js';
import { classify, type ClassifyInput } from '../src/classify/classify.js';
import { actionFor, reasonInfo, sisimaiEquivalents, toKumoBounceClass, toSisimaiReason } from '../src/classify/mappings.js';
import { compile } from '../src/classify/rules.js';
import { withClass } from '../src/enhanced-code.js';
import { classificationRules as rules } from '../src/generated/classification.js';
import { enhancedStatuses } from '../src/generated/enhanced-statuses.js';

const REASONS: ReadonlySet<string> = new Set(reasons);

describe('every registry entry in every class', () => {
  it('has a rule for each of the 81 entries, and nothing else', () => {
    expect(Object.keys(rules.enhanced).sort()).toEqual(enhancedStatuses.map((e) => e.code).sort());
  });

  const cases = enhancedStatuses.flatMap((e) =>
    ([2, 4, 5] as const).map((cls) => [withClass(e.code, cls), e.code, cls, e.classes.includes(cls)] as const),
  );
  it.each(cases)('%s', (code, registryCode, cls, listed) => {
    const rule = rules.enhanced[registryCode]!;
    if (listed) expect(rule[String(cls) as '2' | '4' | '5'], `${registryCode} must map class ${cls}`).toBeDefined();
    const c = classify({ enhanced: code });
    expect(REASONS.has(c.reason)).toBe(true);
    expect(c.enhanced).toBe(code);
    if (cls === 2) {
      expect(c).toMatchObject({ outcome: 'success', reason: 'success', action: 'none', retryable: false });
      return;
    }
    expect(c.outcome).toBe(cls === 4 ? 'transient' : 'permanent');
    expect(c.reason).not.toBe('success');
    // Without text the table decides: its own class, else the other failure class.
    const expected = (cls === 4 ? (rule['4'] ?? rule['5']) : (rule['5'] ?? rule['4']))!;
    if (expected !== 'other') expect(c).toMatchObject({ reason: expected, source: 'enhanced', matchedRule: registryCode });
    // With a matching reply code the answer is the same and there is no conflict.
    const withCode = classify({ code: cls * 100 + 50, enhanced: code });
    expect(withCode.reason).toBe(c.reason);
    expect(withCode.conflicts).toEqual([]);
  });
});

describe('overrides', () => {
  it.each(rules.overrides.map((o) => [o.id, o] as const))('%s', (_id, o) => {
    const [from, to = from] = o.code.split('-') as [string, string?];
    const text = o.contains?.[0] ?? 'x';
    for (const code of new Set([from, to])) {
      const c = classify({ enhanced: code, text });
      expect(c, code).toMatchObject({ reason: o.reason, source: 'enhanced', matchedRule: o.id });
    }
    if (o.contains) {
      // Without the text the override does not apply.
      expect(classify({ enhanced: from, text: 'x' }).matchedRule).not.toBe(o.id);
    }
  });
});

describe('text patterns', () => {
  // Every substring must reach its own pattern: the validator rejects
  // substrings that an earlier substring shadows; this also catches regexes.
  const cases = rules.patterns.flatMap((p) => (p.contains ?? []).map((s) => [p.id, s, p] as const));
  it.each(cases)('%s: "%s"', (id, s, p) => {
    const code = p.outcome === 'transient' ? 451 : 554;
    const c = classify({ code, text: `x ${s} y` });
    expect(c, JSON.stringify(c)).toMatchObject({ reason: p.reason, source: 'text', matchedRule: id });
  });

  it('matches every regex pattern on a sample and not on a near miss', () => {
    const samples: Record<string, [string, string]> = {
      'yahoo-no-account': ["this user doesn't have a yahoo.com account", "this user doesn't have an account"],
      'blocklist-listed-in': ['your ip is listed in zen', 'not listed in domino directory'],
      'blocklist-rbl': ['rejected by rbl', 'rejected by verbl'],
      'spf-dkim-words': ['spf check failed', 'id xspfq'],
      'mailbox-full-regex': ['user has exceeded their allotted quota', 'exceeded the limit'],
      'expired-attempts': ['delivery failed 20 attempts', 'delivery failed many attempts'],
      'server-busy-word': ['450 busy - please try later', 'business rules'],
    };
    const regexPatterns = rules.patterns.filter((p) => p.regex !== undefined);
    expect(Object.keys(samples).sort()).toEqual(regexPatterns.map((p) => p.id).sort());
    for (const p of regexPatterns) {
      const [hit, miss] = samples[p.id]!;
      expect(classify({ code: 554, text: hit }).matchedRule, `${p.id}: ${hit}`).toBe(p.id);
      expect(classify({ code: 554, text: miss }).matchedRule, `${p.id}: ${miss}`).not.toBe(p.id);
    }
  });

  it('builds the same matcher from a copy of the rules (no hidden state)', () => {
    const a = compile(rules);
    const b = compile(structuredClone(rules));
    const text = 'x user unknown, over quota, greylisted, listed at spamhaus';
    expect([...a.scan(text)]).toEqual([...b.scan(text)]);
    expect([...a.scan(text)].filter((x) => x === 1).length).toBeGreaterThanOrEqual(4);
  });
});

describe('reasons, actions and mappings', () => {
  it('describes every reason once', () => {
    expect(Object.keys(rules.reasons).sort()).toEqual([...reasons].sort());
    expect(reasons.length).toBeGreaterThanOrEqual(15);
    expect(reasons.length).toBeLessThanOrEqual(30);
  });

  it.each([...reasons])('%s', (reason: Reason) => {
    const info = reasonInfo(reason)!;
    expect(info.description.length).toBeGreaterThan(10);
    expect(actions).toContain(actionFor(reason, 'transient'));
    expect(actions).toContain(actionFor(reason, 'permanent'));
    expect(actionFor(reason, 'success')).toBe('none');
    const kumo = toKumoBounceClass(reason);
    if (reason === 'success') expect(kumo).toBeUndefined();
    else expect(kumoBounceClasses).toContain(kumo);
    expect(sisimaiReasons).toContain(toSisimaiReason(reason));
    for (const s of sisimaiEquivalents(reason)) expect(sisimaiReasons).toContain(s);
    expect(sisimaiEquivalents(reason)[0]).toBe(toSisimaiReason(reason));
  });

  it('maps the main reasons the way an operator expects', () => {
    const expected: [Reason, string, string, string, string][] = [
      ['unknown-recipient', 'retry', 'suppress', 'InvalidRecipient', 'userunknown'],
      ['mailbox-full', 'retry', 'review', 'QuotaIssues', 'mailboxfull'],
      ['greylisted', 'retry', 'retry', 'TransientFailure', 'blocked'],
      ['rate-limited', 'throttle', 'throttle', 'TransientFailure', 'ratelimited'],
      ['blocked', 'fix-sender', 'fix-sender', 'SpamBlock', 'blocked'],
      ['sender-authentication', 'fix-sender', 'fix-sender', 'AuthenticationFailed', 'authfailure'],
      ['bad-domain', 'retry', 'suppress', 'BadDomain', 'hostunknown'],
      ['network', 'retry', 'review', 'BadConnection', 'networkerror'],
      ['message-too-large', 'review', 'review', 'QuotaIssues', 'mesgtoobig'],
      ['relay-denied', 'fix-sender', 'fix-sender', 'RelayDenied', 'norelaying'],
    ];
    for (const [reason, transient, permanent, kumo, sisimai] of expected) {
      expect(
        [actionFor(reason, 'transient'), actionFor(reason, 'permanent'), toKumoBounceClass(reason), toSisimaiReason(reason)],
        reason,
      ).toEqual([transient, permanent, kumo, sisimai]);
    }
  });

  it('only suppresses on permanent failures', () => {
    for (const reason of reasons) expect(actionFor(reason, 'transient'), reason).not.toBe('suppress');
  });
});

describe('classify never throws and stays consistent', () => {
  const check = (input: unknown) => {
    // JavaScript callers may pass anything: the runtime checks stay.
    const c = classify(input as ClassifyInput);
    expect(outcomes).toContain(c.outcome);
    expect(REASONS.has(c.reason)).toBe(true);
    expect(actions).toContain(c.action);
    expect(typeof c.retryable).toBe('boolean');
    expect(Array.isArray(c.conflicts)).toBe(true);
    // Invariants of the action table.
    if (c.outcome === 'success' || c.outcome === 'intermediate') expect(c.action).toBe('none');
    else expect(c.action).not.toBe('none');
    if (c.action === 'suppress') expect(c.outcome).toBe('permanent');
    if (c.outcome === 'permanent' || c.outcome === 'success') expect(c.retryable).toBe(false);
    if ((c.reason === 'success') !== (c.outcome === 'success')) throw new Error(`success mismatch: ${JSON.stringify(c)}`);
  };

  it('on anything', () => {
    fc.assert(fc.property(fc.anything(), check), { numRuns: 2000 });
  });

  it('on reply-like strings', () => {
    const reply = fc.tuple(
      fc.integer({ min: 100, max: 699 }),
      fc.constantFrom(' ', '-', ''),
      fc.option(fc.tuple(fc.constantFrom(2, 4, 5, 3), fc.nat(1000), fc.nat(1000)).map(([a, b, c]) => `${a}.${b}.${c} `)),
      fc.string(),
    );
    fc.assert(
      fc.property(reply, ([code, sep, enh, text]) => check(`${code}${sep}${enh ?? ''}${text}`)),
      { numRuns: 2000 },
    );
  });

  it('on nodemailer-shaped objects', () => {
    const err = fc.record(
      {
        code: fc.oneof(
          fc.constantFrom('EENVELOPE', 'EMESSAGE', 'ECONNECTION', 'ETIMEDOUT', 'EDNS', 'EAUTH', 'ESOCKET', 'E'),
          fc.string(),
          fc.integer(),
        ),
        responseCode: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.string()),
        response: fc.string(),
        command: fc.oneof(fc.constantFrom('RCPT TO', 'MAIL FROM', 'DATA', 'CONN', 'AUTH PLAIN'), fc.string()),
        enhanced: fc.oneof(fc.string(), fc.constant('5.1.1'), fc.object()),
        text: fc.oneof(fc.string(), fc.array(fc.string())),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(err, check), { numRuns: 2000 });
  });

  it('on objects whose getters throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
      },
    );
    check(hostile);
    expect(classify(hostile)).toMatchObject({ outcome: 'unknown', reason: 'other' });
    const getter = Object.defineProperty({ code: 550 }, 'text', {
      get() {
        throw new Error('boom');
      },
    });
    check(getter);
  });

  it('on megabyte inputs (finishes; the speed is in bench/classify-bench.ts)', () => {
    const mb = 1 << 20;
    const inputs = [
      'a'.repeat(mb),
      `550 5.7.1 ${'x'.repeat(mb)}`,
      `550 ${'greylis'.repeat(mb / 7)}`,
      `550 ${'exceed '.repeat(mb / 7)}`,
      `550 ${"doesn't have a ".repeat(mb / 15)}`,
      `550 ${'@ '.repeat(mb / 2)}`,
      `550 5.1.1 ${'user unknow'.repeat(mb / 11)}`,
      `${'550-5.7.1 spam\r\n'.repeat(mb / 16)}550 5.7.1 end`,
    ];
    for (const s of inputs) check(s);
    check({ code: 550, text: Array.from({ length: 100_000 }, () => 'over quota') });
  });
});
