import { classify, enhancedStatuses, replyCodes } from '@mailstatus/codes';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/commands/explain.js';
import { InputError } from '../src/errors.js';

describe('explain: enhanced status codes', () => {
  it('5.7.26: the registry entry, its class and subject, and what to do', () => {
    const x = explain('5.7.26');
    expect(x).toMatchObject({
      kind: 'enhanced-code',
      enhanced: '5.7.26',
      registered: true,
      summary: 'Multiple authentication checks failed',
      outcome: 'permanent',
      reason: 'sender-authentication',
      action: 'fix-sender',
    });
    // Fields that do not apply are left out, never null (the library's convention).
    for (const key of ['code', 'text', 'replyCode', 'command']) expect(x).not.toHaveProperty(key);
    expect(JSON.stringify(x)).not.toContain('null');
    expect(x.enhancedCode?.classInfo?.summary).toBe('Permanent Failure');
    expect(x.enhancedCode?.subjectInfo?.summary).toMatch(/Security or Policy/);
    expect(x.references.map((r) => r.id)).toContain('RFC7372');
    expect(x.reasonDescription.length).toBeGreaterThan(0);
  });

  // Every registry row, in each class it occurs in: registered, described by the registry.
  const rows = enhancedStatuses.flatMap((e) => e.classes.map((c) => [`${c}${e.code.slice(1)}`, e] as const));
  it.each(rows)('%s is explained from its registry entry', (code, e) => {
    const x = explain(code);
    expect(x.registered).toBe(true);
    expect(x.enhanced).toBe(code);
    expect(x.description).toBe(e.description);
    expect(x.enhancedCode?.registryCode).toBe(e.code);
    expect(x.references.length).toBeGreaterThan(0);
    expect(x.outcome).toBe(classify({ enhanced: code }).outcome);
  });

  it('an unregistered but valid code (5.7.606) is explained by class and subject and marked', () => {
    const x = explain('5.7.606');
    expect(x.registered).toBe(false);
    expect(x.enhancedCode?.registered).toBe(false);
    expect(x.summary).toMatch(/Permanent Failure.*Security or Policy Status.*not registered/);
    expect(x.notes.join(' ')).toMatch(/not in the IANA registry/);
    expect(x.outcome).toBe('permanent');
  });

  it('notes a class the registry does not list for the entry', () => {
    expect(explain('2.1.1').notes.join(' ')).toMatch(/X\.1\.1 for class 4 and 5 only/);
  });
});

describe('explain: reply codes', () => {
  it.each(replyCodes.map((r) => [r.code, r] as const))('%i is explained from RFC 5321', (code, r) => {
    const x = explain(String(code));
    expect(x.kind).toBe('reply-code');
    expect(x.code).toBe(code);
    expect(x.registered).toBe(true);
    expect(x.description).toBe(r.text);
  });

  it('550 lists the registry entries registered with it', () => {
    const x = explain('550');
    expect(x.associatedEnhancedCodes).toContain('X.1.1');
    expect(x.associatedEnhancedCodes).toEqual(enhancedStatuses.filter((e) => e.replyCodes.codes.includes(550)).map((e) => e.code));
  });

  it('a valid but unlisted reply code (559) is explained by its digits', () => {
    const x = explain('559');
    expect(x.registered).toBe(false);
    expect(x.replyCode?.severityTitle).toMatch(/Permanent Negative/);
    expect(x.outcome).toBe('permanent');
  });
});

describe('explain: whole replies', () => {
  it('the acceptance reply', () => {
    const x = explain('550 5.1.1 <a@b>: Recipient address rejected: User unknown');
    expect(x).toMatchObject({
      kind: 'reply',
      code: 550,
      enhanced: '5.1.1',
      outcome: 'permanent',
      reason: 'unknown-recipient',
      action: 'suppress',
      text: '<a@b>: Recipient address rejected: User unknown',
    });
    expect(x.description).toMatch(/mailbox specified in the address does not exist/);
  });

  it('a multi-line reply (RFC 5321 section 4.2.1), CRLF or LF', () => {
    for (const eol of ['\r\n', '\n']) {
      const x = explain(`550-5.7.1 Blocked by policy${eol}550 5.7.1 See https://example.com/help${eol}`);
      expect(x.kind).toBe('reply');
      expect(x.code).toBe(550);
      expect(x.enhanced).toBe('5.7.1');
      expect(x.text).toBe('Blocked by policy\nSee https://example.com/help');
    }
  });

  it('reports a class conflict (550 4.2.2)', () => {
    const x = explain('550 4.2.2 Mailbox over quota');
    expect(x.conflicts).toHaveLength(1);
    expect(x.conflicts[0]!.kind).toBe('class-mismatch');
  });

  it('finds the reply inside a Postfix log line', () => {
    const x = explain(
      'postfix/smtp[1]: 4F3: to=<a@b>, status=bounced (host mx[192.0.2.1] said: 550 5.1.1 <a@b>: User unknown (in reply to RCPT TO command))',
    );
    expect(x).toMatchObject({ kind: 'reply', code: 550, enhanced: '5.1.1', reason: 'unknown-recipient', command: 'RCPT' });
  });

  it('agrees with classify on the outcome, reason and action', () => {
    for (const reply of ['451 4.7.1 Greylisted, try again later', '421 4.7.0 Try again later', '250 2.0.0 Ok: queued']) {
      const x = explain(reply);
      const c = classify(reply);
      expect([x.outcome, x.reason, x.action]).toEqual([c.outcome, c.reason, c.action]);
    }
  });
});

describe("explain: an enhanced code outside RFC 2034's place", () => {
  it("qmail's (#5.7.1) in the text gives the enhanced code, as classify finds it", () => {
    const input = "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)";
    const x = explain(input);
    expect(x).toMatchObject({ kind: 'reply', code: 553, enhanced: '5.7.1', outcome: 'permanent' });
    expect(x.enhanced).toBe(classify(input).enhanced);
    expect(x.enhancedCode?.registryCode).toBe('X.7.1');
  });

  it('a reply whose code breaks RFC 3463 is explained by its reply code, with a note naming the token', () => {
    const x = explain('550 5.01.1 User unknown');
    expect(x).toMatchObject({ kind: 'reply', code: 550, text: '5.01.1 User unknown' });
    expect(x).not.toHaveProperty('enhanced');
    expect(x.notes.join(' ')).toMatch(/"5\.01\.1" is not a valid enhanced status code/);
  });
});

describe('explain: not a code', () => {
  it.each(['9.9.9', '600', 'hello world', '5.01.1', '   ', 'User'])('%j is an InputError with a one-line hint', (input) => {
    let caught: unknown;
    try {
      explain(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toMatch(/give|nothing to explain/);
    expect((caught as Error).message).not.toContain('\n');
  });
});
